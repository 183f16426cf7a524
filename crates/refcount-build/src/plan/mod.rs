//! The generated code decided: every class, constructor and method of a
//! [`Wrapper`] with the names, types and calls that each generated file writes.
//! Everything the generator refuses is refused here, before a file is written.

mod class;
mod params;
mod samples;

use std::collections::BTreeMap;

pub use params::{Keep, ParamPlan, ReturnKind, ReturnPlan};

use crate::model::{Constructor, Method, Param, Wrapper, CLASS_FORM};
use crate::naming::{join, rust_name, Scope, TAKEN_METHODS};
use crate::Refusal;

/// The generated code of a wrapper, decided.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The crate's name as Rust writes it (`my_wrapper`).
    pub crate_name: String,
    /// The C++ namespace of the bridge's shims (`my_wrapper_bridge`).
    pub bridge_namespace: String,
    /// The C++ namespace of the classes.
    pub namespace: String,
    /// The headers the shims include.
    pub headers: Vec<String>,
    /// The classes.
    pub classes: Vec<ClassPlan>,
}

/// A class, decided.
#[derive(Debug, Clone)]
pub struct ClassPlan {
    /// The C++ name.
    pub cpp: String,
    /// `::namespace::name`.
    pub qualified: String,
    /// The Rust type's name.
    pub rust: String,
    /// The C++ name in snake_case.
    pub snake: String,
    /// A variable's name for one (`dog_owner`).
    pub var: String,
    /// `intrusive`, `unique` or `counted`.
    pub kind: &'static str,
    /// The `refcount` handle: `Shared`, `Owned` or `Counted`.
    pub handle: &'static str,
    /// The statement that adds a reference to `p`, for a class that counts itself.
    pub add_ref: Option<String>,
    /// The statement that releases `p`.
    pub release: String,
    /// The bridge's add-reference function.
    pub add_ref_shim: Option<String>,
    /// The bridge's release function.
    pub release_shim: String,
    /// A new object comes with its first reference (else the handle adds it).
    pub adopt: bool,
    /// Declared `Send`.
    pub send: bool,
    /// Declared `Sync`.
    pub sync: bool,
    /// Its doc, one line (empty if none).
    pub doc: String,
    /// Its type tag (`namespace::name`).
    pub type_id: String,
    /// The ownership, in words.
    pub ownership: &'static str,
    /// The fields that keep alive what the constructors were given.
    pub kept: Vec<Keep>,
    /// The constructors.
    pub ctors: Vec<CtorPlan>,
    /// The methods.
    pub methods: Vec<MethodPlan>,
    /// What makes one for a test (`Dog::new()?`), if a constructor can.
    pub make: Option<String>,
    /// A method hands over an object of it (`from_adopted` is needed).
    pub from_adopted: bool,
    /// A method lends an object of it (`from_retained` is needed).
    pub from_retained: bool,
}

/// A constructor, decided.
#[derive(Debug, Clone)]
pub struct CtorPlan {
    /// The Rust name.
    pub name: String,
    /// The bridge function.
    pub shim: String,
    /// The parameters.
    pub params: Vec<ParamPlan>,
    /// The bridge function takes raw pointers.
    pub unsafe_bridge: bool,
    /// The C++ parameter types, as answered.
    pub cpp_params: String,
}

/// A method, decided.
#[derive(Debug, Clone)]
pub struct MethodPlan {
    /// The C++ name.
    pub cpp: String,
    /// The Rust name.
    pub rust: String,
    /// The bridge function.
    pub shim: String,
    /// A `const` member.
    pub is_const: bool,
    /// A `static` member.
    pub is_static: bool,
    /// The parameters.
    pub params: Vec<ParamPlan>,
    /// What it returns.
    pub ret: ReturnPlan,
    /// It may throw: an exception becomes `Err`.
    pub throws: bool,
    /// Its shim catches (it is not `noexcept`): an exception the method is not
    /// answered to throw becomes a Rust panic with the exception's type and message.
    pub catches: bool,
    /// Its doc, one line (empty if none).
    pub doc: String,
    /// The bridge function takes raw pointers.
    pub unsafe_bridge: bool,
    /// The safe method returns a `Result`.
    pub result: bool,
    /// The call a test makes (const and static methods that take no argument).
    pub sample_call: Option<String>,
}

impl Plan {
    /// Decides the generated code of `wrapper` for the crate `crate_name`.
    pub fn new(wrapper: &Wrapper, crate_name: &str) -> Result<Plan, Refusal> {
        let ns = &wrapper.namespace;
        if wrapper.classes.is_empty() {
            return Err(Refusal::new("classes (classes)", "", CLASS_FORM));
        }
        let mut classes: Vec<ClassPlan> = Vec::new();
        for class in &wrapper.classes {
            let plan = class::class_plan(class, ns)?;
            let what = format!("class `{}` (classes)", class.cpp);
            if classes.iter().any(|k| k.cpp == plan.cpp) {
                return Err(Refusal::new(
                    what,
                    class.code(),
                    "the class is answered twice: give each class once, with all its options",
                ));
            }
            if let Some(other) = classes.iter().find(|k| k.snake == plan.snake) {
                return Err(Refusal::new(
                    what,
                    class.code(),
                    format!(
                        "its functions and fields would be named as `{}`'s (both are `{}_...`): \
                         wrap one of them by hand",
                        other.cpp, plan.snake
                    ),
                ));
            }
            if let Some(other) = classes.iter().find(|k| k.rust == plan.rust) {
                return Err(Refusal::new(
                    what,
                    class.code(),
                    format!(
                        "its Rust name `{}` is taken by `{}`: rename one with `as`",
                        plan.rust, other.cpp
                    ),
                ));
            }
            classes.push(plan);
        }
        let crate_name = crate_name.replace('-', "_");
        // Every bridge function has a name of its own: the counts' first, then the
        // constructors', then the methods'.
        let mut shims = Scope::default();
        for c in &mut classes {
            if c.add_ref.is_some() {
                c.add_ref_shim = Some(shims.unique(&join(&[&c.snake, "add_ref"])));
            }
            c.release_shim = shims.unique(&join(&[&c.snake, "release"]));
        }
        for (i, class) in wrapper.classes.iter().enumerate() {
            // A constructor with defaults gets a short form too, as methods do.
            let forms: Vec<Constructor> = class
                .constructors
                .iter()
                .flat_map(|k| match short_form(&k.params) {
                    None => vec![k.clone()],
                    Some((params, first)) => vec![
                        Constructor {
                            name: k.name.clone(),
                            params,
                        },
                        Constructor {
                            name: join(&[&k.name, "with", &first]),
                            params: k.params.clone(),
                        },
                    ],
                })
                .collect();
            let ctors = forms
                .iter()
                .map(|k| {
                    let params = params::params(
                        &k.params,
                        &classes,
                        ns,
                        true,
                        Scope::with(&["handle", "raw"]),
                    )
                    .map_err(|why| {
                        Refusal::new(
                            format!("constructor `{}.{}` (classes)", class.cpp, k.name),
                            format!("{}({})", k.name, crate::model::show(&k.params)),
                            why,
                        )
                    })?;
                    Ok(CtorPlan {
                        shim: shims.unique(&join(&[&classes[i].snake, &k.name])),
                        unsafe_bridge: params.iter().any(|p| p.raw),
                        cpp_params: crate::model::show(&k.params),
                        name: k.name.clone(),
                        params,
                    })
                })
                .collect::<Result<Vec<_>, Refusal>>()?;
            let mut kept: Vec<Keep> = Vec::new();
            for p in ctors.iter().flat_map(|k| &k.params) {
                if let Some(keep) = &p.keep {
                    if !kept.iter().any(|f| f.field == keep.field) {
                        kept.push(keep.clone());
                    }
                }
            }
            classes[i].ctors = ctors;
            classes[i].kept = kept;
        }
        let mut names: BTreeMap<String, Scope> = BTreeMap::new();
        for method in &wrapper.methods {
            let mut plans = Vec::new();
            let mut plan =
                |m: &Method, forced| method_plan(m, forced, &classes, ns, &mut names, &mut shims);
            // A member with defaults gets a short form without them, under its own
            // name, and the whole one, `NAME_with_FIRST`.
            match short_form(&method.params) {
                None => plans.push(plan(method, None)?),
                Some((params, first)) => {
                    let left_out = &method.params[params.len()..];
                    let short = Method {
                        params,
                        ..method.clone()
                    };
                    let mut short = plan(&short, None)?;
                    short.doc = with_defaults(&short.doc, left_out);
                    let with = join(&[&short.rust, "with", &first]);
                    plans.push(short);
                    plans.push(plan(method, Some(with))?);
                }
            }
            let class = classes
                .iter_mut()
                .find(|c| c.cpp == method.class)
                .expect("checked by method_plan");
            class.methods.extend(plans);
        }
        samples::mark_wrapping(&mut classes);
        samples::samples(&mut classes);
        Ok(Plan {
            bridge_namespace: format!("{crate_name}_bridge"),
            crate_name,
            namespace: ns.clone(),
            headers: wrapper.headers.clone(),
            classes,
        })
    }

    /// Whether `method` can be bound beside what `wrapper` binds already: `Err` says
    /// why not, as a refusal of the method would.
    pub fn check_method(wrapper: &Wrapper, method: &Method) -> Result<(), Refusal> {
        let mut with = wrapper.clone();
        with.methods.push(method.clone());
        Plan::new(&with, "check").map(drop)
    }

    /// The class of C++ name `cpp`.
    pub fn class(&self, cpp: &str) -> Option<&ClassPlan> {
        self.classes.iter().find(|c| c.cpp == cpp)
    }
}

/// The parameters without their defaults, and the Rust name of the first left out,
/// if any has a default.
fn short_form(params: &[Param]) -> Option<(Vec<Param>, String)> {
    let first = params.iter().position(|p| p.default.is_some())?;
    let name = match &params[first].name {
        Some(name) => rust_name(name, &[]),
        None => format!("arg{first}"),
    };
    Some((params[..first].to_vec(), name))
}

/// A short form's doc: what the parameters left out take.
fn with_defaults(doc: &str, left_out: &[Param]) -> String {
    let defaults: Vec<String> = left_out
        .iter()
        .map(|p| {
            let default = p.default.as_deref().unwrap_or_default();
            match &p.name {
                Some(name) => format!("`{name} = {default}`"),
                None => format!("`{default}`"),
            }
        })
        .collect();
    let with = format!("With the defaults {}.", defaults.join(", "));
    if doc.is_empty() {
        with
    } else {
        format!("{doc} {with}")
    }
}

fn method_plan(
    m: &Method,
    forced: Option<String>,
    classes: &[ClassPlan],
    ns: &str,
    names: &mut BTreeMap<String, Scope>,
    shims: &mut Scope,
) -> Result<MethodPlan, Refusal> {
    let code = m.code();
    let Some(c) = classes.iter().find(|c| c.cpp == m.class) else {
        return Err(Refusal::new(
            "method (methods)",
            code,
            format!("`{}` is not one of the classes answered", m.class),
        ));
    };
    let what = format!("method `{}.{}` (methods)", m.class, m.cpp);
    let refuse = |why: String| Refusal::new(what.as_str(), code.as_str(), why);
    let params =
        params::params(&m.params, classes, ns, false, Scope::with(&["this_"])).map_err(refuse)?;
    let mut ret = params::returns(&m.returns, classes, ns)
        .map_err(|why| refuse(format!("its return type `{}` is {why}", m.returns.ty)))?;
    // Out-parameters are returned after the value, as a tuple.
    let mut returned: Vec<String> = Vec::new();
    if ret.kind != ReturnKind::Void {
        returned.push(ret.rust.clone());
    }
    returned.extend(params.iter().filter(|p| p.out).map(|p| p.rust.clone()));
    ret.rust = match returned.len() {
        0 => "()".to_owned(),
        1 => returned.remove(0),
        _ => format!("({})", returned.join(", ")),
    };
    if let ReturnKind::Object { cpp_class, .. } = &ret.kind {
        let returned = classes
            .iter()
            .find(|k| &k.cpp == cpp_class)
            .expect("a class");
        if !returned.kept.is_empty() {
            return Err(refuse(format!(
                "it returns a `{cpp_class}`, whose wrapper keeps alive what its constructor was \
                 given: one made from a returned pointer could not (bind it by hand)"
            )));
        }
    }
    // The Rust name: answered, or the C++ one; an overload gets its parameters' names,
    // and a number if another overload has the same names.
    let scope = names.entry(m.class.clone()).or_insert_with(|| {
        let mut scope = Scope::with(TAKEN_METHODS);
        for k in &c.ctors {
            scope.take(&k.name);
        }
        scope
    });
    let rust = match &m.rust {
        _ if forced.is_some() => scope.unique(&forced.expect("some")),
        Some(rust) if TAKEN_METHODS.contains(&rust.as_str()) => {
            return Err(refuse(format!(
                "the Rust name `{rust}` is one the generated type defines itself: choose another"
            )))
        }
        Some(rust) if !scope.take(rust) => {
            return Err(refuse(format!(
                "the Rust name `{rust}` is used twice in `{}`",
                m.class
            )))
        }
        Some(rust) => rust.clone(),
        None => {
            let first = rust_name(&m.cpp, TAKEN_METHODS);
            if scope.take(&first) {
                first
            } else {
                let mut parts = vec![m.cpp.as_str()];
                parts.extend(params.iter().map(|p| p.name.as_str()));
                scope.unique(&rust_name(&join(&parts), TAKEN_METHODS))
            }
        }
    };
    let shim = shims.unique(&join(&[&c.snake, &rust]));
    let unsafe_bridge = (!m.is_const && !m.is_static) || params.iter().any(|p| p.raw);
    let leased = params.iter().any(|p| p.prep.is_some()) || (c.kind == "counted" && !m.is_static);
    Ok(MethodPlan {
        cpp: m.cpp.clone(),
        rust,
        shim,
        is_const: m.is_const,
        is_static: m.is_static,
        params,
        ret,
        throws: m.throws,
        catches: !m.noexcept,
        doc: m.doc.clone(),
        unsafe_bridge,
        result: m.throws || leased,
        sample_call: None,
    })
}

//! The generated code decided: every class, constructor and method of a
//! [`Wrapper`] with the names, types and calls that each generated file writes.
//! Everything the generator refuses is refused here, before a file is written.

mod class;
mod enums;
mod params;
mod samples;

use std::collections::BTreeMap;

pub use enums::EnumPlan;
pub use params::{Keep, ParamPlan, ReturnKind, ReturnPlan, Types};

use crate::model::{without_defaults, Constructor, Method, Param, Wrapper, CLASS_FORM};
use crate::naming::{join, member_word, rust_name, Scope, TAKEN_METHODS};
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
    /// The enums.
    pub enums: Vec<EnumPlan>,
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
    /// `intrusive`, `unique`, `counted` or `view`.
    pub kind: &'static str,
    /// The borrowed type (`ValueRef`, or a view class's own name): `&` of it calls
    /// the const members, `&mut` of it all of them. Unique and view classes only.
    pub view: Option<String>,
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
    /// A method lends a view of it (`from_ptr` is needed).
    pub lent: bool,
    /// A method lends a mutable view of it (`from_mut_ptr` is needed).
    pub lent_mut: bool,
    /// A method returns a `std::shared_ptr` of it (`NAMEShared` is needed).
    pub shared_ptr: bool,
    /// Its bases among the classes: a view of it converts to a view of each.
    pub bases: Vec<BasePlan>,
}

impl ClassPlan {
    /// The Rust types it defines: its own, and its view type.
    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.rust.as_str()).chain(self.view.as_deref())
    }

    /// The type that holds one of its objects through a `std::shared_ptr`
    /// (`CanvasShared`), when a method returns one.
    pub fn shared_type(&self) -> Option<String> {
        self.shared_ptr.then(|| shared_type(&self.rust))
    }
}

/// The name of the type that holds an object of Rust type `rust` through a
/// `std::shared_ptr`.
pub(crate) fn shared_type(rust: &str) -> String {
    format!("{rust}Shared")
}

/// A tuple of `parts` as Rust writes it: `()` for none, the one alone, `(a, b)`.
pub(crate) fn tuple(mut parts: Vec<String>) -> String {
    match parts.len() {
        0 => "()".to_owned(),
        1 => parts.remove(0),
        _ => format!("({})", parts.join(", ")),
    }
}

/// A base a view converts to.
#[derive(Debug, Clone)]
pub struct BasePlan {
    /// The base's C++ name.
    pub cpp: String,
    /// The base's view type.
    pub view: String,
    /// The base's C++ name, qualified.
    pub qualified: String,
    /// The bridge function that converts a pointer (C++ adjusts it).
    pub shim: String,
    /// The Rust method (`as_node`; `as_node_mut` for the mutable view).
    pub method: String,
    /// The base's type in the bridge.
    pub ffi: String,
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
    /// A `static` member, or a free function.
    pub is_static: bool,
    /// A free function of the namespace (`NAMESPACE::NAME`), not a member.
    pub free: bool,
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
            let clash = classes.iter().find(|k| {
                k.type_names()
                    .any(|name| plan.type_names().any(|mine| mine == name))
            });
            if let Some(other) = clash {
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
        let mut enums: Vec<EnumPlan> = Vec::new();
        for e in &wrapper.enums {
            let plan = enums::enum_plan(e, ns)?;
            let what = format!("enum `{}` (enums)", e.cpp);
            if enums.iter().any(|k| k.cpp == plan.cpp) {
                return Err(Refusal::new(what, e.code(), "the enum is answered twice"));
            }
            let taken = classes
                .iter()
                .flat_map(ClassPlan::type_names)
                .chain(enums.iter().map(|k| k.rust.as_str()))
                .any(|rust| rust == plan.rust);
            if taken {
                return Err(Refusal::new(
                    what,
                    e.code(),
                    format!(
                        "its Rust name `{}` is taken: rename one with `as`",
                        plan.rust
                    ),
                ));
            }
            enums.push(plan);
        }
        for (i, string) in wrapper.strings.iter().enumerate() {
            let what = format!("string class `{}` (strings)", string.cpp);
            let twice = wrapper.strings[..i].iter().any(|s| s.cpp == string.cpp);
            let class = classes.iter().any(|c| c.cpp == string.cpp);
            if twice || class {
                let why = if twice {
                    "the string class is answered twice"
                } else {
                    "it is answered as a class too: it is one or the other"
                };
                return Err(Refusal::new(what, string.code(), why));
            }
        }
        let crate_name = crate_name.replace('-', "_");
        // Every bridge function has a name of its own, apart from the enums' aliases
        // in the same namespace (pugixml's `xml_node::type()` and its enum
        // `xml_node_type`): the counts' first, then the constructors', then the
        // methods'.
        let mut shims = Scope::default();
        for e in &enums {
            shims.take(&e.alias);
        }
        for c in &mut classes {
            if c.add_ref.is_some() {
                c.add_ref_shim = Some(shims.unique(&join(&[&c.snake, "add_ref"])));
            }
            if c.kind != "view" {
                c.release_shim = shims.unique(&join(&[&c.snake, "release"]));
            }
        }
        // A view converts to its bases' views, through C++'s own conversion (a base
        // may not start where the object does).
        for (i, class) in wrapper.classes.iter().enumerate() {
            for base in &class.bases {
                let what = format!("class `{}` (classes)", class.cpp);
                let Some(b) = classes.iter().find(|c| &c.cpp == base) else {
                    return Err(Refusal::new(
                        what,
                        class.code(),
                        format!("its base `{base}` is not one of the classes answered"),
                    ));
                };
                let (Some(view), Some(_)) = (b.view.clone(), &classes[i].view) else {
                    return Err(Refusal::new(
                        what,
                        class.code(),
                        "a base converts views: both classes are unique or view",
                    ));
                };
                let plan = BasePlan {
                    cpp: b.cpp.clone(),
                    qualified: b.qualified.clone(),
                    shim: shims.unique(&join(&[&classes[i].snake, "as", &b.snake])),
                    method: rust_name(&join(&["as", &b.snake]), TAKEN_METHODS),
                    ffi: b.rust.clone(),
                    view,
                };
                classes[i].bases.push(plan);
            }
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
                    let types = Types::of(&classes, &enums, wrapper);
                    let params =
                        params::params(&k.params, &types, true, Scope::with(&["handle", "raw"]))
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
        // The non-const twin of a const member (same name, same parameters) is the const
        // one's name and `_mut`, as Rust names such pairs: planned after it, whatever
        // their order.
        let const_twin = |method: &Method| {
            wrapper.methods.iter().position(|other| {
                other.is_const
                    && !method.is_const
                    && other.class == method.class
                    && other.cpp == method.cpp
                    && other.signature() == method.signature()
            })
        };
        let mut order: Vec<usize> = (0..wrapper.methods.len()).collect();
        order.sort_by_key(|&i| match const_twin(&wrapper.methods[i]) {
            Some(twin) => (twin, 1),
            None => (i, 0),
        });
        let mut named: BTreeMap<usize, String> = BTreeMap::new();
        for i in order {
            let method = &wrapper.methods[i];
            let mut plans = Vec::new();
            let forced_twin = const_twin(method).map(|twin| {
                let base = named
                    .get(&twin)
                    .cloned()
                    .unwrap_or_else(|| rust_name(member_word(&method.cpp), TAKEN_METHODS));
                join(&[&base, "mut"])
            });
            let mut plan = |m: &Method, forced| {
                let types = Types::of(&classes, &enums, wrapper);
                method_plan(m, forced, &types, &mut names, &mut shims)
            };
            // A member with defaults gets a short form without them, under its own
            // name, and the whole one, `NAME_with_FIRST`.
            match short_form(&method.params) {
                None => plans.push(plan(method, forced_twin)?),
                Some((params, first)) => {
                    let left_out = &method.params[params.len()..];
                    let short = Method {
                        params,
                        ..method.clone()
                    };
                    let mut short = plan(&short, forced_twin)?;
                    short.doc = with_defaults(&short.doc, left_out);
                    let with = join(&[&short.rust, "with", &first]);
                    plans.push(short);
                    plans.push(plan(method, Some(with))?);
                }
            }
            named.insert(i, plans[0].rust.clone());
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
            enums,
        })
    }

    /// Whether `method` can be bound beside what `wrapper` binds already: `Err` says
    /// why not, as a refusal of the method would.
    pub fn check_method(wrapper: &Wrapper, method: &Method) -> Result<(), Refusal> {
        if wrapper.language == crate::model::Language::C {
            // A C wrapper plans in one pass: the method beside the others.
            let mut with = wrapper.clone();
            with.methods.push(method.clone());
            return crate::c::plan::Plan::new(&with, "check").map(drop);
        }
        Plan::check_method_with(wrapper, method, &[])
    }

    /// [`Plan::check_method`], with `enums` added to the wrapper's (those the method
    /// names that the wrapper lacks).
    pub fn check_method_with(
        wrapper: &Wrapper,
        method: &Method,
        enums: &[crate::model::Enum],
    ) -> Result<(), Refusal> {
        // Whether a method binds depends on the classes and enums, not on the other
        // methods (whose names only make its own unique): planned alone, a check
        // costs the same with 500 methods bound as with none.
        let mut seeds: Vec<&str> = vec![method.class.as_str()];
        let types = method
            .params
            .iter()
            .map(|p| &p.ty)
            .chain(std::iter::once(&method.returns.ty));
        for ty in types {
            ty.names(&mut seeds);
        }
        let mut with = alone(wrapper, seeds);
        with.methods = vec![method.clone()];
        with.enums.extend(enums.iter().cloned());
        Plan::new(&with, "check").map(drop)
    }

    /// Whether class `cpp` of `wrapper`, with its constructors, can be planned,
    /// planned without the classes it does not name.
    pub fn check_class(wrapper: &Wrapper, cpp: &str) -> Result<(), Refusal> {
        Plan::new(&alone(wrapper, vec![cpp]), "check").map(drop)
    }

    /// The class of C++ name `cpp`.
    pub fn class(&self, cpp: &str) -> Option<&ClassPlan> {
        self.classes.iter().find(|c| c.cpp == cpp)
    }
}

/// The parameters without their defaults, and the Rust name of the first left out,
/// if any has a default.
fn short_form(params: &[Param]) -> Option<(Vec<Param>, String)> {
    let short = without_defaults(params)?;
    let first = short.len();
    let name = match &params[first].name {
        Some(name) => rust_name(name, &[]),
        None => format!("arg{first}"),
    };
    Some((short.to_vec(), name))
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
    types: &Types,
    names: &mut BTreeMap<String, Scope>,
    shims: &mut Scope,
) -> Result<MethodPlan, Refusal> {
    let code = m.code();
    let classes = types.classes;
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
        params::params(&m.params, types, false, Scope::with(&["this_"])).map_err(refuse)?;
    // A new object that a member of another makes may point into it (a document's
    // page), unless it is a copy.
    let maker = !m.is_static && !crate::naming::names_a_copy(&m.cpp);
    let mut ret = params::returns(&m.returns, m.is_const, maker, types)
        .map_err(|why| refuse(format!("its return type `{}` is {why}", m.returns.ty)))?;
    // Out-parameters are returned after the value, as a tuple.
    let mut returned: Vec<String> = Vec::new();
    if ret.kind != ReturnKind::Void {
        returned.push(ret.rust.clone());
    }
    returned.extend(params.iter().filter(|p| p.out).map(|p| p.rust.clone()));
    ret.rust = tuple(returned);
    let lends = matches!(ret.kind, ReturnKind::View { .. });
    if lends && (m.is_static || !matches!(c.kind, "unique" | "view")) {
        return Err(refuse(format!(
            "it lends an object that something else owns, and a view of it can be tied only to \
             a borrow of a uniquely owned object or of a view (`{}` is {}{})",
            c.cpp,
            c.kind,
            if m.is_static {
                ", and the method is static"
            } else {
                ""
            }
        )));
    }
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
    let rust = match (&m.rust, forced) {
        (_, Some(forced)) => scope.unique(&forced),
        (Some(rust), None) if TAKEN_METHODS.contains(&rust.as_str()) => {
            return Err(refuse(format!(
                "the Rust name `{rust}` is one the generated type defines itself: choose another"
            )))
        }
        (Some(rust), None) if !scope.take(rust) => {
            return Err(refuse(format!(
                "the Rust name `{rust}` is used twice in `{}`",
                m.class
            )))
        }
        (Some(rust), None) => rust.clone(),
        (None, None) => {
            let first = rust_name(member_word(&m.cpp), TAKEN_METHODS);
            let mut parts = vec![member_word(&m.cpp)];
            parts.extend(params.iter().map(|p| p.name.as_str()));
            // Overloads whose parameters share their names are told apart by their
            // types (`set_attribute_str_f64`).
            let types: Vec<String> = params
                .iter()
                .filter(|p| !p.out)
                .map(|p| p.rust.replace(['&', ':', '<', '>', '(', ')', ','], " "))
                .map(|t| {
                    t.split_whitespace()
                        .filter(|w| *w != "mut")
                        .collect::<Vec<_>>()
                        .join("_")
                })
                .collect();
            let mut typed = vec![member_word(&m.cpp)];
            typed.extend(types.iter().map(String::as_str));
            let by_names = rust_name(&join(&parts), TAKEN_METHODS);
            let by_types = rust_name(&join(&typed), TAKEN_METHODS);
            if scope.take(&first) {
                first
            } else if scope.take(&by_names) {
                by_names
            } else {
                scope.unique(&by_types)
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
        free: m.free,
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

/// `wrapper` without its methods, and with only the classes and enums `named`
/// names and those their constructors take (their bases only convert views, which no single
/// member needs): a check then costs the same for a library of 90 classes as for
/// one of 2.
fn alone<'a>(wrapper: &'a Wrapper, mut named: Vec<&'a str>) -> Wrapper {
    let prefix = format!("{}::", wrapper.namespace);
    let is_named = |named: &[&str], c: &crate::model::Class| {
        named
            .iter()
            .any(|n| *n == c.cpp || n.strip_prefix(&prefix) == Some(c.cpp.as_str()))
    };
    loop {
        named.sort_unstable();
        named.dedup();
        let before = named.len();
        let included: Vec<&crate::model::Class> = wrapper
            .classes
            .iter()
            .filter(|c| is_named(&named, c))
            .collect();
        for param in included
            .iter()
            .flat_map(|c| &c.constructors)
            .flat_map(|k| &k.params)
        {
            param.ty.names(&mut named);
        }
        named.sort_unstable();
        named.dedup();
        if named.len() == before {
            break;
        }
    }
    let classes = wrapper
        .classes
        .iter()
        .filter(|c| is_named(&named, c))
        .map(|c| crate::model::Class {
            bases: Vec::new(),
            ..c.clone()
        })
        .collect();
    Wrapper {
        language: wrapper.language,
        namespace: wrapper.namespace.clone(),
        statuses: Vec::new(),
        string_free: None,
        error_callback: None,
        inline: Vec::new(),
        inline_calls: Vec::new(),
        headers: Vec::new(),
        classes,
        methods: Vec::new(),
        // Only the enums named, too: planning each costs its variants' names.
        enums: wrapper
            .enums
            .iter()
            .filter(|e| {
                named
                    .iter()
                    .any(|n| *n == e.cpp || n.strip_prefix(&prefix) == Some(e.cpp.as_str()))
            })
            .cloned()
            .collect(),
        strings: wrapper.strings.clone(),
        smart_pointers: wrapper.smart_pointers.clone(),
        system_packages: Vec::new(),
        library: wrapper.library.clone(),
    }
}

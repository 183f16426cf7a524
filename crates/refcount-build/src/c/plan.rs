//! A C wrapper's code decided before anything is written: each opaque type's handle,
//! each function's raw declaration, and the safe function over it, or the refusal
//! that says why not.

use std::collections::BTreeMap;

use crate::model::{
    buffer_at, Base, Class, CppType, Indirection, Language, Library, MessageOf, Method, Ownership,
    Status, Wrapper,
};
use crate::naming::{self, Scope};
use crate::Refusal;

/// How a loaded library is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// The short name (`sqlite3`).
    pub name: String,
    /// The major version pinned, if any.
    pub version: Option<u64>,
    /// The environment variable that names the file or its folder (`SQLITE3_LIBRARY`).
    pub env_var: String,
    /// The variable a build script may set at build time (`cargo:rustc-env`) to the
    /// folder it built the library in (`SQLITE3_BUILD_DIR`): searched after `env_var`.
    pub build_dir_var: String,
}

/// A C function as the raw layer declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFn {
    /// Its C name.
    pub name: String,
    /// The Rust types of its parameters.
    pub params: Vec<String>,
    /// The Rust type it returns (`()` for `void`).
    pub returns: String,
    /// A `static inline` function of the header: reached through the crate's C
    /// shim (`refcount_shim_NAME`), whose C signature this is.
    pub shim: Option<CSignature>,
}

/// A function's C signature, for the shim that calls an inline one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CSignature {
    /// The C return type (`void`, `int`, `json_t*`).
    pub returns: String,
    /// The C parameter types, in order.
    pub params: Vec<String>,
}

impl RawFn {
    /// The symbol the raw layer declares: the shim's for an inline function.
    pub fn symbol(&self) -> String {
        match self.shim {
            Some(_) => format!("refcount_shim_{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Which handle holds a type's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `refcount::Owned`: one owner, released once.
    Unique,
    /// `refcount::Shared`: the object counts itself.
    Intrusive,
    /// `refcount::Counted`: counted in Rust, released once after the last clone.
    Counted,
}

impl Kind {
    /// The handle type's path.
    pub fn handle(self) -> &'static str {
        match self {
            Kind::Unique => "refcount::Owned",
            Kind::Intrusive => "refcount::Shared",
            Kind::Counted => "refcount::Counted",
        }
    }
}

/// What an object holds so that an object it was made from stays alive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keep {
    /// The field (`_keep_sqlite3`).
    pub field: String,
    /// The C type kept.
    pub class: String,
    /// The field's type, without the `Option` (`refcount::Kept<native::Sqlite3>`).
    pub ty: String,
    /// The Rust type kept (`Dog`).
    pub rust: String,
    /// Every object of the type keeps one: the field is no `Option`.
    pub always: bool,
    /// The accessor that gives the kept object (`dog`): for one that counts itself
    /// (a clone of it is the object) and keeps nothing (a clone made from the
    /// handle alone would not keep what it keeps).
    pub accessor: Option<String>,
}

/// A C enum, as an alias of its integer type and constants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumPlan {
    /// The C name (`cairo_format_t`).
    pub c: String,
    /// The alias (`CairoFormat`).
    pub rust: String,
    /// Its integer type.
    pub repr: String,
    /// Its values, with their C names.
    pub variants: Vec<(String, i128)>,
    /// Its documentation.
    pub doc: String,
}

/// An opaque type of the library and its safe Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypePlan {
    /// The C name (`sqlite3_stmt`).
    pub c: String,
    /// The Rust name (`Statement`).
    pub rust: String,
    /// Its handle.
    pub kind: Kind,
    /// The C function that releases it.
    pub release: String,
    /// The C function that adds a reference (intrusive only).
    pub add_ref: Option<String>,
    /// Answered `send`.
    pub send: bool,
    /// Answered `sync`.
    pub sync: bool,
    /// Its documentation.
    pub doc: String,
    /// The type id of a `void*` API's objects (`void(TYPE_ID)`); `None` for an
    /// opaque type of its own.
    pub void_id: Option<String>,
    /// What its objects keep alive.
    pub keeps: Vec<Keep>,
    /// Its functions.
    pub functions: Vec<FnPlan>,
}

impl TypePlan {
    /// The raw type its pointers point to (`raw::sqlite3`, `refcount::Opaque` for a
    /// `void*` API's).
    pub fn raw(&self) -> String {
        match self.void_id {
            Some(_) => "refcount::Opaque".to_owned(),
            None => format!("raw::{}", self.c),
        }
    }

    /// The type id its handles carry: the C name, or a `void*` API's own.
    pub fn type_id(&self) -> &str {
        self.void_id.as_deref().unwrap_or(&self.c)
    }

    /// The handle's type (`refcount::Owned<native::Statement>`).
    pub fn handle(&self) -> String {
        format!("{}<native::{}>", self.kind.handle(), self.rust)
    }
}

/// A parameter of the safe function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgPlan {
    /// Its Rust name.
    pub name: String,
    /// Its Rust type.
    pub ty: String,
}

/// What the safe function returns, from the raw call's value `raw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returns {
    /// Nothing.
    Unit,
    /// The value as it is (a scalar).
    Value(String),
    /// A C string copied into a `String` (`None` for null); freed after the copy
    /// with the string-free function when the caller owns it.
    Text {
        /// The function that frees it, when the caller owns it.
        free: Option<String>,
    },
    /// An object: adopted (a new one) or with a reference added (a borrowed one of a
    /// class that counts itself, `None` for null).
    Object {
        /// The Rust type.
        rust: String,
        /// Adopted (new), or retained (borrowed).
        new: bool,
    },
    /// A status: `Ok` for the success values, the value itself when there are
    /// several.
    Status {
        /// The Rust integer type.
        repr: String,
        /// The values that mean success.
        ok: Vec<i64>,
        /// More than one success value: `Ok` carries it.
        carries: bool,
        /// The message function and what it is given, when the status has one.
        message: Option<(String, MessageArg)>,
    },
}

/// What a status's message function is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// The status code.
    Code,
    /// An object the function was given or made: the pointer's expression.
    Pointer(String),
    /// The object this one keeps, in the field named.
    Kept(String),
}

/// An object an `out T**` parameter gives the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The local variable the call writes.
    pub var: String,
    /// The Rust type made.
    pub rust: String,
}

/// A C function and the safe Rust function over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FnPlan {
    /// The C name.
    pub c: String,
    /// The Rust name.
    pub rust: String,
    /// Its documentation.
    pub doc: String,
    /// Takes the object (`&self`); else an associated function.
    pub receiver: bool,
    /// `unsafe`: a parameter is memory the library keeps (`kept`).
    pub is_unsafe: bool,
    /// The safe function's parameters.
    pub params: Vec<ArgPlan>,
    /// Statements before the call (conversions, leases).
    pub prep: Vec<String>,
    /// The raw call's arguments.
    pub args: Vec<String>,
    /// What the raw call's value becomes.
    pub returns: Returns,
    /// The object an out-parameter makes, which the function returns.
    pub made: Option<Made>,
    /// The fields of the object it makes (returned or out), with their values.
    pub keeps: Vec<(String, String)>,
    /// Returns `Result`: it converts a string, takes a lease, loads the library,
    /// makes an object or returns a status.
    pub result: bool,
    /// Why the call keeps the C function's contract, for its `// SAFETY:` comment.
    pub safety: String,
    /// The C types of the objects it steals.
    pub steals: Vec<String>,
}

/// Everything generated for a C wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The crate's name.
    pub crate_name: String,
    /// How the library is found at run time; `None` when it is linked.
    pub loaded: Option<Loading>,
    /// The opaque types.
    pub types: Vec<TypePlan>,
    /// Every C function the raw layer declares, by name.
    pub raw: BTreeMap<String, RawFn>,
    /// The statuses' success values, for the crate's constants (`SQLITE_ROW`).
    pub constants: Vec<(String, String, i64)>,
    /// The enums the functions take or return: each an integer type of its own
    /// name, with its values as constants (a C enum may hold any value of its type,
    /// so a Rust enum could not take every one back).
    pub enums: Vec<EnumPlan>,
    /// The headers the shim of inline functions includes.
    pub headers: Vec<String>,
    /// The exported functions the inline ones call: pointers the shim calls them
    /// through, set when the library is loaded (loaded only).
    pub redirects: Vec<String>,
    /// The function that registers the library's error callback: the crate's own is
    /// registered before the first call, and a failure's `Err` carries its message.
    pub error_callback: Option<String>,
}

impl Plan {
    /// Whether the crate compiles a C shim (the header has inline functions it uses).
    pub fn has_shim(&self) -> bool {
        self.raw.values().any(|f| f.shim.is_some())
    }
}

/// The raw pointer type of C type `class`: its opaque struct, or `void` for an
/// API that passes its objects as `void*`.
fn pointer_to(types: &[(&Class, String, Kind)], class: &str) -> String {
    match types.iter().find(|(c, _, _)| c.cpp == class) {
        // A `void*` object is `Opaque` to Rust: it claims no byte, so a reference
        // to it promises nothing the library breaks (the book's "Opaque, never
        // c_void"); the C ABI of either pointer is the same.
        Some((c, _, _)) if c.void_id.is_some() => "*mut refcount::Opaque".to_owned(),
        _ => format!("*mut raw::{class}"),
    }
}

/// The `Option`ally kept handle of class `keep`, as another object's field.
fn keep_of(types: &[(&Class, String, Kind)], class: &str) -> Option<Keep> {
    let (_, rust, kind) = types.iter().find(|(c, _, _)| c.cpp == class)?;
    let (ty, accessor) = match kind {
        Kind::Counted => (format!("refcount::Kept<native::{rust}>"), None),
        Kind::Intrusive => (
            format!("refcount::Shared<native::{rust}>"),
            Some(naming::snake(rust)),
        ),
        Kind::Unique => return None,
    };
    Some(Keep {
        field: format!("_keep_{}", naming::snake(rust)),
        class: class.to_owned(),
        ty,
        rust: rust.clone(),
        always: false,
        accessor,
    })
}

/// The Rust type of an error callback's parameter: `void (*)(const char*)`, or null.
pub const ERROR_CALLBACK: &str = "Option<unsafe extern \"C\" fn(*const std::ffi::c_char)>";

/// The names the generated types use themselves: no function takes them.
const TAKEN: &[&str] = &["as_ptr", "api", "close", "clone"];

/// The longest prefix that ends with `_` and that every name has (`sqlite3_`).
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut prefix = first.to_owned();
    for name in names {
        while !name.starts_with(&prefix) {
            prefix.pop();
        }
    }
    match prefix.rfind('_') {
        Some(at) => prefix[..=at].to_owned(),
        None => String::new(),
    }
}

/// The Rust name of a C type: `sqlite3_stmt` is `Sqlite3Stmt`, `json_t` is `Json`.
fn type_name(class: &Class) -> String {
    class.rust.clone().unwrap_or_else(|| {
        let stem = class.cpp.strip_suffix("_t").unwrap_or(&class.cpp);
        naming::upper_camel(stem)
    })
}

fn refuse(method: &Method, why: impl Into<String>) -> Refusal {
    Refusal::new(
        format!("function `{}` of `{}` (methods)", method.cpp, method.class),
        method.code(),
        why,
    )
}

/// The raw Rust type of a C scalar or pointer that is no object.
fn raw_plain(ty: &CppType) -> Option<String> {
    let pointee = match &ty.base {
        Base::Void => "std::ffi::c_void".to_owned(),
        Base::Char => "std::ffi::c_char".to_owned(),
        Base::Scalar(scalar, _) => scalar.rust().to_owned(),
        _ => return None,
    };
    Some(match ty.indirection {
        Indirection::Value if pointee == "std::ffi::c_void" => "()".to_owned(),
        Indirection::Value => pointee,
        Indirection::Pointer(n) => {
            let mut text = pointee;
            for level in 0..n {
                let is_const = ty.is_const && level == 0;
                text = format!("*{} {text}", if is_const { "const" } else { "mut" });
            }
            text
        }
        Indirection::Reference | Indirection::RValue => return None,
    })
}

/// A default written in C (`-1`, `0.5`, `NULL`, `true`) as a Rust value of `raw`.
fn default_value(default: &str, raw: &str) -> Option<String> {
    let default = default.trim();
    if raw.starts_with('*') {
        return matches!(default, "NULL" | "0" | "nullptr" | "((void*)0)")
            .then(|| "std::ptr::null_mut()".to_owned());
    }
    let number = default
        .trim_end_matches(['u', 'U', 'l', 'L', 'f', 'F'])
        .to_owned();
    match default {
        "true" | "false" if raw == "bool" => Some(default.to_owned()),
        _ if number.parse::<i64>().is_ok()
            || (number.parse::<f64>().is_ok() && raw.starts_with('f')) =>
        {
            Some(if raw.starts_with('f') && !number.contains('.') {
                format!("{number}.0")
            } else {
                number
            })
        }
        _ => None,
    }
}

/// Plans the wrapper; refuses what it cannot generate.
impl Plan {
    /// The plan of `wrapper`, a C library's, for crate `crate_name`.
    pub fn new(wrapper: &Wrapper, crate_name: &str) -> Result<Plan, Refusal> {
        debug_assert_eq!(wrapper.language, Language::C);
        let loaded = match &wrapper.library {
            Library::Loaded { name, version, .. } => {
                let stem = naming::snake(name).to_ascii_uppercase().replace('-', "_");
                Some(Loading {
                    name: name.clone(),
                    version: *version,
                    env_var: format!("{stem}_LIBRARY"),
                    build_dir_var: format!("{stem}_BUILD_DIR"),
                })
            }
            _ => None,
        };
        let mut types: Vec<(&Class, String, Kind)> = Vec::new();
        let mut scope = Scope::with(&["Error", "Api", "Result"]);
        for class in &wrapper.classes {
            let what = format!("type `{}` (classes)", class.cpp);
            let kind = match &class.ownership {
                Ownership::Unique { destroy: Some(_) } => Kind::Unique,
                Ownership::Intrusive { .. } => Kind::Intrusive,
                Ownership::Counted { .. } => Kind::Counted,
                Ownership::Unique { destroy: None } | Ownership::View => {
                    return Err(Refusal::new(
                        what,
                        class.code(),
                        "a C type names the function that releases it: unique(DESTROY), \
                         intrusive(ADD,RELEASE) or counted(RELEASE)",
                    ))
                }
            };
            if !class.constructors.is_empty() || !class.bases.is_empty() || class.retain {
                return Err(Refusal::new(
                    what,
                    class.code(),
                    "a C type has no new(...) or base(...): its factories are its static functions \
                     (`TYPE.NAME(...) static -> new TYPE*`)",
                ));
            }
            let rust = type_name(class);
            if !scope.take(&rust) {
                return Err(Refusal::new(
                    what,
                    class.code(),
                    format!("its Rust name `{rust}` is taken: name it with `as`"),
                ));
            }
            types.push((class, rust, kind));
        }
        let prefix = common_prefix(wrapper.methods.iter().map(|m| m.cpp.as_str()).chain(
            wrapper.classes.iter().flat_map(|c| match &c.ownership {
                Ownership::Intrusive { add_ref, release } => {
                    vec![add_ref.0.as_str(), release.0.as_str()]
                }
                Ownership::Unique {
                    destroy: Some(release),
                }
                | Ownership::Counted { release } => vec![release.0.as_str()],
                _ => Vec::new(),
            }),
        ));
        let mut plan = Plan {
            crate_name: crate_name.to_owned(),
            loaded,
            types: Vec::new(),
            raw: BTreeMap::new(),
            constants: Vec::new(),
            enums: Vec::new(),
            headers: wrapper.headers.clone(),
            redirects: if matches!(wrapper.library, Library::Loaded { .. }) {
                wrapper.inline_calls.clone()
            } else {
                Vec::new()
            },
            error_callback: wrapper.error_callback.clone(),
        };
        if let Some(register) = &wrapper.error_callback {
            declare(
                &mut plan.raw,
                register,
                vec![ERROR_CALLBACK.to_owned()],
                None,
                None,
            )
            .map_err(|why| Refusal::new("error-callback", register.as_str(), why))?;
        }
        for status in &wrapper.statuses {
            for (name, value) in status.ok.iter().filter(|(name, _)| !name.is_empty()) {
                if !plan.constants.iter().any(|(n, _, _)| n == name) {
                    plan.constants
                        .push((name.clone(), status.repr.rust().to_owned(), *value));
                }
            }
        }
        for e in &wrapper.enums {
            let rust = e
                .rust
                .clone()
                .unwrap_or_else(|| naming::upper_camel(e.cpp.strip_suffix("_t").unwrap_or(&e.cpp)));
            if !scope.take(&rust) {
                return Err(Refusal::new(
                    format!("enum `{}` (enums)", e.cpp),
                    e.code(),
                    format!("its Rust name `{rust}` is taken: name it with `as`"),
                ));
            }
            plan.enums.push(EnumPlan {
                c: e.cpp.clone(),
                rust,
                repr: e.repr.rust().to_owned(),
                variants: e.variants.clone(),
                doc: e.doc.clone(),
            });
        }
        let mut keeps: BTreeMap<String, Vec<Keep>> = BTreeMap::new();
        let mut functions: BTreeMap<String, Vec<FnPlan>> = BTreeMap::new();
        for method in &wrapper.methods {
            let (class, _, kind) = types
                .iter()
                .find(|(c, _, _)| c.cpp == method.class)
                .ok_or_else(|| {
                    refuse(
                        method,
                        format!("`{}` is no type of `classes`", method.class),
                    )
                })?;
            let planned = Function {
                wrapper,
                enums: &plan.enums,
                types: &types,
                method,
                class,
                kind: *kind,
                prefix: &prefix,
            }
            .plan(&mut plan.raw)?;
            if let Some(made) = planned
                .made_class
                .as_deref()
                .or(planned.returned_class.as_deref())
            {
                let entry = keeps.entry(made.to_owned()).or_default();
                for keep in &planned.kept {
                    if !entry.iter().any(|k| k.field == keep.field) {
                        entry.push(keep.clone());
                    }
                }
            }
            let list = functions.entry(method.class.clone()).or_default();
            if list.iter().any(|f| f.rust == planned.function.rust) {
                return Err(refuse(
                    method,
                    format!(
                        "its Rust name `{}` is taken in `{}`: name it with `as`",
                        planned.function.rust, method.class
                    ),
                ));
            }
            list.push(planned.function);
        }
        for (class, rust, kind) in &types {
            let (release, add_ref) = match &class.ownership {
                Ownership::Intrusive { add_ref, release } => {
                    (release.0.clone(), Some(add_ref.0.clone()))
                }
                Ownership::Unique {
                    destroy: Some(release),
                }
                | Ownership::Counted { release } => (release.0.clone(), None),
                _ => unreachable!("refused above"),
            };
            let pointer = pointer_to(&types, &class.cpp);
            for name in std::iter::once(&release).chain(add_ref.as_ref()) {
                let object = if class.void_id.is_some() {
                    "void"
                } else {
                    &class.cpp
                };
                let shim = wrapper.inline.contains(name).then(|| CSignature {
                    returns: "void".to_owned(),
                    params: vec![format!("{object}*")],
                });
                declare(&mut plan.raw, name, vec![pointer.clone()], None, shim).map_err(|why| {
                    Refusal::new(format!("type `{}` (classes)", class.cpp), class.code(), why)
                })?;
            }
            plan.types.push(TypePlan {
                c: class.cpp.clone(),
                rust: rust.clone(),
                kind: *kind,
                release,
                add_ref,
                send: class.send,
                sync: class.sync,
                doc: class.doc.clone(),
                void_id: class.void_id.clone(),
                keeps: keeps.remove(&class.cpp).unwrap_or_default(),
                functions: functions.remove(&class.cpp).unwrap_or_default(),
            });
        }
        // A kept object every maker of the type gives needs no `Option`; one that
        // counts itself and keeps nothing is given by an accessor of its name,
        // unless a function has the name.
        let makers: Vec<(String, Vec<String>)> = plan
            .types
            .iter()
            .flat_map(|t| &t.functions)
            .filter_map(|f| {
                let made = match (&f.made, &f.returns) {
                    (Some(made), _) => &made.rust,
                    (None, Returns::Object { rust, .. }) => rust,
                    _ => return None,
                };
                Some((
                    made.clone(),
                    f.keeps.iter().map(|(field, _)| field.clone()).collect(),
                ))
            })
            .collect();
        let keepers: Vec<String> = plan
            .types
            .iter()
            .filter(|t| !t.keeps.is_empty())
            .map(|t| t.rust.clone())
            .collect();
        for t in &mut plan.types {
            let names: Vec<String> = t.functions.iter().map(|f| f.rust.clone()).collect();
            for keep in &mut t.keeps {
                keep.always = makers
                    .iter()
                    .filter(|(made, _)| *made == t.rust)
                    .all(|(_, fields)| fields.contains(&keep.field));
                keep.accessor = keep.accessor.take().filter(|name| {
                    !keepers.contains(&keep.rust)
                        && !names.contains(name)
                        && !TAKEN.contains(&name.as_str())
                });
            }
        }
        // A stolen object goes on living in the library: what it keeps alive would
        // be released under it.
        for t in &plan.types {
            for f in &t.functions {
                if let Some(stolen) = f
                    .steals
                    .iter()
                    .find_map(|c| plan.type_of(c).filter(|s| !s.keeps.is_empty()))
                {
                    return Err(Refusal::new(
                        format!("function `{}` of `{}` (methods)", f.c, t.c),
                        f.c.as_str(),
                        format!(
                            "it steals a `{}`, which keeps other objects alive that Rust would release under \
                             the library: drop `steals` and release it by hand, or bind it by hand",
                            stolen.c
                        ),
                    ));
                }
            }
        }
        // A message read from a kept object needs the type to keep one.
        for t in &mut plan.types {
            let fields: Vec<String> = t.keeps.iter().map(|k| k.field.clone()).collect();
            for f in &mut t.functions {
                if let Returns::Status { message, .. } = &mut f.returns {
                    if matches!(message, Some((_, MessageArg::Kept(field))) if !fields.contains(field))
                    {
                        *message = None;
                    }
                }
            }
        }
        if let Some(free) = &wrapper.string_free {
            if free != "free" {
                declare(
                    &mut plan.raw,
                    free,
                    vec!["*mut std::ffi::c_void".to_owned()],
                    None,
                    None,
                )
                .map_err(|why| Refusal::new("string-free", free.as_str(), why))?;
            }
        }
        Ok(plan)
    }

    /// The type of C name `c`.
    pub fn type_of(&self, c: &str) -> Option<&TypePlan> {
        self.types.iter().find(|t| t.c == c)
    }
}

/// Declares C function `name` once; the same name must have the same signature.
fn declare(
    raw: &mut BTreeMap<String, RawFn>,
    name: &str,
    params: Vec<String>,
    returns: Option<String>,
    shim: Option<CSignature>,
) -> Result<(), String> {
    let returns = returns.unwrap_or_else(|| "()".to_owned());
    let new = RawFn {
        name: name.to_owned(),
        params: params.clone(),
        returns: returns.clone(),
        shim,
    };
    match raw.get(name) {
        // A release whose status is not read is declared by the function that reads it.
        Some(known) if known.params == params && (returns == "()" || known.returns == returns) => {
            Ok(())
        }
        Some(known) if known.params == params && known.returns == "()" => {
            raw.insert(name.to_owned(), new);
            Ok(())
        }
        Some(known) => Err(format!(
            "`{name}` is declared twice, once as ({}) -> {}, once as ({}) -> {returns}",
            known.params.join(", "),
            known.returns,
            params.join(", ")
        )),
        None => {
            raw.insert(name.to_owned(), new);
            Ok(())
        }
    }
}

/// One method being planned.
struct Function<'a> {
    wrapper: &'a Wrapper,
    enums: &'a [EnumPlan],
    types: &'a [(&'a Class, String, Kind)],
    method: &'a Method,
    class: &'a Class,
    kind: Kind,
    prefix: &'a str,
}

/// A planned function, with what its made object keeps.
struct Planned {
    function: FnPlan,
    /// The class an out-parameter makes.
    made_class: Option<String>,
    /// The class a `new` return makes.
    returned_class: Option<String>,
    kept: Vec<Keep>,
}

impl Function<'_> {
    fn ty(&self, c: &str) -> Option<(&str, Kind)> {
        self.types
            .iter()
            .find(|(class, _, _)| class.cpp == c)
            .map(|(_, rust, kind)| (rust.as_str(), *kind))
    }

    /// The enum `ty` is, by value.
    fn enum_of(&self, ty: &CppType) -> Option<&EnumPlan> {
        let name = ty.named()?;
        (ty.indirection == Indirection::Value)
            .then(|| self.enums.iter().find(|e| e.c == name))
            .flatten()
    }

    fn status(&self, ty: &CppType) -> Option<&Status> {
        let name = ty.named()?;
        (ty.indirection == Indirection::Value)
            .then(|| self.wrapper.statuses.iter().find(|s| s.name == name))
            .flatten()
    }

    fn rust_name(&self) -> String {
        if let Some(rust) = &self.method.rust {
            return rust.clone();
        }
        let c = &self.method.cpp;
        let rest = c.strip_prefix(self.prefix).unwrap_or(c);
        let stem = self.class.cpp.strip_suffix("_t").unwrap_or(&self.class.cpp);
        let stem = stem.strip_prefix(self.prefix).unwrap_or(stem);
        let rest = rest
            .strip_prefix(stem)
            .and_then(|r| r.strip_prefix('_'))
            .filter(|r| !r.is_empty())
            .unwrap_or(rest);
        naming::rust_name(rest, TAKEN)
    }

    fn plan(&self, raw: &mut BTreeMap<String, RawFn>) -> Result<Planned, Refusal> {
        let method = self.method;
        let no = |why: String| refuse(method, why);
        let receiver = !method.is_static;
        let mut function = FnPlan {
            c: method.cpp.clone(),
            rust: self.rust_name(),
            doc: method.doc.clone(),
            receiver,
            is_unsafe: false,
            params: Vec::new(),
            prep: Vec::new(),
            args: Vec::new(),
            returns: Returns::Unit,
            made: None,
            keeps: Vec::new(),
            result: false,
            safety: String::new(),
            steals: Vec::new(),
        };
        let mut raw_params = Vec::new();
        let mut kept: Vec<Keep> = Vec::new();
        // The pointers of the objects given, by class: what a message function may be
        // given.
        let mut pointers: Vec<(String, String)> = Vec::new();
        if receiver {
            raw_params.push(pointer_to(self.types, &self.class.cpp));
            let ptr = match self.kind {
                Kind::Counted => {
                    function
                        .prep
                        .push("let this = self.handle.lease()?;".to_owned());
                    function.result = true;
                    "this.as_ptr()".to_owned()
                }
                _ => "self.handle.as_ptr()".to_owned(),
            };
            function.args.push(ptr.clone());
            pointers.push((self.class.cpp.clone(), ptr));
        }
        // A factory: what it makes (an object, not a copied string) may point to
        // what it is given.
        let makes = (method.returns.owned
            && method
                .returns
                .ty
                .named()
                .is_some_and(|c| self.ty(c).is_some()))
            || method.params.iter().any(|p| p.out);
        let keeps_inputs = makes && !naming::names_a_copy(&method.cpp);
        if receiver && keeps_inputs {
            if let Some(keep) = keep_of(self.types, &self.class.cpp) {
                let value = match self.kind {
                    Kind::Counted => "self.handle.keep()?",
                    _ => "self.handle.clone()",
                };
                function.keeps.push((keep.field.clone(), value.to_owned()));
                kept.push(keep);
            } else if self.kind == Kind::Unique {
                return Err(no(format!(
                    "it makes an object that may need its `{}` alive, which has one owner: answer \
                     `counted(RELEASE)` for `{}` so that what it makes can keep it",
                    self.class.cpp, self.class.cpp
                )));
            }
        }
        let mut made_class = None;
        let mut taken = Scope::with(&["self", "this", "api", "status", "made", "raw"]);
        let mut i = 0;
        while i < method.params.len() {
            let param = &method.params[i];
            let name = taken.unique(&naming::rust_name(
                param.name.as_deref().unwrap_or(&format!("arg{}", i + 1)),
                &[],
            ));
            // A `(const void* data, size_t size)` buffer is one slice.
            // (A size answered with a default is passed as answered: `nByte = -1`.)
            let sized = method
                .params
                .get(i + 1)
                .is_some_and(|size| size.default.is_none());
            if let Some((_, size)) = buffer_at(&method.params[i..]).filter(|_| !param.kept && sized)
            {
                raw_params.push(raw_plain(&param.ty).expect("a byte pointer"));
                raw_params.push(size.rust().to_owned());
                function.params.push(ArgPlan {
                    name: name.clone(),
                    ty: "&[u8]".to_owned(),
                });
                let size_rust = size.rust();
                if size_rust == "usize" {
                    function
                        .prep
                        .push(format!("let {name}_len = {name}.len();"));
                } else {
                    function.prep.push(format!(
                        "let {name}_len = {size_rust}::try_from({name}.len()).map_err(|_| Error::Length({name}.len()))?;"
                    ));
                    function.result = true;
                }
                function.args.push(format!("{name}.as_ptr().cast()"));
                function.args.push(format!("{name}_len"));
                i += 2;
                continue;
            }
            i += 1;
            if let Some(class) = param.ty.named().filter(|c| self.ty(c).is_some()) {
                let (rust, kind) = self.ty(class).expect("a wrapped type");
                match (param.out, param.ty.indirection) {
                    (true, Indirection::Pointer(2)) => {
                        if made_class.is_some() || method.returns.owned {
                            return Err(no("it makes two objects: bind it by hand".to_owned()));
                        }
                        raw_params.push(format!("*mut {}", pointer_to(self.types, class)));
                        function
                            .prep
                            .push(format!("let mut {name} = std::ptr::null_mut();"));
                        function.args.push(format!("&mut {name}"));
                        function.made = Some(Made {
                            var: name.clone(),
                            rust: rust.to_owned(),
                        });
                        // Null, or the object `made` holds while the message is read.
                        pointers.push((class.to_owned(), name.clone()));
                        made_class = Some(class.to_owned());
                        function.result = true;
                    }
                    (false, Indirection::Pointer(1)) if param.steals => {
                        let arg = match kind {
                            Kind::Counted => {
                                return Err(no(format!(
                                    "`{}` steals a `{class}`, which is counted in Rust: its other \
                                     clones would point to a released object",
                                    param.name.as_deref().unwrap_or("a parameter")
                                )))
                            }
                            _ => format!("{name}.handle.into_raw().as_ptr()"),
                        };
                        raw_params.push(pointer_to(self.types, class));
                        function.params.push(ArgPlan {
                            name: name.clone(),
                            ty: rust.to_owned(),
                        });
                        function.args.push(arg);
                        function.steals.push(class.to_owned());
                    }
                    (false, Indirection::Pointer(1)) => {
                        raw_params.push(pointer_to(self.types, class));
                        function.params.push(ArgPlan {
                            name: name.clone(),
                            ty: format!("&{rust}"),
                        });
                        let ptr = if kind == Kind::Counted {
                            if keeps_inputs {
                                function
                                    .prep
                                    .push(format!("let {name}_kept = {name}.handle.keep()?;"));
                                format!("{name}_kept.as_ptr()")
                            } else {
                                function
                                    .prep
                                    .push(format!("let {name}_lease = {name}.handle.lease()?;"));
                                format!("{name}_lease.as_ptr()")
                            }
                        } else {
                            format!("{name}.handle.as_ptr()")
                        };
                        if kind == Kind::Counted {
                            function.result = true;
                        }
                        if keeps_inputs {
                            match keep_of(self.types, class) {
                                Some(keep) => {
                                    let value = match kind {
                                        Kind::Counted => format!("{name}_kept"),
                                        _ => format!("{name}.handle.clone()"),
                                    };
                                    if !function.keeps.iter().any(|(f, _)| *f == keep.field) {
                                        function.keeps.push((keep.field.clone(), value));
                                        kept.push(keep);
                                    }
                                }
                                None => {
                                    return Err(no(format!(
                                        "it makes an object that may need the `{class}` it is \
                                         given alive, which has one owner: answer \
                                         `counted(RELEASE)` for `{class}`"
                                    )))
                                }
                            }
                        }
                        function.args.push(ptr.clone());
                        pointers.push((class.to_owned(), ptr));
                    }
                    _ => {
                        return Err(no(format!(
                            "a `{}`: a C object is given as `T*` (`out T**` for one it makes)",
                            param.ty
                        )))
                    }
                }
                continue;
            }
            if param.steals {
                return Err(no(format!(
                    "`steals {}`: only an object of a wrapped type is stolen",
                    param.ty
                )));
            }
            if let Some(e) = self.enum_of(&param.ty) {
                if param.out || param.steals || param.kept {
                    return Err(no(format!("an enum `{}` as an out-parameter", param.ty)));
                }
                raw_params.push(e.repr.clone());
                match &param.default {
                    // A number, or one of its values by name (a constant of the crate).
                    Some(default) if crate::model::is_identifier(default) => {
                        function.args.push(format!("super::{default}"))
                    }
                    Some(default) => function.args.push(default.clone()),
                    None => {
                        function.params.push(ArgPlan {
                            name: name.clone(),
                            ty: format!("super::{}", e.rust),
                        });
                        function.args.push(name);
                    }
                }
                continue;
            }
            let status_param = self.status(&param.ty).map(|s| s.repr.rust().to_owned());
            // A pointer to a type the kit does not know, passed as its default (`NULL`).
            let opaque = (param.default.is_some()
                && matches!(param.ty.indirection, Indirection::Pointer(_)))
            .then(|| "*mut std::ffi::c_void".to_owned());
            let Some(raw_ty) = status_param.or_else(|| raw_plain(&param.ty)).or(opaque) else {
                return Err(no(format!(
                    "a `{}`, a type the kit does not carry to C (answer its class in `classes`)",
                    param.ty
                )));
            };
            raw_params.push(raw_ty.clone());
            if let Some(default) = &param.default {
                let value = default_value(default, &raw_ty).ok_or_else(|| {
                    no(format!(
                        "the default `{default}` of `{}` is no C literal the call can pass \
                         (a number, `true`, `false` or `NULL`)",
                        param.name.as_deref().unwrap_or("a parameter")
                    ))
                })?;
                function.args.push(value);
                continue;
            }
            if param.out {
                return Err(no(format!(
                    "an out `{}`: only objects a function makes (`out T**`) are bound",
                    param.ty
                )));
            }
            match param.byte_pointee() {
                Some("char") if param.kept => {
                    function.is_unsafe = true;
                    function.params.push(ArgPlan {
                        name: name.clone(),
                        ty: "&std::ffi::CStr".to_owned(),
                    });
                    function.args.push(format!("{name}.as_ptr()"));
                }
                Some("char") => {
                    function.params.push(ArgPlan {
                        name: name.clone(),
                        ty: "&str".to_owned(),
                    });
                    function
                        .prep
                        .push(format!("let {name} = std::ffi::CString::new({name})?;"));
                    function.args.push(format!("{name}.as_ptr()"));
                    function.result = true;
                }
                Some(_) if param.kept => {
                    function.is_unsafe = true;
                    function.params.push(ArgPlan {
                        name: name.clone(),
                        ty: "&[u8]".to_owned(),
                    });
                    function.args.push(format!("{name}.as_ptr().cast()"));
                }
                Some(_) => {
                    return Err(no(format!(
                        "a `{}` with no size after it: a buffer is `(const void* data, size_t \
                         size)`",
                        param.ty
                    )))
                }
                None if param.ty.indirection == Indirection::Value => {
                    function.params.push(ArgPlan {
                        name: name.clone(),
                        ty: raw_ty,
                    });
                    function.args.push(name);
                }
                None => {
                    return Err(no(format!(
                        "a `{}`: a pointer the kit cannot tell the use of (give a default, or \
                         bind it by hand)",
                        param.ty
                    )))
                }
            }
        }
        // What the call returns.
        let returns = &method.returns;
        let mut returned_class = None;
        let raw_return = if let Some(status) = self.status(&returns.ty) {
            let message = match &status.message {
                None => None,
                Some((function_name, MessageOf::Status)) => {
                    declare(
                        raw,
                        function_name,
                        vec![status.repr.rust().to_owned()],
                        Some("*const std::ffi::c_char".to_owned()),
                        None,
                    )
                    .map_err(&no)?;
                    Some((function_name.clone(), MessageArg::Code))
                }
                Some((function_name, MessageOf::Class(class))) => {
                    declare(
                        raw,
                        function_name,
                        vec![pointer_to(self.types, class)],
                        Some("*const std::ffi::c_char".to_owned()),
                        None,
                    )
                    .map_err(&no)?;
                    // The object that was given, or made, or that this one keeps.
                    let given = pointers
                        .iter()
                        .find(|(c, _)| c == class)
                        .map(|(_, p)| MessageArg::Pointer(p.clone()));
                    let held = keep_of(self.types, class)
                        .filter(|_| receiver)
                        .map(|keep| MessageArg::Kept(keep.field));
                    given.or(held).map(|arg| (function_name.clone(), arg))
                }
            };
            function.returns = Returns::Status {
                repr: status.repr.rust().to_owned(),
                ok: status.ok.iter().map(|(_, v)| *v).collect(),
                carries: status.ok.len() > 1 && function.made.is_none(),
                message,
            };
            function.result = true;
            status.repr.rust().to_owned()
        } else if let Some(e) = self.enum_of(&returns.ty) {
            if function.made.is_some() {
                return Err(no(
                    "it makes an object and returns a value that is no status: answer its status"
                        .to_owned(),
                ));
            }
            function.returns = Returns::Value(format!("super::{}", e.rust));
            e.repr.clone()
        } else if let Some(class) = returns.ty.named().filter(|c| self.ty(c).is_some()) {
            let (rust, kind) = self.ty(class).expect("a wrapped type");
            if returns.ty.indirection != Indirection::Pointer(1) {
                return Err(no(format!(
                    "it returns a `{}`: give `{class}*`",
                    returns.ty
                )));
            }
            if function.made.is_some() {
                return Err(no("it makes two objects: bind it by hand".to_owned()));
            }
            if !returns.owned && kind != Kind::Intrusive {
                return Err(no(format!(
                    "it lends a `{class}` that does not count itself: answer `-> new {class}*` if \
                     the caller owns it, or bind it by hand (C views are not generated yet)"
                )));
            }
            function.returns = Returns::Object {
                rust: rust.to_owned(),
                new: returns.owned,
            };
            if returns.owned {
                function.result = true;
                returned_class = Some(class.to_owned());
            }
            pointer_to(self.types, class)
        } else {
            if function.made.is_some() && returns.ty != CppType::value(Base::Void) {
                return Err(no(
                    "it makes an object and returns a value that is no status: answer its status"
                        .to_owned(),
                ));
            }
            match returns.ty.byte_pointee() {
                Some("char" | "std::uint8_t") => {
                    let free =
                        if returns.owned {
                            Some(self.wrapper.string_free.clone().ok_or_else(|| {
                            no("it returns a string the caller frees: answer `string-free` (the \
                                function that frees it, such as `free`)"
                                .to_owned())
                        })?)
                        } else {
                            None
                        };
                    function.returns = Returns::Text { free };
                    raw_plain(&returns.ty).expect("a byte pointer")
                }
                _ if returns.ty.base == Base::Char
                    && returns.ty.indirection == Indirection::Pointer(1)
                    && returns.owned =>
                {
                    let free = self.wrapper.string_free.clone().ok_or_else(|| {
                        no(
                            "it returns a string the caller frees: answer `string-free` (the \
                            function that frees it, such as `free`)"
                                .to_owned(),
                        )
                    })?;
                    function.returns = Returns::Text { free: Some(free) };
                    "*mut std::ffi::c_char".to_owned()
                }
                _ => match (&returns.ty.base, returns.ty.indirection) {
                    (Base::Void, Indirection::Value) => "()".to_owned(),
                    (Base::Scalar(scalar, _), Indirection::Value) => {
                        function.returns = Returns::Value(scalar.rust().to_owned());
                        scalar.rust().to_owned()
                    }
                    _ => {
                        return Err(no(format!(
                            "it returns a `{}`, which the kit does not carry from C",
                            returns.ty
                        )))
                    }
                },
            }
        };
        // A `void*` API's objects are `void*` in C.
        let c_text = |ty: &CppType| match ty
            .named()
            .and_then(|c| self.types.iter().find(|(t, _, _)| t.cpp == c))
        {
            Some((t, _, _)) if t.void_id.is_some() => CppType {
                base: Base::Void,
                ..ty.clone()
            }
            .to_string(),
            _ => ty.to_string(),
        };
        let shim = self.wrapper.inline.contains(&method.cpp).then(|| {
            let mut params = Vec::new();
            if receiver {
                let is_const = if method.is_const { "const " } else { "" };
                let object = if self.class.void_id.is_some() {
                    "void"
                } else {
                    &self.class.cpp
                };
                params.push(format!("{is_const}{object}*"));
            }
            params.extend(method.params.iter().map(|p| c_text(&p.ty)));
            let returns = match self.status(&method.returns.ty) {
                Some(status) => status.repr_spelled.clone(),
                None => c_text(&method.returns.ty),
            };
            CSignature { returns, params }
        });
        declare(raw, &method.cpp, raw_params, Some(raw_return), shim).map_err(&no)?;
        if !function.is_unsafe {
            function.safety = if receiver {
                format!(
                    "the handle keeps the `{}` alive for the call, and the arguments are what \
                     `{}` is declared to take",
                    self.class.cpp, method.cpp
                )
            } else {
                format!(
                    "the arguments are what `{}` is declared to take",
                    method.cpp
                )
            };
        } else {
            function.safety =
                "the caller keeps the memory the library keeps alive (this function's contract)"
                    .to_owned();
        }
        Ok(Planned {
            function,
            made_class,
            returned_class,
            kept,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapper(classes: &[&str], methods: &[&str], statuses: &[&str], loaded: bool) -> Wrapper {
        Wrapper {
            language: Language::C,
            namespace: String::new(),
            headers: vec!["db.h".to_owned()],
            classes: classes.iter().map(|c| c.parse().unwrap()).collect(),
            methods: methods.iter().map(|m| m.parse().unwrap()).collect(),
            enums: Vec::new(),
            strings: Vec::new(),
            smart_pointers: Vec::new(),
            statuses: statuses.iter().map(|s| s.parse().unwrap()).collect(),
            string_free: None,
            error_callback: None,
            inline: vec!["db_ref".to_owned()],
            inline_calls: vec!["db_free".to_owned()],
            system_packages: Vec::new(),
            library: if loaded {
                Library::Loaded {
                    name: "db".to_owned(),
                    version: Some(1),
                    include_dir: None,
                }
            } else {
                Library::PkgConfig {
                    package: "db".to_owned(),
                }
            },
        }
    }

    const STATUS: &str = "db_status : int ok(DB_OK = 0) message(db_errmsg(db))";

    #[test]
    fn a_statement_keeps_its_database_and_reads_its_errors_from_it() {
        let w = wrapper(
            &["db as Database=counted(db_close)", "stmt=unique(stmt_free)"],
            &[
                "db.db_open(const char* name, out db** out) static -> db_status",
                "db.db_prepare(const char* sql, out stmt** out) -> db_status",
                "stmt.stmt_step() -> db_status",
            ],
            &[STATUS],
            false,
        );
        let plan = Plan::new(&w, "t").unwrap();
        let stmt = plan.type_of("stmt").unwrap();
        assert_eq!(stmt.keeps[0].ty, "refcount::Kept<native::Database>");
        let step = &stmt.functions[0];
        assert!(matches!(
            &step.returns,
            Returns::Status { message: Some((f, MessageArg::Kept(field))), .. }
                if f == "db_errmsg" && *field == stmt.keeps[0].field
        ));
        let open = &plan.type_of("db").unwrap().functions[0];
        assert_eq!(open.made.as_ref().unwrap().rust, "Database");
        assert_eq!(plan.constants, [("DB_OK".to_owned(), "i32".to_owned(), 0)]);
    }

    #[test]
    fn a_unique_maker_and_a_stolen_keeper_are_refused() {
        let unique = wrapper(
            &["db=unique(db_close)", "stmt=unique(stmt_free)"],
            &["db.db_prepare(const char* sql, out stmt** out) -> db_status"],
            &[STATUS],
            false,
        );
        let refusal = Plan::new(&unique, "t").unwrap_err();
        assert!(
            refusal
                .allowed
                .contains("answer `counted(RELEASE)` for `db`"),
            "{refusal}"
        );
        let stolen = wrapper(
            &[
                "db=counted(db_close)",
                "stmt=unique(stmt_free)",
                "queue=unique(queue_free)",
            ],
            &[
                "db.db_prepare(const char* sql, out stmt** out) -> db_status",
                "queue.queue_push(steals stmt* s) -> db_status",
            ],
            &[STATUS],
            false,
        );
        let refusal = Plan::new(&stolen, "t").unwrap_err();
        assert!(refusal.allowed.contains("it steals a `stmt`"), "{refusal}");
    }

    #[test]
    fn inline_functions_go_through_the_shim_and_loaded_ones_through_the_table() {
        let w = wrapper(
            &["db=intrusive(db_ref,db_unref)"],
            &[
                "db.db_size() const -> size_t",
                "db.db_name(int n = -1, const char** tail = NULL) const -> const char*",
            ],
            &[],
            true,
        );
        let plan = Plan::new(&w, "t").unwrap();
        assert_eq!(plan.raw["db_ref"].symbol(), "refcount_shim_db_ref");
        assert!(plan.raw["db_unref"].shim.is_none());
        assert!(plan.has_shim());
        assert_eq!(plan.redirects, ["db_free"]);
        assert_eq!(plan.loaded.as_ref().unwrap().env_var, "DB_LIBRARY");
        let name = &plan.types[0].functions[1];
        assert_eq!(name.rust, "name");
        assert_eq!(name.args[1..], ["-1", "std::ptr::null_mut()"]);
        assert!(name.params.is_empty());
    }
}

//! What each parameter and return type becomes on the four sides of a call: the
//! safe Rust function, the bridge, the C++ shim and the C++ call.

use crate::model::{
    buffer_at, Base, CppType, Indirection, Param, Returns, Scalar, StringClass, INTRUSIVE_POINTERS,
};
use crate::naming::{rust_name, Scope};

use super::{ClassPlan, EnumPlan};

/// What a type may be, for refusals.
const TYPES_ALLOWED: &str = "answer it as a class, an enum or a string class, or use a scalar, \
std::string, const char* or a std::vector of those";

/// What a member's types may name beyond the built-in ones: the classes, enums and
/// string classes answered, in namespace `ns`.
#[derive(Debug, Clone, Copy)]
pub struct Types<'a> {
    /// The classes.
    pub classes: &'a [ClassPlan],
    /// The enums.
    pub enums: &'a [EnumPlan],
    /// The string classes.
    pub strings: &'a [StringClass],
    /// The intrusive smart pointers answered, beside the well-known ones.
    pub smart_pointers: &'a [String],
    /// The namespace.
    pub ns: &'a str,
}

impl<'a> Types<'a> {
    /// The classes and enums planned, and `wrapper`'s string classes, smart
    /// pointers and namespace.
    pub fn of(
        classes: &'a [ClassPlan],
        enums: &'a [EnumPlan],
        wrapper: &'a crate::model::Wrapper,
    ) -> Self {
        Types {
            classes,
            enums,
            strings: &wrapper.strings,
            smart_pointers: &wrapper.smart_pointers,
            ns: &wrapper.namespace,
        }
    }

    fn class(&self, ty: &CppType) -> Option<&ClassPlan> {
        named(ty, self.classes, self.ns, |c| &c.cpp)
    }

    fn enum_(&self, ty: &CppType) -> Option<&EnumPlan> {
        named(ty, self.enums, self.ns, |e| &e.cpp)
    }

    fn string(&self, ty: &CppType) -> Option<&StringClass> {
        named(ty, self.strings, self.ns, |s| &s.cpp)
    }

    /// The class a smart pointer `name` of `element` holds: one answered, by value.
    fn held_class(&self, name: &str, element: &CppType) -> Result<&'a ClassPlan, String> {
        named(element, self.classes, self.ns, |c| &c.cpp)
            .filter(|_| element.indirection == Indirection::Value)
            .ok_or_else(|| format!("a `{name}` of `{element}`, which is no class answered"))
    }

    /// The class a smart pointer returned as `r`, template `name` of `arguments`,
    /// holds: returned by value, of one class answered.
    fn held_by_value(
        &self,
        r: &Returns,
        name: &str,
        arguments: &[CppType],
    ) -> Result<&'a ClassPlan, String> {
        if r.ty.indirection != Indirection::Value || r.owned {
            return Err(format!(
                "a `{name}` through a pointer or a reference (only by value)"
            ));
        }
        match arguments {
            [element] => self.held_class(name, element),
            _ => Err(format!("a `{name}` of more than one type")),
        }
    }

    /// Whether class template `name` is an intrusive smart pointer.
    fn smart_pointer(&self, name: &str) -> bool {
        let unqualified = name.strip_prefix(&format!("{}::", self.ns)).unwrap_or(name);
        INTRUSIVE_POINTERS.contains(&name)
            || self
                .smart_pointers
                .iter()
                .any(|answered| answered == name || answered == unqualified)
    }
}

/// A parameter, as each side of the call writes it.
#[derive(Debug, Clone)]
pub struct ParamPlan {
    /// Its Rust (and shim) name.
    pub name: String,
    /// Its type in the safe Rust function.
    pub rust: String,
    /// Its type in the bridge.
    pub bridge: String,
    /// Its type in the C++ shim.
    pub cpp: String,
    /// What the shim passes to the C++ call.
    pub cpp_arg: String,
    /// What the safe function passes to the bridge.
    pub rust_arg: String,
    /// A statement the safe function runs first (a lease, a keep).
    pub prep: Option<String>,
    /// What a constructor's wrapper keeps of it, and in which field.
    pub keep: Option<Keep>,
    /// The bridge takes a raw pointer: the call is `unsafe`.
    pub raw: bool,
    /// A C string, copied from a `&str` (a NUL in it is an `Err`).
    pub c_string: bool,
    /// Memory the callee may keep (`Param::kept`): the safe function is `unsafe`,
    /// and takes the caller's own memory.
    pub kept: bool,
    /// An out-parameter: not an argument of the safe function but one of what it
    /// returns (`rust` is its type there).
    pub out: bool,
    /// A statement the shim runs before the call (a local for an out-parameter).
    pub cpp_prep: Option<String>,
    /// A statement the shim runs after the call.
    pub cpp_post: Option<String>,
    /// The class a test must make to pass one (C++ name), if it is an object.
    pub sample_class: Option<String>,
    /// How a test passes an object it made: `&var` (borrowed) or `var` (moved).
    pub sample: String,
}

impl ParamPlan {
    /// A parameter passed as it is on each side: named `name`, of type `rust` in Rust
    /// and `bridge` in the bridge, `cpp` in the shim, which passes `cpp_arg`.
    fn plain(name: String, rust: &str, bridge: &str, cpp: &str, cpp_arg: String) -> ParamPlan {
        ParamPlan {
            rust: rust.to_owned(),
            bridge: bridge.to_owned(),
            cpp: cpp.to_owned(),
            cpp_arg,
            rust_arg: name.clone(),
            prep: None,
            keep: None,
            raw: false,
            c_string: false,
            kept: false,
            out: false,
            cpp_prep: None,
            cpp_post: None,
            sample_class: None,
            sample: String::new(),
            name,
        }
    }
}

/// What a constructor's wrapper keeps alive of a parameter.
#[derive(Debug, Clone)]
pub struct Keep {
    /// The value kept (`dog.clone()`, `conn_kept`).
    pub value: String,
    /// The field (`_keep_dog`).
    pub field: String,
    /// The Rust class of the parameter.
    pub class: String,
    /// The type of what the field holds of each.
    pub ty: String,
}

/// What a method returns, as each side writes it.
#[derive(Debug, Clone)]
pub struct ReturnPlan {
    /// What it is.
    pub kind: ReturnKind,
    /// The safe function's type (`()` for void).
    pub rust: String,
    /// The bridge's type (empty for void).
    pub bridge: String,
    /// The shim's type.
    pub cpp: String,
    /// The shim's return expression around the call, `CALL`.
    pub cpp_wrap: String,
}

/// The kinds of returned value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnKind {
    /// Nothing.
    Void,
    /// A scalar.
    Value,
    /// A `String` copied from a `std::string`.
    String,
    /// A `const char*` the object keeps, copied into an `Option<String>` (`None` for
    /// null).
    CString,
    /// A `std::vector` of scalars or of strings, copied into a `Vec`.
    Vector {
        /// Of `std::string`s (copied as `String`s), else of scalars.
        strings: bool,
    },
    /// A view of an object that something else owns (`&NodeRef`), tied to the
    /// borrow of the receiver.
    View {
        /// The view type.
        class: String,
        /// The C++ class.
        cpp_class: String,
        /// A reference (never null).
        is_ref: bool,
        /// `&mut` (a non-const member's non-const result), else `&`.
        mutable: bool,
    },
    /// A `std::shared_ptr` of a uniquely owned or view class, held as cxx's
    /// `SharedPtr` in a `NAMEShared`, which lends only `&NAMERef` (others share it).
    SharedPtr {
        /// The shared type (`CanvasShared`).
        class: String,
        /// The C++ class.
        cpp_class: String,
    },
    /// An object of a wrapped class, wrapped by `from` (`from_adopted`, `from_retained`).
    Object {
        /// The Rust class.
        class: String,
        /// The C++ class.
        cpp_class: String,
        /// The wrapping function.
        from: &'static str,
        /// A reference (never null).
        is_ref: bool,
        /// A new uniquely owned object that another object's member made, which may
        /// point into its maker: a `refcount::Tied` to the borrow of the receiver.
        tied: bool,
    },
}

/// The item of `items` that a type names (`key` gives an item's C++ name): as
/// written, or without the namespace's qualification (a class may share the
/// namespace's name: `canvas::mode` in namespace `canvas` is the class's enum).
fn named<'a, T>(ty: &CppType, items: &'a [T], ns: &str, key: fn(&T) -> &str) -> Option<&'a T> {
    let name = ty.named()?;
    items.iter().find(|item| key(item) == name).or_else(|| {
        let unqualified = name.strip_prefix(&format!("{ns}::"))?;
        items.iter().find(|item| key(item) == unqualified)
    })
}

/// A vector's element as the bridge carries it: (Rust type, C++ type, a string).
fn vector_element(element: &CppType) -> Result<(&'static str, &'static str, bool), String> {
    if element.indirection != Indirection::Value {
        return Err(format!("a vector of `{element}` (only of values)"));
    }
    match &element.base {
        Base::Scalar(Scalar::Bool, _) => {
            Err("a `std::vector<bool>` (packed bits, which cxx cannot carry)".to_owned())
        }
        Base::Scalar(scalar, _) => Ok((scalar.rust(), scalar.cpp(), false)),
        Base::StdString => Ok(("CxxString", "std::string", true)),
        _ => Err(format!(
            "a vector of `{element}` (only of scalars and of std::string)"
        )),
    }
}

/// An enum by value or const reference: the same on every side of the call.
fn enum_type(ty: &CppType, e: &EnumPlan) -> Result<(String, String, String), String> {
    match ty.indirection {
        Indirection::Value => {}
        Indirection::Reference if ty.is_const => {}
        _ => {
            return Err(format!(
                "the enum `{}` through a pointer or a non-const reference",
                e.cpp
            ))
        }
    }
    Ok((
        format!("ffi::{}", e.rust),
        e.rust.clone(),
        e.qualified.clone(),
    ))
}

/// Why a type cannot be bound, when nothing answered names it.
fn unknown() -> String {
    format!("neither built in nor answered ({TYPES_ALLOWED})")
}

/// A value of a string class: by value or const reference.
fn string_by_value(ty: &CppType, string: &StringClass) -> Result<(), String> {
    match ty.indirection {
        Indirection::Value => Ok(()),
        Indirection::Reference if ty.is_const => Ok(()),
        _ => Err(format!(
            "the string class `{}` through a pointer or a non-const reference",
            string.cpp
        )),
    }
}

/// A string-class parameter: a `&str`, which the shim converts (`FROM(data, size)`).
fn string_param(
    ty: &CppType,
    string: &StringClass,
    ns: &str,
    name: String,
) -> Result<ParamPlan, String> {
    string_by_value(ty, string)?;
    let cpp_arg = format!(
        "{}::{}({name}.data(), {name}.size())",
        qualified_name(&string.cpp, ns),
        string.from_utf8
    );
    Ok(ParamPlan::plain(
        name,
        "&str",
        "&str",
        "::rust::Str",
        cpp_arg,
    ))
}

/// A returned string-class value: copied through its UTF-8 bytes (`TO()`) into a
/// `String` (bytes that are not UTF-8 become U+FFFD).
fn string_return(ty: &CppType, string: &StringClass) -> Result<ReturnPlan, String> {
    string_by_value(ty, string)?;
    let wrap = format!(
        "[&] {{ const auto utf8_ = (CALL).{}(); return ::rust::String::lossy(utf8_.data(), \
         utf8_.size()); }}()",
        string.to_utf8
    );
    Ok(ReturnPlan {
        kind: ReturnKind::String,
        rust: "String".to_owned(),
        bridge: "String".to_owned(),
        cpp: "::rust::String".to_owned(),
        cpp_wrap: wrap,
    })
}

/// A C++ name as a shim spells it, from the global namespace: as written when
/// qualified (`poppler::ustring`), else in the classes' namespace `ns`.
fn qualified_name(cpp: &str, ns: &str) -> String {
    if cpp.contains("::") || ns.is_empty() {
        format!("::{cpp}")
    } else {
        format!("::{ns}::{cpp}")
    }
}

/// The parameters of a constructor (`in_ctor`) or method, with names unique in `scope`.
pub fn params(
    params: &[Param],
    types: &Types,
    in_ctor: bool,
    mut scope: Scope,
) -> Result<Vec<ParamPlan>, String> {
    // C++ allows defaults only at the end (C has none: there a default is what the
    // wrapper passes).
    if let Some(first) = params.iter().position(|p| p.default.is_some()) {
        if params[first..].iter().any(|p| p.default.is_none()) {
            return Err(format!(
                "parameter {} has a default, but one after it has none",
                first + 1
            ));
        }
    }
    let mut planned = Vec::new();
    let mut i = 0;
    while i < params.len() {
        if let Some((pointee, size)) = buffer_at(&params[i..]) {
            // A buffer and its size, `(const char* data, int length)`: one `&[u8]`,
            // whose length the size is (a length of its own could say more bytes than
            // there are).
            let base = params[i]
                .name
                .as_deref()
                .map_or("data".to_owned(), |n| rust_name(n, &[]));
            let name = scope.unique(&base);
            let cpp_arg = format!(
                "reinterpret_cast<const {pointee}*>({name}.data()), static_cast<{}>({name}.size())",
                size.cpp()
            );
            let mut row = ParamPlan::plain(
                name.clone(),
                "&[u8]",
                "&[u8]",
                "::rust::Slice<const std::uint8_t>",
                cpp_arg,
            );
            row.prep = Some(format!(
                "{}::try_from({name}.len()).map_err(|_| Error::Length({name}.len()))?;",
                size.rust()
            ));
            row.kept = params[i].kept;
            planned.push(row);
            i += 2;
            continue;
        }
        if let Some(name) = range_of(&params[i..]) {
            // Two pointers into one string, `(begin, end)`: one `&str`, whose own bytes
            // they bound (two C strings would be two allocations: reading from one to
            // the other is undefined behaviour).
            let name = scope.unique(&name);
            let cpp_arg = format!("{name}.data(), {name}.data() + {name}.size()");
            let mut row = ParamPlan::plain(name, "&str", "&str", "::rust::Str", cpp_arg);
            row.kept = params[i].kept || params[i + 1].kept;
            planned.push(row);
            i += 2;
            continue;
        }
        let p = &params[i];
        let class = types.class(&p.ty);
        let base = match (&p.name, class) {
            (Some(name), _) => rust_name(name, &[]),
            (None, Some(c)) => rust_name(&c.snake, &[]),
            (None, None) => format!("arg{i}"),
        };
        let name = scope.unique(&base);
        let plan = if let Some(e) = types.enum_(&p.ty) {
            enum_type(&p.ty, e).map(|(rust, bridge, cpp)| enum_param(name, rust, bridge, cpp))
        } else if let Some(string) = types.string(&p.ty) {
            string_param(&p.ty, string, types.ns, name)
        } else if p.out {
            out_param(&p.ty, name, in_ctor)
        } else if p.kept {
            kept_param(p, name)
        } else {
            param(&p.ty, name, class, in_ctor)
        };
        planned.push(plan.map_err(|why| format!("parameter {} (`{}`) is {why}", i + 1, p.ty))?);
        i += 1;
    }
    Ok(planned)
}

/// The Rust name of a `(const char* begin, const char* end)` range at the start of
/// `params`, if one is there: named so (`begin`/`end`, `beginDoc`/`endDoc`, `first`/
/// `last`, `start`/`limit`), as nothing else tells two C strings from a range.
fn range_of(params: &[Param]) -> Option<String> {
    let [first, second, ..] = params else {
        return None;
    };
    let c_string = |p: &Param| p.byte_pointee() == Some("char");
    if !c_string(first) || !c_string(second) {
        return None;
    }
    let (a, b) = (
        rust_name(first.name.as_deref()?, &[]),
        rust_name(second.name.as_deref()?, &[]),
    );
    for (open, close) in [
        ("begin", "end"),
        ("first", "last"),
        ("start", "limit"),
        ("start", "end"),
    ] {
        let rest = |name: &str, word: &str| {
            name.strip_prefix(word)
                .map(|rest| rest.trim_start_matches('_').to_owned())
                .or_else(|| {
                    name.strip_suffix(word)
                        .map(|rest| rest.trim_end_matches('_').to_owned())
                })
        };
        if let (Some(x), Some(y)) = (rest(&a, open), rest(&b, close)) {
            if x == y {
                return Some(if x.is_empty() { "text".to_owned() } else { x });
            }
        }
    }
    None
}

/// A pointer the callee may keep, given as the caller's own memory: `&CStr` for a
/// C string (a copy would die when the call returns), `&[u8]` for bytes.
fn kept_param(p: &Param, name: String) -> Result<ParamPlan, String> {
    match p.byte_pointee() {
        Some("char") => {}
        // Its length is the callee's business: only a buffer with a size is sized.
        Some(pointee) => {
            return Err(format!(
                "a `const {pointee}*` without a size beside it (a buffer needs one)"
            ))
        }
        None => return Err("`kept` but no const pointer to characters or bytes".to_owned()),
    }
    let cpp_arg = name.clone();
    let mut row = ParamPlan::plain(
        name.clone(),
        "&std::ffi::CStr",
        "*const c_char",
        "const char*",
        cpp_arg,
    );
    row.rust_arg = format!("{name}.as_ptr()");
    row.raw = true;
    row.kept = true;
    Ok(row)
}

fn enum_param(name: String, rust: String, bridge: String, cpp: String) -> ParamPlan {
    let cpp_arg = name.clone();
    ParamPlan::plain(name, &rust, &bridge, &cpp, cpp_arg)
}

/// An out-parameter: the shim passes a local of the C++ type, then copies it into
/// the bridge's `&mut`, which the safe function returns.
fn out_param(ty: &CppType, name: String, in_ctor: bool) -> Result<ParamPlan, String> {
    let Base::Scalar(scalar, spelled) = &ty.base else {
        return Err("an out-parameter that is no scalar (answer it without `out`)".to_owned());
    };
    let pointer = match ty.indirection {
        Indirection::Pointer(1) => true,
        Indirection::Reference => false,
        _ => return Err("an out-parameter that is no `T*` or `T&`".to_owned()),
    };
    if ty.is_const {
        return Err("a const out-parameter (it cannot be written)".to_owned());
    }
    if in_ctor {
        return Err("an out-parameter of a constructor".to_owned());
    }
    let local = format!("{name}_value");
    let cpp_arg = if pointer {
        format!("&{local}")
    } else {
        local.clone()
    };
    let mut row = ParamPlan::plain(
        name.clone(),
        scalar.rust(),
        &format!("&mut {}", scalar.rust()),
        &format!("{}&", scalar.cpp()),
        cpp_arg,
    );
    row.cpp_prep = Some(format!("{spelled} {local}{{}};"));
    row.cpp_post = Some(format!("{name} = {local};"));
    row.rust_arg = format!("&mut {name}");
    row.out = true;
    Ok(row)
}

fn param(
    ty: &CppType,
    name: String,
    class: Option<&ClassPlan>,
    in_ctor: bool,
) -> Result<ParamPlan, String> {
    let mut row = ParamPlan::plain(name.clone(), "", "", "", name);
    let name = row.name.clone();
    let (pointer, reference) = match ty.indirection {
        Indirection::RValue => return Err("an rvalue reference (`&&`)".to_owned()),
        Indirection::Value => (0, false),
        Indirection::Pointer(n) => (n, false),
        Indirection::Reference => (0, true),
    };
    match &ty.base {
        Base::Scalar(scalar, _) => {
            if pointer > 0 {
                return Err("a pointer to a scalar (an out-parameter?)".to_owned());
            }
            if reference && !ty.is_const {
                return Err("a non-const reference to a scalar (an out-parameter?)".to_owned());
            }
            row.rust = scalar.rust().to_owned();
            row.bridge = row.rust.clone();
            row.cpp = scalar.cpp().to_owned();
            return Ok(row);
        }
        Base::StdString => {
            if pointer > 0 {
                return Err("a pointer to a std::string".to_owned());
            }
            if reference && !ty.is_const {
                return Err("a non-const std::string& (an out-parameter?)".to_owned());
            }
            row.cpp_arg = format!("std::string({name})");
        }
        Base::Vector(element) if pointer == 0 && (ty.is_const || !reference) => {
            let (rust, cpp, strings) = vector_element(element)?;
            if strings {
                return Err("a vector of strings as a parameter".to_owned());
            }
            row.rust = format!("&[{rust}]");
            row.bridge = row.rust.clone();
            row.cpp = format!("::rust::Slice<const {cpp}>");
            row.cpp_arg = format!("std::vector<{}>({name}.begin(), {name}.end())", element);
            return Ok(row);
        }
        Base::Char if pointer == 1 && ty.is_const => {
            // Copied into a NUL-terminated string that lives until the call returns: a
            // NUL inside is an `Err`, never a string cut short.
            row.prep = Some(format!("let {name}_c = std::ffi::CString::new({name})?;"));
            row.rust_arg = format!("{name}_c.as_ptr()");
            row.rust = "&str".to_owned();
            row.bridge = "*const c_char".to_owned();
            row.cpp = "const char*".to_owned();
            row.raw = true;
            row.c_string = true;
            return Ok(row);
        }
        _ => return object_param(row, class, (pointer, reference, ty.is_const), in_ctor),
    }
    row.rust = "&str".to_owned();
    row.bridge = "&str".to_owned();
    row.cpp = "::rust::Str".to_owned();
    Ok(row)
}

fn object_param(
    mut row: ParamPlan,
    class: Option<&ClassPlan>,
    (pointer, reference, const_): (u8, bool, bool),
    in_ctor: bool,
) -> Result<ParamPlan, String> {
    let c = class.ok_or_else(unknown)?;
    if usize::from(pointer) + usize::from(reference) != 1 {
        return Err(format!(
            "{} by value or through two indirections (use a pointer or a reference)",
            c.cpp
        ));
    }
    let name = row.name.clone();
    if c.kind == "view" && in_ctor {
        return Err(format!(
            "a `{}`, a view class, given to a constructor (nothing could keep it alive)",
            c.cpp
        ));
    }
    row.raw = true;
    row.bridge = format!("*mut {}", c.rust);
    row.cpp = format!("{}*", c.qualified);
    row.cpp_arg = if reference {
        format!("*{name}")
    } else {
        name.clone()
    };
    row.sample_class = Some(c.cpp.clone());
    row.rust = format!("&{}", c.rust);
    row.sample = format!("&{}", c.var);
    row.rust_arg = format!("{name}.as_ptr()");
    // One field per class kept: it holds every object of that class given.
    let keep = |value: String, ty: String| {
        Some(Keep {
            value,
            field: format!("_keep_{}", c.snake),
            class: c.rust.clone(),
            ty,
        })
    };
    match c.kind {
        "counted" if in_ctor => {
            // A long lease, not a clone: a `close` on the object then waits for the
            // new object, which may point to it, instead of releasing it under it.
            let kept = format!("{name}_kept");
            row.prep = Some(format!("let {kept} = {name}.handle.keep()?;"));
            row.rust_arg = format!("{kept}.as_ptr()");
            row.keep = keep(kept, format!("refcount::Kept<ffi::{}>", c.rust));
        }
        "counted" => {
            let lease = format!("{name}_lease");
            row.prep = Some(format!("let {lease} = {name}.lease()?;"));
            row.rust_arg = format!("{lease}.as_ptr()");
        }
        "unique" if in_ctor => {
            // A constructor may keep a pointer to what it is given: a uniquely owned
            // object then moves into the new object's wrapper, and lives as long as it.
            row.rust = c.rust.clone();
            row.sample = c.var.clone();
            row.keep = keep(name, c.rust.clone());
        }
        _ if in_ctor => row.keep = keep(format!("{name}.clone()"), c.rust.clone()),
        "unique" | "view" => {
            // Borrowed for the call: `&mut` when the member may change it.
            let view = c
                .view
                .clone()
                .expect("a unique or view class has a view type");
            if const_ {
                row.rust = format!("&{view}");
            } else {
                row.rust = format!("&mut {view}");
                row.sample_class = None;
            }
        }
        _ => {}
    }
    Ok(row)
}

/// An object of class `c` that the shim's `wrap` of the call gives as a pointer, and
/// `from` wraps (`from_adopted`, `from_retained`); `never_null` for a reference or a
/// new object, which the Rust side then returns without `Option`.
fn object(
    c: &ClassPlan,
    from: &'static str,
    never_null: bool,
    tied: bool,
    wrap: String,
) -> ReturnPlan {
    let rust = if tied {
        format!("refcount::Tied<'_, {}>", c.rust)
    } else {
        c.rust.clone()
    };
    ReturnPlan {
        kind: ReturnKind::Object {
            class: c.rust.clone(),
            cpp_class: c.cpp.clone(),
            from,
            is_ref: never_null,
            tied,
        },
        rust: if never_null {
            rust
        } else {
            format!("Option<{rust}>")
        },
        bridge: format!("*mut {}", c.rust),
        cpp: format!("{}*", c.qualified),
        cpp_wrap: wrap,
    }
}

/// A `std::shared_ptr<T>` returned by value: cxx's `SharedPtr` holds the share, so
/// the object lives while any holder does, in Rust or in C++; Rust lends only its
/// const members (`&TRef`), as the object is shared.
fn shared_ptr_return(
    r: &Returns,
    arguments: &[CppType],
    types: &Types,
) -> Result<ReturnPlan, String> {
    let c = types.held_by_value(r, "std::shared_ptr", arguments)?;
    if c.view.is_none() {
        return Err(format!(
            "a `std::shared_ptr<{}>`, whose class counts itself ({}): its own count and the \
             shared_ptr's would disagree",
            c.cpp, c.ownership
        ));
    }
    let shared = super::shared_type(&c.rust);
    Ok(ReturnPlan {
        kind: ReturnKind::SharedPtr {
            class: shared.clone(),
            cpp_class: c.cpp.clone(),
        },
        rust: format!("Option<{shared}>"),
        bridge: format!("SharedPtr<{}>", c.rust),
        cpp: format!("std::shared_ptr<{}>", c.qualified),
        cpp_wrap: "CALL".to_owned(),
    })
}

/// An intrusive smart pointer returned by value (`geo::ref<shape>`): the shim adds
/// a count of the object's own before the smart pointer drops its one, and Rust
/// adopts that count, whatever count the object started with.
fn smart_pointer_return(
    r: &Returns,
    name: &str,
    arguments: &[CppType],
    types: &Types,
) -> Result<ReturnPlan, String> {
    let c = types.held_by_value(r, name, arguments)?;
    let add_ref = c
        .add_ref
        .as_deref()
        .filter(|_| c.kind == "intrusive")
        .ok_or_else(|| {
            format!(
                "a `{name}<{}>`, whose object does not count itself ({}): answer it intrusive",
                c.cpp, c.ownership
            )
        })?;
    let wrap = format!(
        "[&] {{ const auto held_ = CALL; auto* p = held_.get(); if (p != nullptr) {{ {add_ref}; }} \
         return const_cast<{}*>(p); }}()",
        c.qualified
    );
    // A counted object keeps what it points to alive itself: it is never tied.
    Ok(object(c, "from_adopted", false, false, wrap))
}

/// What a method returns, or why it cannot be bound. A view it lends is `&mut` only
/// from a non-const member (`receiver_const` false) and of a non-const result; a new
/// uniquely owned object is tied to the receiver's borrow when the member is a
/// `maker` (a non-static member that is no copy).
pub fn returns(
    r: &Returns,
    receiver_const: bool,
    maker: bool,
    types: &Types,
) -> Result<ReturnPlan, String> {
    let ty = &r.ty;
    if let Some(string) = types.string(ty).filter(|_| !r.owned) {
        return string_return(ty, string);
    }
    if let Some(e) = types.enum_(ty).filter(|_| !r.owned) {
        let (rust, bridge, cpp) = enum_type(ty, e)?;
        return Ok(ReturnPlan {
            kind: ReturnKind::Value,
            rust,
            bridge,
            cpp,
            cpp_wrap: "CALL".to_owned(),
        });
    }
    let (pointer, reference) = match ty.indirection {
        Indirection::RValue => return Err("an rvalue reference (`&&`)".to_owned()),
        Indirection::Value => (0, false),
        Indirection::Pointer(n) => (n, false),
        Indirection::Reference => (0, true),
    };
    let plain = |kind, rust: &str, cpp: &str, wrap: &str| ReturnPlan {
        kind,
        rust: rust.to_owned(),
        bridge: rust.to_owned(),
        cpp: cpp.to_owned(),
        cpp_wrap: wrap.to_owned(),
    };
    match &ty.base {
        Base::Void if pointer == 0 && !r.owned => {
            let mut row = plain(ReturnKind::Void, "()", "void", "CALL");
            row.bridge.clear();
            return Ok(row);
        }
        Base::Scalar(scalar, _) if !r.owned => {
            if pointer > 0 || (reference && !ty.is_const) {
                return Err("a pointer or reference to a scalar".to_owned());
            }
            return Ok(plain(
                ReturnKind::Value,
                scalar.rust(),
                scalar.cpp(),
                "CALL",
            ));
        }
        Base::StdString if pointer == 0 && !r.owned => {
            if reference && !ty.is_const {
                return Err("a non-const std::string&".to_owned());
            }
            let wrap = "::rust::String::lossy(CALL)";
            return Ok(plain(ReturnKind::String, "String", "::rust::String", wrap));
        }
        Base::Vector(element) if pointer == 0 && !r.owned && (ty.is_const || !reference) => {
            // Copied, element by element, into a new vector that Rust then copies.
            let (rust, cpp, strings) = vector_element(element)?;
            return Ok(ReturnPlan {
                kind: ReturnKind::Vector { strings },
                rust: format!("Vec<{}>", if strings { "String" } else { rust }),
                bridge: format!("UniquePtr<CxxVector<{rust}>>"),
                cpp: format!("std::unique_ptr<std::vector<{cpp}>>"),
                cpp_wrap: format!("to_vector<{cpp}>(CALL)"),
            });
        }
        Base::UniquePtr(element) if pointer == 0 && !reference => {
            // Its object, released from it: the caller's alone, as `-> new T*`.
            let c = types.held_class("std::unique_ptr", element)?;
            if c.kind != "unique" || !c.release.starts_with("delete") {
                return Err(format!(
                    "a `std::unique_ptr<{}>`, whose `delete` is not how `{}` is released ({})",
                    c.cpp, c.cpp, c.ownership
                ));
            }
            return Ok(object(
                c,
                "from_adopted",
                false,
                maker,
                "CALL.release()".to_owned(),
            ));
        }
        Base::Template(name, arguments) if name == "std::shared_ptr" => {
            return shared_ptr_return(r, arguments, types);
        }
        Base::Template(name, arguments) if types.smart_pointer(name) => {
            return smart_pointer_return(r, name, arguments, types);
        }
        Base::Char if pointer == 1 && ty.is_const && !r.owned => {
            // Copied before anything else can change or free it.
            let mut row = plain(ReturnKind::CString, "Option<String>", "const char*", "CALL");
            row.bridge = "*const c_char".to_owned();
            return Ok(row);
        }
        Base::Char if pointer == 1 => {
            return Err(
                "a `char*` the caller may have to free (only a `const char*` the object keeps is \
                 copied)"
                    .to_owned(),
            )
        }
        _ => {}
    }
    if r.owned && ty.named().is_none() {
        return Err(
            "a value handed over (`new` takes a pointer to one of the classes answered)".to_owned(),
        );
    }
    let c = types.class(ty).ok_or_else(unknown)?;
    if pointer == 0 && !reference && c.kind == "unique" && !r.owned {
        // A value: moved into a new object, which the caller then owns alone.
        let wrap = format!("new {}(CALL)", c.qualified);
        return Ok(object(c, "from_adopted", true, false, wrap));
    }
    if usize::from(pointer) + usize::from(reference) != 1 {
        return Err(format!(
            "{} by value (only a uniquely owned class's value is moved into a new object) or \
             through two indirections",
            c.cpp
        ));
    }
    if r.owned && reference {
        return Err("a reference handed over (`new` takes a pointer)".to_owned());
    }
    let mut wrap = if reference { "&(CALL)" } else { "CALL" }.to_owned();
    if ty.is_const {
        wrap = format!("const_cast<{}*>({wrap})", c.qualified);
    }
    if r.owned && c.kind == "view" {
        return Err(format!(
            "a `{}` handed over: a view class is never owned by Rust (answer its ownership)",
            c.cpp
        ));
    }
    if !r.owned && c.kind != "intrusive" {
        let Some(view) = c.view.clone() else {
            return Err(format!(
                "an object the method keeps (a borrowed counted object has no safe Rust type; \
                 write `-> new {}*` if the caller owns it)",
                c.cpp
            ));
        };
        let mutable = !ty.is_const && !receiver_const;
        let borrow = if mutable { "&mut " } else { "&" };
        return Ok(ReturnPlan {
            kind: ReturnKind::View {
                class: view.clone(),
                cpp_class: c.cpp.clone(),
                is_ref: reference,
                mutable,
            },
            rust: if reference {
                format!("{borrow}{view}")
            } else {
                format!("Option<{borrow}{view}>")
            },
            bridge: format!("*mut {}", c.rust),
            cpp: format!("{}*", c.qualified),
            cpp_wrap: wrap,
        });
    }
    let from = if r.owned {
        "from_adopted"
    } else {
        "from_retained"
    };
    let tied = maker && r.owned && c.kind == "unique";
    Ok(object(c, from, reference, tied, wrap))
}

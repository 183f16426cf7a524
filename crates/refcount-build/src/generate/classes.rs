//! `classes.rs`: the safe Rust type of each class, its constructors and methods.

use super::{list, Options, Out};
use crate::plan::{ClassPlan, CtorPlan, MethodPlan, ParamPlan, Plan, ReturnKind};

/// Where `refcount` keeps its type-tagged handles.
const ANY: &str = "refcount::any";

/// The safe types.
pub fn classes(plan: &Plan, options: Options) -> String {
    let mut out = Out::new(options);
    out.push(
        "// What the generated methods assume of the C++ library (check it):
// - a method does not keep a pointer or reference to its arguments after it
//   returns, unless the parameter is answered `kept` (then the function is
//   `unsafe`, with its contract); a constructor may keep an object it is given, so
//   the wrapper keeps that object alive;
// - a new object of a class that counts itself starts with one reference, the
//   caller's, unless the class was answered `retain`;
// - a returned pointer is borrowed from the object (a reference is added) unless
//   the method was answered `-> new TYPE*` (the caller owns it); a new uniquely
//   owned object that another object's member makes may point into its maker, so
//   it is `refcount::Tied` to the borrow of its maker (unless the name says copy);
// - a borrowed object that does not count itself is a view (`&Node`, `&mut Node`)
//   tied to the borrow of the object the method was called on: it lives while that
//   object is neither dropped nor changed through `&mut`. A member that frees what
//   another path lent (a parent deleting its children, reached from a child) breaks
//   this: leave it out, or bind it by hand;
// - a method that can throw was answered `throws` (it returns `Err`); an exception
//   from any other becomes a Rust panic with its type and message (a member declared
//   `noexcept` is called without a catch).
",
    );
    // `Error` is named by constructors and by methods that return `Result`.
    let errors = plan
        .classes
        .iter()
        .any(|c| !c.ctors.is_empty() || c.kind == "counted" || c.methods.iter().any(|m| m.result));
    out.line(if errors {
        "\nuse super::{ffi, Error};"
    } else {
        "\nuse super::ffi;"
    });
    for c in &plan.classes {
        class(&mut out, c);
    }
    out.text
}

fn doc_or(doc: &str, otherwise: String) -> String {
    if doc.is_empty() {
        otherwise
    } else {
        doc.to_owned()
    }
}

fn class(out: &mut Out, c: &ClassPlan) {
    if c.kind == "view" {
        super::views::view_type(out, c);
        return;
    }
    let rust = &c.rust;
    out.line("");
    out.anchor("", &format!("type_{}", c.snake));
    out.line(&format!(
        "/// {}",
        doc_or(&c.doc, format!("The C++ `{}`.", c.qualified))
    ));
    out.line("///");
    let held = match c.kind {
        "intrusive" => "It counts its own references: a clone adds one, a drop releases one,\n/// and the C++ object goes with its last reference, held in Rust or in C++.".to_owned(),
        "unique" => "Owned by this wrapper alone: dropping it destroys the C++ object.".to_owned(),
        _ => format!("Counted in Rust: clones share the C++ object, destroyed when the last clone goes,\n/// or earlier by [`close`]({rust}::close)."),
    };
    let threads = match (c.send, c.sync) {
        (true, true) => "Declared thread-safe.",
        (true, false) => "Declared `Send`: it may move to another thread.",
        (false, true) => "Declared `Sync`.",
        (false, false) => "Not declared thread-safe: it stays on the thread that made it.",
    };
    out.line(&format!("/// {held} {threads}"));
    let derive = if c.kind == "unique" {
        "Debug"
    } else {
        "Clone, Debug"
    };
    out.line(&format!("#[derive({derive})]"));
    out.line(&format!("pub struct {rust} {{"));
    if !c.kept.is_empty() {
        out.line("    // Dropped first: the C++ object goes before what it points to.");
    }
    out.line(&format!("    handle: refcount::{}<ffi::{rust}>,", c.handle));
    for f in &c.kept {
        let waits = if f.ty == f.class {
            ""
        } else {
            " (a `close` of theirs waits for it)"
        };
        out.line(&format!(
            "    /// The `{}` objects given to the constructor: the C++ object may point to",
            f.class
        ));
        out.line(
            "    /// them without a reference of its own, so they live as long as it, whatever",
        );
        out.line(&format!("    /// clone of this wrapper goes last{waits}."));
        out.line(&format!("    {}: std::sync::Arc<[{}]>,", f.field, f.ty));
    }
    out.line("}");
    out.end("", &format!("type_{}", c.snake));
    out.line("");
    out.line(&format!("impl {rust} {{"));
    for k in &c.ctors {
        ctor(out, c, k);
    }
    wrapping(out, c);
    if c.kind == "counted" {
        out.push(&format!(
            "
    /// Starts a use of the C++ object, for a call the wrapper does not bind: the
    /// object is not destroyed while the lease lives. `Err` once closed.
    pub fn lease(&self) -> Result<refcount::Lease<'_, ffi::{rust}>, Error> {{
        Ok(self.handle.lease()?)
    }}

    /// Destroys the C++ object now, for every clone (a use under way, and an object
    /// made with it, finish first); every later call returns `Err`. `false` if it was
    /// closed already.
    pub fn close(&self) -> bool {{
        self.handle.close()
    }}
"
        ));
    } else {
        out.push(&format!(
            "
    /// The C++ object, for a call the wrapper does not bind. It stays this wrapper's:
    /// do not release it, nor use it after the wrapper is dropped.
    pub fn as_ptr(&self) -> *mut ffi::{rust} {{
        self.handle.as_ptr()
    }}
"
        ));
    }
    // A unique class's members are its view's (it derefs to it), but the static ones.
    for m in c
        .methods
        .iter()
        .filter(|m| c.kind != "unique" || m.is_static)
    {
        method(out, c, m);
    }
    out.line("}");
    if c.kind == "unique" {
        super::views::view_type(out, c);
    }
    let equal = if c.kind == "counted" {
        "are clones of one another: a closed one\n/// holds no C++ object to compare."
    } else {
        "hold the same C++ object."
    };
    out.push(&format!(
        "
/// Two wrappers are equal when they {equal}
impl PartialEq for {rust} {{
    fn eq(&self, other: &Self) -> bool {{
        self.handle == other.handle
    }}
}}

impl Eq for {rust} {{}}

/// Hashes what equality compares.
impl std::hash::Hash for {rust} {{
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {{
        self.handle.hash(state);
    }}
}}
"
    ));
    if c.kept.is_empty() {
        out.push(&format!(
            "
/// Erases the handle to a type-tagged one (`{handle}<{type_id}>`).
impl From<{rust}> for {ANY}::AnyHandle {{
    fn from(object: {rust}) -> Self {{
        {ANY}::Handle::erase(object.handle)
    }}
}}

/// Turns a type-tagged handle back into the `{rust}` it was; any other is refused, intact.
impl TryFrom<{ANY}::AnyHandle> for {rust} {{
    type Error = {ANY}::DowncastError;

    fn try_from(any: {ANY}::AnyHandle) -> Result<Self, {ANY}::DowncastError> {{
        any.downcast().map(|handle| {rust} {{ handle }})
    }}
}}
",
            handle = c.handle,
            type_id = c.type_id,
        ));
    }
}

/// The safe value of what a bridge function returned, `raw_`, for the kinds that
/// wrap it (the `SAFETY` comment, if one is needed, goes to `out`).
fn wrapped(out: &mut Out, kind: &ReturnKind) -> String {
    let never_null = |is_ref: bool, what: &str| {
        if is_ref {
            format!(".expect(\"{what} is never null\")")
        } else {
            String::new()
        }
    };
    match kind {
        ReturnKind::Object {
            class,
            from,
            is_ref,
            tied,
            ..
        } => {
            let how = if *from == "from_adopted" {
                ", whose reference it hands over"
            } else {
                "; the handle adds a reference of its own"
            };
            out.line(&format!(
                "        // SAFETY: the method returned a live object or null{how}."
            ));
            let expect = never_null(*is_ref, "a C++ reference (or a new object)");
            let value = format!("unsafe {{ {class}::{from}(raw_) }}{expect}");
            match (tied, is_ref) {
                (false, _) => value,
                (true, true) => format!("refcount::Tied::new({value})"),
                (true, false) => format!("{value}.map(refcount::Tied::new)"),
            }
        }
        ReturnKind::View {
            class,
            is_ref,
            mutable,
            ..
        } => {
            out.line("        // SAFETY: null, or an object the receiver keeps alive (as assumed above); the");
            out.line("        // view borrows the receiver, so it cannot outlive it.");
            let from = if *mutable { "from_mut_ptr" } else { "from_ptr" };
            let expect = never_null(*is_ref, "a C++ reference");
            format!("unsafe {{ {class}::{from}(raw_) }}{expect}")
        }
        ReturnKind::SharedPtr { class, .. } => format!("(!raw_.is_null()).then(|| {class}(raw_))"),
        ReturnKind::Vector { strings: true } => {
            "raw_.iter().map(|s| s.to_string_lossy().into_owned()).collect::<Vec<_>>()".to_owned()
        }
        ReturnKind::Vector { strings: false } => {
            "raw_.iter().copied().collect::<Vec<_>>()".to_owned()
        }
        ReturnKind::CString => {
            out.line(
                "        // SAFETY: null, or a NUL-terminated string the object keeps: copied",
            );
            out.line("        // before anything else can change or free it.");
            "(!raw_.is_null())\n            .then(|| unsafe { std::ffi::CStr::from_ptr(raw_) }.to_string_lossy().into_owned())"
                .to_owned()
        }
        ReturnKind::Void | ReturnKind::Value | ReturnKind::String => "raw_".to_owned(),
    }
}

/// The `# Safety` section of a function given memory the C++ side may keep, and
/// the `unsafe ` it is then declared with; `keeper` names what may keep it.
fn kept_contract(out: &mut Out, params: &[ParamPlan], keeper: &str) -> &'static str {
    let kept: Vec<String> = params
        .iter()
        .filter(|p| p.kept)
        .map(|p| format!("`{}`", p.name))
        .collect();
    if kept.is_empty() {
        return "";
    }
    out.line("    ///");
    out.line("    /// # Safety");
    out.line("    ///");
    out.line(&format!(
        "    /// The C++ side may keep pointing into {} after the call returns: that memory",
        kept.join(" and ")
    ));
    out.line(&format!(
        "    /// must stay alive and unchanged as long as {keeper} does (answer the"
    ));
    out.line("    /// parameter without `kept` in `wrapper.toml` if the library copies it).");
    "unsafe "
}

/// Why the pointers a call passes are valid through it.
fn pointers_live(params: &[ParamPlan]) -> &'static str {
    if params.iter().any(|p| p.kept) {
        "the pointers come from live handles and from the caller's memory, which the \
         caller keeps alive as long as the C++ side may read it (this function's contract)."
    } else if params.iter().any(|p| p.c_string) {
        "the pointers come from live handles and C strings, which outlive the call."
    } else {
        "the pointers come from live handles, which outlive the call."
    }
}

fn ctor(out: &mut Out, c: &ClassPlan, k: &CtorPlan) {
    let anchor = format!("new_{}_{}", c.snake, k.name);
    out.line("");
    out.anchor("    ", &anchor);
    out.line(&format!(
        "    /// A new `{}({})`. A C++ exception becomes `Err`.",
        c.cpp, k.cpp_params
    ));
    let unsafe_ = kept_contract(out, &k.params, "the new object");
    let params = list(k.params.iter().map(|p| format!("{}: {}", p.name, p.rust)));
    out.line(&format!(
        "    pub {unsafe_}fn {}({params}) -> Result<Self, Error> {{",
        k.name
    ));
    for prep in k.params.iter().filter_map(|p| p.prep.as_deref()) {
        out.line(&format!("        {prep}"));
    }
    let args = list(k.params.iter().map(|p| p.rust_arg.as_str()));
    if k.unsafe_bridge {
        out.line(&format!("        // SAFETY: {}", pointers_live(&k.params)));
        out.line(&format!(
            "        let raw = unsafe {{ ffi::{}({args}) }}?;",
            k.shim
        ));
    } else {
        out.line(&format!("        let raw = ffi::{}({args})?;", k.shim));
    }
    let handed = if c.kind != "intrusive" {
        "which the caller owns alone, handed over"
    } else if c.adopt {
        "whose one reference is handed over"
    } else {
        "with no reference yet: the handle takes the first"
    };
    out.line(&format!("        // SAFETY: a new object, {handed}."));
    let how = if c.adopt { "adopt" } else { "retain" };
    out.line(&format!(
        "        let handle = unsafe {{ refcount::{}::{how}(raw) }}?;",
        c.handle
    ));
    out.line(&format!("        Ok({} {{", c.rust));
    out.line("            handle,");
    for f in &c.kept {
        let values: Vec<&str> = k
            .params
            .iter()
            .filter_map(|p| p.keep.as_ref())
            .filter(|keep| keep.field == f.field)
            .map(|keep| keep.value.as_str())
            .collect();
        let values: String = values.iter().map(|v| format!("{v}, ")).collect();
        out.line(&format!("            {}: vec![{values}].into(),", f.field));
    }
    out.line("        })");
    out.line("    }");
    out.end("    ", &anchor);
}

/// The functions that wrap an object a method returned.
fn wrapping(out: &mut Out, c: &ClassPlan) {
    let rust = &c.rust;
    if c.from_adopted {
        let how = if c.adopt { "adopt" } else { "retain" };
        let first = if c.adopt {
            ""
        } else {
            "; a new object of this class\n        // has no reference yet: the handle takes the first"
        };
        out.push(&format!(
            "
    /// Wraps an object that a C++ method returned with its reference; `None` for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object whose reference the caller hands over.
    pub(crate) unsafe fn from_adopted(ptr: *mut ffi::{rust}) -> Option<Self> {{
        // SAFETY: passed on from the caller{first}.
        let handle = unsafe {{ refcount::{handle}::{how}(ptr) }}.ok()?;
        Some({rust} {{ handle }})
    }}
",
            handle = c.handle
        ));
    }
    if c.from_retained {
        out.push(&format!(
            "
    /// Wraps an object that a C++ method lent, adding a reference of its own; `None`
    /// for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object.
    pub(crate) unsafe fn from_retained(ptr: *mut ffi::{rust}) -> Option<Self> {{
        // SAFETY: passed on from the caller.
        let handle = unsafe {{ refcount::Shared::retain(ptr) }}.ok()?;
        Some({rust} {{ handle }})
    }}
"
        ));
    }
}

pub(super) fn method(out: &mut Out, c: &ClassPlan, m: &MethodPlan) {
    let counted = c.kind == "counted" && !m.is_static;
    // A unique or view class's members are its view type's: `self` is the object.
    let on_view = matches!(c.kind, "unique" | "view") && !m.is_static;
    let receiver = match (m.is_static, counted, m.is_const) {
        (true, _, _) => None,
        _ if on_view && m.is_const => Some("&self.0"),
        _ if on_view => Some("self.as_ptr()"),
        (false, true, true) => Some("&this"),
        (false, true, false) => Some("this.as_ptr()"),
        (false, false, true) => Some("self.handle.get()"),
        (false, false, false) => Some("self.handle.as_ptr()"),
    };
    let args = list(
        receiver
            .into_iter()
            .chain(m.params.iter().map(|p| p.rust_arg.as_str())),
    );
    let mut call = if m.unsafe_bridge {
        format!("unsafe {{ ffi::{}({args}) }}", m.shim)
    } else {
        format!("ffi::{}({args})", m.shim)
    };
    if m.throws {
        call.push('?');
    } else if m.catches {
        call = format!(
            "{call}\n            .unwrap_or_else(|exception| super::threw(\"{}::{}\", exception))",
            c.cpp, m.cpp
        );
    }
    let ret = if m.result {
        format!("Result<{}, Error>", m.ret.rust)
    } else {
        m.ret.rust.clone()
    };
    let anchor = format!("method_{}_{}", c.snake, m.rust);
    out.line("");
    out.anchor("    ", &anchor);
    out.line(&format!(
        "    /// {}",
        doc_or(&m.doc, format!("The C++ `{}::{}`.", c.cpp, m.cpp))
    ));
    if m.throws {
        out.line("    ///");
        out.line("    /// A C++ exception becomes `Err`.");
    } else if m.catches {
        out.line("    ///");
        out.line("    /// # Panics");
        out.line("    ///");
        out.line("    /// If the C++ member throws (it is not answered `throws`).");
    }
    if counted {
        out.line("    ///");
        out.line("    /// `Err` once the object is closed.");
    }
    if m.params.iter().any(|p| p.c_string) {
        out.line("    ///");
        out.line("    /// `Err` for a string that holds a NUL byte.");
    }
    if matches!(m.ret.kind, ReturnKind::Object { tied: true, .. }) {
        out.line("    ///");
        out.line("    /// The new object is the caller's, but it may point into this one: it is");
        out.line("    /// [`refcount::Tied`] to this borrow, so it cannot outlive it.");
    }
    let mut params: Vec<String> = Vec::new();
    if on_view && !m.is_const {
        params.push("&mut self".to_owned());
    } else if !m.is_static {
        params.push("&self".to_owned());
    }
    params.extend(
        m.params
            .iter()
            .filter(|p| !p.out)
            .map(|p| format!("{}: {}", p.name, p.rust)),
    );
    let arrow = if ret == "()" {
        String::new()
    } else {
        format!(" -> {ret}")
    };
    let keeper = if m.is_static {
        "what the call returns"
    } else {
        "the receiver, or what the call returns,"
    };
    let unsafe_ = kept_contract(out, &m.params, keeper);
    out.line(&format!(
        "    pub {unsafe_}fn {}({}){arrow} {{",
        m.rust,
        list(params)
    ));
    if counted {
        out.line("        let this = self.handle.lease()?;");
    }
    for prep in m.params.iter().filter_map(|p| p.prep.as_deref()) {
        out.line(&format!("        {prep}"));
    }
    for p in m.params.iter().filter(|p| p.out) {
        out.line(&format!(
            "        let mut {} = {}::default();",
            p.name, p.rust
        ));
    }
    if m.unsafe_bridge {
        out.line(&format!("        // SAFETY: {}", pointers_live(&m.params)));
    }
    let outs: Vec<&str> = m
        .params
        .iter()
        .filter(|p| p.out)
        .map(|p| p.name.as_str())
        .collect();
    // The returned value's expression, bound to a name first when more follows. The
    // locals end in `_`, which no parameter's name does (a keyword's is `type_`).
    // What the bridge returns is wrapped, but for nothing and plain values: bound to
    // `raw_` first.
    let value = match &m.ret.kind {
        ReturnKind::Void => {
            out.line(&format!("        {call};"));
            None
        }
        ReturnKind::Value | ReturnKind::String => Some(call),
        kind => {
            out.line(&format!("        let raw_ = {call};"));
            Some(wrapped(out, kind))
        }
    };
    let mut parts: Vec<String> = Vec::new();
    match value {
        Some(value) if !outs.is_empty() || m.result => {
            out.line(&format!("        let value_ = {value};"));
            parts.push("value_".to_owned());
        }
        Some(value) => parts.push(value),
        None => {}
    }
    parts.extend(outs.iter().map(|name| (*name).to_owned()));
    let result = crate::plan::tuple(parts);
    if m.result {
        out.line(&format!("        Ok({result})"));
    } else if result != "()" {
        out.line(&format!("        {result}"));
    }
    out.line("    }");
    out.end("    ", &anchor);
}

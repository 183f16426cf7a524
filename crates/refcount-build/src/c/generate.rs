//! The generated files of a C wrapper's [`Plan`]: the raw layer (declarations that
//! are linked, or a table of functions loaded at run time), the `native_type!`
//! descriptions, the safe types, and the tests and tour over them.

use super::plan::{FnPlan, Kind, MessageArg, Plan, Returns, TypePlan};
use crate::generate::{File, Options, MARK};

/// Every generated file of `plan`, with the names the C++ path gives them where the
/// crate includes them (`lib.rs`, `tests.rs`, `tour.rs`).
pub fn files(plan: &Plan, options: Options) -> Vec<File> {
    let file = |name, body: String| File {
        name,
        text: format!("{MARK}\n{}", anchored(&body, options.anchors)),
    };
    let mut files = vec![
        file("lib.rs", lib(plan)),
        file("raw.rs", raw(plan)),
        file("native.rs", native(plan)),
        file("types.rs", types(plan)),
        file("tests.rs", tests(plan)),
        file("tour.rs", tour(plan)),
        file("shims.c", shims(plan)),
    ];
    if let Some(register) = &plan.error_callback {
        files.push(file("errors.rs", errors(plan, register)));
    }
    files
}

/// Marks a section for the kit's book (`// ANCHOR: name`), which [`anchored`]
/// keeps only when asked.
fn anchor(name: &str, indent: &str, text: &str) -> String {
    format!("{indent}// ANCHOR: {name}\n{text}{indent}// ANCHOR_END: {name}\n")
}

/// `text` with its book anchors, or without them (a user's crate has none).
fn anchored(text: &str, anchors: bool) -> String {
    if anchors {
        return text.to_owned();
    }
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("// ANCHOR: ") && !line.starts_with("// ANCHOR_END: ")
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// `errors.rs`: the callback the crate registers with the library's `register`
/// function, which keeps each message for the `Err` of the call that failed.
fn errors(plan: &Plan, register: &str) -> String {
    let registered = match plan.loaded {
        Some(_) => String::new(),
        None => format!(
            "
/// Registers [`on_error`] once, before the first call into the library: every
/// function that takes no object calls it first (an object's own functions come
/// after the one that made it).
#[inline]
#[allow(dead_code)] // a library may have no such function
pub(crate) fn registered() {{
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: `on_error` has the callback's C signature and never unwinds.
    ONCE.call_once(|| unsafe {{ super::raw::{register}(Some(on_error)) }});
}}
"
        ),
    };
    format!(
        r#"
use std::cell::RefCell;
use std::ffi::{{c_char, CStr}};
use std::panic::{{catch_unwind, AssertUnwindSafe}};
use std::sync::{{Arc, Mutex, PoisonError}};

thread_local! {{
    /// The last message the library reported on this thread: it calls its callback
    /// on the thread of the failing call, so the call finds it here after.
    static LAST_ERROR: RefCell<Option<String>> = const {{ RefCell::new(None) }};
}}

type Hook = Arc<dyn Fn(&str) + Send + Sync>;
static HOOK: Mutex<Option<Hook>> = Mutex::new(None);

// ANCHOR: callback
/// The callback registered with `{register}`: runs the hook, then keeps the
/// message for the failing call's `Err`.
///
/// An `extern "C"` function must not unwind: a panic in the hook is caught and
/// kept with the message instead.
pub(crate) unsafe extern "C" fn on_error(message: *const c_char) {{
    let text = if message.is_null() {{
        "the library reported an error without a message".to_owned()
    }} else {{
        // SAFETY: the library passes a C string, valid during the call.
        unsafe {{ CStr::from_ptr(message) }}.to_string_lossy().into_owned()
    }};
    let hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let kept = match hook.map(|hook| catch_unwind(AssertUnwindSafe(|| hook(&text)))) {{
        Some(Err(panic)) => format!("{{text}} (and the error hook panicked: {{}})", panic_message(&*panic)),
        _ => text,
    }};
    // `try_with`: a message reported while the thread ends is dropped, never a panic.
    let _ = LAST_ERROR.try_with(|last| *last.borrow_mut() = Some(kept));
}}
// ANCHOR_END: callback

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {{
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}}
{registered}
/// The message the library reported on this thread since it was last taken, if any.
pub fn take_error() -> Option<String> {{
    LAST_ERROR.try_with(|last| last.borrow_mut().take()).ok().flatten()
}}

/// Runs `hook` with every message the library reports (to log them), on the thread
/// of the failing call, before the call returns. A panic in it never reaches C.
pub fn set_error_hook(hook: impl Fn(&str) + Send + Sync + 'static) {{
    *HOOK.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(hook));
}}

/// Removes the hook [`set_error_hook`] set.
pub fn clear_error_hook() {{
    *HOOK.lock().unwrap_or_else(PoisonError::into_inner) = None;
}}

// ANCHOR: not_made
/// The error for an object a function did not make (a null pointer, which the
/// handle refused): the library's message, when it reported one. Only a failure
/// looks: a call that succeeds costs nothing more.
#[cold]
#[allow(dead_code)] // a library may make no object from a pointer
pub(crate) fn not_made(refused: refcount::Error) -> super::Error {{
    match take_error() {{
        Some(message) => super::Error::Reported(message),
        None => super::Error::Handle(refused),
    }}
}}
// ANCHOR_END: not_made
"#
    )
}

/// `shims.c`: a function that calls each inline function of the header, for the
/// raw layer to declare (an inline function has no symbol of its own). When the
/// library is loaded, the exported functions the inline ones call are pointers,
/// set once it is: the shim links to nothing of the library.
fn shims(plan: &Plan) -> String {
    let mut out = String::from(
        "/* The header's `static inline` functions, as functions the crate can call. */\n",
    );
    for name in &plan.redirects {
        out.push_str(&format!("#define {name} (*refcount_fn_{name})\n"));
    }
    for header in &plan.headers {
        out.push_str(&format!("#include <{header}>\n"));
    }
    for name in &plan.redirects {
        out.push_str(&format!(
            "#undef {name}\n/* Set by the crate when the library is loaded. */\n__typeof__(refcount_fn_{name}) refcount_fn_{name};\n"
        ));
    }
    for f in plan.raw.values() {
        let Some(c) = &f.shim else { continue };
        let params: Vec<String> = c
            .params
            .iter()
            .enumerate()
            .map(|(i, ty)| format!("{ty} a{i}"))
            .collect();
        let args: Vec<String> = (0..c.params.len()).map(|i| format!("a{i}")).collect();
        let call = format!("{}({})", f.name, args.join(", "));
        let body = if c.returns == "void" || f.returns == "()" {
            format!("{call};")
        } else {
            format!("return {call};")
        };
        let returns = if f.returns == "()" {
            "void"
        } else {
            &c.returns
        };
        out.push_str(&format!(
            "{returns} {}({}) {{ {body} }}\n",
            f.symbol(),
            if params.is_empty() {
                "void".to_owned()
            } else {
                params.join(", ")
            }
        ));
    }
    out
}

fn included(name: &str) -> String {
    format!(
        "include!(concat!(env!(\"OUT_DIR\"), \"/{}/{name}\"));",
        crate::generate::FOLDER
    )
}

/// How a function's body reaches C function `name`: the shim of an inline one is
/// linked into the crate in either mode.
fn call(plan: &Plan, name: &str) -> String {
    if let Some(f) = plan.raw.get(name).filter(|f| f.shim.is_some()) {
        return format!("raw::{}", f.symbol());
    }
    if plan.loaded.is_some() {
        format!("api.{name}.call")
    } else {
        format!("raw::{name}")
    }
}

fn lib(plan: &Plan) -> String {
    let names: Vec<&str> = plan.types.iter().map(|t| t.rust.as_str()).collect();
    let (errors, reported, reported_display) = reported(plan);
    let loaded = if plan.loaded.is_some() {
        "pub use raw::{api, search, Api};\n"
    } else {
        ""
    };
    let mut constants = String::new();
    for e in &plan.enums {
        let doc = if e.doc.is_empty() {
            format!(
                "The C enum `{}`, as its integer type: any value of it may come back.",
                e.c
            )
        } else {
            e.doc.clone()
        };
        constants.push_str(&format!("/// {doc}\npub type {} = {};\n", e.rust, e.repr));
        for (name, value) in &e.variants {
            if plan.constants.iter().any(|(c, _, _)| c == name) {
                continue;
            }
            constants.push_str(&format!(
                "/// `{name}` of `{}`.\npub const {name}: {} = {value};\n",
                e.c, e.rust
            ));
        }
    }
    for (name, ty, value) in &plan.constants {
        constants.push_str(&format!(
            "/// A status that means success: `{name}` in C.\npub const {name}: {ty} = {value};\n"
        ));
    }
    let (raw_doc, reach) = match &plan.loaded {
        Some(loading) => (
            format!(
                "The C functions, loaded from `{}` when first used: [`Api`] holds each\n/// \
                 one, and keeps the library loaded while it lives.",
                loading.name
            ),
            "loaded",
        ),
        None => (
            "The C functions' raw declarations, linked with the library.".to_owned(),
            "linked",
        ),
    };
    format!(
        r#"
/// {raw_doc}
///
/// Public so that tests and hand-written additions can reach the raw layer
/// ({reach}); use the safe types of the crate root.
pub mod raw {{
    {raw}
}}

/// How `refcount` holds the C objects: one description each, from `wrapper.toml`.
/// Each `unsafe` is its promise: check it against the library. Crate-visible, for
/// hand-written additions that make handles of them (a factory of type tags).
#[allow(unused_imports)]
pub(crate) mod native {{
    {native}
}}

/// The safe Rust types over the C types: one each, holding its object through the
/// `refcount` handle its ownership calls for.
#[allow(
    clippy::len_without_is_empty,
    clippy::should_implement_trait,
    clippy::wrong_self_convention,
    clippy::too_many_arguments,
    clippy::new_ret_no_self,
    unused_imports
)]
mod types {{
    {types}
}}

pub use types::{{{names}}};
{loaded}{errors}{constants}
/// What can go wrong when using the library.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {{
    /// A C function returned a status that means failure.
    Status {{
        /// The C function.
        function: &'static str,
        /// The status it returned.
        code: i64,
        /// The library's message for it, when it has one.
        message: Option<String>,
    }},
    /// A handle could not be made or used (a null object, a closed one), or the
    /// library could not be loaded.
    Handle(refcount::Error),
    /// A string for a C string parameter holds a NUL byte, which would end it early.
    Nul(std::ffi::NulError),
    /// A buffer is longer (its length in bytes) than the C function's size type can say.
    Length(usize),{reported}
}}

impl std::fmt::Display for Error {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        match self {{
            Error::Status {{ function, code, message: Some(message) }} => {{
                write!(f, "`{{function}}` failed ({{code}}): {{message}}")
            }}
            Error::Status {{ function, code, message: None }} => {{
                write!(f, "`{{function}}` failed with status {{code}}")
            }}
            Error::Handle(err) => write!(f, "{{err}}"),
            Error::Nul(err) => write!(
                f,
                "a string for a C string parameter holds a NUL byte (at byte {{}}), which would end it early",
                err.nul_position()
            ),
            Error::Length(len) => write!(
                f,
                "a buffer of {{len}} bytes is longer than the C function's size type can say"
            ),{reported_display}
        }}
    }}
}}

impl std::error::Error for Error {{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {{
        match self {{
            Error::Handle(err) => err.source(),
            _ => None,
        }}
    }}
}}

{conversions}
/// A C string the library lends, copied (`None` for null).
///
/// # Safety
///
/// `text` is null or a NUL-terminated string that stays valid for the call.
#[allow(dead_code)]
unsafe fn text(text: *const std::ffi::c_char) -> Option<String> {{
    // SAFETY: the caller's promise.
    (!text.is_null()).then(|| unsafe {{ std::ffi::CStr::from_ptr(text) }}.to_string_lossy().into_owned())
}}
"#,
        raw = included("raw.rs"),
        native = included("native.rs"),
        types = included("types.rs"),
        conversions = crate::generate::CONVERSIONS,
        names = names.join(", "),
    )
}

/// With an error callback: the module that keeps its messages, the `Error` variant
/// that carries one, and how that variant displays.
fn reported(plan: &Plan) -> (String, &'static str, &'static str) {
    match plan.error_callback {
        Some(_) => (
            format!(
                "\n/// The library's error callback, turned into the `Err` of the call that failed.\nmod errors {{\n    {}\n}}\n\npub use errors::{{clear_error_hook, set_error_hook, take_error}};\n",
                included("errors.rs")
            ),
            "\n    /// The library reported an error through its callback: its message.\n    Reported(String),",
            "\n            Error::Reported(message) => write!(f, \"the library reported: {message}\"),",
        ),
        None => (String::new(), "", ""),
    }
}

/// `f`'s parameters and return, as the raw module writes them (its own types
/// without their module), named `_` in a declaration (`named`).
fn signature(f: &super::plan::RawFn, named: bool) -> String {
    let local = |ty: &str| ty.replace("raw::", "");
    let returns = if f.returns == "()" {
        String::new()
    } else {
        format!(" -> {}", local(&f.returns))
    };
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| {
            if named {
                format!("_: {}", local(p))
            } else {
                local(p)
            }
        })
        .collect();
    format!("({}){returns}", params.join(", "))
}

fn raw(plan: &Plan) -> String {
    let mut out = String::new();
    for t in plan.types.iter().filter(|t| t.void_id.is_none()) {
        out.push_str(&format!(
            "\n/// The C library's `{}`, which Rust only points to.\n#[repr(C)]\npub struct {} {{\n    \
             _opaque: [u8; 0],\n    _not_send_sync_unpin: std::marker::PhantomData<(*mut u8, \
             std::marker::PhantomPinned)>,\n}}\n",
            t.c, t.c
        ));
    }
    // Linked: every function. Loaded: the shims of inline functions, compiled into
    // the crate, and the pointers they call the library through.
    let linked: Vec<&super::plan::RawFn> = plan
        .raw
        .values()
        .filter(|f| plan.loaded.is_none() || f.shim.is_some())
        .collect();
    if !linked.is_empty() || !plan.redirects.is_empty() {
        out.push_str("\nextern \"C\" {\n");
        for f in linked {
            match f.shim {
                Some(_) => out.push_str(&format!(
                    "    /// The header's inline `{}`, through the crate's shim.\n",
                    f.name
                )),
                None => out.push_str(&format!("    /// The C function `{}`.\n", f.name)),
            }
            out.push_str(&format!(
                "    pub fn {}{};\n",
                f.symbol(),
                signature(f, true)
            ));
        }
        for name in &plan.redirects {
            out.push_str(&format!(
                "    /// Where the shim calls `{name}`: set when the library is loaded.\n    static mut refcount_fn_{name}: *mut std::ffi::c_void;\n"
            ));
        }
        out.push_str("}\n");
    }
    match &plan.loaded {
        None => {}
        Some(loading) => {
            let version = loading
                .version
                .map(|v| format!(".version({v})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "
use refcount::dynamic::{{Function, Library, Loaded, Search}};

// ANCHOR: api
/// The C functions of `{name}`, looked up when it is loaded. Each keeps the library
/// loaded, so none can be called after it is unloaded.
///
/// There is one `Api` in the program, the one [`api`] loads: the handles' releases
/// reach the library through it.
#[allow(missing_docs)] // each field is the C function of the same name
pub struct Api {{
    library: Library,
",
                name = loading.name
            ));
            for f in plan.raw.values().filter(|f| f.shim.is_none()) {
                out.push_str(&format!(
                    "    pub {}: Function<unsafe extern \"C\" fn{}>,\n",
                    f.name,
                    signature(f, false)
                ));
            }
            out.push_str(
                "}
// ANCHOR_END: api

// ANCHOR: load
impl Api {
    /// The library the functions come from.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Looks up every function in `lib`; the first one missing is the error.
    fn load(lib: &Library) -> refcount::Result<Api> {
",
            );
            for name in &plan.redirects {
                out.push_str(&format!(
                    "        let {name} = lib.pinned_address(\"{name}\")?;\n        // SAFETY: set once, before any shim runs (no handle exists before the API is\n        // loaded); the library stays loaded for the program's life.\n        unsafe {{ refcount_fn_{name} = {name}.as_ptr() }};\n"
                ));
            }
            out.push_str(
                "        // SAFETY: each signature is the one wrapper.toml gives, read from the header.
        unsafe {
            Ok(Api {
                library: lib.clone(),
",
            );
            for f in plan.raw.values().filter(|f| f.shim.is_none()) {
                out.push_str(&format!(
                    "                {0}: lib.function(\"{0}\")?,\n",
                    f.name
                ));
            }
            out.push_str(&format!(
                "            }})
        }}
    }}
}}
// ANCHOR_END: load

impl std::fmt::Debug for Api {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        write!(f, \"Api({{}})\", self.library.path().display())
    }}
}}

// ANCHOR: search
/// Where the library is looked for: `${env}` (a file or a folder), the folder
/// in `${build_dir}` when the crate was built (a build script that builds the
/// library sets it), the executable's folder, then the system's places{pinned}.
pub fn search() -> Search {{
    let search = Search::new(\"{name}\").env_var(\"{env}\"){version};
    match option_env!(\"{build_dir}\") {{
        Some(dir) => search.dir(dir),
        None => search,
    }}
}}
// ANCHOR_END: search

// ANCHOR: lazy
/// The one loaded API: the handles' releases find the library here.
pub(crate) static API: Loaded<Api> = Loaded::new(|| {{
    // SAFETY: loading runs the library's initialisers, which a C library keeps to
    // setting itself up.
    let lib = unsafe {{ search().load() }}?;
    {init}
}});

/// The C API, loaded on first use (found by [`search`]){registered}; the same error
/// on every call if it could not be loaded.
pub fn api() -> refcount::Result<&'static Api> {{
    API.get()
}}
// ANCHOR_END: lazy
",
                name = loading.name,
                env = loading.env_var,
                build_dir = loading.build_dir_var,
                init = match &plan.error_callback {
                    Some(register) => format!(
                        "let api = Api::load(&lib)?;\n    // SAFETY: `on_error` has the callback's C signature and never unwinds.\n    unsafe {{ api.{register}.call(Some(super::errors::on_error)) }};\n    Ok(api)"
                    ),
                    None => "Api::load(&lib)".to_owned(),
                },
                registered = if plan.error_callback.is_some() {
                    " with the crate's error callback registered"
                } else {
                    ""
                },
                pinned = if loading.version.is_some() {
                    ", only in its major version"
                } else {
                    ""
                },
            ));
        }
    }
    out
}

fn native(plan: &Plan) -> String {
    let mut out = String::new();
    let through_api = plan.types.iter().any(|t| {
        std::iter::once(&t.release)
            .chain(&t.add_ref)
            .any(|name| plan.raw.get(name).is_some_and(|f| f.shim.is_none()))
    });
    if plan.loaded.is_some() && through_api {
        out.push_str("use super::raw::API;\n");
    }
    out.push_str("use super::raw;\n");
    for t in &plan.types {
        let start = out.len();
        let bounds = crate::generate::bounds(t.send, t.sync);
        let mut says = format!(
            "// SAFETY: as answered, `{}` releases what a handle holds",
            t.release
        );
        if let Some(add_ref) = &t.add_ref {
            says.push_str(&format!(" and `{add_ref}` adds a reference"));
        }
        says.push('.');
        out.push_str(&format!("\n{says}\n"));
        out.push_str(match (t.send, t.sync) {
            (false, false) => "// Not answered thread-safe: handles of it stay on their thread.\n",
            (true, false) => {
                "// Answered `send`: an object may be used and released on any thread.\n"
            }
            _ => "// Answered thread-safe: its functions and count may run on several threads.\n",
        });
        out.push_str(&format!(
            "refcount::native_type! {{\n    /// `{c}`, as its handle holds it.\n    pub(crate) unsafe type {rust}{bounds} {{\n        raw: {raw},\n        type_id: \"{id}\",\n        release: release_{snake},\n",
            c = t.c,
            raw = t.raw(),
            id = t.type_id(),
            rust = t.rust,
            snake = crate::naming::snake(&t.rust),
        ));
        if t.add_ref.is_some() {
            out.push_str(&format!(
                "        add_ref: add_ref_{},\n",
                crate::naming::snake(&t.rust)
            ));
        }
        out.push_str("    }\n}\n");
        let reach = |name: &str| {
            if let Some(f) = plan.raw.get(name).filter(|f| f.shim.is_some()) {
                format!("raw::{}", f.symbol())
            } else if plan.loaded.is_some() {
                format!("API.loaded_unchecked().{name}.call")
            } else {
                format!("raw::{name}")
            }
        };
        let why = if plan.loaded.is_some() {
            "handles of this private type are made only from pointers the loaded API \
             returned, so `API` was loaded before; "
        } else {
            ""
        };
        let functions = std::iter::once((
            "release",
            &t.release,
            "gives up a reference to a live object",
        ))
        .chain(
            t.add_ref
                .as_ref()
                .map(|a| ("add_ref", a, "holds a reference, so the object is alive")),
        );
        for (role, name, caller) in functions {
            out.push_str(&format!(
                "\n/// `{name}`, for the handle.\n///\n/// # Safety\n///\n/// The caller {caller} of the library.\n#[inline]\nunsafe fn {role}_{snake}(ptr: *mut {raw}) {{\n    // SAFETY: {why}the caller {caller}.\n    unsafe {{\n        {call}(ptr);\n    }}\n}}\n",
                snake = crate::naming::snake(&t.rust),
                raw = t.raw(),
                call = reach(name),
            ));
        }
        let section = out.split_off(start);
        let name = format!("native_{}", crate::naming::snake(&t.rust));
        out.push('\n');
        out.push_str(&anchor(&name, "", section.trim_start_matches('\n')));
    }
    out
}

/// The value of the object of type `rust` made from handle expression `handle`,
/// with every field its type has.
fn object(plan: &Plan, rust: &str, handle: &str, keeps: &[(String, String)]) -> String {
    let t = plan
        .types
        .iter()
        .find(|t| t.rust == rust)
        .expect("a planned type");
    let mut fields = vec![if handle == "handle" {
        "handle".to_owned()
    } else {
        format!("handle: {handle}")
    }];
    if plan.loaded.is_some() {
        fields.push("api".to_owned());
    }
    for keep in &t.keeps {
        let given = keeps.iter().any(|(field, _)| *field == keep.field);
        let value = match (given, keep.always) {
            (true, true) => {
                fields.push(keep.field.clone());
                continue;
            }
            (true, false) => format!("Some({})", keep.field),
            (false, _) => "None".to_owned(),
        };
        fields.push(format!("{}: {value}", keep.field));
    }
    format!("{rust} {{ {} }}", fields.join(", "))
}

/// The handle type of Rust type `rust`, as a path to call on
/// (`refcount::Shared::<native::Json>`).
fn handle_path(plan: &Plan, rust: &str) -> String {
    plan.types
        .iter()
        .find(|t| t.rust == rust)
        .map(|t| t.handle())
        .expect("a planned type")
        .replacen('<', "::<", 1)
}

fn return_type(f: &FnPlan) -> String {
    let plain = match (&f.made, &f.returns) {
        (Some(made), _) => made.rust.clone(),
        (None, Returns::Unit) => "()".to_owned(),
        (None, Returns::Value(ty)) => ty.clone(),
        (None, Returns::Text { .. }) => "Option<String>".to_owned(),
        (None, Returns::Object { rust, new: true }) => rust.clone(),
        (None, Returns::Object { rust, new: false }) => format!("Option<{rust}>"),
        (None, Returns::Status { repr, carries, .. }) => {
            if *carries {
                repr.clone()
            } else {
                "()".to_owned()
            }
        }
    };
    if f.result {
        format!("Result<{plain}, Error>")
    } else {
        plain
    }
}

/// The safe function over `f`, marked for the book as `fn_TYPE_NAME`.
fn function(out: &mut String, plan: &Plan, t: &TypePlan, f: &FnPlan) {
    let mut text = String::new();
    function_body(&mut text, plan, t, f);
    let name = format!("fn_{}_{}", crate::naming::snake(&t.rust), f.rust);
    out.push('\n');
    out.push_str(&anchor(&name, "    ", text.trim_start_matches('\n')));
}

fn function_body(out: &mut String, plan: &Plan, t: &TypePlan, f: &FnPlan) {
    let loaded = plan.loaded.is_some();
    let result = f.result || (loaded && !f.receiver);
    let f = &FnPlan {
        result,
        ..f.clone()
    };
    if f.doc.is_empty() {
        out.push_str(&format!("\n    /// Calls `{}`.\n", f.c));
    } else {
        out.push_str(&format!(
            "\n    /// {}\n    ///\n    /// Calls `{}`.\n",
            f.doc, f.c
        ));
    }
    if f.is_unsafe {
        out.push_str(
            "    ///\n    /// # Safety\n    ///\n    /// The library keeps the memory given: it must outlive what keeps it.\n",
        );
    }
    let mut params: Vec<String> = Vec::new();
    if f.receiver {
        params.push("&self".to_owned());
    }
    params.extend(f.params.iter().map(|p| format!("{}: {}", p.name, p.ty)));
    let returns = match return_type(f).as_str() {
        "()" => String::new(),
        other => format!(" -> {other}"),
    };
    // A thin layer over one C call: inlined across crates, as a hand-written one is.
    out.push_str(&format!(
        "    #[inline]\n    pub {}fn {}({}){returns} {{\n",
        if f.is_unsafe { "unsafe " } else { "" },
        f.rust,
        params.join(", "),
    ));
    let body = |line: &str, out: &mut String| {
        out.push_str("        ");
        out.push_str(line);
        out.push('\n');
    };
    // The table of loaded functions, when the body calls through it or makes an
    // object (which holds it); a function of no object loads the library first in
    // any case (a shim's calls into it need it loaded).
    let through_api = |name: &str| plan.raw.get(name).is_some_and(|raw| raw.shim.is_none());
    let needs_api = through_api(&f.c)
        || f.made.is_some()
        || matches!(f.returns, Returns::Object { .. })
        || matches!(&f.returns, Returns::Status { message: Some((m, _)), .. } if through_api(m))
        || matches!(&f.returns, Returns::Text { free: Some(free) } if through_api(free));
    match (loaded, f.receiver, needs_api) {
        (true, true, true) => body("let api = self.api;", out),
        (true, false, true) => body("let api = raw::api()?;", out),
        (true, false, false) => body("raw::api()?;", out),
        (false, false, _) if plan.error_callback.is_some() => {
            body("super::errors::registered();", out)
        }
        _ => {}
    }
    // What a failure to make an object becomes: the library's reported message,
    // when it has a callback.
    let not_made = if plan.error_callback.is_some() {
        ".map_err(super::errors::not_made)"
    } else {
        ""
    };
    for line in &f.prep {
        body(line, out);
    }
    for (field, value) in &f.keeps {
        if field != value {
            body(&format!("let {field} = {value};"), out);
        }
    }
    body(&format!("// SAFETY: {}.", f.safety), out);
    let unit = f.returns == Returns::Unit;
    if matches!(f.returns, Returns::Value(_)) && !f.result {
        body(
            &format!("unsafe {{ {}({}) }}", call(plan, &f.c), f.args.join(", ")),
            out,
        );
        out.push_str("    }\n");
        return;
    }
    body(
        &format!(
            "{}unsafe {{ {}({}) }};",
            if unit { "" } else { "let raw = " },
            call(plan, &f.c),
            f.args.join(", ")
        ),
        out,
    );
    if let Some(made) = &f.made {
        body(
            "// SAFETY: what the call wrote is null or a new object the caller owns.",
            out,
        );
        body(
            &format!(
                "let made = unsafe {{ {}::adopt({}) }}.map(|handle| {});",
                handle_path(plan, &made.rust),
                made.var,
                object(plan, &made.rust, "handle", &f.keeps)
            ),
            out,
        );
    }
    let ok = |value: String| {
        if f.result {
            format!("Ok({value})")
        } else {
            value
        }
    };
    let tail = match &f.returns {
        Returns::Status {
            ok: values,
            carries,
            message,
            ..
        } => {
            let values: Vec<String> = values.iter().map(ToString::to_string).collect();
            body(
                &format!("if !matches!(raw, {}) {{", values.join(" | ")),
                out,
            );
            let message = match message {
                None if plan.error_callback.is_some() => "super::errors::take_error()".to_owned(),
                None => "None".to_owned(),
                Some((function, MessageArg::Code)) => format!(
                    "{{\n                // SAFETY: the message function takes any status, and lends a C string.\n                unsafe {{ super::text({}(raw)) }}\n            }}",
                    call(plan, function)
                ),
                Some((function, arg)) => format!(
                    "{{\n                let of = {};\n                // SAFETY: `of` is null or alive; the message function lends a C string.\n                (!of.is_null()).then(|| unsafe {{ super::text({}(of)) }}).flatten()\n            }}",
                    match arg {
                        MessageArg::Pointer(ptr) => ptr.clone(),
                        MessageArg::Kept(field) if t.keeps.iter().any(|k| k.field == *field && k.always) => {
                            format!("self.{field}.as_ptr()")
                        }
                        MessageArg::Kept(field) => format!(
                            "self.{field}.as_ref().map_or(std::ptr::null_mut(), |k| k.as_ptr())"
                        ),
                        MessageArg::Code => unreachable!("matched above"),
                    },
                    call(plan, function)
                ),
            };
            body(&format!(
                "    let message = {message};\n            return Err(Error::Status {{ function: \"{}\", code: i64::from(raw), message }});",
                f.c
            ), out);
            body("}", out);
            if f.made.is_some() {
                format!("Ok(made{not_made}?)")
            } else if *carries {
                "Ok(raw)".to_owned()
            } else {
                "Ok(())".to_owned()
            }
        }
        _ if f.made.is_some() => format!("Ok(made{not_made}?)"),
        Returns::Unit if !f.result => String::new(),
        Returns::Unit => "Ok(())".to_owned(),
        Returns::Value(_) => ok("raw".to_owned()),
        Returns::Text { free: None } => {
            body("// SAFETY: null or a C string the library lends.", out);
            ok("unsafe { super::text(raw.cast()) }".to_owned())
        }
        Returns::Text { free: Some(free) } => {
            body(
                "// SAFETY: null or a C string the library gives the caller.",
                out,
            );
            body("let copied = unsafe { super::text(raw.cast()) };", out);
            let free_call = if free == "free" {
                body("extern \"C\" {", out);
                body("    fn free(ptr: *mut std::ffi::c_void);", out);
                body("}", out);
                "free".to_owned()
            } else {
                call(plan, free)
            };
            body(
                &format!("// SAFETY: the caller owns the string, copied above: freed once, with `{free}`."),
                out,
            );
            body(&format!("unsafe {{ {free_call}(raw.cast()) }};"), out);
            ok("copied".to_owned())
        }
        Returns::Object { rust, new: true } => {
            let handle = handle_path(plan, rust);
            body("// SAFETY: null or a new object the caller owns.", out);
            body(
                &format!("let handle = unsafe {{ {handle}::adopt(raw) }}{not_made}?;"),
                out,
            );
            format!("Ok({})", object(plan, rust, "handle", &f.keeps))
        }
        Returns::Object { rust, new: false } => {
            let handle = handle_path(plan, rust);
            body("// SAFETY: null or a live object of a type that counts itself: a reference is added.", out);
            body(
                &format!("let handle = unsafe {{ {handle}::retain(raw) }}.ok();"),
                out,
            );
            ok(format!(
                "handle.map(|handle| {})",
                object(plan, rust, "handle", &[])
            ))
        }
    };
    if !tail.is_empty() {
        body(&tail, out);
    }
    out.push_str("    }\n");
}

fn types(plan: &Plan) -> String {
    let mut out = String::from(
        "// What the generated functions assume of the C library (check it):
// - a function does not keep a pointer to its arguments after it returns, unless
//   the parameter is answered `kept` (the function is then `unsafe`) or `steals`
//   (it takes the object's reference);
// - a function that makes an object (`-> new T*`, `out T**`) may keep the objects
//   it is given: the object made keeps them alive;
// - a returned `T*` is borrowed (a reference is added) unless answered `-> new T*`
//   (the header reader answers it for a function that takes no object, or whose
//   name or comment says it makes one);
// - a status other than the answered successes is an error, and the message
//   function describes the last one.

use super::{native, raw, Error};
",
    );
    for t in &plan.types {
        let doc = if t.doc.is_empty() {
            format!("A `{}` of the C library.", t.c)
        } else {
            t.doc.clone()
        };
        let own = match t.kind {
            Kind::Unique => format!("Dropping it calls `{}`.", t.release),
            Kind::Intrusive => format!(
                "It counts itself: a clone calls `{}`, a drop `{}`.",
                t.add_ref.as_deref().unwrap_or_default(),
                t.release
            ),
            Kind::Counted => format!(
                "Clones share it, counted in Rust; the last one's drop calls `{}`.",
                t.release
            ),
        };
        let clone = if t.kind == Kind::Unique {
            "#[derive(Debug)]"
        } else {
            "#[derive(Debug, Clone)]"
        };
        let start = out.len();
        out.push_str(&format!(
            "/// {doc}\n///\n/// {own}\n{clone}\npub struct {} {{\n    handle: {},\n",
            t.rust,
            t.handle()
        ));
        if plan.loaded.is_some() {
            out.push_str(
                "    /// The API that made the object: holding it proves the library is loaded.\n    api: &'static raw::Api,\n",
            );
        }
        for keep in &t.keeps {
            let ty = if keep.always {
                keep.ty.clone()
            } else {
                format!("Option<{}>", keep.ty)
            };
            out.push_str(&format!(
                "    /// The `{}` it was made from, kept alive while it lives.\n    {}: {ty},\n",
                keep.class, keep.field
            ));
        }
        out.push_str("}\n");
        let section = out.split_off(start);
        let name = format!("type_{}", crate::naming::snake(&t.rust));
        out.push('\n');
        out.push_str(&anchor(&name, "", &section));
        out.push_str(&format!("\nimpl {} {{", t.rust));
        if plan.loaded.is_some() {
            out.push_str(
                "\n    /// The loaded library's functions, for a call the wrapper does not make.\n    pub fn api(&self) -> &'static raw::Api {\n        self.api\n    }\n",
            );
        }
        if t.kind != Kind::Counted {
            out.push_str(&format!(
                "\n    /// The C pointer, for a call the wrapper does not make: valid while `self` lives.\n    pub fn as_ptr(&self) -> *mut {} {{\n        self.handle.as_ptr()\n    }}\n",
                t.raw()
            ));
        } else {
            out.push_str(
                "\n    /// Releases the object now, before the last clone goes: every later use\n    /// through any clone is `Err`. `false` if it was closed already.\n    pub fn close(&self) -> bool {\n        self.handle.close()\n    }\n",
            );
        }
        for keep in &t.keeps {
            let Some(accessor) = &keep.accessor else {
                continue;
            };
            let made = |handle: &str| object(plan, &keep.rust, handle, &[]);
            let (ty, value) = if keep.always {
                (
                    keep.rust.clone(),
                    made(&format!("self.{}.clone()", keep.field)),
                )
            } else {
                (
                    format!("Option<{}>", keep.rust),
                    format!(
                        "self.{}.clone().map(|handle| {})",
                        keep.field,
                        made("handle")
                    ),
                )
            };
            // The object made holds the table of a loaded library, as its maker does.
            let api = if plan.loaded.is_some() {
                "let api = self.api;\n        "
            } else {
                ""
            };
            out.push_str(&format!(
                "\n    /// The `{}` it was made from, which it keeps alive (a clone: one more\n    /// reference to it).\n    #[inline]\n    pub fn {accessor}(&self) -> {ty} {{\n        {api}{value}\n    }}\n",
                keep.class
            ));
        }
        for f in &t.functions {
            function(&mut out, plan, t, f);
        }
        out.push_str("}\n");
        if t.void_id.is_some() && t.keeps.is_empty() {
            let name = format!("any_{}", crate::naming::snake(&t.rust));
            out.push('\n');
            out.push_str(&anchor(
                &name,
                "",
                type_tagged(plan, t).trim_start_matches('\n'),
            ));
        }
    }
    out
}

/// The conversions of a `void*` API's type to and from a type-tagged handle (an
/// object of a type that keeps others cannot leave them behind, so it has none).
fn type_tagged(plan: &Plan, t: &TypePlan) -> String {
    let api = if plan.loaded.is_some() {
        ", api: raw::api().expect(\"a handle of the library's type exists only once it is loaded\")"
    } else {
        ""
    };
    format!(
        "
/// Erases the object to a handle tagged `{id}`, for code that passes `void*`.
impl From<{rust}> for refcount::any::AnyHandle {{
    fn from(object: {rust}) -> Self {{
        refcount::any::Handle::erase(object.handle)
    }}
}}

/// Takes the object back from a handle tagged `{id}`; any other is refused, intact.
impl TryFrom<refcount::any::AnyHandle> for {rust} {{
    type Error = refcount::any::DowncastError;

    fn try_from(any: refcount::any::AnyHandle) -> Result<Self, Self::Error> {{
        let handle = any.downcast()?;
        Ok({rust} {{ handle{api} }})
    }}
}}
",
        id = t.type_id(),
        rust = t.rust,
    )
}

/// Factories that take nothing: what the generated tests and tour can call without
/// inventing an argument.
fn plain_factories(plan: &Plan) -> impl Iterator<Item = (&TypePlan, &FnPlan)> {
    plan.types.iter().flat_map(|t| {
        t.functions.iter().filter_map(move |f| {
            let makes_own =
                matches!(&f.returns, Returns::Object { rust, new: true } if *rust == t.rust);
            (!f.receiver && f.params.is_empty() && makes_own && !f.is_unsafe).then_some((t, f))
        })
    })
}

/// How many tests `tests.rs` holds: one per factory that takes nothing.
pub fn tested(plan: &Plan) -> usize {
    plain_factories(plan).count()
}

fn tests(plan: &Plan) -> String {
    let krate = plan.crate_name.replace('-', "_");
    let mut out = String::new();
    for (t, f) in plain_factories(plan) {
        out.push_str(&format!(
            "
/// `{c}` makes a `{rust}` that is released once, when dropped.
#[test]
fn {test}() {{
    let check = refcount::leak::LeakCheck::start();
    let made = {krate}::{rust}::{name}().expect(\"`{c}` makes an object\");
    assert_eq!(refcount::leak::live().get(\"{id}\"), Some(&1));
    drop(made);
    check.finish().expect(\"nothing leaked\");
}}
",
            c = f.c,
            id = t.type_id(),
            rust = t.rust,
            name = f.rust,
            test =
                crate::naming::join(&[&crate::naming::snake(&t.rust), &f.rust, "is_released_once"]),
        ));
    }
    if out.is_empty() {
        out.push_str(
            "\n// No function makes an object from nothing: the crate's own tests make them.\n",
        );
    }
    out
}

fn tour(plan: &Plan) -> String {
    let krate = plan.crate_name.replace('-', "_");
    let mut lines = Vec::new();
    for (t, f) in plain_factories(plan) {
        lines.push(format!(
            "    let made = {krate}::{}::{}()?;\n    println!(\"{}: {{made:?}}\");",
            t.rust, f.rust, f.c
        ));
    }
    for t in &plan.types {
        for f in &t.functions {
            let plain = !f.receiver
                && f.params.is_empty()
                && !f.is_unsafe
                && matches!(f.returns, Returns::Value(_) | Returns::Text { free: None });
            if plain {
                let q = if f.result || plan.loaded.is_some() {
                    "?"
                } else {
                    ""
                };
                lines.push(format!(
                    "    println!(\"{}: {{:?}}\", {krate}::{}::{}(){q});",
                    f.c, t.rust, f.rust
                ));
            }
        }
    }
    format!(
        "
/// Calls what takes no argument, and prints what it returns.
fn main() -> Result<(), {krate}::Error> {{
{}
    Ok(())
}}
",
        lines.join("\n")
    )
}

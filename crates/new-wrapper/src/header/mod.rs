//! Reads a C++ library's headers with libclang and turns what it finds into the
//! template's answers: the classes (with the ownership each one's members call for),
//! their constructors and methods, and a report of every public member left out.
//!
//! The answers are all it produces: the template renders every file, so a crate made
//! from headers is the crate those answers make (`new-wrapper --dry-run` prints them).
//!
//! # What is inferred
//!
//! - **Ownership** (a new object always starts owned by its creator, as the template
//!   assumes unless a class is answered `retain`): *intrusive* when the class (or a
//!   public base) has a public pair of
//!   count members (`add_ref`/`release`, `retain`/`release`, `ref`/`unref`, ...) or
//!   the namespace has a free pair for it (`shape_ref(shape*)`/`shape_unref(shape*)`);
//!   else *unique* when its destructor is public, or when the namespace has a free
//!   function that destroys it (`destroy_shape(shape*)`, `close_shape(shape*)`, ...).
//!   Anything else is refused, naming the class: answer it with `--class`.
//! - **Returned pointers** are borrowed (a reference is added), unless the function's
//!   comment says the caller owns the result ("the caller owns", "new reference",
//!   "must be released", ...).
//! - **Exceptions**: a method whose comment mentions throwing returns `Result`
//!   unless it is `noexcept`; constructors always do.

mod comments;
mod members;
mod ownership;
mod types;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clang::{Clang, Entity, EntityKind, Index, Type};

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The headers, relative to an include folder (as the `headers` answer).
    pub headers: Vec<String>,
    /// Where headers are looked for (`-I`), in order.
    pub include_dirs: Vec<PathBuf>,
    /// The namespace of the classes; found from the headers when `None`.
    pub namespace: Option<String>,
    /// Class answers given by hand (`--class`): they win over inference. A bare name
    /// (`shape`) picks the class and lets its ownership be inferred. When any is
    /// given, only those classes are wrapped.
    pub classes: Vec<String>,
}

/// What the headers hold, as the template's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The classes' namespace.
    pub namespace: String,
    /// One class answer each.
    pub classes: Vec<String>,
    /// One method answer each.
    pub methods: Vec<String>,
    /// What was left out, as `WHAT: WHY`.
    pub skipped: Vec<String>,
    /// How long libclang took to parse the headers.
    pub parse_time: Duration,
}

/// Why the headers could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// libclang could not be loaded.
    NoLibclang(String),
    /// The headers do not compile: the compiler's diagnostics.
    Diagnostics(Vec<String>),
    /// The headers compile, but what they hold cannot be answered for.
    Refused(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NoLibclang(why) => write!(
                f,
                "reading headers needs libclang, which could not be loaded ({why}): install it \
                 (on Debian and Ubuntu: `apt-get install libclang-dev`), or give every class \
                 with --class"
            ),
            ReadError::Diagnostics(lines) => {
                write!(f, "the headers do not compile:")?;
                for line in lines {
                    write!(f, "\n  {line}")?;
                }
                Ok(())
            }
            ReadError::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ReadError {}

/// libclang may be loaded by one `Clang` at a time in a process.
static LIBCLANG: Mutex<()> = Mutex::new(());

/// Whether libclang can be loaded on this machine.
pub fn libclang_available() -> bool {
    let _one = LIBCLANG.lock().unwrap_or_else(|e| e.into_inner());
    Clang::new().is_ok()
}

/// Reads `request`'s headers.
pub fn read(request: &Request) -> Result<Found, ReadError> {
    let _one = LIBCLANG.lock().unwrap_or_else(|e| e.into_inner());
    let clang = Clang::new().map_err(ReadError::NoLibclang)?;
    let index = Index::new(&clang, false, false);

    // A one-line source that includes the headers: parsing a header as the main file
    // warns about `#pragma once`, and this is how a user's code sees them.
    let scratch = tempfile::Builder::new()
        .prefix("new-wrapper-")
        .suffix(".cpp")
        .tempfile()
        .map_err(|e| ReadError::Refused(format!("cannot write a scratch file: {e}")))?;
    let source: String = request
        .headers
        .iter()
        .map(|header| format!("#include \"{header}\"\n"))
        .collect();
    std::fs::write(scratch.path(), source)
        .map_err(|e| ReadError::Refused(format!("cannot write a scratch file: {e}")))?;
    let mut arguments = vec![
        "-x".to_owned(),
        "c++".to_owned(),
        "-std=c++17".to_owned(),
        // Every comment is a doc comment: many libraries document with `//`.
        "-fparse-all-comments".to_owned(),
    ];
    arguments.extend(
        request
            .include_dirs
            .iter()
            .map(|dir| format!("-I{}", dir.display())),
    );
    arguments.extend(
        system_include_dirs()
            .iter()
            .map(|dir| format!("-isystem{dir}")),
    );

    let start = Instant::now();
    let unit = index
        .parser(scratch.path())
        .arguments(&arguments)
        .skip_function_bodies(true)
        .parse()
        .map_err(|e| ReadError::Diagnostics(vec![e.to_string()]))?;
    let parse_time = start.elapsed();
    let errors: Vec<String> = unit
        .get_diagnostics()
        .iter()
        .filter(|d| d.get_severity() >= clang::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(ReadError::Diagnostics(errors));
    }

    let headers: Vec<PathBuf> = request
        .headers
        .iter()
        .filter_map(|header| {
            request
                .include_dirs
                .iter()
                .map(|dir| dir.join(header))
                .find(|path| path.is_file())
                .and_then(|path| path.canonicalize().ok())
        })
        .collect();
    let root = unit.get_entity();
    let declared = classes_in(root, &headers);
    let namespace = match &request.namespace {
        Some(namespace) => namespace.clone(),
        None => only_namespace(&declared)?,
    };
    let mut skipped = Vec::new();
    let classes = ownership::decide(root, &declared, &namespace, &request.classes)?;
    let (class_answers, methods) = members::answers(&classes, &mut skipped);
    Ok(Found {
        namespace,
        classes: class_answers,
        methods,
        skipped,
        parse_time,
    })
}

/// The system's C++ include folders, as the compiler reports them: libclang, loaded
/// on its own, may not find the standard library's headers.
fn system_include_dirs() -> Vec<String> {
    let compiler = std::env::var("CXX").unwrap_or_else(|_| "c++".to_owned());
    let Ok(output) = std::process::Command::new(compiler)
        .args(["-x", "c++", "-E", "-v", "-"])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines()
        .skip_while(|line| !line.starts_with("#include <...> search starts here:"))
        .skip(1)
        .take_while(|line| line.starts_with(' '))
        .map(|line| line.trim().to_owned())
        .collect()
}

/// A class declared in one of the headers: its definition, and its namespace.
#[derive(Clone, Copy)]
pub(crate) struct Declared<'tu> {
    entity: Entity<'tu>,
}

impl<'tu> Declared<'tu> {
    fn name(&self) -> String {
        self.entity.get_name().unwrap_or_default()
    }

    fn namespace(&self) -> String {
        namespace_of(self.entity)
    }
}

/// The `::`-joined namespaces around `entity` (empty in the global namespace).
fn namespace_of(entity: Entity) -> String {
    let mut parts = Vec::new();
    let mut parent = entity.get_semantic_parent();
    while let Some(scope) = parent {
        match scope.get_kind() {
            EntityKind::Namespace => parts.push(scope.get_name().unwrap_or_default()),
            EntityKind::TranslationUnit => break,
            _ => parts.push(format!("<{}>", scope.get_name().unwrap_or_default())),
        }
        parent = scope.get_semantic_parent();
    }
    parts.reverse();
    parts.join("::")
}

/// Whether `entity` is declared in one of `headers`.
fn in_headers(entity: Entity, headers: &[PathBuf]) -> bool {
    let Some(location) = entity.get_location() else {
        return false;
    };
    let Some(file) = location.get_file_location().file else {
        return false;
    };
    let path = file.get_path();
    let path = path.canonicalize().unwrap_or(path);
    headers.contains(&path)
}

/// Every declaration of the translation unit outside classes and functions: the
/// global scope, namespaces and `extern "C"` blocks, depth first.
pub(crate) fn declarations(root: Entity) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut pending = vec![root];
    while let Some(scope) = pending.pop() {
        for child in scope.get_children() {
            match child.get_kind() {
                EntityKind::Namespace | EntityKind::LinkageSpec => pending.push(child),
                _ => found.push(child),
            }
        }
    }
    found
}

/// The class definitions in `headers`, in order, in any namespace.
fn classes_in<'tu>(root: Entity<'tu>, headers: &[PathBuf]) -> Vec<Declared<'tu>> {
    let mut found: Vec<Declared> = declarations(root)
        .into_iter()
        .filter(|entity| {
            matches!(
                entity.get_kind(),
                EntityKind::ClassDecl | EntityKind::StructDecl
            ) && entity.is_definition()
                && !entity.is_anonymous()
                && in_headers(*entity, headers)
        })
        .map(|entity| Declared { entity })
        .collect();
    found.sort_by_key(|class| {
        let location = class.entity.get_location().map(|l| l.get_file_location());
        location.map(|l| (l.file.map(|f| f.get_path()), l.line))
    });
    found
}

/// The one namespace the headers' classes live in, or why there is none.
fn only_namespace(declared: &[Declared]) -> Result<String, ReadError> {
    let mut namespaces: Vec<String> = declared.iter().map(Declared::namespace).collect();
    namespaces.sort();
    namespaces.dedup();
    match namespaces.as_slice() {
        [] => Err(ReadError::Refused(
            "the headers declare no class: name the headers that define the classes".to_owned(),
        )),
        [one] if one.is_empty() => Err(ReadError::Refused(
            "the headers' classes are in the global namespace, which the template does not \
             wrap yet: put them in a namespace"
                .to_owned(),
        )),
        [one] => Ok(one.clone()),
        many => Err(ReadError::Refused(format!(
            "the headers declare classes in several namespaces ({}): choose one with --namespace",
            many.join(", ")
        ))),
    }
}

/// The classes to wrap, with their ownership decided: what types and members are
/// checked against.
pub(crate) struct Classes<'tu> {
    list: Vec<Class<'tu>>,
    /// Each class's USR (libclang's unique name for a declaration), to its index.
    by_usr: BTreeMap<String, usize>,
}

/// A class to wrap.
pub(crate) struct Class<'tu> {
    entity: Entity<'tu>,
    name: String,
    /// The answer's ownership: `intrusive(add_ref,release)`, `unique`, ...
    ownership: String,
    /// `intrusive`, `unique` or `counted`.
    kind: &'static str,
    /// The whole answer, when it was given with `--class`: passed on as it is.
    verbatim: Option<String>,
    /// The Rust name given with `--class NAME as RUST=...`.
    rename: Option<String>,
    /// Member functions that the ownership uses (not bound as methods).
    count_members: Vec<String>,
}

impl<'tu> Classes<'tu> {
    fn new(list: Vec<Class<'tu>>) -> Self {
        let by_usr = list
            .iter()
            .enumerate()
            .filter_map(|(i, class)| Some((class.entity.get_usr()?.0, i)))
            .collect();
        Classes { list, by_usr }
    }

    fn find(&self, ty: Type) -> Option<&Class<'tu>> {
        let declaration = ty.get_declaration()?.get_definition()?;
        self.by_usr
            .get(&declaration.get_usr()?.0)
            .map(|&i| &self.list[i])
    }

    /// The answer's name of the wrapped class `ty` is, if it is one.
    pub(crate) fn name_of(&self, ty: Type) -> Option<String> {
        self.find(ty).map(|class| class.name.clone())
    }

    /// The answer's name and ownership kind of the wrapped class `ty` is, if any.
    pub(crate) fn kind_of(&self, ty: Type) -> Option<(String, &'static str)> {
        self.find(ty).map(|class| (class.name.clone(), class.kind))
    }
}

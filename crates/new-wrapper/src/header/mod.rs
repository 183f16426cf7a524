//! Reads a C++ library's headers with libclang and turns what it finds into the
//! wrapper's model (`refcount_build::model`): the classes (with the ownership each
//! one's members call for), their constructors and methods, and a report of every
//! public member left out. The model is all it produces: a crate made from headers is
//! the crate those entries make (`new-wrapper --dry-run` prints them).
//!
//! `setup` parses (libclang, its include folders, diagnostics), the walk finds
//! the classes, `ownership` decides how each is held, and `members` describes them.
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
//!   Any other class is a *view*: its objects belong to other objects (a document's
//!   nodes, whose destructor is protected), and Rust only borrows them (`&Node`).
//! - **Borrowed objects**: a pointer or reference to a view or a uniquely owned
//!   object that a member returns without handing it over is a view tied to the
//!   borrow of the object the member was called on (`&` from a const member, `&mut`
//!   from a non-const one).
//! - **Returned pointers** are borrowed (a reference is added), unless the function's
//!   comment says the caller owns the result ("the caller owns", "new reference",
//!   "must be released", ...).
//! - **Exceptions**: a method whose comment mentions throwing returns `Result`
//!   unless it is `noexcept`; constructors always do.

pub mod c;
mod comments;
mod members;
mod ownership;
mod setup;
mod types;
mod walk;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use refcount_build::{Class, Method, Refusal};

pub use setup::libclang_available;

/// A class asked for with `--class`: a bare name (its ownership read from the
/// headers), or a whole answer, which wins over what the headers say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassRequest {
    /// `NAME[ as RUST]`.
    Named {
        /// The C++ name.
        cpp: String,
        /// The Rust name, if given.
        rust: Option<String>,
    },
    /// `NAME=OWNERSHIP ...`.
    Given(Class),
}

impl ClassRequest {
    /// The C++ name of the class.
    pub fn name(&self) -> &str {
        match self {
            ClassRequest::Named { cpp, .. } => cpp,
            ClassRequest::Given(class) => &class.cpp,
        }
    }
}

impl FromStr for ClassRequest {
    type Err = Refusal;

    fn from_str(text: &str) -> Result<Self, Refusal> {
        if text.contains('=') {
            return text.parse().map(ClassRequest::Given);
        }
        let (cpp, rust) = match text.split_once(" as ") {
            Some((cpp, rust)) => (cpp.trim(), Some(rust.trim().to_owned())),
            None => (text.trim(), None),
        };
        // A bare name is checked as the whole answer would be.
        format!("{text}=unique").parse::<Class>()?;
        Ok(ClassRequest::Named {
            cpp: cpp.to_owned(),
            rust,
        })
    }
}

impl fmt::Display for ClassRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassRequest::Named { cpp, rust: None } => f.write_str(cpp),
            ClassRequest::Named {
                cpp,
                rust: Some(rust),
            } => write!(f, "{cpp} as {rust}"),
            ClassRequest::Given(class) => write!(f, "{class}"),
        }
    }
}

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The headers, relative to an include folder (as the `headers` answer).
    pub headers: Vec<String>,
    /// Where headers are looked for (`-I`), in order.
    pub include_dirs: Vec<PathBuf>,
    /// The namespace of the classes; found from the headers when `None`.
    pub namespace: Option<String>,
    /// The classes asked for (`--class`): when any is given, only those are wrapped.
    pub classes: Vec<ClassRequest>,
    /// The library's own string classes (`--string-class`), which members may then
    /// take and return.
    pub strings: Vec<refcount_build::model::StringClass>,
    /// The library's intrusive smart pointers (`--smart-pointer`), which members may
    /// then return.
    pub smart_pointers: Vec<String>,
    /// The headers' language: C++, C, or (`None`) C++ unless they declare no class
    /// and are `.h` files, which are then read as C.
    pub language: Option<refcount_build::model::Language>,
}

/// What the headers hold, as the wrapper's model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The classes' namespace.
    pub namespace: String,
    /// The classes, with their constructors.
    pub classes: Vec<Class>,
    /// The methods.
    pub methods: Vec<Method>,
    /// The enums the methods and constructors take or return.
    pub enums: Vec<refcount_build::model::Enum>,
    /// The intrusive smart pointers the methods return, found in the headers (a
    /// class template with `get()` of a class that counts itself).
    pub smart_pointers: Vec<String>,
    /// What was left out, as `WHAT: WHY`.
    pub skipped: Vec<String>,
    /// How long libclang took to parse the headers.
    pub parse_time: Duration,
    /// What only a C library's read gives (`None` for C++).
    pub c: Option<c::CFound>,
}

/// How to install libclang, which reading headers loads at run time, on the systems
/// users have, and how to point at one that is installed where it is not looked for.
pub const LIBCLANG_INSTALL: &str = "\
Install libclang (any version from 10 on):
  Debian, Ubuntu:  sudo apt-get install libclang-dev
  Fedora:          sudo dnf install clang-devel
  macOS:           xcode-select --install  (or: brew install llvm)
  Windows:         winget install LLVM.LLVM  (or the LLVM installer from llvm.org)
If it is installed in a folder that is not searched, set LIBCLANG_PATH to that folder
(the one holding libclang.so, libclang.dylib or libclang.dll), such as
LIBCLANG_PATH=/usr/lib/llvm-14/lib or LIBCLANG_PATH=\"C:\\Program Files\\LLVM\\bin\".";

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
                "reading headers needs libclang, which could not be loaded ({why}).\n\
                 {LIBCLANG_INSTALL}\n\
                 Or read nothing: give every class with --class and its members with --method \
                 (--no-read)."
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

/// The headers in the folders of `headers` and below them (`glibmm.h` includes
/// `glibmm/ustring.h`, ...), a few levels deep.
fn beside(headers: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending: Vec<(PathBuf, u8)> = headers
        .iter()
        .filter_map(|header| Some((header.parent()?.to_path_buf(), 0)))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    while let Some((folder, depth)) = pending.pop() {
        if !seen.insert(folder.clone()) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() && depth < 3 {
                pending.push((path, depth + 1));
                continue;
            }
            let header = path.extension().is_some_and(|ext| {
                ["h", "hh", "hpp", "hxx", "h++"].contains(&&*ext.to_string_lossy())
            });
            if header && !found.contains(&path) {
                found.push(path.canonicalize().unwrap_or(path));
            }
        }
    }
    found
}

/// Reads `request`'s headers: as C++, or as C (see [`c`]).
pub fn read(request: &Request) -> Result<Found, ReadError> {
    use refcount_build::model::Language;
    match request.language {
        Some(Language::C) => c::read(request),
        Some(Language::Cpp) => read_cpp(request),
        None => {
            let c_headers = request.headers.iter().all(|h| h.ends_with(".h"));
            if c_headers && !request.headers.iter().any(|h| names_cpp(request, h)) {
                // Read as C first (parsing a large C header as C++ costs more than
                // the whole C read); a header C cannot read is C++'s.
                match c::read(request) {
                    Err(c @ (ReadError::Refused(_) | ReadError::Diagnostics(_))) => {
                        match read_cpp(request) {
                            // Neither reads it: the C reader's reason is the one to give.
                            Err(ReadError::Refused(_) | ReadError::Diagnostics(_)) => Err(c),
                            read => read,
                        }
                    }
                    read => read,
                }
            } else {
                match read_cpp(request) {
                    // A C library's header declares no class (or C++ cannot parse it).
                    Err(ReadError::Refused(_) | ReadError::Diagnostics(_)) if c_headers => {
                        c::read(request)
                    }
                    read => read,
                }
            }
        }
    }
}

/// Whether header `header` (found in the request's include folders or the system's)
/// says it is C++: a line that opens a namespace, a class or a template.
fn names_cpp(request: &Request, header: &str) -> bool {
    let folders = request
        .include_dirs
        .iter()
        .cloned()
        .chain(["/usr/include", "/usr/local/include"].map(PathBuf::from));
    let Some(text) = folders
        .map(|dir| dir.join(header))
        .find(|path| path.is_file())
        .and_then(|path| std::fs::read_to_string(path).ok())
    else {
        return false;
    };
    text.lines().map(str::trim_start).any(|line| {
        ["namespace ", "class ", "template<", "template <"]
            .iter()
            .any(|word| line.starts_with(word))
    })
}

fn read_cpp(request: &Request) -> Result<Found, ReadError> {
    setup::with_unit(request, false, |root, headers, parse_time| {
        let mut searched = headers.to_vec();
        let mut declared = walk::classes_in(root, &searched);
        if declared.is_empty() {
            // An umbrella header (`json/json.h`) declares nothing itself: its classes
            // are in the headers beside it, which it includes.
            searched = beside(headers);
            declared = walk::classes_in(root, &searched);
        }
        let namespace = match &request.namespace {
            Some(namespace) => namespace.clone(),
            None => walk::only_namespace(&declared)?,
        };
        let mut skipped = Vec::new();
        let mut classes =
            ownership::decide(root, &declared, &namespace, &request.classes, &mut skipped)?;
        classes.functions = walk::functions_in(root, &searched, &namespace);
        let described = members::describe(&classes, &namespace, request, &mut skipped);
        Ok(Found {
            namespace,
            classes: described.classes,
            methods: described.methods,
            enums: described.enums,
            smart_pointers: described.smart_pointers,
            skipped,
            parse_time,
            c: None,
        })
    })
}

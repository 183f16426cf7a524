//! The typed model of a wrapper crate: the library and how it is found, its classes
//! and methods. [`Wrapper`] is what `wrapper.toml` holds ([`Wrapper::from_toml`]
//! reads it, [`Wrapper::to_toml`] writes it); each class and method is one line
//! there, in the same form as `new-wrapper --class` and `--method` ([`Class`] and
//! [`Method`] parse it with `FromStr` and print it with `Display`).

mod c;
mod class;
mod enums;
mod method;
mod read;
mod strings;
mod text;
mod types;

use std::path::{Path, PathBuf};

pub use c::{Language, MessageOf, Status, STATUS_FORM};
pub use class::{Call, Class, Constructor, Ownership, CLASS_FORM};
pub use enums::{Enum, ENUM_FORM};
pub use method::{Method, Returns, METHOD_FORM};
pub use read::ReadError;
pub use strings::{StringClass, STRING_FORM};
pub use text::HEADER;
pub use types::{
    buffer_at, is_identifier, parse_params, show_params as show, without_defaults, Base, CppType,
    Indirection, Param, Scalar,
};

use crate::{Error, Refusal, Result};

/// The intrusive smart pointers every wrapper knows: each holds one count of a
/// self-counting object and gives it with `get()`.
pub const INTRUSIVE_POINTERS: &[&str] = &[
    "boost::intrusive_ptr",
    "sk_sp",
    "scoped_refptr",
    "base::scoped_refptr",
    "llvm::IntrusiveRefCntPtr",
    "osg::ref_ptr",
    "CefRefPtr",
    "vtkSmartPointer",
];

/// A wrapper crate's description: what `wrapper.toml` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapper {
    /// The language of the library's headers: C++ (the default) or C.
    pub language: Language,
    /// The C++ namespace of the classes (`acme::zoo`); empty for a C library.
    pub namespace: String,
    /// The headers the bridge includes, relative to an include folder.
    pub headers: Vec<String>,
    /// The classes to wrap.
    pub classes: Vec<Class>,
    /// The methods to bind.
    pub methods: Vec<Method>,
    /// The enums the bound members take or return.
    pub enums: Vec<Enum>,
    /// The library's own string classes, bound as Rust strings.
    pub strings: Vec<StringClass>,
    /// The class templates that are intrusive smart pointers (`geo::ref`): a value
    /// holds one count of a self-counting object, and `get()` gives the object.
    /// The well-known ones need no entry ([`INTRUSIVE_POINTERS`]).
    pub smart_pointers: Vec<String>,
    /// The status codes C functions return (C only).
    pub statuses: Vec<Status>,
    /// The C function that frees a string a function returns for the caller to free
    /// (`-> new char*`): `free`, `sqlite3_free`, `xmlFree` (C only).
    pub string_free: Option<String>,
    /// The C function that registers the library's error callback, a
    /// `void (*)(const char* message)` (C only): the crate registers its own, and a
    /// failing call's `Err` carries the message reported during it.
    pub error_callback: Option<String>,
    /// The header's `static inline` functions the wrapper calls (C only): the crate
    /// compiles a C shim that calls each (`json_incref`, `json_decref`).
    pub inline: Vec<String>,
    /// The exported functions those inline functions call (`json_delete`): when the
    /// library is loaded, the shim calls them through pointers set once it is.
    pub inline_calls: Vec<String>,
    /// The system packages that provide the library (for the crate's CI workflow).
    pub system_packages: Vec<String>,
    /// How the library is found.
    pub library: Library,
}

/// How the generated crate gets its C++ library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Library {
    /// Compiled from C++ sources, with the bridge.
    Sources {
        /// The folder of the sources, relative to the crate (headers in `include/`).
        folder: String,
        /// The files to compile, relative to `folder`.
        files: Vec<String>,
        /// Preprocessor names to define.
        defines: Vec<String>,
    },
    /// A prebuilt library in folders.
    Existing {
        /// The folder the headers are relative to.
        include_dir: String,
        /// The folder with the library's file.
        lib_dir: String,
        /// The library's name (`geo` for `libgeo.so`).
        lib_name: String,
    },
    /// A prebuilt library that pkg-config finds.
    PkgConfig {
        /// The package's name.
        package: String,
    },
    /// A C library loaded when the program first uses it (through
    /// `refcount::dynamic`), found by its short name: nothing is linked.
    Loaded {
        /// The short name (`sqlite3` for `libsqlite3.so.0`).
        name: String,
        /// The major version the declarations are for (`0` for `libsqlite3.so.0`):
        /// another has another ABI, and is never loaded.
        version: Option<u64>,
        /// The folder the headers are relative to, for the shim of inline functions
        /// (the only thing compiled against them).
        include_dir: Option<String>,
    },
}

/// An answer's code and its doc comment: a `#` starts the doc, which runs to the end.
pub(crate) fn doc_of(item: &str) -> (&str, String) {
    match item.split_once('#') {
        Some((code, doc)) => (code.trim(), one_line(doc)),
        None => (item.trim(), String::new()),
    }
}

/// Where the first single `:` of `text` is (a `::` belongs to a qualified name):
/// what separates an enum's or a string class's name from the rest.
pub(crate) fn single_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b':' && bytes.get(i + 1) != Some(&b':') && (i == 0 || bytes[i - 1] != b':')
    })
}

/// `code` with its doc comment, as an answer writes it.
pub(crate) fn with_doc(code: String, doc: &str) -> String {
    if doc.is_empty() {
        code
    } else {
        format!("{code}  # {doc}")
    }
}

/// A doc comment as one line of Markdown, with nothing that would end a Rust doc
/// comment or a C++ comment early, and no `;` (which separates answers).
pub fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("*/", "* /")
        .replace(';', ",")
}

impl Wrapper {
    /// Reads `wrapper.toml` at `path`, and checks it.
    pub fn load(path: &Path) -> Result<Wrapper> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let wrapper = Wrapper::from_toml(&text).map_err(|err| Error::Toml {
            path: path.to_owned(),
            message: err.to_string(),
        })?;
        wrapper.check().map_err(|refusal| Error::Toml {
            path: path.to_owned(),
            message: refusal.to_string(),
        })?;
        Ok(wrapper)
    }

    /// Checks what no single entry can: the namespace, the headers, and everything
    /// the generator needs (by planning the generated code).
    pub fn check(&self) -> Result<(), Refusal> {
        let parts: Vec<&str> = self.namespace.split("::").collect();
        let c = self.language == Language::C;
        if c && !self.namespace.is_empty() {
            return Err(Refusal::new(
                "C++ namespace (namespace)",
                &self.namespace,
                "a C library has no namespace: leave it out",
            ));
        }
        if !c && (!parts.iter().all(|part| is_identifier(part)) || parts[0] == "std") {
            return Err(Refusal::new(
                "C++ namespace (cpp_namespace)",
                &self.namespace,
                "use C++ identifiers joined by `::`, such as `testnative` or `acme::zoo`, outside \
                 `std`",
            ));
        }
        for header in &self.headers {
            let allowed = |c: char| c.is_ascii_alphanumeric() || "_-./+".contains(c);
            if header.is_empty()
                || !header.chars().all(allowed)
                || header.contains("..")
                || header.starts_with('/')
            {
                return Err(Refusal::new(
                    "header (headers)",
                    header,
                    "give a path relative to the include folder, such as `geo/shape.hpp`, made \
                     of letters, digits, `_`, `-`, `.`, `+` and `/`",
                ));
            }
        }
        let name_ok = |name: &str| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c))
        };
        match &self.library {
            Library::Existing { lib_name, .. } if !name_ok(lib_name) => {
                return Err(Refusal::new(
                    "library name (lib_name)",
                    lib_name,
                    "use the name without `lib` and extension, such as `testnative`",
                ))
            }
            Library::Loaded { name, .. } if !name_ok(name) => {
                return Err(Refusal::new(
                    "library name (name)",
                    name,
                    "use the name without `lib` and extension, such as `sqlite3`",
                ))
            }
            Library::Loaded { .. } if self.language == Language::Cpp => {
                return Err(Refusal::new(
                    "library (library)",
                    "loaded",
                    "only a C library is loaded at run time: a C++ one is linked (`sources`, \
                     `existing` or `pkg-config`)",
                ))
            }
            Library::PkgConfig { package } if !name_ok(package) => {
                return Err(Refusal::new(
                    "pkg-config package (pkg_config)",
                    package,
                    "use the package's name, as `pkg-config --list-all` shows it, such as `cairo`",
                ))
            }
            _ => {}
        }
        if c {
            return crate::c::plan::Plan::new(self, "check").map(drop);
        }
        if let Some(class) = self.classes.iter().find(|class| class.void_id.is_some()) {
            return Err(Refusal::new(
                format!("class `{}` (classes)", class.cpp),
                class.code(),
                "`void(TYPE_ID)` is for a C API's `void*` objects: answer `language = \"c\"`",
            ));
        }
        if !self.statuses.is_empty()
            || self.string_free.is_some()
            || self.error_callback.is_some()
            || !self.inline.is_empty()
        {
            return Err(Refusal::new(
                "language (language)",
                "c++",
                "statuses, string-free, error-callback and inline are a C library's: answer \
                 `language = \"c\"`",
            ));
        }
        crate::plan::Plan::new(self, "check").map(drop)
    }

    /// The include folders of a library in folders or in sources (none for pkg-config,
    /// which says where its headers are), relative to `root`.
    pub fn include_dirs(&self, root: &Path) -> Vec<PathBuf> {
        match &self.library {
            Library::Sources { folder, .. } => vec![root.join(folder).join("include")],
            Library::Existing { include_dir, .. } => vec![root.join(include_dir)],
            Library::Loaded {
                include_dir: Some(dir),
                ..
            } => vec![root.join(dir)],
            Library::PkgConfig { .. } | Library::Loaded { .. } => Vec::new(),
        }
    }
}

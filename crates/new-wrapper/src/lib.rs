//! Scaffolds a wrapper crate from the kit's `cargo generate` template.
//!
//! [`generate`] is what the `new-wrapper` command and the template's tests use: it
//! checks the answers that the template cannot check itself (that folders exist),
//! lets cargo-generate render the template into a staging folder beside the
//! destination, and moves the result into place only when everything succeeded, so
//! a refused answer never leaves a half-written folder behind.
#![deny(missing_docs)]

use std::fmt;
use std::path::{Path, PathBuf};

use cargo_generate::{GenerateArgs, TemplatePath, Vcs};

/// Where the kit's template lives.
pub fn template_dir() -> PathBuf {
    kit_root().join("template")
}

/// The kit's root folder (this crate's grand-parent).
pub fn kit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the kit's folder exists")
}

/// How the generated crate gets the C++ library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Library {
    /// The sample dog/owner library, copied into the crate (or, with `cpp_dir`, read
    /// from another folder, as the kit's own example does).
    Bundled {
        /// Folder of the C++ sources, relative to the crate; `None` copies them into `cpp/`.
        cpp_dir: Option<String>,
    },
    /// A prebuilt library with the sample's classes.
    Existing {
        /// The folder with `<namespace folder>/dog.hpp`.
        include_dir: PathBuf,
        /// The library's name (`testnative` for `libtestnative.so`).
        lib_name: String,
        /// The folder with the library's file.
        lib_dir: PathBuf,
    },
}

/// Where the generated crate's `refcount` dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefcountSource {
    /// A path, relative to the generated crate or absolute.
    Path(String),
    /// A git repository.
    Git(String),
    /// A version requirement on crates.io.
    Version(String),
}

/// The answers to the template's questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// The crate name (`project-name`).
    pub name: String,
    /// The C++ namespace of the library to wrap (`cpp_namespace`).
    pub cpp_namespace: String,
    /// Bundled sample library, or an existing one (`library` and its folders).
    pub library: Library,
    /// Where `refcount` comes from (`refcount_source` and its value).
    pub refcount: RefcountSource,
    /// Whether to add a GitHub Actions workflow (`ci`).
    pub ci: bool,
}

impl Answers {
    /// The template's default answers, for a crate called `name` (a test checks that
    /// they render what the template renders when nothing is answered).
    pub fn defaults(name: &str) -> Self {
        Answers {
            name: name.to_owned(),
            cpp_namespace: "testnative".to_owned(),
            library: Library::Bundled { cpp_dir: None },
            refcount: RefcountSource::Path("../crates/refcount".to_owned()),
            ci: true,
        }
    }

    /// The answers that produce the kit's worked example, `crates/dog-cxx`: the
    /// defaults, pointed at the kit's own copies of the C++ library and of
    /// `refcount`, without a CI workflow of its own (the kit has one).
    pub fn kit_example() -> Self {
        Answers {
            library: Library::Bundled {
                cpp_dir: Some("../../native-cpp".to_owned()),
            },
            refcount: RefcountSource::Path("../refcount".to_owned()),
            ci: false,
            ..Answers::defaults("dog-cxx")
        }
    }

    /// The answers as `--define key=value` pairs.
    pub fn defines(&self) -> Vec<String> {
        let mut defines = vec![
            format!("cpp_namespace={}", self.cpp_namespace),
            format!("ci={}", self.ci),
        ];
        match &self.library {
            Library::Bundled { cpp_dir } => {
                defines.push("library=bundled".to_owned());
                defines.extend(cpp_dir.iter().map(|dir| format!("cpp_dir={dir}")));
            }
            Library::Existing {
                include_dir,
                lib_name,
                lib_dir,
            } => defines.extend([
                "library=existing".to_owned(),
                format!("include_dir={}", include_dir.display()),
                format!("lib_name={lib_name}"),
                format!("lib_dir={}", lib_dir.display()),
            ]),
        }
        let (source, key, value) = match &self.refcount {
            RefcountSource::Path(path) => ("path", "refcount_path", path),
            RefcountSource::Git(url) => ("git", "refcount_git", url),
            RefcountSource::Version(version) => ("version", "refcount_version", version),
        };
        defines.extend([
            format!("refcount_source={source}"),
            format!("{key}={value}"),
        ]);
        defines
    }

    /// Checks what the template cannot: that the existing library's folders exist.
    pub fn check_folders(&self) -> Result<(), Error> {
        if let Library::Existing {
            include_dir,
            lib_dir,
            ..
        } = &self.library
        {
            for (question, dir) in [("include_dir", include_dir), ("lib_dir", lib_dir)] {
                if !dir.is_dir() {
                    return Err(Error::Answer(format!(
                        "\"{}\" is not a valid {} ({question}): it must be an existing folder",
                        dir.display(),
                        if question == "include_dir" {
                            "include folder"
                        } else {
                            "library folder"
                        },
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Why a crate was not generated.
#[derive(Debug)]
pub enum Error {
    /// An answer was refused: the message names the question and what is allowed.
    Answer(String),
    /// The destination exists already.
    Exists(PathBuf),
    /// cargo-generate or the file system failed.
    Generate(anyhow::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Answer(message) => f.write_str(message),
            Error::Exists(path) => write!(
                f,
                "`{}` exists already: choose a new folder",
                path.display()
            ),
            Error::Generate(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for Error {}

/// Renders `template` with `answers` into the new folder `destination`.
///
/// Nothing is left behind when it fails: the crate is rendered in a staging folder
/// beside `destination` and moved into place at the end.
pub fn generate(template: &Path, answers: &Answers, destination: &Path) -> Result<PathBuf, Error> {
    answers.check_folders()?;
    generate_with_defines(template, &answers.name, answers.defines(), destination)
}

/// Renders `template` for crate `name` with raw `--define key=value` pairs, leaving
/// every other question at the template's own default; staged as [`generate`] is.
pub fn generate_with_defines(
    template: &Path,
    name: &str,
    defines: Vec<String>,
    destination: &Path,
) -> Result<PathBuf, Error> {
    if destination.exists() {
        return Err(Error::Exists(destination.to_owned()));
    }
    let parent = match destination.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::Generate(e.into()))?;
    let staging = tempfile::Builder::new()
        .prefix(".new-wrapper-")
        .tempdir_in(&parent)
        .map_err(|e| Error::Generate(e.into()))?;

    let args = GenerateArgs {
        template_path: TemplatePath {
            path: Some(template.display().to_string()),
            ..Default::default()
        },
        name: Some(name.to_owned()),
        destination: Some(staging.path().to_owned()),
        silent: true,
        quiet: true,
        vcs: Some(Vcs::None),
        define: defines,
        no_workspace: true,
        // The crate name goes as given: the template checks it and says what is wrong.
        force: true,
        ..Default::default()
    };
    let rendered = cargo_generate::generate(args).map_err(|err| classify(&err))?;
    std::fs::rename(&rendered, destination).map_err(|e| Error::Generate(e.into()))?;
    Ok(destination.to_owned())
}

/// A refusal from the template's checks is the user's to fix: keep just its message
/// (`"VALUE" is not a valid QUESTION: WHAT IS ALLOWED`), without the script's position.
fn classify(err: &anyhow::Error) -> Error {
    let message = format!("{err:#}");
    let refusal = message.find("\" is not a valid ").and_then(|closing| {
        let opening = message[..closing].rfind('"')?;
        let rest = &message[opening..];
        let end = rest
            .find(" (line ")
            .or_else(|| rest.find('\n'))
            .unwrap_or(rest.len());
        Some(rest[..end].trim_end().to_owned())
    });
    match refusal {
        Some(text) => Error::Answer(text),
        None => Error::Generate(anyhow::anyhow!(message)),
    }
}

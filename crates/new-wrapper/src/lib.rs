//! Scaffolds a wrapper crate around a C++ library from the kit's `cargo generate`
//! template, and keeps it up to date.
//!
//! - [`generate`] is what the `new-wrapper` command and the template's tests use: it
//!   checks every answer (the classes and methods as the crate's build will read
//!   them, and that files exist), lets cargo-generate render the template into a
//!   staging folder beside the destination, and moves the result into place only
//!   when everything succeeded, so a refused answer never leaves a half-written
//!   folder behind.
//! - [`header`] reads a library's headers into the wrapper's model.
//! - [`options`] turns what the command line asks for into [`Answers`]: which
//!   library, whether the headers are read, and how answers merge with them.
//! - [`update`] re-reads a generated crate's headers into its `wrapper.toml`.
//! - [`template`] is the kit's template, carried inside the binary: an installed
//!   `new-wrapper` needs no checkout of the kit.
#![deny(missing_docs)]

mod answers;
pub mod header;
pub mod options;
pub mod template;
pub mod update;

use std::fmt;
use std::path::{Path, PathBuf};

use cargo_generate::{GenerateArgs, TemplatePath, Vcs};

pub use answers::{Answers, Library, RefcountSource};

/// The kit's version: the version of `refcount` and `refcount-build` that a
/// generated crate depends on unless told otherwise.
pub const KIT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a crate was not generated.
#[derive(Debug)]
pub enum Error {
    /// An answer was refused: the message names the question and what is allowed.
    Answer(String),
    /// The destination exists already.
    Exists(PathBuf),
    /// cargo-generate or the file system failed.
    Generate(anyhow::Error),
    /// The headers could not be read.
    Read(header::ReadError),
    /// The command line asks for something that cannot be done: what to give instead.
    Usage(String),
    /// A generated crate's `wrapper.toml` could not be read or written.
    Wrapper(refcount_build::Error),
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
            Error::Read(err) => write!(f, "{err}"),
            Error::Usage(message) => f.write_str(message),
            Error::Wrapper(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for Error {}

/// cargo-generate always looks up an author (the template does not use it), and
/// fails where none is configured, as on CI machines without `$USER`: this gives it
/// one when none is set.
pub fn set_author() {
    let author_vars = ["CARGO_NAME", "GIT_AUTHOR_NAME", "USER", "USERNAME"];
    if author_vars
        .iter()
        .all(|var| std::env::var_os(var).is_none())
    {
        std::env::set_var("CARGO_NAME", "wrapper author");
        std::env::set_var("CARGO_EMAIL", "author@example.invalid");
    }
}

/// Renders `template` with `answers` into the new folder `destination`.
///
/// Nothing is left behind when it fails: the crate is rendered in a staging folder
/// beside `destination` and moved into place at the end.
pub fn generate(template: &Path, answers: &Answers, destination: &Path) -> Result<PathBuf, Error> {
    answers.check()?;
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
    set_author();
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

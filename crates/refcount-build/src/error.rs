//! Why a wrapper could not be described or generated.

use std::fmt;
use std::path::PathBuf;

/// An entry of `wrapper.toml` (or a one-line answer) that cannot be generated: the
/// message names the entry, the value and what is allowed.
///
/// Displayed as `"VALUE" is not a valid WHAT: ALLOWED`, where `WHAT` names the entry
/// and where it is answered, as in ``class `shape` (classes)``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What the value is for: ``class `shape` (classes)``.
    pub what: String,
    /// The value as written.
    pub value: String,
    /// What is wrong, and what is allowed instead.
    pub allowed: String,
}

impl Refusal {
    /// A refusal of `value` as `what`, saying what is `allowed`.
    pub fn new(
        what: impl Into<String>,
        value: impl Into<String>,
        allowed: impl Into<String>,
    ) -> Self {
        Refusal {
            what: what.into(),
            value: value.into(),
            allowed: allowed.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a valid {}: {}",
            self.value, self.what, self.allowed
        )
    }
}

impl std::error::Error for Refusal {}

/// Why `refcount_build` failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An entry of the description is refused.
    Refused(Refusal),
    /// `wrapper.toml` is not valid TOML, or an entry of it is refused: the line, and
    /// what is allowed.
    Toml {
        /// The file.
        path: PathBuf,
        /// What the TOML parser said, with the line.
        message: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The failure.
        source: std::io::Error,
    },
    /// The library could not be found (pkg-config, or a folder that does not exist).
    Library(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Refused(refusal) => write!(f, "{refusal}"),
            Error::Toml { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Library(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // A refusal is displayed whole: it has no cause of its own to chain.
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Refused(refusal)
    }
}

/// What `refcount_build` returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

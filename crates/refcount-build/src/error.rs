//! Why a wrapper could not be described or generated.

use std::path::PathBuf;

/// An entry of `wrapper.toml` (or a one-line answer) that cannot be generated: the
/// message names the entry, the value and what is allowed.
///
/// Displayed as `"VALUE" is not a valid WHAT: ALLOWED`, where `WHAT` names the entry
/// and where it is answered, as in ``class `shape` (classes)``.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{value}\" is not a valid {what}: {allowed}")]
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

/// Why `refcount_build` failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An entry of the description is refused.
    #[error("{0}")]
    Refused(#[from] Refusal),
    /// `wrapper.toml` is not valid TOML, or has an unknown key.
    #[error("{}: {message}", path.display())]
    Toml {
        /// The file.
        path: PathBuf,
        /// What the TOML parser said, with the line.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The failure.
        source: std::io::Error,
    },
    /// The library could not be found (pkg-config, or a folder that does not exist).
    #[error("{0}")]
    Library(String),
}

/// What `refcount_build` returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

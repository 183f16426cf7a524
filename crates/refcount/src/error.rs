//! The one error type of the crate.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Everything that can go wrong when taking, using, converting or loading a handle.
///
/// Every message names the native type involved and says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A constructor was given a null pointer: there is no object to hold.
    Null {
        /// The type the pointer should have pointed to.
        type_id: &'static str,
    },

    /// The handle was closed with `Counted::close` and its native object released.
    Disposed {
        /// The type of the closed handle.
        type_id: &'static str,
    },

    /// An erased handle, or a type id from a C API, is not of the expected type.
    TypeMismatch {
        /// The handle type that was asked for, such as `Shared<testnative::dog>`.
        expected: String,
        /// The handle type that was there, such as `Owned<testnative::cat>`.
        actual: String,
    },

    /// A factory was asked to wrap a type id it has no constructor for.
    UnknownTypeId {
        /// The type id given by the native library.
        type_id: String,
        /// The type ids the factory knows, sorted.
        known: Vec<String>,
    },

    /// A factory was asked to register a second Rust type under a type id it knows.
    DuplicateTypeId {
        /// The type id claimed twice.
        type_id: String,
        /// What was registered first.
        registered: String,
        /// What was refused.
        refused: String,
    },

    /// A counted handle could not give up its pointer because other clones still use it.
    StillShared {
        /// The type of the handle.
        type_id: &'static str,
        /// How many other clones were alive.
        clones: usize,
    },

    /// No file for a shared library was found, or none of the candidates loaded.
    #[cfg(feature = "dynamic")]
    LibraryNotFound {
        /// The short name that was looked for, such as `testnative`.
        name: String,
        /// Every place that was tried, in order, with what happened there.
        tried: Vec<crate::dynamic::Attempt>,
    },

    /// A symbol of a loaded library resolves to the null address: there is no
    /// function to call (an unresolved weak symbol, or an `ifunc` that chose none).
    #[cfg(feature = "dynamic")]
    NullSymbol {
        /// The file the library was loaded from.
        library: String,
        /// The symbol that was looked up.
        symbol: String,
    },

    /// A required symbol is missing from a loaded library.
    #[cfg(feature = "dynamic")]
    SymbolNotFound {
        /// The file the library was loaded from.
        library: String,
        /// The symbol that was looked up.
        symbol: String,
        /// What the system loader said.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Null { type_id } => write!(
                f,
                "expected a `{type_id}` pointer but got null: the native call that produced it \
                 probably failed (check the library's error report)"
            ),
            Error::Disposed { type_id } => write!(
                f,
                "the `{type_id}` handle was closed and its native object released; keep a clone \
                 open for as long as you use it"
            ),
            Error::TypeMismatch { expected, actual } => write!(
                f,
                "expected a handle of type `{expected}` but got one of type `{actual}`"
            ),
            Error::UnknownTypeId { type_id, known } => write!(
                f,
                "no wrapper is registered for type id `{type_id}` (known: {})",
                Known(known)
            ),
            Error::DuplicateTypeId {
                type_id,
                registered,
                refused,
            } => write!(
                f,
                "type id `{type_id}` is registered already, for `{registered}`; refused for \
                 `{refused}`: give each native type its own qualified TYPE_ID (such as \
                 `testnative::dog`)"
            ),
            Error::StillShared { type_id, clones } => write!(
                f,
                "cannot take the raw `{type_id}` pointer out of a handle that {clones} other \
                 clone(s) still share; drop them first"
            ),
            #[cfg(feature = "dynamic")]
            Error::LibraryNotFound { name, tried } => write!(
                f,
                "could not load the native library `{name}`; tried:{}",
                Tried(tried)
            ),
            #[cfg(feature = "dynamic")]
            Error::NullSymbol { library, symbol } => write!(
                f,
                "the library `{library}` has a symbol `{symbol}`, but its address is null"
            ),
            #[cfg(feature = "dynamic")]
            Error::SymbolNotFound {
                library,
                symbol,
                reason,
            } => write!(
                f,
                "the library `{library}` has no symbol `{symbol}`: {reason}"
            ),
        }
    }
}

impl core::error::Error for Error {}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// The error for a null pointer given for a `T`, made only when it is needed: an
/// `Error` built eagerly (as `ok_or` does) costs a call to its destructor on every
/// successful construction.
#[cold]
pub(crate) fn null<T: crate::Native>() -> Error {
    Error::Null {
        type_id: T::TYPE_ID,
    }
}

struct Known<'a>(&'a [String]);

impl fmt::Display for Known<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{id}`")?;
        }
        Ok(())
    }
}

#[cfg(feature = "dynamic")]
struct Tried<'a>(&'a [crate::dynamic::Attempt]);

#[cfg(feature = "dynamic")]
impl fmt::Display for Tried<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(" nothing (no search place was configured)");
        }
        for attempt in self.0 {
            write!(f, "\n  - {attempt}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn messages_name_the_type_and_the_way_out() {
        assert_eq!(
            Error::Null {
                type_id: "testnative::dog"
            }
            .to_string(),
            "expected a `testnative::dog` pointer but got null: the native call that produced it \
             probably failed (check the library's error report)"
        );
        assert_eq!(
            Error::Disposed {
                type_id: "testnative::dog"
            }
            .to_string(),
            "the `testnative::dog` handle was closed and its native object released; \
             keep a clone open for as long as you use it"
        );
        assert_eq!(
            Error::TypeMismatch {
                expected: "Shared<testnative::cat>".into(),
                actual: "Shared<testnative::dog>".into()
            }
            .to_string(),
            "expected a handle of type `Shared<testnative::cat>` but got one of type `Shared<testnative::dog>`"
        );
        assert_eq!(
            Error::StillShared {
                type_id: "testnative::dog",
                clones: 2
            }
            .to_string(),
            "cannot take the raw `testnative::dog` pointer out of a handle that 2 other clone(s) \
             still share; drop them first"
        );
    }

    #[test]
    fn unknown_type_id_lists_the_known_ones() {
        let err = Error::UnknownTypeId {
            type_id: "testnative::cat".into(),
            known: vec!["testnative::dog".into(), "testnative::owner".into()],
        };
        assert_eq!(
            err.to_string(),
            "no wrapper is registered for type id `testnative::cat` (known: `testnative::dog`, `testnative::owner`)"
        );
        let none = Error::UnknownTypeId {
            type_id: "X".into(),
            known: vec![],
        };
        assert_eq!(
            none.to_string(),
            "no wrapper is registered for type id `X` (known: none)"
        );
    }
}

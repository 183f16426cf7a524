//! Safe Rust bindings to the `testnative` C++ library, through [`cxx`] and
//! [`refcount`] handles: every C++ object is released exactly once.
//!
//! | C++ class | Rust type | held through |
//! |---|---|---|
//! | `::testnative::dog` | [`Dog`] | `refcount::Shared` (intrusive (counts itself)) |
//! | `::testnative::owner` | [`DogOwner`] | `refcount::Shared` (intrusive (counts itself)) |
//!
//! The raw bridge is [`ffi`]; the header shims it binds are in `include/bridge.h`.
//!
//! ```
//! use dog_cxx::*;
//!
//! let dog = Dog::new()?;
//! drop(dog); // released here, exactly once
//! # Ok::<(), Error>(())
//! ```
#![deny(missing_docs)]

mod classes;
pub mod ffi;
mod native;

pub use classes::{Dog, DogOwner};

/// What can go wrong when using the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A C++ function threw: its message.
    #[error("the C++ library failed: {0}")]
    Native(#[from] cxx::Exception),
    /// A handle could not be made or used (a null object, a closed one).
    #[error(transparent)]
    Handle(#[from] refcount::Error),
}

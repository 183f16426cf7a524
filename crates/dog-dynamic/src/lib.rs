//! The sample C++ dog library's C API, loaded at run time with
//! [`refcount::dynamic`] (as Python's cffi `dlopen` does), with the same safe API as
//! the `dog-cxx` example.
//!
//! Nothing is linked at build time: the library is found when first used (see
//! [`search`] for where), and a missing library or symbol is an `Err` that says where
//! it looked. The C API speaks `void*`, so the handles carry type tags
//! ([`adopt_any`]), and its error callback becomes `Err` values ([`Error::Native`]).
//!
//! ```
//! use dog_dynamic::{num_dogs, Dog, DogOwner};
//!
//! let dog = Dog::new()?;
//! let owner = DogOwner::new(&dog)?;
//! owner.say_walk();
//! drop(dog); // the owner still holds the native dog
//! owner.say_walk();
//! assert_eq!(owner.dog().position(), 2);
//! drop(owner);
//! assert_eq!(num_dogs()?, 0);
//! # Ok::<(), dog_dynamic::Error>(())
//! ```
#![deny(missing_docs)]

mod api;
mod dog;
mod errors;
mod native;
mod owner;

pub use api::{api, search, Api, DateTime, ErrorCallback};
pub use dog::{num_dogs, Dog};
pub use errors::{clear_error_hook, set_error_hook, take_error};
pub use native::adopt_any;
pub use owner::{num_owners, DogOwner};

/// What can go wrong when using the dog library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The library reported an error through its callback: its message.
    #[error("the native library failed: {0}")]
    Native(String),
    /// The library could not be loaded, or a handle could not be made or used.
    #[error(transparent)]
    Handle(#[from] refcount::Error),
}

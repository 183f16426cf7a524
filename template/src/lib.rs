//! The sample C++ dog library, wrapped through [`cxx`] with [`refcount`] handles.
//!
//! The C++ library is compiled into this crate by its build script. Its objects are
//! counted intrusively, so both wrappers hold a [`refcount::Shared`] handle:
//! cloning adds a native reference, dropping removes one.
//!
//! ```
//! use {{crate_name}}::{num_dogs, Dog, DogOwner};
//!
//! let dog = Dog::new();
//! let owner = DogOwner::new(&dog)?;
//! owner.say_walk();
//! assert_eq!(dog.position(), 1);
//! drop(dog); // the owner still holds the native dog
//! owner.say_walk();
//! assert_eq!(owner.dog().position(), 2);
//! drop(owner); // now the dog goes too
//! assert_eq!(num_dogs(), 0);
//! # Ok::<(), {{crate_name}}::Error>(())
//! ```
#![deny(missing_docs)]

mod dog;
mod native;
mod owner;

pub use dog::{num_dogs, Dog};
pub use owner::{num_owners, DogOwner};

/// What can go wrong when using the dog library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A C++ function threw: its message.
    #[error("the C++ library failed: {0}")]
    Native(#[from] cxx::Exception),
    /// A handle could not be made or used.
    #[error(transparent)]
    Handle(#[from] refcount::Error),
}

// ANCHOR: bridge
/// The raw bridge to the C++ library, as cxx generates it from `include/bridge.h`.
///
/// Public so that tests and the book can show the raw layer; use the safe types.
// The `# Safety` sections below are written, but clippy does not see them through the macro.
#[allow(clippy::missing_safety_doc)]
#[cxx::bridge(namespace = "{{cpp_namespace}}::bridge")]
pub mod ffi {
    unsafe extern "C++" {
        include!("{{project-name}}/include/bridge.h");

        /// The C++ `{{cpp_namespace}}::dog`.
        #[namespace = "{{cpp_namespace}}"]
        #[cxx_name = "dog"]
        type Dog;

        /// The C++ `{{cpp_namespace}}::owner`.
        #[namespace = "{{cpp_namespace}}"]
        #[cxx_name = "owner"]
        type Owner;

        /// A new dog with one reference, the caller's.
        fn new_dog() -> *mut Dog;
        /// A new owner of `dog`, with one reference, the caller's. The owner does not
        /// add a reference to the dog. Throws for a null dog.
        ///
        /// # Safety
        ///
        /// `dog` must be null or point to a live dog.
        unsafe fn new_owner(dog: *mut Dog) -> Result<*mut Owner>;

        /// Adds a reference.
        ///
        /// # Safety
        ///
        /// `dog` must point to a live object.
        unsafe fn dog_add_ref(dog: *mut Dog);
        /// Removes a reference; the dog deletes itself at zero.
        ///
        /// # Safety
        ///
        /// `dog` must point to a live object.
        unsafe fn dog_release(dog: *mut Dog);
        /// The dog's reference count.
        fn dog_reference_count(dog: &Dog) -> i32;
        /// How far the dog walked.
        fn dog_position(dog: &Dog) -> i32;
        /// Wags once; returns the wags so far.
        ///
        /// # Safety
        ///
        /// `dog` must point to a live object.
        unsafe fn dog_wag_tail(dog: *mut Dog) -> i32;
        /// Live dogs in the process.
        fn num_dogs() -> i32;

        /// Adds a reference.
        ///
        /// # Safety
        ///
        /// `owner` must point to a live object.
        unsafe fn owner_add_ref(owner: *mut Owner);
        /// Removes a reference; the owner deletes itself at zero.
        ///
        /// # Safety
        ///
        /// `owner` must point to a live object.
        unsafe fn owner_release(owner: *mut Owner);
        /// The owner's reference count.
        fn owner_reference_count(owner: &Owner) -> i32;
        /// Walks the owner's dog.
        ///
        /// # Safety
        ///
        /// `owner` must point to a live object.
        unsafe fn owner_say_walk(owner: *mut Owner);
        /// Live owners in the process.
        fn num_owners() -> i32;
    }
}
// ANCHOR_END: bridge

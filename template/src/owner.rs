//! [`DogOwner`]: an owner that keeps its dog alive, which the C++ owner does not.

use refcount::Shared;

use crate::ffi;
use crate::{Dog, Error};

// ANCHOR: owner
/// An owner of a [`Dog`]. The C++ owner stores its dog's pointer *without* adding a
/// reference, so this wrapper holds a clone of the dog: the native dog lives at
/// least as long as its owner, whatever the caller drops first.
#[derive(Clone, Debug)]
pub struct DogOwner {
    // Fields drop in order: the owner first, then the dog it points to.
    handle: Shared<ffi::Owner>,
    dog: Dog,
}

impl DogOwner {
    /// A new owner of `dog`.
    ///
    /// Fails only if the C++ constructor throws (with [`Error::Native`]).
    pub fn new(dog: &Dog) -> Result<Self, Error> {
        // SAFETY: the pointer comes from a live handle; a throw becomes an `Err`.
        let raw = unsafe { ffi::new_owner(dog.handle.as_ptr()) }?;
        // SAFETY: `new_owner` returns a new owner with one reference, which we adopt.
        let handle = unsafe { Shared::adopt(raw) }?;
        Ok(DogOwner {
            handle,
            dog: dog.clone(),
        })
    }
    // ANCHOR_END: owner

    /// Takes the dog for a walk: its position goes up by one.
    pub fn say_walk(&self) {
        // SAFETY: the handle keeps the owner alive, and the owner's dog is kept alive
        // by `self.dog`; walking is atomic in C++.
        unsafe { ffi::owner_say_walk(self.handle.as_ptr()) }
    }

    /// The dog this owner walks.
    pub fn dog(&self) -> &Dog {
        &self.dog
    }

    /// The owner's native reference count.
    pub fn reference_count(&self) -> i32 {
        ffi::owner_reference_count(self.handle.get())
    }
}

/// How many C++ owners are alive in the process.
pub fn num_owners() -> i32 {
    ffi::num_owners()
}

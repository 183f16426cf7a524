//! [`DogOwner`]: an owner that keeps its dog alive, which the native owner does not.

use refcount::Shared;

use crate::api::api;
use crate::errors::not_created;
use crate::native::OwnerPtr;
use crate::{Dog, Error};

/// An owner of a [`Dog`]. The native owner stores its dog's pointer *without*
/// adding a reference, so this wrapper holds a clone of the dog: the native dog
/// lives at least as long as its owner, whatever the caller drops first.
#[derive(Clone, Debug)]
pub struct DogOwner {
    // Fields drop in order: the owner first, then the dog it points to.
    handle: Shared<OwnerPtr>,
    dog: Dog,
}

impl DogOwner {
    /// A new owner of `dog`.
    ///
    /// Fails with [`Error::Native`] if the library reports an error.
    pub fn new(dog: &Dog) -> Result<Self, Error> {
        // The dog's API: it made the dog, so it is loaded.
        let api = dog.api;
        // SAFETY: the pointer comes from a live handle; the new owner comes with one
        // reference, which we adopt (or null, after the library reported why).
        let raw = unsafe { api.create_owner.call(dog.handle.as_ptr()) };
        // SAFETY: as above.
        let handle = unsafe { Shared::adopt(raw) }.map_err(not_created)?;
        Ok(DogOwner {
            handle,
            dog: dog.clone(),
        })
    }

    /// Takes the dog for a walk: its position goes up by one.
    pub fn say_walk(&self) {
        // SAFETY: the handle keeps the owner alive, and `self.dog` its dog.
        unsafe { self.dog.api.say_walk.call(self.handle.as_ptr()) }
    }

    /// The dog this owner walks.
    pub fn dog(&self) -> &Dog {
        &self.dog
    }

    /// The owner's native reference count.
    pub fn reference_count(&self) -> i32 {
        // SAFETY: the handle keeps the owner alive.
        unsafe { self.dog.api.get_reference_count.call(self.handle.as_ptr()) }
    }
}

/// How many native owners are alive in the process. Loads the library on first use.
pub fn num_owners() -> Result<i32, Error> {
    // SAFETY: takes no argument.
    Ok(unsafe { api()?.num_owners.call() })
}

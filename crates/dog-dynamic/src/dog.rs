//! [`Dog`]: a dog of the C API, shared through its own reference count.

use refcount::any::{AnyHandle, DowncastError, Handle};
use refcount::Shared;

use crate::api::{api, Api};
use crate::errors::not_created;
use crate::native::DogPtr;
use crate::Error;

/// A dog of the C library. Cloning it adds a native reference; the native dog is
/// deleted when the last reference goes, in Rust or in C++.
#[derive(Clone, Debug)]
pub struct Dog {
    pub(crate) handle: Shared<DogPtr>,
    /// The API that made the dog: holding it proves the library is loaded.
    pub(crate) api: &'static Api,
}

impl Dog {
    /// A new dog, at position 0. Loads the library on first use.
    ///
    /// ```
    /// let dog = dog_dynamic::Dog::new()?;
    /// assert_eq!(dog.position(), 0);
    /// # Ok::<(), dog_dynamic::Error>(())
    /// ```
    // ANCHOR: new
    #[inline]
    pub fn new() -> Result<Self, Error> {
        let api = api()?;
        // SAFETY: `create_dog` takes no argument and returns a new dog with one
        // reference, which we adopt (or null, which `adopt` refuses).
        let handle = unsafe { Shared::adopt(api.create_dog.call()) }.map_err(not_created)?;
        Ok(Dog { handle, api })
    }
    // ANCHOR_END: new

    /// How many times the dog was walked.
    pub fn position(&self) -> i32 {
        // SAFETY: the handle keeps the dog alive.
        unsafe { self.api.get_dog_position.call(self.handle.as_ptr()) }
    }

    /// Wags the tail once; returns how many times it has wagged.
    pub fn wag_tail(&self) -> i32 {
        // SAFETY: the handle keeps the dog alive; wagging is atomic in C++.
        unsafe { self.api.wag_tail.call(self.handle.as_ptr()) }
    }

    /// The native reference count (this handle, its clones, and every owner that
    /// keeps the dog alive).
    pub fn reference_count(&self) -> i32 {
        // SAFETY: the handle keeps the dog alive.
        unsafe { self.api.get_reference_count.call(self.handle.as_ptr()) }
    }
}

/// Erases the dog to a type-tagged handle (`Shared<testnative::dog>`).
impl From<Dog> for AnyHandle {
    fn from(dog: Dog) -> Self {
        dog.handle.erase()
    }
}

/// Takes a dog back from a type-tagged handle; any other handle is refused, intact.
impl TryFrom<AnyHandle> for Dog {
    type Error = DowncastError;

    fn try_from(any: AnyHandle) -> Result<Self, DowncastError> {
        let handle = any.downcast()?;
        // A handle of a dog exists only once the library is loaded.
        let api = api().expect("the library that made the dog is loaded");
        Ok(Dog { handle, api })
    }
}

/// How many native dogs are alive in the process. Loads the library on first use.
pub fn num_dogs() -> Result<i32, Error> {
    // SAFETY: takes no argument.
    Ok(unsafe { api()?.num_dogs.call() })
}

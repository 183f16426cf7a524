//! [`Dog`]: a C++ dog, shared through its own reference count.

use refcount::{AnyHandle, DowncastError, Handle, Shared};

use crate::ffi;

/// A dog of the C++ library. Cloning it adds a native reference; the C++ dog is
/// deleted when the last reference goes, in Rust or in C++.
#[derive(Clone, Debug)]
pub struct Dog {
    pub(crate) handle: Shared<ffi::Dog>,
}

impl Dog {
    /// A new dog, at position 0.
    ///
    /// ```
    /// let dog = {{crate_name}}::Dog::new();
    /// assert_eq!(dog.position(), 0);
    /// ```
    pub fn new() -> Self {
        // SAFETY: `new_dog` returns a new dog with one reference, which we adopt.
        let handle = unsafe { Shared::adopt(ffi::new_dog()) };
        Dog {
            handle: handle.expect("`new` either returns a dog or throws"),
        }
    }

    /// How many times the dog was walked.
    pub fn position(&self) -> i32 {
        ffi::dog_position(self.handle.get())
    }

    /// Wags the tail once; returns how many times it has wagged.
    pub fn wag_tail(&self) -> i32 {
        // SAFETY: the handle keeps the dog alive; wagging is atomic in C++.
        unsafe { ffi::dog_wag_tail(self.handle.as_ptr()) }
    }

    /// The native reference count (this handle, its clones, and every owner that
    /// keeps the dog alive).
    pub fn reference_count(&self) -> i32 {
        ffi::dog_reference_count(self.handle.get())
    }
}

/// Erases the dog to a type-tagged handle (`Shared<DOG_PTR>`).
impl From<Dog> for AnyHandle {
    fn from(dog: Dog) -> Self {
        dog.handle.erase()
    }
}

/// Takes a dog back from a type-tagged handle; any other handle is refused, intact.
impl TryFrom<AnyHandle> for Dog {
    type Error = DowncastError;

    fn try_from(any: AnyHandle) -> Result<Self, DowncastError> {
        any.downcast().map(|handle| Dog { handle })
    }
}

impl Default for Dog {
    fn default() -> Self {
        Dog::new()
    }
}

/// How many C++ dogs are alive in the process.
pub fn num_dogs() -> i32 {
    ffi::num_dogs()
}

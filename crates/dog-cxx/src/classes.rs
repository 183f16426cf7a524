//! The safe Rust types over the C++ classes: one type each, holding its object
//! through the `refcount` handle its ownership calls for.
//!
//! What the generated methods assume of the C++ library (check it):
//! - a method does not keep a pointer or reference to its arguments after it
//!   returns; a constructor may, so the wrapper keeps what it was given alive;
//! - a new object of a class that counts itself starts with one reference, the
//!   caller's, unless the class was answered `retain`;
//! - a returned pointer is borrowed from the object (a reference is added) unless
//!   the method was answered `-> new TYPE*` (the caller owns it);
//! - a method that can throw was answered `throws` (it returns `Err`); any other
//!   exception ends the process, as an exception through `noexcept` would.
// The methods keep their C++ names, whatever clippy's conventions for Rust names.
#![allow(
    clippy::len_without_is_empty,
    clippy::should_implement_trait,
    clippy::inherent_to_string,
    clippy::wrong_self_convention,
    clippy::too_many_arguments
)]

use crate::{ffi, Error};

// ANCHOR: type_dog
/// A dog of the sample library. Thread-safe: its state and count are atomic.
///
/// It counts its own references: a clone adds one, a drop releases one,
/// and the C++ object goes with its last reference, held in Rust or in C++. Declared thread-safe.
#[derive(Clone, Debug)]
pub struct Dog {
    handle: refcount::Shared<ffi::Dog>,
}
// ANCHOR_END: type_dog

impl Dog {
    // ANCHOR: new_dog_new
    /// A new `dog()`. A C++ exception becomes `Err`.
    pub fn new() -> Result<Self, Error> {
        let raw = ffi::dog_new()?;
        // SAFETY: a new object, whose one reference is handed over.
        let handle = unsafe { refcount::Shared::adopt(raw) }?;
        Ok(Dog { handle })
    }
    // ANCHOR_END: new_dog_new

    /// Wraps an object that a C++ method lent, adding a reference of its own; `None`
    /// for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object.
    pub(crate) unsafe fn from_retained(ptr: *mut ffi::Dog) -> Option<Self> {
        // SAFETY: passed on from the caller.
        let handle = unsafe { refcount::Shared::retain(ptr) }.ok()?;
        Some(Dog { handle })
    }

    /// The C++ object, for a call the wrapper does not bind. It stays this wrapper's:
    /// do not release it, nor use it after the wrapper is dropped.
    pub fn as_ptr(&self) -> *mut ffi::Dog {
        self.handle.as_ptr()
    }

    // ANCHOR: method_dog_position
    /// Number of walks taken so far: a new dog starts at 0.
    pub fn position(&self) -> i32 {
        ffi::dog_position(self.handle.get())
    }
    // ANCHOR_END: method_dog_position

    // ANCHOR: method_dog_walk
    /// Moves the dog one step forward.
    pub fn walk(&self) {
        // SAFETY: the pointers come from live handles, which outlive the call.
        unsafe { ffi::dog_walk(self.handle.as_ptr()) };
    }
    // ANCHOR_END: method_dog_walk

    // ANCHOR: method_dog_wag_tail
    /// Wags once and returns the total number of wags including this one, so the first call returns 1.
    pub fn wag_tail(&self) -> i32 {
        // SAFETY: the pointers come from live handles, which outlive the call.
        unsafe { ffi::dog_wag_tail(self.handle.as_ptr()) }
    }
    // ANCHOR_END: method_dog_wag_tail

    // ANCHOR: method_dog_reference_count
    /// The native reference count: a snapshot, for diagnostics and tests.
    pub fn reference_count(&self) -> i32 {
        ffi::dog_reference_count(self.handle.get())
    }
    // ANCHOR_END: method_dog_reference_count

    // ANCHOR: method_dog_num_dogs
    /// Number of dogs currently alive in the process.
    pub fn num_dogs() -> i32 {
        ffi::dog_num_dogs()
    }
    // ANCHOR_END: method_dog_num_dogs
}

/// Two wrappers are equal when they hold the same C++ object.
impl PartialEq for Dog {
    fn eq(&self, other: &Self) -> bool {
        self.handle == other.handle
    }
}

impl Eq for Dog {}

/// Hashes what equality compares.
impl std::hash::Hash for Dog {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.handle.hash(state);
    }
}

/// Erases the handle to a type-tagged one (`Shared<testnative::dog>`).
impl From<Dog> for refcount::AnyHandle {
    fn from(object: Dog) -> Self {
        refcount::Handle::erase(object.handle)
    }
}

/// Turns a type-tagged handle back into the `Dog` it was; any other is refused, intact.
impl TryFrom<refcount::AnyHandle> for Dog {
    type Error = refcount::DowncastError;

    fn try_from(any: refcount::AnyHandle) -> Result<Self, refcount::DowncastError> {
        any.downcast().map(|handle| Dog { handle })
    }
}

// ANCHOR: type_owner
/// An owner of a dog. The C++ owner keeps the dog's pointer without a reference: this wrapper keeps the dog alive for it.
///
/// It counts its own references: a clone adds one, a drop releases one,
/// and the C++ object goes with its last reference, held in Rust or in C++. Declared thread-safe.
#[derive(Clone, Debug)]
pub struct DogOwner {
    // Dropped first: the C++ object goes before what it points to.
    handle: refcount::Shared<ffi::DogOwner>,
    /// The `Dog` objects given to the constructor: the C++ object may point to
    /// them without a reference of its own, so they live as long as it, whatever
    /// clone of this wrapper goes last.
    _keep_dog: std::sync::Arc<[Dog]>,
}
// ANCHOR_END: type_owner

impl DogOwner {
    // ANCHOR: new_owner_new
    /// A new `owner(dog*)`. A C++ exception becomes `Err`.
    pub fn new(dog: &Dog) -> Result<Self, Error> {
        // SAFETY: the pointers come from live handles, which outlive the call.
        let raw = unsafe { ffi::owner_new(dog.as_ptr()) }?;
        // SAFETY: a new object, whose one reference is handed over.
        let handle = unsafe { refcount::Shared::adopt(raw) }?;
        Ok(DogOwner {
            handle,
            _keep_dog: vec![dog.clone()].into(),
        })
    }
    // ANCHOR_END: new_owner_new

    /// The C++ object, for a call the wrapper does not bind. It stays this wrapper's:
    /// do not release it, nor use it after the wrapper is dropped.
    pub fn as_ptr(&self) -> *mut ffi::DogOwner {
        self.handle.as_ptr()
    }

    // ANCHOR: method_owner_say_walk
    /// Walks the dog.
    pub fn say_walk(&self) {
        // SAFETY: the pointers come from live handles, which outlive the call.
        unsafe { ffi::owner_say_walk(self.handle.as_ptr()) };
    }
    // ANCHOR_END: method_owner_say_walk

    // ANCHOR: method_owner_get_dog
    /// The dog given to the constructor.
    pub fn get_dog(&self) -> Option<Dog> {
        let raw = ffi::owner_get_dog(self.handle.get());
        // SAFETY: the method returned a live object or null; the handle adds a reference of its own.
        unsafe { Dog::from_retained(raw) }
    }
    // ANCHOR_END: method_owner_get_dog

    // ANCHOR: method_owner_reference_count
    /// The native reference count: a snapshot, for diagnostics and tests.
    pub fn reference_count(&self) -> i32 {
        ffi::owner_reference_count(self.handle.get())
    }
    // ANCHOR_END: method_owner_reference_count

    // ANCHOR: method_owner_num_owners
    /// Number of owners currently alive in the process.
    pub fn num_owners() -> i32 {
        ffi::owner_num_owners()
    }
    // ANCHOR_END: method_owner_num_owners
}

/// Two wrappers are equal when they hold the same C++ object.
impl PartialEq for DogOwner {
    fn eq(&self, other: &Self) -> bool {
        self.handle == other.handle
    }
}

impl Eq for DogOwner {}

/// Hashes what equality compares.
impl std::hash::Hash for DogOwner {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.handle.hash(state);
    }
}

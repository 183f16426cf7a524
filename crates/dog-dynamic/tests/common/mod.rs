//! The tests' own descriptions of the C API's objects, for handles the crate does
//! not offer (a `Counted` dog, an owner without its dog), written as a user of the
//! loaded library would: one `native_type!` each, releasing through `api()`.
#![allow(dead_code)]

use dog_dynamic::api;
use refcount::Opaque;

/// The loaded API: a test makes its handles only after loading it.
fn loaded() -> &'static dog_dynamic::Api {
    api().expect("the sample library loads")
}

// SAFETY: the C API's `release` gives up one reference and `add_reference` adds one,
// atomically, for any of its objects; dogs are thread-safe.
refcount::native_type! {
    /// A dog of the loaded C API, for the tests' own handles.
    pub unsafe type TestDog: Send + Sync {
        type_id: "testnative::dog",
        release: release,
        add_ref: add_reference,
    }
}

// SAFETY: as above.
refcount::native_type! {
    /// An owner of the loaded C API, for the tests' own handles.
    pub unsafe type TestOwner {
        type_id: "testnative::owner",
        release: release,
        add_ref: add_reference,
    }
}

/// The loaded C API's `release`.
///
/// # Safety
///
/// `ptr` is a live object of the loaded library, whose reference the caller gives up.
unsafe fn release(ptr: *mut Opaque) {
    // SAFETY: passed on from the caller.
    unsafe { loaded().release.call(ptr) }
}

/// The loaded C API's `add_reference`.
///
/// # Safety
///
/// `ptr` is a live object of the loaded library.
unsafe fn add_reference(ptr: *mut Opaque) {
    // SAFETY: passed on from the caller.
    unsafe { loaded().add_reference.call(ptr) }
}

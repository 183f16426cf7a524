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
        release: |ptr: *mut Opaque| loaded().release.call(ptr),
        add_ref: |ptr: *mut Opaque| loaded().add_reference.call(ptr),
    }
}

// SAFETY: as above.
refcount::native_type! {
    /// An owner of the loaded C API, for the tests' own handles.
    pub unsafe type TestOwner {
        type_id: "testnative::owner",
        release: |ptr: *mut Opaque| loaded().release.call(ptr),
        add_ref: |ptr: *mut Opaque| loaded().add_reference.call(ptr),
    }
}

//! The C API's `void*` objects, described for `refcount`, and their type tags.

use std::ffi::{c_void, CStr};
use std::ptr::NonNull;
use std::sync::OnceLock;

use refcount::{AnyHandle, Factory, Native, NativeCounted, SendNative, Shared, SyncNative};

use crate::api::loaded;
use crate::Error;

// ANCHOR: native
/// The C API's dogs: `void*` whose type id is `DOG_PTR`.
pub enum DogPtr {}

// SAFETY: `release` removes the one reference a handle holds; the C++ object
// deletes itself at zero. Handles exist only once the library is loaded.
unsafe impl Native for DogPtr {
    type Raw = c_void;
    const TYPE_ID: &'static str = "DOG_PTR";
    unsafe fn release(ptr: NonNull<c_void>) {
        // SAFETY: the handle gives up the reference it holds, once.
        unsafe { loaded().release.call(ptr.as_ptr()) }
    }
}

// SAFETY: `add_reference` adds one reference that `release` removes; it is atomic.
unsafe impl NativeCounted for DogPtr {
    unsafe fn add_ref(ptr: NonNull<c_void>) {
        // SAFETY: the caller holds a reference, so the object is alive.
        unsafe { loaded().add_reference.call(ptr.as_ptr()) }
    }
}
// ANCHOR_END: native

/// The C API's owners: `void*` whose type id is `OWNER_PTR`.
pub enum OwnerPtr {}

// SAFETY: as for `DogPtr`.
unsafe impl Native for OwnerPtr {
    type Raw = c_void;
    const TYPE_ID: &'static str = "OWNER_PTR";
    unsafe fn release(ptr: NonNull<c_void>) {
        // SAFETY: the handle gives up the reference it holds, once.
        unsafe { loaded().release.call(ptr.as_ptr()) }
    }
}

// SAFETY: as for `DogPtr`.
unsafe impl NativeCounted for OwnerPtr {
    unsafe fn add_ref(ptr: NonNull<c_void>) {
        // SAFETY: the caller holds a reference, so the object is alive.
        unsafe { loaded().add_reference.call(ptr.as_ptr()) }
    }
}

// SAFETY: dogs have no thread affinity, and their count and state are atomic.
unsafe impl SendNative for DogPtr {}
// SAFETY: as above.
unsafe impl SyncNative for DogPtr {}
// SAFETY: an owner only reads its dog pointer after construction, and walks its
// dog, which is thread-safe; its count is atomic.
unsafe impl SendNative for OwnerPtr {}
// SAFETY: as above.
unsafe impl SyncNative for OwnerPtr {}

// ANCHOR: factory
/// Wraps a `void*` from the C API in the handle its type id calls for, as an
/// [`AnyHandle`]: ask the library what the object is, then let the factory choose.
///
/// # Safety
///
/// `ptr` must be null or point to a live object of the library, whose reference
/// the caller hands over.
pub unsafe fn adopt_any(ptr: *mut c_void) -> Result<AnyHandle, Error> {
    static FACTORY: OnceLock<Factory<AnyHandle>> = OnceLock::new();
    let factory = FACTORY.get_or_init(|| {
        let mut factory = Factory::strict();
        factory
            .register_handle::<Shared<DogPtr>>()
            .register_handle::<Shared<OwnerPtr>>();
        factory
    });
    if ptr.is_null() {
        return Err(refcount::Error::Null {
            type_id: "DOG_PTR or OWNER_PTR",
        }
        .into());
    }
    let api = crate::api::api()?;
    // SAFETY: `ptr` is a live object of the library.
    let id = unsafe { api.get_type_id.call(ptr) };
    if id.is_null() {
        // The library reports why it has no type id; null is never read as a string.
        crate::errors::check(())?;
        return Err(Error::Native(
            "get_type_id: no type id for this object".to_owned(),
        ));
    }
    // SAFETY: not null: the library returns a static C string for known objects.
    let id = unsafe { CStr::from_ptr(id) }.to_string_lossy();
    // SAFETY: the library says the object is of type `id`; the reference is handed over.
    Ok(unsafe { factory.create(&id, ptr) }?)
}
// ANCHOR_END: factory

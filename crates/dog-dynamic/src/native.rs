//! The C API's `void*` objects, described for `refcount`, and their type tags.

use std::ffi::CStr;
use std::sync::OnceLock;

use refcount::any::{AnyHandle, Factory};
use refcount::{Opaque, Shared};

use crate::api::API;
use crate::Error;

// ANCHOR: native
// SAFETY: the C API's `release` removes one reference, and `add_reference` adds one,
// to any of its objects; both are atomic. Dogs have no thread affinity and their
// state is atomic; an owner only reads its dog pointer and walks its dog.
refcount::native_type! {
    /// The C API's dogs: `void*` whose type id is `testnative::dog`.
    ///
    /// Private, so that only this crate makes handles of it, and only from pointers
    /// that the loaded library ([`api`](crate::api)) returned: the release finds
    /// the library in [`API`] without a test.
    pub(crate) unsafe type DogPtr: Send + Sync {
        type_id: "testnative::dog",
        release: release,
        add_ref: add_reference,
    }
}

// SAFETY: as above.
refcount::native_type! {
    /// The C API's owners: `void*` whose type id is `testnative::owner`. Private,
    /// as [`DogPtr`] is.
    pub(crate) unsafe type OwnerPtr: Send + Sync {
        type_id: "testnative::owner",
        release: release,
        add_ref: add_reference,
    }
}

/// The C API's `release`, for every type.
///
/// # Safety
///
/// `ptr` is an object of the loaded library whose reference the caller gives up.
#[inline]
unsafe fn release(ptr: *mut Opaque) {
    // SAFETY: handles of the private marker types are made only from pointers that
    // the loaded API returned, so `API` was loaded before; the caller gives up its
    // reference to a live object of the library.
    unsafe { API.loaded_unchecked().release.call(ptr) }
}

/// The C API's `add_reference`, for every type.
///
/// # Safety
///
/// `ptr` is a live object of the loaded library.
#[inline]
unsafe fn add_reference(ptr: *mut Opaque) {
    // SAFETY: as for `release`; the caller holds a reference, so the object is alive.
    unsafe { API.loaded_unchecked().add_reference.call(ptr) }
}
// ANCHOR_END: native

// ANCHOR: factory
/// Wraps a `void*` from the C API in the handle its type id calls for, as an
/// [`AnyHandle`]: ask the library what the object is, then let the factory choose.
///
/// If no wrapper knows the type id, the object's reference is released and the
/// error returned: nothing leaks. If the library names no type for the object
/// (`get_type_id` gives null), it is not one of the library's objects, and nothing
/// is released.
///
/// # Safety
///
/// `ptr` must be null or point to a live object of the library, whose reference
/// the caller hands over.
pub unsafe fn adopt_any(ptr: *mut Opaque) -> Result<AnyHandle, Error> {
    static FACTORY: OnceLock<Factory<AnyHandle>> = OnceLock::new();
    let factory = FACTORY.get_or_init(|| {
        let mut factory = Factory::strict();
        factory
            .register_handle::<Shared<DogPtr>>()
            .and_then(|f| f.register_handle::<Shared<OwnerPtr>>())
            .expect("the crate's type ids are distinct");
        factory
    });
    if ptr.is_null() {
        return Err(refcount::Error::Null {
            type_id: "testnative::dog or testnative::owner",
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
    unsafe { factory.create(&id, ptr.cast()) }.map_err(|refused| {
        let (ptr, error) = refused.into_parts();
        // SAFETY: a refused pointer's reference is still ours: the C API releases
        // any of its objects.
        unsafe { api.release.call(ptr.cast()) };
        Error::Handle(error)
    })
}
// ANCHOR_END: factory

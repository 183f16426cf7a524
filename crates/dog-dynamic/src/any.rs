//! A `void*` of unknown type, given the handle its type id calls for.
//!
//! The generated types convert to and from a type-tagged
//! [`AnyHandle`](refcount::any::AnyHandle) (`From`, `TryFrom`); making one from a
//! raw pointer asks the library what the object is, which takes `get_type_id`,
//! a function of any object that the generator does not bind.

use std::ffi::CStr;
use std::sync::OnceLock;

use refcount::any::{AnyHandle, Factory};
use refcount::{Opaque, Shared};

use crate::generated::native;
use crate::{extras, Error};

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
            .register_handle::<Shared<native::Dog>>()
            .and_then(|f| f.register_handle::<Shared<native::DogOwner>>())
            .expect("the crate's type ids are distinct");
        factory
    });
    if ptr.is_null() {
        return Err(refcount::Error::Null {
            type_id: "testnative::dog or testnative::owner",
        }
        .into());
    }
    let extras = extras()?;
    // SAFETY: `ptr` is a live object of the library.
    let id = unsafe { extras.get_type_id.call(ptr) };
    if id.is_null() {
        // The library reports why it has no type id; null is never read as a string.
        return Err(Error::Reported(crate::take_error().unwrap_or_else(|| {
            "get_type_id: no type id for this object".to_owned()
        })));
    }
    // SAFETY: not null: the library returns a static C string for known objects.
    let id = unsafe { CStr::from_ptr(id) }.to_string_lossy();
    // SAFETY: the library says the object is of type `id`; the reference is handed
    // over, and the pointer came from the library that `extras` (and so `api()`)
    // loaded, which the handles' releases call.
    unsafe { factory.create(&id, ptr.cast()) }.map_err(|refused| {
        let (ptr, error) = refused.into_parts();
        // SAFETY: a refused pointer's reference is still ours: the C API releases
        // any of its objects.
        unsafe { extras.remove_reference.call(ptr.cast()) };
        Error::Handle(error)
    })
}
// ANCHOR_END: factory

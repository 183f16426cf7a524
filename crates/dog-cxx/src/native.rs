//! How `refcount` holds the C++ objects: one description each, from the answers
//! the crate was generated with. Each `unsafe` is the answers' promise: check it
//! against the library (see `refcount::native_type!` for what it promises).

use crate::ffi;

// ANCHOR: native_dog
// SAFETY: as answered, `dog` is intrusive (counts itself):
// `dog_release` gives up the reference (or the object) a handle holds, with
// `p->release()`. `dog_add_ref` adds one, with `p->add_ref()`.
// Answered `send`: an object may be used and released on any thread.
// Answered `sync`: its methods and count are safe to call from several threads at once.
refcount::native_type! {
    unsafe impl ffi::Dog: Send + Sync {
        type_id: "testnative::dog",
        release: ffi::dog_release,
        add_ref: ffi::dog_add_ref,
    }
}
// ANCHOR_END: native_dog

// ANCHOR: native_owner
// SAFETY: as answered, `owner` is intrusive (counts itself):
// `owner_release` gives up the reference (or the object) a handle holds, with
// `p->release()`. `owner_add_ref` adds one, with `p->add_ref()`.
// Answered `send`: an object may be used and released on any thread.
// Answered `sync`: its methods and count are safe to call from several threads at once.
refcount::native_type! {
    unsafe impl ffi::DogOwner: Send + Sync {
        type_id: "testnative::owner",
        release: ffi::owner_release,
        add_ref: ffi::owner_add_ref,
    }
}
// ANCHOR_END: native_owner

//! How `refcount` holds the C++ objects: described once, counted by the handles.

use core::ptr::NonNull;

use refcount::{Native, NativeCounted, SendNative, SyncNative};

use crate::ffi;

// ANCHOR: native
// SAFETY: `dog_release` removes the one reference a handle holds; the C++ dog
// deletes itself at zero and stays valid until then.
unsafe impl Native for ffi::Dog {
    type Raw = ffi::Dog;
    const TYPE_ID: &'static str = "DOG_PTR";
    unsafe fn release(ptr: NonNull<ffi::Dog>) {
        // SAFETY: the handle gives up the reference it holds, once.
        unsafe { ffi::dog_release(ptr.as_ptr()) }
    }
}

// SAFETY: `dog_add_ref` adds a reference that `dog_release` removes; the count is atomic.
unsafe impl NativeCounted for ffi::Dog {
    unsafe fn add_ref(ptr: NonNull<ffi::Dog>) {
        // SAFETY: the caller holds a reference, so the dog is alive.
        unsafe { ffi::dog_add_ref(ptr.as_ptr()) }
    }
}

// SAFETY: the C++ dog has no thread affinity, and its count and state are atomic.
unsafe impl SendNative for ffi::Dog {}
// SAFETY: as above: every operation on a dog is atomic.
unsafe impl SyncNative for ffi::Dog {}
// ANCHOR_END: native

// SAFETY: as for the dog.
unsafe impl Native for ffi::Owner {
    type Raw = ffi::Owner;
    const TYPE_ID: &'static str = "OWNER_PTR";
    unsafe fn release(ptr: NonNull<ffi::Owner>) {
        // SAFETY: the handle gives up the reference it holds, once.
        unsafe { ffi::owner_release(ptr.as_ptr()) }
    }
}

// SAFETY: as for the dog.
unsafe impl NativeCounted for ffi::Owner {
    unsafe fn add_ref(ptr: NonNull<ffi::Owner>) {
        // SAFETY: the caller holds a reference, so the owner is alive.
        unsafe { ffi::owner_add_ref(ptr.as_ptr()) }
    }
}

// SAFETY: an owner only reads its dog pointer after construction, and walks its
// dog, which is thread-safe; its count is atomic.
unsafe impl SendNative for ffi::Owner {}
// SAFETY: as above.
unsafe impl SyncNative for ffi::Owner {}

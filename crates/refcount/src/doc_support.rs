//! Native objects simulated in Rust, for the documentation's examples.
//!
//! Not part of the API: they stand in for a C library so that every example runs.

use core::ptr::NonNull;
use core::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

use alloc::boxed::Box;

use crate::{Native, NativeCounted, Opaque, SendNative, SyncNative};

static WIDGETS: AtomicIsize = AtomicIsize::new(0);
static COUNTERS: AtomicIsize = AtomicIsize::new(0);

/// A native object with no reference count, as a C `create_widget` returns it.
pub enum Widget {}

impl Widget {
    /// The C `create_widget()`: a new widget, owned by the caller.
    pub fn create() -> *mut Opaque {
        WIDGETS.fetch_add(1, Ordering::SeqCst);
        Box::into_raw(Box::new(0u64)).cast()
    }

    /// The C `destroy_widget()`.
    ///
    /// # Safety
    ///
    /// `ptr` comes from [`create`](Widget::create) and was not destroyed yet.
    pub unsafe fn destroy(ptr: *mut core::ffi::c_void) {
        // SAFETY: the pointer came from `Box::into_raw` in `create`.
        drop(unsafe { Box::from_raw(ptr.cast::<u64>()) });
        WIDGETS.fetch_sub(1, Ordering::SeqCst);
    }

    /// How many widgets are alive.
    pub fn live() -> isize {
        WIDGETS.load(Ordering::SeqCst)
    }
}

// SAFETY: `release` frees a box made by `create`, once per handle.
unsafe impl Native for Widget {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "demo::widget";
    unsafe fn release(ptr: NonNull<Opaque>) {
        // SAFETY: a handle's pointer came from `create`, and is released once.
        unsafe { Widget::destroy(ptr.as_ptr().cast()) }
    }
}

/// A native object with an intrusive count that starts at one, as C++ classes
/// derived from a `reference_counter` have.
pub enum Counter {}

impl Counter {
    /// The C `create_counter()`: a new object with one reference, the caller's.
    pub fn create() -> *mut Opaque {
        COUNTERS.fetch_add(1, Ordering::SeqCst);
        Box::into_raw(Box::new(AtomicUsize::new(1))).cast()
    }

    /// The native reference count of the counter a handle holds.
    pub fn count(handle: &impl crate::Holds<Counter>) -> usize {
        // SAFETY: the handle keeps the counter, a box made by `create`, alive.
        unsafe { &*handle.as_ptr().cast::<AtomicUsize>() }.load(Ordering::SeqCst)
    }

    /// How many counters are alive.
    pub fn live() -> isize {
        COUNTERS.load(Ordering::SeqCst)
    }
}

// SAFETY: `release` drops one reference and frees the box at zero.
unsafe impl Native for Counter {
    type Raw = Opaque;
    const TYPE_ID: &'static str = "demo::counter";
    unsafe fn release(ptr: NonNull<Opaque>) {
        let count = ptr.as_ptr().cast::<AtomicUsize>();
        // SAFETY: the handle holds a reference, so the box is alive.
        if unsafe { &*count }.fetch_sub(1, Ordering::AcqRel) == 1 {
            // SAFETY: that was the last reference: nobody else can reach the box.
            drop(unsafe { Box::from_raw(count) });
            COUNTERS.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

// SAFETY: the count is atomic and the counter has no thread affinity: it may be
// counted and released on any thread, by several at once.
unsafe impl SendNative for Counter {}
// SAFETY: as above; `&Opaque` of it gives access to nothing but the atomic count.
unsafe impl SyncNative for Counter {}

// SAFETY: `add_ref` adds one reference that `release` takes away.
unsafe impl NativeCounted for Counter {
    unsafe fn add_ref(ptr: NonNull<Opaque>) {
        // SAFETY: the caller holds a reference, so the box is alive.
        unsafe { &*ptr.as_ptr().cast::<AtomicUsize>() }.fetch_add(1, Ordering::Relaxed);
    }
}

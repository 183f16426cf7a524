//! The atomics and `Arc` behind `Counted`: the standard ones, or loom's atomics when
//! the crate is built with `--cfg loom` for its model-checking test (`tests/loom.rs`).

#[cfg(not(loom))]
pub(crate) use alloc::sync::{Arc, Weak};
#[cfg(not(loom))]
pub(crate) use core::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
#[cfg(loom)]
pub(crate) use model::{Arc, Weak};

/// `Arc` and `Weak` for the model: the standard library's algorithm (a strong count,
/// and a weak count that the strong references share one unit of) over loom's
/// atomics, so that the model explores `Weak::upgrade` racing the last drop. loom's
/// own `Arc` has no `Weak`. Only what `Counted` uses is here.
#[cfg(loom)]
mod model {
    use alloc::boxed::Box;
    use core::mem::{offset_of, ManuallyDrop};
    use core::ops::Deref;
    use core::ptr::NonNull;

    use super::{fence, AtomicUsize, Ordering::*};

    #[repr(C)]
    struct Block<T> {
        strong: AtomicUsize,
        weak: AtomicUsize,
        data: ManuallyDrop<T>,
        /// Freed with the block: loom reports it leaked, so a leaked handle is seen
        /// as it would be with loom's own `Arc`.
        _leak_check: loom::sync::Arc<()>,
    }

    pub(crate) struct Arc<T> {
        block: NonNull<Block<T>>,
    }

    pub(crate) struct Weak<T> {
        block: NonNull<Block<T>>,
    }

    // SAFETY: as for the standard `Arc` and `Weak`: the counts are atomic, and `T` is
    // shared between threads and dropped on any of them.
    unsafe impl<T: Send + Sync> Send for Arc<T> {}
    // SAFETY: as above.
    unsafe impl<T: Send + Sync> Sync for Arc<T> {}
    // SAFETY: as above.
    unsafe impl<T: Send + Sync> Send for Weak<T> {}
    // SAFETY: as above.
    unsafe impl<T: Send + Sync> Sync for Weak<T> {}

    fn block<'a, T>(block: NonNull<Block<T>>) -> &'a Block<T> {
        // SAFETY: every `Arc` and `Weak` holds a unit of the weak count, which keeps
        // the block allocated.
        unsafe { block.as_ref() }
    }

    impl<T> Arc<T> {
        pub(crate) fn new(data: T) -> Self {
            let block = Box::new(Block {
                strong: AtomicUsize::new(1),
                weak: AtomicUsize::new(1),
                data: ManuallyDrop::new(data),
                _leak_check: loom::sync::Arc::new(()),
            });
            Arc {
                block: NonNull::from(Box::leak(block)),
            }
        }

        pub(crate) fn into_raw(this: Self) -> *const T {
            let this = ManuallyDrop::new(this);
            // SAFETY: the block is alive; no reference is made, only a place.
            unsafe { core::ptr::addr_of!((*this.block.as_ptr()).data) }.cast::<T>()
        }

        /// # Safety
        ///
        /// `ptr` comes from `into_raw`, whose strong reference moves back here.
        pub(crate) unsafe fn from_raw(ptr: *const T) -> Self {
            // SAFETY: `ptr` is the `data` field of a live block (`repr(C)`).
            let block = unsafe { ptr.cast::<u8>().sub(offset_of!(Block<T>, data)) };
            Arc {
                // SAFETY: derived from a non-null pointer into the block.
                block: unsafe { NonNull::new_unchecked(block.cast::<Block<T>>().cast_mut()) },
            }
        }

        /// # Safety
        ///
        /// As for `from_raw`, and the strong reference stays with the caller.
        pub(crate) unsafe fn increment_strong_count(ptr: *const T) {
            // SAFETY: passed on; neither value gives its reference back.
            let arc = ManuallyDrop::new(unsafe { Self::from_raw(ptr) });
            let _clone = ManuallyDrop::new(Arc::clone(&arc));
        }

        /// # Safety
        ///
        /// As for `from_raw`: the caller's strong reference is given back.
        pub(crate) unsafe fn decrement_strong_count(ptr: *const T) {
            // SAFETY: passed on.
            drop(unsafe { Self::from_raw(ptr) });
        }

        pub(crate) fn strong_count(this: &Self) -> usize {
            block(this.block).strong.load(Relaxed)
        }

        pub(crate) fn try_unwrap(this: Self) -> Result<T, Self> {
            let shared = block(this.block);
            if shared
                .strong
                .compare_exchange(1, 0, Relaxed, Relaxed)
                .is_err()
            {
                return Err(this);
            }
            fence(Acquire);
            let this = ManuallyDrop::new(this);
            // SAFETY: the strong count went from 1 to 0 here: nothing else reads the
            // data, and it is never dropped in place (only the block is freed).
            let data = unsafe { core::ptr::read(&block(this.block).data) };
            drop(Weak { block: this.block });
            Ok(ManuallyDrop::into_inner(data))
        }

        pub(crate) fn downgrade(this: &Self) -> Weak<T> {
            block(this.block).weak.fetch_add(1, Acquire);
            Weak { block: this.block }
        }
    }

    impl<T> Deref for Arc<T> {
        type Target = T;

        fn deref(&self) -> &T {
            &block(self.block).data
        }
    }

    impl<T> Clone for Arc<T> {
        fn clone(&self) -> Self {
            block(self.block).strong.fetch_add(1, Relaxed);
            Arc { block: self.block }
        }
    }

    impl<T> Drop for Arc<T> {
        fn drop(&mut self) {
            if block(self.block).strong.fetch_sub(1, Release) != 1 {
                return;
            }
            fence(Acquire);
            // SAFETY: the last strong reference: nothing reads the data any more, and
            // an upgrade sees the zero and fails.
            unsafe { ManuallyDrop::drop(&mut (*self.block.as_ptr()).data) };
            drop(Weak { block: self.block });
        }
    }

    impl<T> Weak<T> {
        pub(crate) fn upgrade(&self) -> Option<Arc<T>> {
            let strong = &block(self.block).strong;
            let mut now = strong.load(Relaxed);
            loop {
                if now == 0 {
                    return None;
                }
                match strong.compare_exchange_weak(now, now + 1, Acquire, Relaxed) {
                    Ok(_) => return Some(Arc { block: self.block }),
                    Err(actual) => now = actual,
                }
            }
        }
    }

    impl<T> Clone for Weak<T> {
        fn clone(&self) -> Self {
            block(self.block).weak.fetch_add(1, Relaxed);
            Weak { block: self.block }
        }
    }

    impl<T> Drop for Weak<T> {
        fn drop(&mut self) {
            if block(self.block).weak.fetch_sub(1, Release) == 1 {
                fence(Acquire);
                // SAFETY: the last unit of the weak count: the data was dropped (or
                // moved out) when the strong count reached zero; the block goes.
                drop(unsafe { Box::from_raw(self.block.as_ptr()) });
            }
        }
    }
}

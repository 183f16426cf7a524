//! [`Counted`]: a Rust-side count for objects that have none, with a forced close.

use alloc::sync::Arc;
use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::error::null;
use crate::{track, Error, Native, Owned, Result, SendNative, SyncNative};

// ANCHOR: state
/// The state word: two flags and, above them, the number of leases under way.
const CLOSED: usize = 1;
const RELEASED: usize = 2;
const LEASE: usize = 4;
// ANCHOR_END: state

/// A shared handle whose count lives in Rust: for native objects that have no count
/// of their own, but are used from several places.
///
/// Clones share one atomic count (it is an [`Arc`] inside, one pointer wide); the
/// native release runs once, when the last clone is dropped, or earlier:
///
/// - [`close`](Counted::close) forces the release (as .NET's `SafeHandle.Dispose`):
///   every later [`lease`](Counted::lease) through any clone returns
///   [`Error::Disposed`], never a dangling pointer;
/// - the object is only reached through a [`Lease`], and a lease taken before the
///   close keeps the object alive: the release runs when the last lease ends.
///
/// ```
/// # use refcount::doc_support::Widget;
/// use refcount::{Counted, Error};
///
/// // SAFETY: `create` hands over the only reference to a live widget.
/// let a = unsafe { Counted::<Widget>::adopt(Widget::create()) }.unwrap();
/// let b = a.clone();
/// {
///     let lease = b.lease().unwrap(); // a use under way...
///     assert!(a.close()); // ...so the release waits for it
///     assert_eq!(Widget::live(), 1);
///     assert!(!lease.as_ptr().is_null());
/// } // the lease ends: now the widget is released
/// assert_eq!(Widget::live(), 0);
/// assert_eq!(b.lease().unwrap_err(), Error::Disposed { type_id: "WIDGET" });
/// ```
pub struct Counted<T: Native> {
    inner: Arc<Inner<T>>,
}

struct Inner<T: Native> {
    ptr: NonNull<T::Raw>,
    state: AtomicUsize,
    _holds: PhantomData<T>,
}

// ANCHOR: send_sync
// SAFETY: the last clone, or the last lease, may be dropped on any thread and then
// releases the object there (`SendNative`); clones use it concurrently through
// `&T::Raw` (`SyncNative`). The count itself is atomic.
unsafe impl<T: SendNative + SyncNative> Send for Inner<T> {}
// SAFETY: as above.
unsafe impl<T: SendNative + SyncNative> Sync for Inner<T> {}
// ANCHOR_END: send_sync

impl<T: Native> Inner<T> {
    /// Runs the native release unless it already ran: the `RELEASED` flag is set
    /// before the call, so even a panicking release is never run twice.
    fn release_once(&self) {
        let before = self.state.fetch_or(RELEASED, Ordering::AcqRel);
        if before & RELEASED == 0 {
            track::released(T::TYPE_ID);
            // SAFETY: the flag makes this the only release of the one reference the
            // handle owns; callers reach here only when no lease is under way.
            unsafe { T::release(self.ptr) }
        }
    }
}

impl<T: Native> Drop for Inner<T> {
    fn drop(&mut self) {
        // The last clone is gone, and leases borrow a clone: nothing uses the object.
        self.release_once();
    }
}

impl<T: Native> Counted<T> {
    /// Takes over the reference (or the ownership) that the caller holds.
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live `T` whose reference the caller
    /// owns and hands over: nothing else may release it.
    pub unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        let ptr = NonNull::new(ptr).ok_or_else(null::<T>)?;
        track::acquired(T::TYPE_ID);
        let inner = Inner {
            ptr,
            state: AtomicUsize::new(0),
            _holds: PhantomData,
        };
        Ok(Counted {
            inner: Arc::new(inner),
        })
    }

    /// The same as [`adopt`](Counted::adopt): the counterpart of [`into_raw`](Counted::into_raw).
    ///
    /// # Safety
    ///
    /// As for [`adopt`](Counted::adopt).
    pub unsafe fn from_raw(ptr: *mut T::Raw) -> Result<Self> {
        // SAFETY: same contract, passed on to the caller.
        unsafe { Self::adopt(ptr) }
    }

    /// Gives the native pointer back to the caller, who must release it.
    ///
    /// Fails with [`Error::StillShared`] if other clones exist (this clone is dropped,
    /// the others keep the object) and with [`Error::Disposed`] if it was closed.
    pub fn into_raw(self) -> Result<NonNull<T::Raw>> {
        let inner = Arc::try_unwrap(self.inner).map_err(|shared| Error::StillShared {
            type_id: T::TYPE_ID,
            clones: Arc::strong_count(&shared) - 1,
        })?;
        let state = inner.state.fetch_or(RELEASED, Ordering::Acquire);
        let ptr = inner.ptr;
        drop(inner); // released or flagged: its drop does nothing now
        if state & RELEASED != 0 {
            return Err(Error::Disposed {
                type_id: T::TYPE_ID,
            });
        }
        track::released(T::TYPE_ID);
        Ok(ptr)
    }

    /// Starts a use of the object: the returned guard keeps it alive, even through a
    /// concurrent [`close`](Counted::close), until the guard is dropped.
    ///
    /// Returns [`Error::Disposed`] once the handle is closed.
    pub fn lease(&self) -> Result<Lease<'_, T>> {
        let state = &self.inner.state;
        let mut now = state.load(Ordering::Relaxed);
        loop {
            if now & CLOSED != 0 {
                return Err(Error::Disposed {
                    type_id: T::TYPE_ID,
                });
            }
            assert!(
                now < usize::MAX / 2,
                "too many leases on one `{}` handle",
                T::TYPE_ID
            );
            match state.compare_exchange_weak(
                now,
                now + LEASE,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Ok(Lease { inner: &self.inner }),
                Err(actual) => now = actual,
            }
        }
    }

    /// Releases the native object now, for every clone, instead of when the last
    /// clone is dropped; a lease under way finishes first (the release then runs when
    /// it ends, on its thread).
    ///
    /// Returns `true` if this call closed the handle, `false` if it was already
    /// closed: closing twice is harmless.
    pub fn close(&self) -> bool {
        let before = self.inner.state.fetch_or(CLOSED, Ordering::AcqRel);
        if before & CLOSED != 0 {
            return false;
        }
        if before < LEASE {
            self.inner.release_once();
        }
        true
    }

    /// Whether [`close`](Counted::close) was called on any clone.
    pub fn is_closed(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) & CLOSED != 0
    }

    /// How many clones share this handle (including this one).
    pub fn clone_count(&self) -> usize {
        Arc::strong_count(&self.inner)
    }

    /// Whether two handles are clones of each other.
    pub fn ptr_eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T: Native> Clone for Counted<T> {
    fn clone(&self) -> Self {
        Counted {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T: Native> From<Owned<T>> for Counted<T> {
    fn from(owned: Owned<T>) -> Self {
        let ptr = owned.into_raw();
        // SAFETY: `into_raw` handed over the ownership the `Owned` had.
        unsafe { Counted::adopt(ptr.as_ptr()) }.expect("a handle's pointer is never null")
    }
}

impl<T: Native> fmt::Debug for Counted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.is_closed() { "closed" } else { "open" };
        write!(f, "Counted<{}>({:p}, {state})", T::TYPE_ID, self.inner.ptr)
    }
}

/// A use of a [`Counted`] handle under way: while it lives, the object is not released.
///
/// Keep leases short (one native call, or a few): a [`Counted::close`] waits for them.
pub struct Lease<'a, T: Native> {
    inner: &'a Inner<T>,
}

impl<T: Native> Lease<'_, T> {
    /// The native pointer, valid while the lease lives.
    pub fn as_ptr(&self) -> *mut T::Raw {
        self.inner.ptr.as_ptr()
    }

    /// The native pointer as `NonNull`, valid while the lease lives.
    pub fn as_non_null(&self) -> NonNull<T::Raw> {
        self.inner.ptr
    }
}

impl<T: Native> Deref for Lease<'_, T> {
    type Target = T::Raw;

    fn deref(&self) -> &T::Raw {
        // SAFETY: the lease keeps the object unreleased while it is borrowed; the
        // `Native` contract makes `&Raw` sound.
        unsafe { self.inner.ptr.as_ref() }
    }
}

impl<T: Native> Drop for Lease<'_, T> {
    fn drop(&mut self) {
        let before = self.inner.state.fetch_sub(LEASE, Ordering::AcqRel);
        // The last lease of a closed, unreleased handle does the release close deferred.
        if before - LEASE == CLOSED {
            self.inner.release_once();
        }
    }
}

impl<T: Native> fmt::Debug for Lease<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lease<{}>({:p})", T::TYPE_ID, self.inner.ptr)
    }
}

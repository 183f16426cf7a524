//! [`Counted`]: a Rust-side count for objects that have none, with a forced close.

use core::fmt;
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ops::Deref;
use core::ptr::NonNull;

use crate::error::null;
use crate::sync::{fence, Arc, AtomicBool, AtomicUsize, Ordering};
use crate::{track, Error, Native, Owned, Result, SendNative, SyncNative};

// ANCHOR: state
/// The state word: `OPEN` (the sign bit) while the handle is open, plus the number
/// of leases under way. A lease is one `fetch_add` whose result's sign says whether
/// the handle is open; the lease that takes the word to zero (closed, no lease
/// left) runs the release that `close` deferred.
const OPEN: usize = 1 << (usize::BITS - 1);
/// Set, with `OPEN` cleared, by a `close` that found no lease under way: that call
/// runs the release itself, and a lease refused after it (which takes the count from
/// zero and back) never reaches zero, so it cannot take the release from under it.
const CLOSED_IDLE: usize = 1 << (usize::BITS - 2);
// ANCHOR_END: state

/// A shared handle whose count lives in Rust: for native objects that have no count
/// of their own, but are used from several places.
///
/// Clones share one atomic count (it is an [`Arc`](alloc::sync::Arc) inside, one
/// pointer wide); the native release runs once, when the last clone is dropped, or
/// earlier:
///
/// - [`close`](Counted::close) forces the release (as .NET's `SafeHandle.Dispose`):
///   every later [`lease`](Counted::lease) through any clone returns
///   [`Error::Disposed`], never a dangling pointer;
/// - the object is only reached through a [`Lease`] (for a use) or a [`Kept`] (for
///   an object that needs it alive), and either, taken before the close, keeps the
///   object alive: the release runs when the last of them ends.
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
/// assert_eq!(b.lease().unwrap_err(), Error::Disposed { type_id: "demo::widget" });
/// ```
pub struct Counted<T: Native> {
    /// An `Arc<Inner<T>>`, kept as the pointer `Arc::into_raw` gives: a lease then
    /// reaches the state word and the native pointer from the value it loads, with no
    /// address to compute (one instruction fewer on every lease).
    inner: NonNull<Inner<T>>,
    _arc: PhantomData<Arc<Inner<T>>>,
}

// SAFETY: a `Counted` is an `Arc<Inner<T>>`, which is `Send` and `Sync` exactly when
// `Inner<T>` is both, which the impls below allow for thread-safe native types only.
unsafe impl<T: SendNative + SyncNative> Send for Counted<T> {}
// SAFETY: as above.
unsafe impl<T: SendNative + SyncNative> Sync for Counted<T> {}

// ANCHOR: inner
struct Inner<T: Native> {
    ptr: NonNull<T::Raw>,
    state: AtomicUsize,
    /// Set before the native release runs: it runs once, even if it panics.
    released: AtomicBool,
    _holds: PhantomData<T>,
}
// ANCHOR_END: inner

// ANCHOR: send_sync
// SAFETY: the last clone, or the last lease, may be dropped on any thread and then
// releases the object there (`SendNative`); clones use it concurrently through
// `&T::Raw` (`SyncNative`). The count itself is atomic.
unsafe impl<T: SendNative + SyncNative> Send for Inner<T> {}
// SAFETY: as above.
unsafe impl<T: SendNative + SyncNative> Sync for Inner<T> {}
// ANCHOR_END: send_sync

impl<T: Native> Inner<T> {
    // ANCHOR: end_lease
    /// Runs the native release unless it already ran: the flag is set before the
    /// call, so even a panicking release is never run twice.
    fn release_once(&self) {
        if !self.released.swap(true, Ordering::AcqRel) {
            track::released(T::TYPE_ID);
            // SAFETY: the flag makes this the only release of the one reference the
            // handle owns; callers reach here only when no lease is under way.
            unsafe { T::release(self.ptr) }
        }
    }

    /// Ends a lease (a real one, or one given back at once): the lease that takes
    /// the word to zero is the last one of a closed handle, and runs the release
    /// that `close` deferred.
    #[inline]
    fn end_lease(&self) {
        if self.state.fetch_sub(1, Ordering::Release) == 1 {
            // Every use under the other leases happened before their `fetch_sub`.
            fence(Ordering::Acquire);
            self.release_once();
        }
    }
    // ANCHOR_END: end_lease

    /// The slow path of [`Counted::lease`]: the lease just taken must be given back.
    #[cold]
    #[inline(never)]
    fn refuse_lease(&self) -> Error {
        self.end_lease();
        // A closed handle never opens again: `OPEN` back in the word means that the
        // refused lease had wrapped the count from `usize::MAX` to zero.
        assert!(
            self.state.load(Ordering::Relaxed) & OPEN == 0,
            "too many leases at once on one `{}` handle (leases leaked with `mem::forget`?)",
            T::TYPE_ID
        );
        Error::Disposed {
            type_id: T::TYPE_ID,
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
    /// Takes over the reference (or the ownership) that the caller holds, such as
    /// what [`into_raw`](Counted::into_raw) gave back.
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
            state: AtomicUsize::new(OPEN),
            released: AtomicBool::new(false),
            _holds: PhantomData,
        };
        Ok(Counted::from_arc(Arc::new(inner)))
    }

    /// Gives the native pointer back to the caller, who must release it.
    ///
    /// Fails, handing this handle back intact inside the error (as
    /// `Arc::try_unwrap` does), with [`Error::StillShared`] if other clones exist and
    /// with [`Error::Disposed`] if it was closed.
    pub fn into_raw(self) -> core::result::Result<NonNull<T::Raw>, IntoRawError<T>> {
        // Take the only clone first: once it is ours, no other thread can close it
        // (a close checked before could run between the check and the take).
        let inner = match Arc::try_unwrap(self.into_arc()) {
            Ok(inner) => inner,
            Err(shared) => {
                let clones = Arc::strong_count(&shared) - 1;
                return Err(IntoRawError {
                    error: Error::StillShared {
                        type_id: T::TYPE_ID,
                        clones,
                    },
                    handle: Counted::from_arc(shared),
                });
            }
        };
        if inner.state.load(Ordering::Acquire) & OPEN == 0 {
            // Closed, and so released: the handle goes back as it was (its weak
            // handles, tied to the old allocation, no longer upgrade).
            return Err(IntoRawError {
                error: Error::Disposed {
                    type_id: T::TYPE_ID,
                },
                handle: Counted::from_arc(Arc::new(inner)),
            });
        }
        inner.released.store(true, Ordering::Relaxed);
        let ptr = inner.ptr;
        drop(inner); // flagged released: its drop does nothing now
        track::released(T::TYPE_ID);
        Ok(ptr)
    }

    // ANCHOR: lease
    /// Starts a use of the object: the returned guard keeps it alive, even through a
    /// concurrent [`close`](Counted::close), until the guard is dropped.
    ///
    /// Returns [`Error::Disposed`] once the handle is closed.
    #[inline]
    pub fn lease(&self) -> Result<Lease<'_, T>> {
        // Take the lease first and check afterwards: one atomic operation on the
        // common path, whose result is negative while the handle is open. A lease
        // taken on a closed handle is given back at once, and giving it back runs
        // the release if it was the last one `close` waited for. A count that wraps
        // (leases forgotten by the quintillion) reads as closed, too.
        let inner = self.inner();
        let after = inner.state.fetch_add(1, Ordering::Acquire).wrapping_add(1);
        if (after as isize) >= 0 {
            return Err(self.inner().refuse_lease());
        }
        Ok(Lease {
            inner: self.inner(),
        })
    }
    // ANCHOR_END: lease

    /// Keeps the object from being released for as long as the returned value lives,
    /// even through a [`close`](Counted::close): a lease that is not tied to a
    /// borrow, for an object that another one needs alive (a statement and its
    /// database, a client and its connection).
    ///
    /// Returns [`Error::Disposed`] once the handle is closed.
    ///
    /// ```
    /// # use refcount::doc_support::Widget;
    /// use refcount::Counted;
    ///
    /// // SAFETY: `create` hands over the only reference to a live widget.
    /// let widget = unsafe { Counted::<Widget>::adopt(Widget::create()) }.unwrap();
    /// let kept = widget.keep().unwrap(); // what a wrapper that points to it holds
    /// assert!(widget.close()); // no new use from now on...
    /// assert!(widget.lease().is_err());
    /// assert_eq!(Widget::live(), 1); // ...but the keeper's object stays
    /// drop(kept);
    /// assert_eq!(Widget::live(), 0); // the last keeper runs the release
    /// ```
    pub fn keep(&self) -> Result<Kept<T>> {
        // A lease, whose end moves from the borrow's end to the keeper's drop.
        core::mem::forget(self.lease()?);
        Ok(Kept {
            handle: self.clone(),
        })
    }

    /// Releases the native object now, for every clone, instead of when the last
    /// clone is dropped; a use under way (a [`Lease`], or a [`Kept`] that another
    /// object holds) finishes first, and the release then runs when the last of them
    /// ends, on its thread.
    ///
    /// Returns `true` if this call closed the handle, `false` if it was already
    /// closed: closing twice is harmless. When it returns `true` and no lease or
    /// keeper was under way, the release has run, here, before it returns. After
    /// `false`, the release may still be under way, where the handle was closed.
    pub fn close(&self) -> bool {
        let state = &self.inner().state;
        let mut before = state.load(Ordering::Relaxed);
        loop {
            if before & OPEN == 0 {
                return false;
            }
            let closed = if before == OPEN {
                CLOSED_IDLE
            } else {
                before & !OPEN
            };
            match state.compare_exchange_weak(before, closed, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => break,
                Err(now) => before = now,
            }
        }
        if before == OPEN {
            self.inner().release_once(); // no lease under way: the release is ours
        }
        true
    }

    /// Whether [`close`](Counted::close) was called on any clone.
    pub fn is_closed(&self) -> bool {
        self.inner().state.load(Ordering::Acquire) & OPEN == 0
    }

    /// How many clones share this handle (including this one, and one per [`Kept`]).
    pub fn clone_count(&self) -> usize {
        Arc::strong_count(&self.arc())
    }

    /// Whether two handles are clones of each other.
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    /// A weak handle: it does not keep the object from being released, and gives a
    /// `Counted` back with [`upgrade`](WeakCounted::upgrade) while a clone is alive.
    #[must_use = "a weak handle does nothing unless it is upgraded later"]
    pub fn downgrade(&self) -> WeakCounted<T> {
        WeakCounted {
            inner: Arc::downgrade(&self.arc()),
        }
    }
}

impl<T: Native> Counted<T> {
    fn from_arc(arc: Arc<Inner<T>>) -> Self {
        let raw = Arc::into_raw(arc).cast_mut();
        Counted {
            // SAFETY: `Arc::into_raw` never gives null.
            inner: unsafe { NonNull::new_unchecked(raw) },
            _arc: PhantomData,
        }
    }

    /// The `Arc` this handle is, without taking it: its count is not touched.
    fn arc(&self) -> ManuallyDrop<Arc<Inner<T>>> {
        // SAFETY: `inner` came from `Arc::into_raw` and this handle holds its count;
        // `ManuallyDrop` keeps the view from giving that count back.
        ManuallyDrop::new(unsafe { Arc::from_raw(self.inner.as_ptr()) })
    }

    /// The `Arc` this handle is, with the count it holds.
    fn into_arc(self) -> Arc<Inner<T>> {
        let this = ManuallyDrop::new(self);
        // SAFETY: as in `arc`; the handle is forgotten, so the count moves to the `Arc`.
        unsafe { Arc::from_raw(this.inner.as_ptr()) }
    }

    #[inline]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: the handle holds a count of the `Arc`, which keeps `Inner` alive.
        unsafe { self.inner.as_ref() }
    }
}

impl<T: Native> Clone for Counted<T> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: `inner` came from `Arc::into_raw`, and this handle keeps it alive;
        // the count added is the clone's.
        unsafe { Arc::increment_strong_count(self.inner.as_ptr()) };
        Counted {
            inner: self.inner,
            _arc: PhantomData,
        }
    }
}

impl<T: Native> Drop for Counted<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: `inner` came from `Arc::into_raw`, and this handle's count is given
        // back once; the last one drops `Inner`, which releases the object.
        unsafe { Arc::decrement_strong_count(self.inner.as_ptr()) }
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
        write!(
            f,
            "Counted<{}>({:p}, {state})",
            T::TYPE_ID,
            self.inner().ptr
        )
    }
}

// By the shared state, not the native pointer: clones are equal, and a closed handle,
// whose object is gone, never equals a new object that the library put at its address.
crate::identity::by_pointer!(Counted<T: Native>, |handle| handle.inner, shows handle.inner().ptr);

/// A use of a [`Counted`] handle under way: while it lives, the object is not released.
///
/// Keep leases short (one native call, or a few): a [`Counted::close`] waits for them.
#[must_use = "the lease ends as soon as it is dropped"]
pub struct Lease<'a, T: Native> {
    inner: &'a Inner<T>,
}

impl<T: Native> Lease<'_, T> {
    /// The native pointer, valid while the lease lives.
    #[inline]
    pub fn as_ptr(&self) -> *mut T::Raw {
        self.inner.ptr.as_ptr()
    }

    /// The native pointer as `NonNull`, valid while the lease lives.
    #[inline]
    pub fn as_non_null(&self) -> NonNull<T::Raw> {
        self.inner.ptr
    }
}

impl<T: Native> Deref for Lease<'_, T> {
    type Target = T::Raw;

    #[inline]
    fn deref(&self) -> &T::Raw {
        // SAFETY: the lease keeps the object unreleased while it is borrowed; the
        // `Native` contract makes `&Raw` sound.
        unsafe { self.inner.ptr.as_ref() }
    }
}

impl<T: Native> Drop for Lease<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.inner.end_lease();
    }
}

impl<T: Native> fmt::Debug for Lease<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lease<{}>({:p})", T::TYPE_ID, self.inner.ptr)
    }
}

/// A lease that lasts as long as the value (from [`Counted::keep`]): the object is not
/// released while it lives, even if the handle is closed; its drop ends the lease,
/// and runs the release if a close waited for it.
///
/// It holds a clone of the handle, so it is as [`Send`] and [`Sync`] as the handle.
#[must_use = "the object may be released as soon as it is dropped"]
pub struct Kept<T: Native> {
    handle: Counted<T>,
}

impl<T: Native> Kept<T> {
    /// The native pointer, valid while this value lives.
    #[inline]
    pub fn as_ptr(&self) -> *mut T::Raw {
        self.as_non_null().as_ptr()
    }

    /// The native pointer as `NonNull`, valid while this value lives.
    #[inline]
    pub fn as_non_null(&self) -> NonNull<T::Raw> {
        self.handle.inner().ptr
    }
}

impl<T: Native> Deref for Kept<T> {
    type Target = T::Raw;

    #[inline]
    fn deref(&self) -> &T::Raw {
        // SAFETY: the lease this value holds keeps the object unreleased while it
        // lives; the `Native` contract makes `&Raw` sound.
        unsafe { self.as_non_null().as_ref() }
    }
}

impl<T: Native> Drop for Kept<T> {
    fn drop(&mut self) {
        // Before the clone goes: the lease ends on a live `Inner`.
        self.handle.inner().end_lease();
    }
}

impl<T: Native> fmt::Debug for Kept<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kept<{}>({:p})", T::TYPE_ID, self.as_non_null())
    }
}

/// A failed [`Counted::into_raw`]: why, and the handle, returned intact.
pub struct IntoRawError<T: Native> {
    error: Error,
    handle: Counted<T>,
}

impl<T: Native> IntoRawError<T> {
    /// Why the pointer could not be taken out: [`Error::StillShared`] or
    /// [`Error::Disposed`].
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The handle, as it was before the call.
    pub fn into_handle(self) -> Counted<T> {
        self.handle
    }
}

impl<T: Native> fmt::Debug for IntoRawError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntoRawError")
            .field("error", &self.error)
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: Native> fmt::Display for IntoRawError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<T: Native> core::error::Error for IntoRawError<T> {}

impl<T: Native> From<IntoRawError<T>> for Error {
    fn from(err: IntoRawError<T>) -> Self {
        err.error
    }
}

/// A weak [`Counted`] handle (from [`Counted::downgrade`]): it keeps the handle's
/// bookkeeping, not the object.
///
/// [`upgrade`](WeakCounted::upgrade) gives a `Counted` back while any clone is alive;
/// once the last clone is gone (and the object released) it gives `None`. A closed
/// handle still upgrades, and its leases say [`Error::Disposed`].
pub struct WeakCounted<T: Native> {
    inner: crate::sync::Weak<Inner<T>>,
}

impl<T: Native> WeakCounted<T> {
    /// A `Counted` clone, if one is still alive.
    pub fn upgrade(&self) -> Option<Counted<T>> {
        self.inner.upgrade().map(Counted::from_arc)
    }
}

impl<T: Native> Clone for WeakCounted<T> {
    fn clone(&self) -> Self {
        WeakCounted {
            inner: self.inner.clone(),
        }
    }
}

impl<T: Native> fmt::Debug for WeakCounted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeakCounted<{}>", T::TYPE_ID)
    }
}

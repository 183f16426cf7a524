//! [`Shared`]: a handle to an object that counts its own references.

use core::fmt;
use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::error::null;
use crate::{track, NativeCounted, Result, SendNative, SyncNative};

/// A handle to a natively counted object: each clone holds one native reference.
///
/// `clone` calls the native add-reference, `drop` the native release; the object
/// deletes itself when its last reference goes, wherever that reference is held
/// (in Rust or in the native library). One pointer wide.
///
/// ```
/// # use refcount::doc_support::Counter;
/// use refcount::Shared;
///
/// // SAFETY: `create` returns a live counter with one reference, which we adopt.
/// let a = unsafe { Shared::<Counter>::adopt(Counter::create()) }.unwrap();
/// let b = a.clone();
/// assert_eq!(Counter::count(&a), 2);
/// drop(a);
/// assert_eq!(Counter::count(&b), 1);
/// drop(b);
/// assert_eq!(Counter::live(), 0);
/// ```
pub struct Shared<T: NativeCounted> {
    ptr: NonNull<T::Raw>,
    _holds: PhantomData<T>,
}

// ANCHOR: send_sync
// SAFETY: clones on several threads add and release references concurrently, and
// use the object through `&T::Raw`: that needs both declarations, as for `Arc`.
unsafe impl<T: NativeCounted + SendNative + SyncNative> Send for Shared<T> {}
// SAFETY: as above: `&Shared` can be cloned into a `Shared` on another thread.
unsafe impl<T: NativeCounted + SendNative + SyncNative> Sync for Shared<T> {}
// ANCHOR_END: send_sync

impl<T: NativeCounted> Shared<T> {
    /// Takes over a reference that the caller holds, without adding one.
    ///
    /// This is right for what a C `create_*` function returns: the object starts with
    /// one reference, which belongs to the caller; and for what
    /// [`into_raw`](Shared::into_raw) gave up.
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live `T` on which the caller owns one
    /// reference, and hands it over.
    #[inline]
    pub unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        let ptr = NonNull::new(ptr).ok_or_else(null::<T>)?;
        track::acquired(T::TYPE_ID);
        Ok(Shared {
            ptr,
            _holds: PhantomData,
        })
    }

    /// Adds a native reference to a pointer that the library only lends (a getter's
    /// result, an object passed to a callback), and holds that new reference.
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live `T`; unless `T` is [`SyncNative`],
    /// no handle of the object may be on another thread (an [`Owned`](crate::Owned)
    /// of it moved there, say), since the two would change the count at once.
    #[inline]
    pub unsafe fn retain(ptr: *mut T::Raw) -> Result<Self> {
        let ptr = NonNull::new(ptr).ok_or_else(null::<T>)?;
        // SAFETY: the caller promises a live object.
        Ok(unsafe { Self::retain_non_null(ptr) })
    }

    /// # Safety
    ///
    /// `ptr` must point to a live `T`.
    #[inline]
    pub(crate) unsafe fn retain_non_null(ptr: NonNull<T::Raw>) -> Self {
        // SAFETY: the caller promises a live object; the new reference is ours.
        unsafe { T::add_ref(ptr) };
        track::acquired(T::TYPE_ID);
        Shared {
            ptr,
            _holds: PhantomData,
        }
    }

    /// Gives up this handle's reference without releasing it: the caller now owns it.
    #[must_use = "the reference leaks unless it is released or wrapped again"]
    pub fn into_raw(self) -> NonNull<T::Raw> {
        let ptr = self.ptr;
        core::mem::forget(self);
        track::released(T::TYPE_ID);
        ptr
    }

    /// The native pointer, for passing to native functions. The reference stays here.
    #[inline]
    pub fn as_ptr(&self) -> *mut T::Raw {
        self.ptr.as_ptr()
    }

    /// The native pointer as `NonNull`. The reference stays here.
    #[inline]
    pub fn as_non_null(&self) -> NonNull<T::Raw> {
        self.ptr
    }

    /// A shared reference to the native object, for bridges that take `&T::Raw`.
    #[inline]
    pub fn get(&self) -> &T::Raw {
        // SAFETY: this handle holds a reference, so the object lives at least as long
        // as the borrow of `self`; the `Native` contract makes `&Raw` sound.
        unsafe { self.ptr.as_ref() }
    }

    /// Whether two handles hold the same native object.
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}

impl<T: NativeCounted> Clone for Shared<T> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: `self` keeps the object alive; the added reference is the clone's.
        unsafe { T::add_ref(self.ptr) };
        track::acquired(T::TYPE_ID);
        Shared {
            ptr: self.ptr,
            _holds: PhantomData,
        }
    }
}

impl<T: NativeCounted> Drop for Shared<T> {
    #[inline]
    fn drop(&mut self) {
        track::released(T::TYPE_ID);
        // SAFETY: each handle owns exactly one reference and `drop` runs once.
        unsafe { T::release(self.ptr) }
    }
}

impl<T: NativeCounted> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared<{}>({:p})", T::TYPE_ID, self.ptr)
    }
}

crate::identity::by_pointer!(Shared<T: NativeCounted>, |handle| handle.ptr);

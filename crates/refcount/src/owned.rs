//! [`Owned`]: the only owner of a native object.

use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::error::null;
use crate::{track, Native, NativeCounted, OpaqueRaw, Result, SendNative, Shared, SyncNative};

/// The only owner of a native object: dropping it releases the object, once.
///
/// One pointer wide, and so is `Option<Owned<T>>` (the pointer is never null).
/// Use it for objects that have exactly one owner on the Rust side, such as what a
/// C `create_*` function returns when nobody else keeps it.
///
/// ```
/// # use refcount::doc_support::Widget;
/// use refcount::Owned;
///
/// let raw = Widget::create(); // a native `create_*` call
/// // SAFETY: `create` hands over the only reference to a live widget.
/// let widget = unsafe { Owned::<Widget>::adopt(raw) }.expect("not null");
/// assert_eq!(Widget::live(), 1);
/// drop(widget); // calls the native release, exactly once
/// assert_eq!(Widget::live(), 0);
/// ```
pub struct Owned<T: Native> {
    ptr: NonNull<T::Raw>,
    _owns: PhantomData<T>,
}

// SAFETY: an `Owned` is the only way to reach its object, so moving it moves all
// access; `SendNative` declares that the object may be used and released elsewhere.
// Of a natively counted object, a borrow could make another handle that stays
// behind (`to_shared`), and then two threads would change the count: `to_shared`
// needs `SyncNative` for that reason.
unsafe impl<T: SendNative> Send for Owned<T> {}
// SAFETY: `&Owned` gives `&T::Raw`, which `SyncNative` declares safe to use from
// several threads; and a borrow of it, from which a natively counted object may be
// shared (`to_shared`) and so released on the other thread: `SendNative` allows it.
unsafe impl<T: SendNative + SyncNative> Sync for Owned<T> {}

impl<T: Native> Owned<T> {
    /// Takes over the reference that the caller holds (what a C `create_*` returns,
    /// or what [`into_raw`](Owned::into_raw) gave up).
    ///
    /// Returns [`Error::Null`](crate::Error::Null) for a null pointer: there is no object to own.
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live `T` whose reference the caller
    /// owns and hands over: nothing else may release it.
    #[inline]
    pub unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        let ptr = NonNull::new(ptr).ok_or_else(null::<T>)?;
        track::acquired(T::TYPE_ID);
        Ok(Owned {
            ptr,
            _owns: PhantomData,
        })
    }

    /// Gives up ownership without releasing: the caller must release the pointer
    /// (for instance by handing it to [`adopt`](Owned::adopt) again).
    #[must_use = "the pointer leaks unless it is released or wrapped again"]
    pub fn into_raw(self) -> NonNull<T::Raw> {
        let ptr = self.ptr;
        core::mem::forget(self);
        track::released(T::TYPE_ID);
        ptr
    }

    /// The native pointer, for passing to native functions. It stays owned by the handle.
    #[inline]
    pub fn as_ptr(&self) -> *mut T::Raw {
        self.ptr.as_ptr()
    }

    /// The native pointer as `NonNull`. It stays owned by the handle.
    #[inline]
    pub fn as_non_null(&self) -> NonNull<T::Raw> {
        self.ptr
    }

    /// A shared reference to the native object, for bridges that take `&T::Raw`.
    #[inline]
    pub fn get(&self) -> &T::Raw {
        // SAFETY: the `Native` contract keeps the object valid and `&Raw` sound until
        // release, which only `drop` does, after every borrow of `self` has ended.
        unsafe { self.ptr.as_ref() }
    }

    /// A pinned mutable reference, for bridges (such as cxx) whose non-const methods
    /// take `Pin<&mut T::Raw>`.
    ///
    /// Only for [`OpaqueRaw`] types ([`Opaque`](crate::Opaque), cxx's opaque C++
    /// types): they are `!Unpin` and cannot be built in safe code, so the pinned
    /// reference never becomes a `&mut` that safe code could move or swap through.
    /// A `c_void` one would (`c_void` is `Unpin`), and is refused:
    ///
    /// ```compile_fail,E0277
    /// use core::ffi::c_void;
    /// use core::ptr::NonNull;
    ///
    /// enum Bytes {}
    /// // SAFETY: never given an object.
    /// unsafe impl refcount::Native for Bytes {
    ///     type Raw = c_void;
    ///     const TYPE_ID: &'static str = "doc::bytes";
    ///     unsafe fn release(_: NonNull<c_void>) {}
    /// }
    ///
    /// fn swap(a: &mut refcount::Owned<Bytes>, b: &mut refcount::Owned<Bytes>) {
    ///     // error[E0277]: `c_void` is not `OpaqueRaw`
    ///     // SAFETY: (irrelevant: this does not compile)
    ///     unsafe { std::mem::swap(&mut *a.pin_mut(), &mut *b.pin_mut()) };
    /// }
    /// ```
    ///
    /// # Safety
    ///
    /// Nothing else may use the object while the pinned reference lives: `&mut self`
    /// excludes this handle's own borrows, but not a library that holds the object
    /// too, nor (for a natively counted `T`) a [`Shared`] made from it with
    /// `borrow().to_shared()`. A mutable access is exclusive only where the native
    /// library says so.
    pub unsafe fn pin_mut(&mut self) -> Pin<&mut T::Raw>
    where
        T::Raw: OpaqueRaw,
    {
        // SAFETY: as in `get`; the caller promises exclusive use while the reference
        // lives; `OpaqueRaw` types are `!Unpin`, so safe code cannot unpin it, and
        // native objects are never moved by Rust, so pinning them is honest.
        unsafe { Pin::new_unchecked(self.ptr.as_mut()) }
    }
}

impl<T: NativeCounted> Owned<T> {
    /// Turns the only reference into a shared one, without touching the native count.
    pub fn into_shared(self) -> Shared<T> {
        let ptr = self.into_raw();
        // SAFETY: `into_raw` handed over the one reference this handle owned.
        unsafe { Shared::adopt(ptr.as_ptr()) }.expect("a handle's pointer is never null")
    }
}

impl<T: Native> Drop for Owned<T> {
    #[inline]
    fn drop(&mut self) {
        track::released(T::TYPE_ID);
        // SAFETY: the handle owns one reference and `drop` runs once; a panic inside
        // `release` unwinds out of `drop`, which is never run again.
        unsafe { T::release(self.ptr) }
    }
}

impl<T: Native> fmt::Debug for Owned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Owned<{}>({:p})", T::TYPE_ID, self.ptr)
    }
}

crate::identity::by_pointer!(Owned<T: Native>, |handle| handle.ptr);

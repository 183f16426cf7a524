//! [`Borrowed`]: a native object the library only lends, and [`Holds`]: every handle
//! that can lend one, so that a wrapper's methods are written once.

use core::fmt;
use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::error::null;
use crate::{Kept, Lease, Native, NativeCounted, Owned, Result, SendNative, Shared, SyncNative};

/// A native object that the library lends: no reference is taken, none is released,
/// and the borrow checker keeps it from outliving what it was borrowed from.
///
/// Use it for pointers whose owner is someone else: a callback's argument, a getter's
/// result (an owner's dog), or a handle of yours lent to a function ([`Holds::borrow`]).
/// A natively counted object can be kept beyond the borrow with
/// [`to_shared`](Borrowed::to_shared), which adds a reference.
///
/// ```
/// # use refcount::doc_support::Counter;
/// use refcount::{Borrowed, Holds, Shared};
///
/// // SAFETY: a new counter, whose one reference we adopt.
/// let counter = unsafe { Shared::<Counter>::adopt(Counter::create()) }.unwrap();
/// let lent: Borrowed<'_, Counter> = counter.borrow(); // what a callback would receive
/// let kept: Shared<Counter> = lent.to_shared(); // adds a native reference
/// assert_eq!(Counter::count(&kept), 2);
/// ```
pub struct Borrowed<'a, T: Native> {
    ptr: NonNull<T::Raw>,
    _lent: PhantomData<&'a T::Raw>,
    _type: PhantomData<T>,
}

// SAFETY: a `Borrowed` is a shared reference to the object: sending or sharing it
// lets other threads use the object through `&T::Raw`, which `SyncNative` allows,
// and make a `Shared` of it there (`to_shared`), released there: `SendNative`.
unsafe impl<T: SendNative + SyncNative> Send for Borrowed<'_, T> {}
// SAFETY: as above.
unsafe impl<T: SendNative + SyncNative> Sync for Borrowed<'_, T> {}

impl<'a, T: Native> Borrowed<'a, T> {
    /// Borrows the object behind `ptr` for the lifetime `'a`, which the caller chooses.
    ///
    /// Returns [`Error::Null`](crate::Error::Null) for a null pointer.
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live `T` that nothing releases while `'a`
    /// lasts (as for a reference `&'a T::Raw`).
    pub unsafe fn from_ptr(ptr: *mut T::Raw) -> Result<Self> {
        let ptr = NonNull::new(ptr).ok_or_else(null::<T>)?;
        // SAFETY: the caller promises the object lives for `'a`.
        Ok(unsafe { Self::new_unchecked(ptr) })
    }

    /// # Safety
    ///
    /// As for [`from_ptr`](Borrowed::from_ptr), with a pointer known not to be null.
    pub(crate) unsafe fn new_unchecked(ptr: NonNull<T::Raw>) -> Self {
        Borrowed {
            ptr,
            _lent: PhantomData,
            _type: PhantomData,
        }
    }

    /// The native pointer, valid for `'a`.
    pub fn as_ptr(self) -> *mut T::Raw {
        self.ptr.as_ptr()
    }

    /// The native pointer as `NonNull`, valid for `'a`.
    pub fn as_non_null(self) -> NonNull<T::Raw> {
        self.ptr
    }

    /// A shared reference to the object, for the whole borrow.
    pub fn get(self) -> &'a T::Raw {
        // SAFETY: `from_ptr`'s contract keeps the object alive for `'a`; the `Native`
        // contract makes `&Raw` sound.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: NativeCounted + SyncNative> Borrowed<'_, T> {
    /// Keeps the object beyond the borrow: adds a native reference, held by the
    /// returned handle.
    ///
    /// Only for a count that is safe to change from several threads at once
    /// ([`SyncNative`]): the handle lent from may be an [`Owned`], which moves to
    /// another thread with [`SendNative`] alone, and would then add and release
    /// references there while the new handle does here. For a count that is not, hold
    /// the object through [`Shared`] handles, whose clones stay on one thread:
    ///
    /// ```compile_fail,E0599
    /// # use core::ptr::NonNull;
    /// # use refcount::{Holds, Native, NativeCounted, Opaque, Owned, SendNative};
    /// /// An object whose count is a plain integer: it may move, but is not shared.
    /// enum Plain {}
    /// # // SAFETY: never given an object.
    /// # unsafe impl Native for Plain {
    /// #     type Raw = Opaque;
    /// #     const TYPE_ID: &'static str = "doc::plain";
    /// #     unsafe fn release(_: NonNull<Opaque>) {}
    /// # }
    /// # // SAFETY: never given an object.
    /// # unsafe impl NativeCounted for Plain { unsafe fn add_ref(_: NonNull<Opaque>) {} }
    /// # // SAFETY: never given an object.
    /// unsafe impl SendNative for Plain {}
    ///
    /// fn race(owned: Owned<Plain>) {
    ///     // error[E0599]: `to_shared` needs `Plain: SyncNative`
    ///     let shared = owned.borrow().to_shared();
    ///     std::thread::spawn(move || drop(owned.borrow().to_shared()));
    ///     drop(shared.clone()); // would race the other thread's count
    /// }
    /// ```
    #[must_use = "the added reference is released at once if the handle is dropped"]
    pub fn to_shared(self) -> Shared<T> {
        // SAFETY: the object is alive for the borrow, and the new reference is the handle's.
        unsafe { Shared::retain_non_null(self.ptr) }
    }
}

impl<T: Native> Clone for Borrowed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Native> Copy for Borrowed<'_, T> {}

impl<T: Native> fmt::Debug for Borrowed<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Borrowed<{}>({:p})", T::TYPE_ID, self.ptr)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Every handle that holds a `T` alive while it is borrowed: [`Owned`], [`Shared`],
/// [`Borrowed`], and a [`Counted`](crate::Counted)'s [`Lease`] and [`Kept`].
///
/// A wrapper type generic over it gets its methods written once, for objects it owns
/// and objects it was lent:
///
/// ```
/// # use refcount::doc_support::Counter;
/// use refcount::{Borrowed, Holds, Shared};
///
/// /// A counter, owned (`Tally`) or lent (`TallyRef`).
/// pub struct Tally<H: Holds<Counter> = Shared<Counter>>(H);
/// pub type TallyRef<'a> = Tally<Borrowed<'a, Counter>>;
///
/// impl<H: Holds<Counter>> Tally<H> {
///     pub fn count(&self) -> usize {
///         Counter::count(&self.0)
///     }
/// }
///
/// // SAFETY: a new counter, whose one reference we adopt.
/// let owned = Tally(unsafe { Shared::<Counter>::adopt(Counter::create()) }.unwrap());
/// let lent: TallyRef<'_> = Tally(owned.0.borrow());
/// assert_eq!((owned.count(), lent.count()), (1, 1));
/// ```
pub trait Holds<T: Native>: sealed::Sealed {
    /// The native pointer, valid while `self` is borrowed.
    fn as_non_null(&self) -> NonNull<T::Raw>;

    /// The native pointer, valid while `self` is borrowed: for native functions.
    fn as_ptr(&self) -> *mut T::Raw {
        self.as_non_null().as_ptr()
    }

    /// A shared reference to the object, for bridges that take `&T::Raw`.
    fn get(&self) -> &T::Raw {
        // SAFETY: every implementation keeps the object alive while it is borrowed,
        // and the `Native` contract makes `&Raw` sound.
        unsafe { self.as_non_null().as_ref() }
    }

    /// Lends the object, for as long as `self` is borrowed.
    fn borrow(&self) -> Borrowed<'_, T> {
        // SAFETY: as for `get`.
        unsafe { Borrowed::new_unchecked(self.as_non_null()) }
    }
}

impl<T: Native> sealed::Sealed for Owned<T> {}
impl<T: Native> Holds<T> for Owned<T> {
    #[inline]
    fn as_non_null(&self) -> NonNull<T::Raw> {
        Owned::as_non_null(self)
    }
}

impl<T: NativeCounted> sealed::Sealed for Shared<T> {}
impl<T: NativeCounted> Holds<T> for Shared<T> {
    #[inline]
    fn as_non_null(&self) -> NonNull<T::Raw> {
        Shared::as_non_null(self)
    }
}

impl<T: Native> sealed::Sealed for Borrowed<'_, T> {}
impl<T: Native> Holds<T> for Borrowed<'_, T> {
    #[inline]
    fn as_non_null(&self) -> NonNull<T::Raw> {
        self.ptr
    }
}

impl<T: Native> sealed::Sealed for Lease<'_, T> {}
impl<T: Native> Holds<T> for Lease<'_, T> {
    #[inline]
    fn as_non_null(&self) -> NonNull<T::Raw> {
        Lease::as_non_null(self)
    }
}

impl<T: Native> sealed::Sealed for Kept<T> {}
impl<T: Native> Holds<T> for Kept<T> {
    #[inline]
    fn as_non_null(&self) -> NonNull<T::Raw> {
        Kept::as_non_null(self)
    }
}

crate::identity::by_pointer!(Borrowed<'a, T: Native>, |handle| handle.ptr);

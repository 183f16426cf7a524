//! [`Opaque`]: the Rust type of native memory that Rust must never read, write or move.

use core::cell::UnsafeCell;
use core::fmt;
use core::marker::{PhantomData, PhantomPinned};

/// Stands for a native object that Rust only points to: the `Raw` type of
/// [`Native`](crate::Native) types of C APIs that speak `void*`.
///
/// # Why not `c_void`
///
/// A handle hands out `&T::Raw` (and, for [`Owned`](crate::Owned), `Pin<&mut T::Raw>`).
/// With `Raw = c_void` those references claim one byte that Rust may assume does not
/// change while they live, and that safe code may move out of (`c_void` is `Unpin`,
/// so `Pin` protects nothing): `std::mem::swap(&mut *a.pin_mut(), &mut *b.pin_mut())`
/// compiles and is undefined behaviour. `Opaque` makes both impossible:
///
/// - zero-sized: a reference to it claims no memory, so native code may change the
///   object (its reference count, its state) while Rust holds `&Opaque`;
/// - interior-mutable (`UnsafeCell`): nothing behind it is assumed frozen;
/// - `!Unpin`: `Pin<&mut Opaque>` never gives safe code a `&mut Opaque` to move from;
/// - not constructible outside this crate, and neither `Send` nor `Sync` by itself:
///   thread safety is declared per type with [`SendNative`](crate::SendNative) and
///   [`SyncNative`](crate::SyncNative).
///
/// The same properties that cxx gives its opaque C++ types.
///
/// ```compile_fail
/// # use refcount::doc_support::Widget;
/// // SAFETY: fresh widgets whose only reference we hand over, used by nothing else.
/// let mut a = unsafe { refcount::Owned::<Widget>::adopt(Widget::create()) }.unwrap();
/// let mut b = unsafe { refcount::Owned::<Widget>::adopt(Widget::create()) }.unwrap();
/// let (a, b) = unsafe { (a.pin_mut(), b.pin_mut()) };
/// std::mem::swap(&mut *a, &mut *b); // error: `Opaque` is not `Unpin`
/// ```
#[repr(C)]
pub struct Opaque {
    _memory: [u8; 0],
    _mutable: UnsafeCell<()>,
    _pinned: PhantomPinned,
    _local: PhantomData<*mut u8>,
}

impl fmt::Debug for Opaque {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Opaque({:p})", self)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// `Raw` types that stand for native memory Rust never reads, writes or moves:
/// [`Opaque`] and, with the `cxx` feature, every opaque C++ type of a cxx bridge.
///
/// [`Owned::pin_mut`](crate::Owned::pin_mut) needs it: a `Pin<&mut Raw>` is only
/// harmless when `Raw` is `!Unpin` and cannot be built in safe code. The trait is
/// sealed: no other type can claim it.
pub trait OpaqueRaw: sealed::Sealed {}

impl sealed::Sealed for Opaque {}
impl OpaqueRaw for Opaque {}

// cxx asserts at compile time that each opaque C++ type a bridge declares is `!Unpin`,
// and safe code cannot construct one: the same two properties as `Opaque`. A hand-
// written `unsafe impl ExternType` with `Kind = Opaque` promises cxx the same.
#[cfg(feature = "cxx")]
impl<T: cxx::ExternType<Kind = cxx::kind::Opaque>> sealed::Sealed for T {}
#[cfg(feature = "cxx")]
impl<T: cxx::ExternType<Kind = cxx::kind::Opaque>> OpaqueRaw for T {}

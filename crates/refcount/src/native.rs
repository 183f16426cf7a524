//! The traits that describe a native type once, so that the handles can do the counting.

use core::ptr::NonNull;

/// A native type held through a pointer, and how to let go of it.
///
/// Implement it once per native type, on the type the C++ bridge generates (for
/// example cxx's opaque `ffi::Dog`) or on an uninhabited marker type when the C API
/// only has `void*` (then `Raw` is [`Opaque`](crate::Opaque), never `c_void`: see why
/// there). The [`native_type!`](crate::native_type) macro writes the impls from one
/// description.
///
/// # Safety
///
/// Implementing this trait promises, for every pointer that reaches a handle through
/// one of its constructors:
/// - the pointer stays valid, and a shared reference `&Self::Raw` to it is sound, from
///   the moment the handle takes it until [`release`](Native::release) runs for it;
/// - [`release`](Native::release) lets go of exactly the one reference (or the unique
///   ownership) that the handle holds, and is safe to call from any thread on which
///   the handle may be dropped (see [`SendNative`]).
///
/// # Examples
///
/// ```
/// use core::ptr::NonNull;
/// use refcount::{Native, Opaque};
///
/// # mod ffi { pub unsafe fn release(p: *mut core::ffi::c_void) { drop(unsafe { Box::from_raw(p.cast::<u8>()) }) } }
/// /// The dogs of a C API that speaks `void*`.
/// pub enum DogPtr {}
///
/// // SAFETY: `ffi::release` frees a pointer created by the C API exactly once.
/// unsafe impl Native for DogPtr {
///     type Raw = Opaque;
///     const TYPE_ID: &'static str = "testnative::dog";
///     unsafe fn release(ptr: NonNull<Opaque>) {
///         // SAFETY: the handle passes the pointer it owns, once.
///         unsafe { ffi::release(ptr.as_ptr().cast()) }
///     }
/// }
/// ```
// ANCHOR: native
pub unsafe trait Native: 'static {
    /// The type the native pointer points to: an opaque C++ class, or
    /// [`Opaque`](crate::Opaque) for `void*`.
    type Raw;

    /// A readable name of the type, used in error messages, type tags and leak reports.
    /// Qualify it (`"testnative::dog"`), so that no other crate's type claims it:
    /// a [`Factory`](crate::any::Factory) refuses two Rust types with one type id.
    const TYPE_ID: &'static str;

    /// Lets go of one reference (or of the unique ownership) held through `ptr`.
    ///
    /// The handles call it exactly once per reference they hold. If it panics, the
    /// reference is considered gone: it is never released a second time.
    ///
    /// # Safety
    ///
    /// `ptr` must come from a handle of this type that owns one reference to it.
    unsafe fn release(ptr: NonNull<Self::Raw>);
}
// ANCHOR_END: native

/// A native type that keeps its own (intrusive) reference count, such as a C++ class
/// derived from a `reference_counter` base.
///
/// # Safety
///
/// [`add_ref`](NativeCounted::add_ref) must add one reference that a later
/// [`Native::release`] takes away again, and must be safe to call concurrently with
/// other `add_ref` and `release` calls on the same object when the type is also
/// [`SyncNative`].
// ANCHOR: native_counted
pub unsafe trait NativeCounted: Native {
    /// Adds one native reference to the object behind `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` must point to a live object of this type.
    unsafe fn add_ref(ptr: NonNull<Self::Raw>);
}
// ANCHOR_END: native_counted

// ANCHOR: threads
/// Declares that a native object may be used and released from a thread other than
/// the one that created it. Handles of the type become [`Send`].
///
/// # Safety
///
/// The native library must allow it: no thread-local state, no thread affinity
/// (as GUI objects and some interpreters have).
pub unsafe trait SendNative: Native {}

/// Declares that several threads may use one native object at the same time through
/// shared references, and add and release references concurrently. Handles of the
/// type become [`Sync`], and counted handles [`Send`] when the type is also
/// [`SendNative`]; a natively counted object lent as a
/// [`Borrowed`](crate::Borrowed) can then be kept with
/// [`to_shared`](crate::Borrowed::to_shared).
///
/// # Safety
///
/// Every operation reachable through `&Self::Raw`, and the native reference count,
/// must be thread-safe (atomic or locked) in the native library.
pub unsafe trait SyncNative: Native {}
// ANCHOR_END: threads

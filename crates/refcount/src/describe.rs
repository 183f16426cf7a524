//! [`native_type!`](crate::native_type): a native type described in one place.

/// Describes a native type for the handles in one invocation: how to release it,
/// optionally how to add a reference, and optionally that it is thread-safe. It
/// expands to the [`Native`](crate::Native), [`NativeCounted`](crate::NativeCounted),
/// [`SendNative`](crate::SendNative) and [`SyncNative`](crate::SyncNative) impls, so a
/// wrapped class costs one call.
///
/// # The promise
///
/// The invocation says `unsafe`: writing it promises, for the objects that reach
/// handles of the type,
/// - `release` gives up exactly one reference (or the unique ownership), given the
///   pointer a handle holds; it may be called from any thread the handle reaches;
/// - `add_ref`, when given, adds one reference that a later `release` gives up;
/// - each pointer stays valid, and `&Raw` to it sound, until its last release;
/// - `Send`: the object may be used and released on another thread than the one
///   that made it (no thread affinity, no thread-local state);
/// - `Sync`: every operation reachable through `&Raw`, and the reference count, is
///   thread-safe (atomic or locked) in the native library.
///
/// Claim `Send` and `Sync` only after checking the native library: without them the
/// handles stay on their thread, which is always sound. Put a `// SAFETY:` comment
/// above the invocation that says why the promise holds.
///
/// # Forms
///
/// - `unsafe impl PATH { ... }` describes a type that exists, such as cxx's opaque
///   `ffi::Dog`; its `Raw` is the type itself.
/// - `VIS unsafe type NAME { ... }` declares an uninhabited marker type for a C API
///   that speaks `void*`; its `Raw` is [`Opaque`](crate::Opaque) unless `raw: TYPE`
///   says otherwise.
///
/// The fields, in this order: `raw` (second form only, optional), `type_id` (a
/// qualified name, such as `"testnative::dog"`, unique across the program), `release`
/// and `add_ref` (optional): each a function or closure called with `*mut Raw`,
/// inside an `unsafe` block. `: Send`, `: Sync` or `: Send + Sync` after the name
/// declares thread safety.
///
/// # Examples
///
/// A C++ class of a cxx bridge, counting its own references:
///
/// ```
/// # mod ffi {
/// #     pub struct Dog { _opaque: refcount::Opaque }
/// #     pub unsafe fn dog_release(_: *mut Dog) {}
/// #     pub unsafe fn dog_add_ref(_: *mut Dog) {}
/// # }
/// // SAFETY: `dog_release` gives up one reference and `dog_add_ref` adds one; both
/// // are atomic, and every method of a dog is thread-safe.
/// refcount::native_type! {
///     unsafe impl ffi::Dog: Send + Sync {
///         type_id: "testnative::dog",
///         release: ffi::dog_release,
///         add_ref: ffi::dog_add_ref,
///     }
/// }
///
/// fn shared<T: refcount::NativeCounted + refcount::SyncNative>() {}
/// shared::<ffi::Dog>();
/// ```
///
/// A `void*` of a C API, uniquely owned, staying on its thread:
///
/// ```
/// # mod c { pub unsafe fn widget_free(p: *mut core::ffi::c_void) { drop(unsafe { Box::from_raw(p.cast::<u8>()) }) } }
/// // SAFETY: `widget_free` frees a widget, once.
/// refcount::native_type! {
///     /// The C API's widgets.
///     pub unsafe type Widget {
///         type_id: "acme::widget",
///         release: |ptr: *mut refcount::Opaque| c::widget_free(ptr.cast()),
///     }
/// }
///
/// let raw = Box::into_raw(Box::new(7u8)).cast::<refcount::Opaque>();
/// // SAFETY: a new widget, whose only reference we hand over.
/// let widget = unsafe { refcount::Owned::<Widget>::adopt(raw) }.unwrap();
/// drop(widget); // calls `widget_free`
/// ```
///
/// Only `Send` and `Sync` may be declared:
///
/// ```compile_fail
/// # mod ffi { pub struct Dog { _o: refcount::Opaque } pub unsafe fn free(_: *mut Dog) {} }
/// refcount::native_type! {
///     unsafe impl ffi::Dog: Send + Copy { type_id: "x::dog", release: ffi::free }
/// }
/// ```
#[macro_export]
macro_rules! native_type {
    (
        $(#[$attr:meta])*
        $vis:vis unsafe type $name:ident $(: $bound:ident $(+ $more:ident)*)? {
            $(raw: $raw:ty,)?
            type_id: $type_id:expr,
            release: $release:expr
            $(, add_ref: $add_ref:expr)?
            $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis enum $name {}
        $crate::native_type! {
            @describe $name, $crate::native_type!(@raw $($raw)?), $type_id, $release
            $(, $add_ref)?; $($bound $($more)*)?
        }
    };
    (
        unsafe impl $ty:ty $(: $bound:ident $(+ $more:ident)*)? {
            type_id: $type_id:expr,
            release: $release:expr
            $(, add_ref: $add_ref:expr)?
            $(,)?
        }
    ) => {
        $crate::native_type! {
            @describe $ty, $ty, $type_id, $release $(, $add_ref)?; $($bound $($more)*)?
        }
    };

    (@raw) => { $crate::Opaque };
    (@raw $raw:ty) => { $raw };

    (@describe $ty:ty, $raw:ty, $type_id:expr, $release:expr $(, $add_ref:expr)?; $($bound:ident)*) => {
        const _: () = ::core::assert!(!$type_id.is_empty(), "a native type's type_id is empty");

        // The invocation's `unsafe` is the promise: see `refcount::native_type!`.
        unsafe impl $crate::Native for $ty {
            type Raw = $raw;
            const TYPE_ID: &'static str = $type_id;
            #[inline]
            #[allow(unused_unsafe, clippy::redundant_closure_call)]
            unsafe fn release(ptr: ::core::ptr::NonNull<$raw>) {
                // The invocation promised that `release` gives up the handle's reference.
                unsafe { ($release)(ptr.as_ptr()) }
            }
        }
        $(
            unsafe impl $crate::NativeCounted for $ty {
                #[inline]
                #[allow(unused_unsafe, clippy::redundant_closure_call)]
                unsafe fn add_ref(ptr: ::core::ptr::NonNull<$raw>) {
                    // The invocation promised that `add_ref` adds one reference.
                    unsafe { ($add_ref)(ptr.as_ptr()) }
                }
            }
        )?
        $($crate::native_type!(@bound $ty, $bound);)*
    };

    (@bound $ty:ty, Send) => { unsafe impl $crate::SendNative for $ty {} };
    (@bound $ty:ty, Sync) => { unsafe impl $crate::SyncNative for $ty {} };
    (@bound $ty:ty, $other:ident) => {
        ::core::compile_error!(::core::concat!(
            "a native type declares only `Send` and `Sync`, not `",
            ::core::stringify!($other),
            "`"
        ));
    };
}

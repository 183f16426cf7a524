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
///   `ffi::Dog`; its `Raw` is the type itself, or `RAW` with `unsafe impl PATH as RAW`.
/// - `VIS unsafe type NAME { ... }` declares an uninhabited marker type for a C API
///   that speaks `void*`; its `Raw` is [`Opaque`](crate::Opaque) unless `raw: TYPE`
///   says otherwise.
///
/// The fields, in this order: `raw` (second form only, optional), `type_id` (a
/// qualified name, such as `"testnative::dog"`, unique across the program), `release`
/// and `add_ref` (optional): each an expression that can be called with `*mut Raw`
/// (a function, `unsafe` or not, of any ABI; a closure). The macro calls it with the
/// handle's pointer, which is what its `unsafe` promises; a closure's own body is not
/// inside that promise, so a closure that does something unsafe says so in an
/// `unsafe` block of its own. `: Send`, `: Sync` or
/// `: Send + Sync` after the name declares thread safety.
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
/// use refcount::Opaque;
///
/// // SAFETY: `widget_free` frees a widget, once.
/// refcount::native_type! {
///     /// The C API's widgets.
///     pub unsafe type Widget {
///         type_id: "acme::widget",
///         // SAFETY: the handle's pointer is a widget, released once.
///         release: |ptr: *mut Opaque| unsafe { c::widget_free(ptr.cast()) },
///     }
/// }
///
/// let raw = Box::into_raw(Box::new(7u8)).cast::<Opaque>();
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
///
/// # Only unsafe code may promise
///
/// Every impl the macro writes comes from an invocation that says `unsafe`, and a
/// crate that forbids unsafe code (`#![forbid(unsafe_code)]`) cannot invoke it at all:
/// its promises are unsafe code, even if written through a macro.
///
/// ```compile_fail,E0453
/// #![forbid(unsafe_code)]
/// # mod ffi { pub struct Dog { _o: refcount::Opaque } pub fn free(_: *mut Dog) {} }
/// // error[E0453]: the description is unsafe code, which the crate forbids
/// refcount::native_type! {
///     unsafe impl ffi::Dog: Send + Sync { type_id: "x::dog", release: ffi::free }
/// }
/// ```
///
/// Without `unsafe`, nothing matches, and no helper of the macro writes an impl:
///
/// ```compile_fail
/// # mod ffi { pub struct Dog { _o: refcount::Opaque } pub fn free(_: *mut Dog) {} }
/// refcount::native_type! { impl ffi::Dog: Send { type_id: "x::dog", release: ffi::free } }
/// ```
///
/// ```compile_fail
/// # use refcount::Opaque;
/// enum NoPromise {}
/// refcount::native_type!(@describe NoPromise, Opaque, "x", |p: *mut Opaque| {}; Send Sync);
/// ```
///
/// ```compile_fail
/// # use core::ptr::NonNull;
/// # use refcount::Opaque;
/// enum AlsoNoPromise {}
/// // SAFETY: never given an object.
/// unsafe impl refcount::Native for AlsoNoPromise {
///     type Raw = Opaque;
///     const TYPE_ID: &'static str = "x::also";
///     unsafe fn release(_: NonNull<Opaque>) {}
/// }
/// // No `unsafe` written for `Send`: refused.
/// refcount::native_type!(@bound AlsoNoPromise, Send);
/// ```
///
/// A closure's body gets no `unsafe` from the macro:
///
/// ```compile_fail,E0133
/// use refcount::Opaque;
/// // SAFETY: (irrelevant: this does not compile)
/// refcount::native_type! {
///     pub unsafe type Scribble {
///         type_id: "x::scribble",
///         // error[E0133]: dereference of raw pointer is unsafe
///         release: |p: *mut Opaque| { *p.cast::<u8>() = 0; },
///     }
/// }
/// ```
///
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
            unsafe impl $name as $crate::native_type!(@raw $($raw)?) $(: $bound $(+ $more)*)? {
                type_id: $type_id,
                release: $release
                $(, add_ref: $add_ref)?
            }
        }
    };
    (
        unsafe impl $ty:ty $(as $raw:ty)? $(: $bound:ident $(+ $more:ident)*)? {
            type_id: $type_id:expr,
            release: $release:expr
            $(, add_ref: $add_ref:expr)?
            $(,)?
        }
    ) => {
        const _: () = ::core::assert!(!$type_id.is_empty(), "a native type's type_id is empty");

        // The invocation's `unsafe` is the promise: see `refcount::native_type!`. The
        // `allow` makes the promise an error in a crate that forbids unsafe code
        // (E0453), as it would be if it were written out there.
        #[allow(unsafe_code)]
        unsafe impl $crate::Native for $ty {
            type Raw = $crate::native_type!(@raw_or $ty $(, $raw)?);
            const TYPE_ID: &'static str = $type_id;
            #[inline]
            // A closure's body gets no `unsafe` from this `unsafe fn`: only the call
            // below is inside the invocation's promise.
            #[deny(unsafe_op_in_unsafe_fn)]
            #[allow(unused_unsafe)]
            unsafe fn release(ptr: ::core::ptr::NonNull<Self::Raw>) {
                let release = $release;
                // The invocation promised that `release` gives up the handle's reference.
                unsafe { release(ptr.as_ptr()) }
            }
        }
        $(
            #[allow(unsafe_code)]
            unsafe impl $crate::NativeCounted for $ty {
                #[inline]
                #[deny(unsafe_op_in_unsafe_fn)]
                #[allow(unused_unsafe)]
                unsafe fn add_ref(ptr: ::core::ptr::NonNull<Self::Raw>) {
                    let add_ref = $add_ref;
                    // The invocation promised that `add_ref` adds one reference.
                    unsafe { add_ref(ptr.as_ptr()) }
                }
            }
        )?
        $($(
            $crate::native_type!(@declarable $more);
            #[allow(unsafe_code)]
            unsafe impl $crate::__private::declarable::$more for $ty {}
        )*
            $crate::native_type!(@declarable $bound);
            #[allow(unsafe_code)]
            unsafe impl $crate::__private::declarable::$bound for $ty {}
        )?
    };

    // The type `Raw` names: `raw` if given, else the described type itself (`impl`
    // form) or `Opaque` (`type` form). Type selection only: it writes no impl.
    (@raw) => { $crate::Opaque };
    (@raw $raw:ty) => { $raw };
    (@raw_or $ty:ty) => { $ty };
    (@raw_or $ty:ty, $raw:ty) => { $raw };

    // A clear message for a declaration other than `Send` and `Sync`; it writes no impl.
    (@declarable Send) => {};
    (@declarable Sync) => {};
    (@declarable $other:ident) => {
        ::core::compile_error!(::core::concat!(
            "a native type declares only `Send` and `Sync`, not `",
            ::core::stringify!($other),
            "`"
        ));
    };
}

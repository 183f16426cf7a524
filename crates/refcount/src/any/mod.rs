//! Type tags: handles whose static type is erased, and a factory that picks the
//! handle for a `void*`, checked on the way back.
//!
//! # The danger
//!
//! C APIs that speak `void*` forget what every object is: the pointer a callback
//! receives, or a container hands back, may be a dog or a cat. Wrapped as the wrong
//! type, it is released by the wrong function or counted by the wrong count: a double
//! free, a use after free or a leak, far from the mistake, and never a compile error.
//! The same holds for a Rust program that stores handles of several types in one
//! place. Nothing in a raw pointer can tell the two apart.
//!
//! This module keeps the type with the object. An erased handle carries its native
//! type id (a [`Native::TYPE_ID`]) and its handle kind, and gives the typed handle
//! back only to a caller who asks for exactly that type; a wrong guess is an error
//! that still holds the handle, so nothing is released by it. For pointers whose type
//! only the native library knows, a [`Factory`] maps the type id the library reports
//! to the one handle type registered for it, and refuses the ids it does not know.
//!
//! - [`Handle`]: the crate's handle types ([`Owned`], [`Shared`], [`Counted`]), for
//!   code generic over how an object is held;
//! - [`AnyHandle`] and [`AnySyncHandle`]: a handle of any of them, erased, tagged and
//!   checked by [`downcast`](AnyHandle::downcast); a failed one is a [`DowncastError`];
//! - [`Factory`]: type id to handle; its constructors are [`Constructor`]s (and a
//!   [`Fallback`] for lenient factories), and a pointer it does not take comes back
//!   as [`Unclaimed`].
//!
//! ```
//! # use refcount::doc_support::{Counter, Widget};
//! use refcount::any::{AnyHandle, Factory};
//! use refcount::{Owned, Shared};
//!
//! let mut factory = Factory::<AnyHandle>::strict();
//! factory.register_handle::<Owned<Widget>>()?;
//!
//! // A `void*`, and the type id the library names for it.
//! let ptr = Widget::create().cast();
//! // SAFETY: a live widget, whose only reference we hand over.
//! let any = unsafe { factory.create("demo::widget", ptr) }.unwrap();
//!
//! // A wrong guess gives the handle back, unreleased; the right one takes it.
//! let any = any.downcast::<Shared<Counter>>().unwrap_err().into_handle();
//! let widget: Owned<Widget> = any.downcast()?;
//! # drop(widget);
//! # assert_eq!(Widget::live(), 0);
//! # Ok::<(), refcount::Error>(())
//! ```

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use core::any::Any;
use core::fmt;

use crate::{Counted, Error, Native, NativeCounted, Owned, Result, Shared};

mod factory;

pub use factory::{Constructor, Factory, Fallback, Unclaimed};
use storage::Storage;

mod sealed {
    pub trait Sealed {}
}

/// The handle types of this crate: [`Owned`], [`Shared`] and [`Counted`].
///
/// Lets code be generic over how a native type is held, as [`AnyHandle`] and
/// [`Factory`] are.
pub trait Handle: sealed::Sealed + Sized + 'static {
    /// The native type held.
    type Target: Native;

    /// The handle's kind: `"Owned"`, `"Shared"` or `"Counted"`.
    const KIND: &'static str;

    /// Takes over a reference the caller holds, as the type's `adopt` does.
    ///
    /// # Safety
    ///
    /// As for [`Owned::adopt`]: `ptr`, when not null, points to a live object whose
    /// reference the caller hands over.
    unsafe fn adopt(ptr: *mut <Self::Target as Native>::Raw) -> Result<Self>;

    /// Erases the handle's type, keeping its type tag.
    fn erase(self) -> AnyHandle {
        AnyHandle::new(self)
    }

    /// Erases the handle's type into an [`AnySyncHandle`], which may cross threads
    /// because the handle may.
    fn erase_sync(self) -> AnySyncHandle
    where
        Self: Send + Sync,
    {
        AnySyncHandle::new_sync(self)
    }

    /// The handle type's readable name, such as `Shared<testnative::dog>`.
    fn type_name() -> String {
        format!("{}<{}>", Self::KIND, Self::Target::TYPE_ID)
    }
}

impl<T: Native> sealed::Sealed for Owned<T> {}
impl<T: Native> Handle for Owned<T> {
    type Target = T;
    const KIND: &'static str = "Owned";
    unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        // SAFETY: the contract is the same, passed on to the caller.
        unsafe { Owned::adopt(ptr) }
    }
}

impl<T: NativeCounted> sealed::Sealed for Shared<T> {}
impl<T: NativeCounted> Handle for Shared<T> {
    type Target = T;
    const KIND: &'static str = "Shared";
    unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        // SAFETY: the contract is the same, passed on to the caller.
        unsafe { Shared::adopt(ptr) }
    }
}

impl<T: Native> sealed::Sealed for Counted<T> {}
impl<T: Native> Handle for Counted<T> {
    type Target = T;
    const KIND: &'static str = "Counted";
    unsafe fn adopt(ptr: *mut T::Raw) -> Result<Self> {
        // SAFETY: the contract is the same, passed on to the caller.
        unsafe { Counted::adopt(ptr) }
    }
}

/// A handle whose static type was erased, tagged with the native `TYPE_ID`.
///
/// Dropping it drops the handle inside (and so releases as that handle would).
/// `AnyHandle` stays on its thread; [`AnySyncHandle`] (from [`Handle::erase_sync`])
/// is `Send` and `Sync`, and only takes handles that are. (`S` is what the handle is
/// kept in: `dyn Any`, the default, or `dyn Any + Send + Sync` for `AnySyncHandle`;
/// no other type fits.)
///
/// ```
/// # use refcount::doc_support::{Counter, Widget};
/// use refcount::any::{AnyHandle, Handle};
/// use refcount::{Owned, Shared};
///
/// // SAFETY: `create` hands over the only reference to a live widget.
/// let widget = unsafe { Owned::<Widget>::adopt(Widget::create()) }.unwrap();
/// let any: AnyHandle = widget.erase();
/// assert_eq!(any.type_id(), "demo::widget");
///
/// let err = any.downcast_ref::<Shared<Counter>>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "expected a handle of type `Shared<demo::counter>` but got one of type `Owned<demo::widget>`"
/// );
/// let widget: Owned<Widget> = any.downcast().unwrap();
/// # drop(widget);
/// ```
pub struct AnyHandle<S: ?Sized = dyn Any> {
    type_id: &'static str,
    kind: &'static str,
    rust_type: &'static str,
    handle: Box<S>,
}

/// An [`AnyHandle`] that may be sent to and shared with other threads: it only
/// holds handles that are `Send + Sync` themselves.
pub type AnySyncHandle = AnyHandle<dyn Any + Send + Sync>;

/// What lets `AnyHandle` and `Factory` serve both `dyn Any` and `dyn Any + Send + Sync`:
/// public traits in a private module, so that no other type can implement them and
/// no user needs to name them (the sealed-trait pattern).
mod storage {
    use alloc::boxed::Box;
    use core::any::Any;

    use super::{AnyHandle, AnySyncHandle, Handle};

    /// What an `AnyHandle` keeps its handle in: `dyn Any`, or `dyn Any + Send + Sync`
    /// for an `AnySyncHandle`.
    pub trait Storage: 'static {
        fn is<H: 'static>(&self) -> bool;
        fn downcast_ref<H: 'static>(&self) -> Option<&H>;
        fn downcast<H: 'static>(self: Box<Self>) -> Result<Box<H>, Box<Self>>;
    }

    macro_rules! storage {
        ($($dyn:tt)*) => {
            impl Storage for $($dyn)* {
                fn is<H: 'static>(&self) -> bool {
                    <$($dyn)*>::is::<H>(self)
                }
                fn downcast_ref<H: 'static>(&self) -> Option<&H> {
                    <$($dyn)*>::downcast_ref::<H>(self)
                }
                fn downcast<H: 'static>(self: Box<Self>) -> Result<Box<H>, Box<Self>> {
                    <Box<$($dyn)*>>::downcast::<H>(self)
                }
            }
        };
    }
    storage!(dyn Any);
    storage!(dyn Any + Send + Sync);

    /// The handles an `AnyHandle<S>` can hold: every `Handle` for `dyn Any`, and the
    /// handles that are `Send + Sync` for `dyn Any + Send + Sync`. What lets one
    /// `Factory::register_handle` serve both kinds of factory.
    pub trait Erasable<S: ?Sized + Storage>: Handle {
        fn erase_into(self) -> AnyHandle<S>;
    }

    impl<H: Handle> Erasable<dyn Any> for H {
        fn erase_into(self) -> AnyHandle {
            AnyHandle::new(self)
        }
    }

    impl<H: Handle + Send + Sync> Erasable<dyn Any + Send + Sync> for H {
        fn erase_into(self) -> AnySyncHandle {
            AnySyncHandle::new_sync(self)
        }
    }
}

impl AnyHandle {
    /// Erases `handle`'s type, keeping its type tag.
    pub fn new<H: Handle>(handle: H) -> Self {
        AnyHandle {
            type_id: H::Target::TYPE_ID,
            kind: H::KIND,
            rust_type: core::any::type_name::<H>(),
            handle: Box::new(handle),
        }
    }
}

impl AnySyncHandle {
    /// Erases `handle`'s type, keeping its type tag; the handle may cross threads.
    pub fn new_sync<H: Handle + Send + Sync>(handle: H) -> Self {
        AnyHandle {
            type_id: H::Target::TYPE_ID,
            kind: H::KIND,
            rust_type: core::any::type_name::<H>(),
            handle: Box::new(handle),
        }
    }
}

impl<S: ?Sized + Storage> AnyHandle<S> {
    /// The native type id of the object held, such as `"testnative::dog"`.
    pub fn type_id(&self) -> &'static str {
        self.type_id
    }

    /// The kind of handle inside: `"Owned"`, `"Shared"` or `"Counted"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Whether the handle inside is an `H`.
    pub fn is<H: Handle>(&self) -> bool {
        self.handle.is::<H>()
    }

    /// Borrows the handle inside as an `H`, or says what it is instead.
    pub fn downcast_ref<H: Handle>(&self) -> Result<&H> {
        self.handle
            .downcast_ref::<H>()
            .ok_or_else(|| self.mismatch::<H>())
    }

    /// Gives back the typed handle, or, if it is not an `H`, an error that still
    /// holds the erased handle (nothing is released on a wrong guess).
    pub fn downcast<H: Handle>(self) -> core::result::Result<H, DowncastError<S>> {
        let AnyHandle {
            type_id,
            kind,
            rust_type,
            handle,
        } = self;
        match handle.downcast::<H>() {
            Ok(typed) => Ok(*typed),
            Err(handle) => {
                let handle = AnyHandle {
                    type_id,
                    kind,
                    rust_type,
                    handle,
                };
                let error = handle.mismatch::<H>();
                Err(DowncastError {
                    inner: Box::new((error, handle)),
                })
            }
        }
    }

    fn mismatch<H: Handle>(&self) -> Error {
        let (mut expected, mut actual) = (H::type_name(), format!("{self}"));
        if expected == actual {
            // Two Rust types claim one type id: only their Rust names tell them apart.
            expected = format!("{expected}, Rust type {}", core::any::type_name::<H>());
            actual = format!("{actual}, Rust type {}", self.rust_type);
        }
        Error::TypeMismatch { expected, actual }
    }
}

impl<S: ?Sized + Storage> fmt::Display for AnyHandle<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}<{}>", self.kind, self.type_id)
    }
}

impl<S: ?Sized + Storage> fmt::Debug for AnyHandle<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AnyHandle({self})")
    }
}

/// A failed [`AnyHandle::downcast`]: why, and the handle, returned intact.
pub struct DowncastError<S: ?Sized = dyn Any> {
    /// Boxed: a failed downcast is rare, and a small `Result` keeps the success cheap.
    inner: Box<(Error, AnyHandle<S>)>,
}

impl<S: ?Sized + Storage> DowncastError<S> {
    /// Why the downcast failed (an [`Error::TypeMismatch`]).
    pub fn error(&self) -> &Error {
        &self.inner.0
    }

    /// The handle that was not of the asked type.
    pub fn into_handle(self) -> AnyHandle<S> {
        self.inner.1
    }
}

impl<S: ?Sized + Storage> fmt::Debug for DowncastError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DowncastError")
            .field("error", &self.inner.0)
            .field("handle", &self.inner.1)
            .finish()
    }
}

impl<S: ?Sized + Storage> fmt::Display for DowncastError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.0.fmt(f)
    }
}

impl<S: ?Sized + Storage> core::error::Error for DowncastError<S> {}

impl<S: ?Sized + Storage> From<DowncastError<S>> for Error {
    fn from(err: DowncastError<S>) -> Self {
        err.inner.0
    }
}

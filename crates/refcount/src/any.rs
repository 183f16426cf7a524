//! Type tags: handles erased to [`AnyHandle`], and checked on the way back.
//!
//! C APIs that speak `void*` lose the type of every object. An [`AnyHandle`] keeps
//! it: it knows its `TYPE_ID` and handle kind, and gives the typed handle back only
//! to a caller who asks for exactly that type.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use core::any::Any;
use core::fmt;

use crate::{Counted, Error, Native, NativeCounted, Owned, Result, Shared};

mod sealed {
    pub trait Sealed {}
}

/// The handle types of this crate: [`Owned`], [`Shared`] and [`Counted`].
///
/// Lets code be generic over how a native type is held, as [`AnyHandle`] and
/// [`Factory`](crate::Factory) are.
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

    /// The handle type's readable name, such as `Shared<DOG_PTR>`.
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
///
/// ```
/// # use refcount::doc_support::{Counter, Widget};
/// use refcount::{AnyHandle, Handle, Owned, Shared};
///
/// // SAFETY: `create` hands over the only reference to a live widget.
/// let widget = unsafe { Owned::<Widget>::adopt(Widget::create()) }.unwrap();
/// let any: AnyHandle = widget.erase();
/// assert_eq!(any.type_id(), "WIDGET");
///
/// let err = any.downcast_ref::<Shared<Counter>>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "expected a handle of type `Shared<COUNTER>` but got one of type `Owned<WIDGET>`"
/// );
/// let widget: Owned<Widget> = any.downcast().unwrap();
/// # drop(widget);
/// ```
pub struct AnyHandle {
    type_id: &'static str,
    kind: &'static str,
    handle: Box<dyn Any>,
}

impl AnyHandle {
    /// Erases `handle`'s type, keeping its type tag.
    pub fn new<H: Handle>(handle: H) -> Self {
        AnyHandle {
            type_id: H::Target::TYPE_ID,
            kind: H::KIND,
            handle: Box::new(handle),
        }
    }

    /// The native type id of the object held, such as `"DOG_PTR"`.
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
    pub fn downcast<H: Handle>(self) -> core::result::Result<H, DowncastError> {
        if !self.is::<H>() {
            return Err(DowncastError {
                error: self.mismatch::<H>(),
                handle: self,
            });
        }
        let typed = self
            .handle
            .downcast::<H>()
            .unwrap_or_else(|_| unreachable!("checked above"));
        Ok(*typed)
    }

    fn mismatch<H: Handle>(&self) -> Error {
        Error::TypeMismatch {
            expected: H::type_name(),
            actual: format!("{self}"),
        }
    }
}

impl fmt::Display for AnyHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}<{}>", self.kind, self.type_id)
    }
}

impl fmt::Debug for AnyHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AnyHandle({self})")
    }
}

/// A failed [`AnyHandle::downcast`]: why, and the handle, returned intact.
#[derive(Debug)]
pub struct DowncastError {
    error: Error,
    handle: AnyHandle,
}

impl DowncastError {
    /// Why the downcast failed (an [`Error::TypeMismatch`]).
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The handle that was not of the asked type.
    pub fn into_handle(self) -> AnyHandle {
        self.handle
    }
}

impl fmt::Display for DowncastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl core::error::Error for DowncastError {}

impl From<DowncastError> for Error {
    fn from(err: DowncastError) -> Self {
        err.error
    }
}

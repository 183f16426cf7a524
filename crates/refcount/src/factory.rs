//! [`Factory`]: the right wrapper for a pointer whose type a C API names at run time.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use core::ffi::c_void;
use core::fmt;

use crate::{AnyHandle, Error, Handle, Native, Result};

/// Builds a wrapper from a `void*` and the type id string the native library gives
/// for it (as Python's `CffiWrapperFactory` does).
///
/// A *strict* factory refuses type ids it does not know with
/// [`Error::UnknownTypeId`]; a *lenient* one hands them to a fallback constructor.
///
/// ```
/// # use refcount::doc_support::{Counter, Widget};
/// use refcount::{AnyHandle, Factory, Owned, Shared};
///
/// let mut factory = Factory::<AnyHandle>::strict();
/// factory.register_handle::<Owned<Widget>>().register_handle::<Shared<Counter>>();
///
/// let raw = Widget::create().cast();
/// // SAFETY: `raw` is a live widget whose only reference we hand over.
/// let any = unsafe { factory.create("WIDGET", raw) }.unwrap();
/// assert_eq!(any.to_string(), "Owned<WIDGET>");
///
/// // SAFETY: the id is refused before the pointer is looked at.
/// let err = unsafe { factory.create("CAT", core::ptr::null_mut()) }.unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "no wrapper is registered for type id `CAT` (known: `COUNTER`, `WIDGET`)"
/// );
/// ```
pub struct Factory<O> {
    constructors: BTreeMap<String, Constructor<O>>,
    fallback: Option<Fallback<O>>,
}

/// Wraps a pointer of one known type id.
///
/// Its contract: given a pointer to a live object of the type id it was registered
/// for, whose reference the caller hands over, it takes that reference.
pub type Constructor<O> = unsafe fn(*mut c_void) -> Result<O>;

/// Wraps a pointer of a type id that no constructor is registered for.
///
/// Its contract: as [`Constructor`], for the type id it is given.
pub type Fallback<O> = unsafe fn(&str, *mut c_void) -> Result<O>;

impl<O> Factory<O> {
    /// A factory that refuses unknown type ids.
    pub fn strict() -> Self {
        Factory {
            constructors: BTreeMap::new(),
            fallback: None,
        }
    }

    /// A factory that hands unknown type ids to `fallback`.
    pub fn lenient(fallback: Fallback<O>) -> Self {
        Factory {
            constructors: BTreeMap::new(),
            fallback: Some(fallback),
        }
    }

    /// Registers the constructor for `type_id`, replacing any earlier one.
    pub fn register(&mut self, type_id: &str, constructor: Constructor<O>) -> &mut Self {
        self.constructors.insert(type_id.to_string(), constructor);
        self
    }

    /// Whether a constructor is registered for `type_id`.
    pub fn knows(&self, type_id: &str) -> bool {
        self.constructors.contains_key(type_id)
    }

    /// Wraps `ptr`, whose type the native library names `type_id`.
    ///
    /// Fails with [`Error::UnknownTypeId`] (strict factories) and with whatever the
    /// constructor returns, such as [`Error::Null`].
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live object of the type `type_id` names,
    /// whose reference the caller hands over.
    pub unsafe fn create(&self, type_id: &str, ptr: *mut c_void) -> Result<O> {
        match (self.constructors.get(type_id), self.fallback) {
            // SAFETY: the constructor was registered for this type id, and the caller
            // promises a pointer of that type with its reference.
            (Some(constructor), _) => unsafe { constructor(ptr) },
            // SAFETY: as above, for the fallback's contract.
            (None, Some(fallback)) => unsafe { fallback(type_id, ptr) },
            (None, None) => Err(Error::UnknownTypeId {
                type_id: type_id.to_string(),
                known: self.constructors.keys().cloned().collect(),
            }),
        }
    }
}

impl Factory<AnyHandle> {
    /// Registers handle type `H` under its native `TYPE_ID`: pointers of that id are
    /// adopted into an `H` and erased to an [`AnyHandle`].
    pub fn register_handle<H: Handle>(&mut self) -> &mut Self {
        self.register(H::Target::TYPE_ID, adopt_erased::<H>)
    }
}

/// # Safety
///
/// As for [`Constructor`], for `H`'s native type.
unsafe fn adopt_erased<H: Handle>(ptr: *mut c_void) -> Result<AnyHandle> {
    // SAFETY: the factory's caller promised an object of `H`'s type id with its reference.
    unsafe { H::adopt(ptr.cast::<<H::Target as Native>::Raw>()) }.map(Handle::erase)
}

impl<O> fmt::Debug for Factory<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Factory")
            .field(
                "type_ids",
                &self.constructors.keys().collect::<alloc::vec::Vec<_>>(),
            )
            .field("strict", &self.fallback.is_none())
            .finish()
    }
}

//! [`Factory`]: the right wrapper for a pointer whose type a C API names at run time.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use core::any::{type_name, TypeId};
use core::ffi::c_void;
use core::fmt;

use super::storage::{Erasable, Storage};
use super::AnyHandle;
use crate::{Error, Native, Result};

/// Builds a wrapper from a `void*` and the type id string the native library gives
/// for it (as Python's `CffiWrapperFactory` does).
///
/// A *strict* factory refuses type ids it does not know with
/// [`Error::UnknownTypeId`]; a *lenient* one hands them to a fallback constructor.
///
/// # The danger
///
/// A type id is a promise about a pointer: the object behind a pointer registered as
/// `"testnative::dog"` is released as a dog. Two Rust types that claim the same type
/// id would turn one object into the other, so a factory refuses a second type for a
/// type id it knows ([`Error::DuplicateTypeId`]); give every native type a qualified
/// `TYPE_ID` (`"testnative::dog"`, not `"DOG"`). [`register_handle`](Factory::register_handle)
/// is typed and safe; [`register`](Factory::register) takes a hand-written constructor,
/// whose promise is the caller's.
///
/// ```
/// # use refcount::doc_support::{Counter, Widget};
/// use refcount::any::{AnyHandle, Factory};
/// use refcount::{Owned, Shared};
///
/// let mut factory = Factory::<AnyHandle>::strict();
/// factory.register_handle::<Owned<Widget>>()?.register_handle::<Shared<Counter>>()?;
///
/// let raw = Widget::create().cast();
/// // SAFETY: `raw` is a live widget whose only reference we hand over.
/// let any = unsafe { factory.create("demo::widget", raw) }.unwrap();
/// assert_eq!(any.to_string(), "Owned<demo::widget>");
///
/// let raw = Widget::create().cast();
/// // SAFETY: as above; the refused pointer comes back to us.
/// let refused = unsafe { factory.create("demo::cat", raw) }.unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "no wrapper is registered for type id `demo::cat` (known: `demo::counter`, `demo::widget`)"
/// );
/// // SAFETY: the widget's reference is still ours: release it as the C API would.
/// unsafe { Widget::destroy(refused.into_ptr()) };
/// # Ok::<(), refcount::Error>(())
/// ```
pub struct Factory<O> {
    constructors: BTreeMap<String, Registered<O>>,
    fallback: Option<Fallback<O>>,
}

struct Registered<O> {
    constructor: Constructor<O>,
    /// The Rust handle type registered, for refusing another type under the same id.
    rust_type: Option<(TypeId, &'static str)>,
}

/// Wraps a pointer of one known type id.
///
/// Its contract: given a pointer to a live object of the type id it was registered
/// for, whose reference the caller hands over, it takes that reference, and when it
/// returns `Err` it took nothing: the reference is still the caller's.
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

    /// Registers a hand-written constructor for `type_id`.
    ///
    /// Fails with [`Error::DuplicateTypeId`] if `type_id` has a constructor already.
    ///
    /// # Safety
    ///
    /// `constructor` must keep [`Constructor`]'s contract for objects of `type_id`:
    /// [`create`](Factory::create) hands it every pointer the native library names so.
    pub unsafe fn register(
        &mut self,
        type_id: &str,
        constructor: Constructor<O>,
    ) -> Result<&mut Self> {
        self.insert(type_id, constructor, None)
    }

    fn insert(
        &mut self,
        type_id: &str,
        constructor: Constructor<O>,
        rust_type: Option<(TypeId, &'static str)>,
    ) -> Result<&mut Self> {
        if let Some(known) = self.constructors.get(type_id) {
            if known.rust_type.is_some() && known.rust_type == rust_type {
                return Ok(self); // the same handle type again: nothing changes
            }
            let name = |t: Option<(TypeId, &'static str)>| {
                t.map_or("a constructor given to `Factory::register`", |(_, name)| {
                    name
                })
            };
            return Err(Error::DuplicateTypeId {
                type_id: type_id.to_string(),
                registered: name(known.rust_type).to_string(),
                refused: name(rust_type).to_string(),
            });
        }
        let registered = Registered {
            constructor,
            rust_type,
        };
        self.constructors.insert(type_id.to_string(), registered);
        Ok(self)
    }

    /// Whether a constructor is registered for `type_id`.
    pub fn knows(&self, type_id: &str) -> bool {
        self.constructors.contains_key(type_id)
    }

    /// Wraps `ptr`, whose type the native library names `type_id`.
    ///
    /// On failure the pointer is not taken: [`Unclaimed`] gives it back, with why
    /// ([`Error::UnknownTypeId`] from a strict factory, or what the constructor
    /// returned, such as [`Error::Null`]). The caller still owns its reference and
    /// must release it (C APIs over `void*` usually have one `release` for all types).
    ///
    /// # Safety
    ///
    /// `ptr`, when not null, must point to a live object of the type `type_id` names,
    /// whose reference the caller hands over.
    pub unsafe fn create(&self, type_id: &str, ptr: *mut c_void) -> Result<O, Unclaimed> {
        let made = match (self.constructors.get(type_id), self.fallback) {
            // SAFETY: the constructor was registered for this type id, and the caller
            // promises a pointer of that type with its reference.
            (Some(known), _) => unsafe { (known.constructor)(ptr) },
            // SAFETY: as above, for the fallback's contract.
            (None, Some(fallback)) => unsafe { fallback(type_id, ptr) },
            (None, None) => Err(Error::UnknownTypeId {
                type_id: type_id.to_string(),
                known: self.constructors.keys().cloned().collect(),
            }),
        };
        made.map_err(|error| Unclaimed { error, ptr })
    }
}

impl<S: ?Sized + Storage> Factory<AnyHandle<S>> {
    /// Registers handle type `H` under its native `TYPE_ID`: pointers of that id are
    /// adopted into an `H` and erased to an [`AnyHandle`]. `H` is any
    /// [`Handle`](super::Handle) for a `Factory<AnyHandle>`; for a
    /// `Factory<`[`AnySyncHandle`](super::AnySyncHandle)`>`, any that is `Send + Sync`
    /// (the erased handles may cross threads).
    ///
    /// Fails with [`Error::DuplicateTypeId`], naming both Rust types, if another
    /// type is registered under the same type id.
    pub fn register_handle<H: Erasable<S>>(&mut self) -> Result<&mut Self> {
        let rust_type = Some((TypeId::of::<H>(), type_name::<H>()));
        self.insert(H::Target::TYPE_ID, adopt_erased::<H, S>, rust_type)
    }
}

/// # Safety
///
/// As for [`Constructor`], for `H`'s native type.
unsafe fn adopt_erased<H: Erasable<S>, S: ?Sized + Storage>(
    ptr: *mut c_void,
) -> Result<AnyHandle<S>> {
    // SAFETY: the factory's caller promised an object of `H`'s type id with its reference.
    unsafe { H::adopt(ptr.cast::<<H::Target as Native>::Raw>()) }.map(Erasable::erase_into)
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

/// A pointer that [`Factory::create`] did not take, and why.
///
/// Its reference is still the caller's: release it (or wrap it otherwise). There is
/// deliberately no conversion into [`Error`], so that `?` cannot drop the pointer
/// unnoticed: take it out with [`into_ptr`](Unclaimed::into_ptr) first.
#[must_use = "the pointer's reference is still yours: release it"]
pub struct Unclaimed {
    error: Error,
    ptr: *mut c_void,
}

impl Unclaimed {
    /// Why no wrapper took the pointer.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The pointer, whose reference the caller must release.
    pub fn into_ptr(self) -> *mut c_void {
        self.ptr
    }

    /// The pointer and the error, apart.
    pub fn into_parts(self) -> (*mut c_void, Error) {
        (self.ptr, self.error)
    }
}

impl fmt::Debug for Unclaimed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unclaimed")
            .field("error", &self.error)
            .field("ptr", &self.ptr)
            .finish()
    }
}

impl fmt::Display for Unclaimed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl core::error::Error for Unclaimed {}

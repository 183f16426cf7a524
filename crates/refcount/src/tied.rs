//! [`Tied`]: an object its maker made, which may keep pointing into its maker, so
//! it must not outlive it.

use core::fmt;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

/// An object that another object made (`document.create_page(0)`), tied to the
/// borrow of its maker: the new object is the caller's, and is released when the
/// `Tied` drops, but it may point into its maker (poppler's pages read their
/// document), so the borrow checker keeps it from outliving that borrow, and keeps
/// the maker's non-const members (`&mut`) away while it lives.
///
/// It derefs to what the object derefs to (a generated `Page` to its `PageRef`,
/// through which its members are called): never to the object itself, which
/// `std::mem::replace` could then take out of the tie.
///
/// ```
/// use refcount::Tied;
///
/// struct Document(Vec<String>);
/// impl Document {
///     fn page(&self, i: usize) -> Tied<'_, Box<String>> {
///         Tied::new(Box::new(self.0[i].clone()))
///     }
/// }
/// let document = Document(vec!["Hello".to_owned()]);
/// let mut page = document.page(0);
/// page.push('!');
/// assert_eq!(*page, "Hello!");
/// ```
///
/// The object cannot be kept once its maker is gone:
///
/// ```compile_fail,E0505
/// # use refcount::Tied;
/// # struct Document(Vec<String>);
/// # impl Document {
/// #     fn page(&self, i: usize) -> Tied<'_, Box<String>> {
/// #         Tied::new(Box::new(self.0[i].clone()))
/// #     }
/// # }
/// let document = Document(vec!["Hello".to_owned()]);
/// let page = document.page(0);
/// drop(document);
/// assert_eq!(*page, "Hello");
/// ```
///
/// Nor can the maker change while it lives:
///
/// ```compile_fail,E0502
/// # use refcount::Tied;
/// # struct Document(Vec<String>);
/// # impl Document {
/// #     fn page(&self, i: usize) -> Tied<'_, Box<String>> {
/// #         Tied::new(Box::new(self.0[i].clone()))
/// #     }
/// # }
/// let mut document = Document(vec!["Hello".to_owned()]);
/// let page = document.page(0);
/// document.0.clear();
/// assert_eq!(*page, "Hello");
/// ```
pub struct Tied<'maker, T> {
    value: T,
    _maker: PhantomData<&'maker ()>,
}

impl<T> Tied<'_, T> {
    /// `value`, tied to the borrow its lifetime names. Tying only restricts: it is
    /// safe.
    pub fn new(value: T) -> Self {
        Tied {
            value,
            _maker: PhantomData,
        }
    }
}

impl<T: Deref> Deref for Tied<'_, T> {
    type Target = T::Target;

    fn deref(&self) -> &T::Target {
        &self.value
    }
}

impl<T: DerefMut> DerefMut for Tied<'_, T> {
    fn deref_mut(&mut self) -> &mut T::Target {
        &mut self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Tied<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Tied").field(&self.value).finish()
    }
}

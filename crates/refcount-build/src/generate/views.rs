//! The borrowed types: `NodeRef` beside a uniquely owned `Node` (which derefs to it),
//! or a view class's own type. Either is a `#[repr(transparent)]` wrapper of cxx's
//! opaque type, so that `&NodeRef` is a reference to the C++ object itself, as
//! `foreign-types` does it: the borrow checker then ties every view to what lent it,
//! and `&mut` (which only a non-const member lends, and only from `&mut`) to an
//! exclusive borrow. cxx's opaque type has no size in Rust: nothing of the C++
//! object is ever moved or copied through a reference to it.

use super::{classes::method, Out};
use crate::plan::ClassPlan;

/// The borrowed type of `c`, with its methods (all but the static ones of a unique
/// class, which its owned type has).
pub(super) fn view_type(out: &mut Out, c: &ClassPlan) {
    let view = c.view.as_deref().expect("a class with a view");
    let rust = &c.rust;
    out.line("");
    out.anchor("", &format!("view_{}", c.snake));
    if c.kind == "view" {
        let doc = if c.doc.is_empty() {
            format!("The C++ `{}`.", c.qualified)
        } else {
            c.doc.clone()
        };
        out.line(&format!("/// {doc}"));
        out.line("///");
        out.line(
            "/// Never owned by Rust: its objects belong to other objects, which lend them as",
        );
        out.line(&format!(
            "/// `&{view}` (its const members) or `&mut {view}` (all of them), borrowed from"
        ));
        out.line("/// what lent them; Rust never releases one.");
    } else {
        out.line(&format!(
            "/// A `{}` that something else owns, borrowed: `&{view}` calls its const",
            c.qualified
        ));
        out.line(&format!(
            "/// members, `&mut {view}` all of them. A [`{rust}`] derefs to it; a method that"
        ));
        out.line("/// lends one ties it to the borrow of the object it was called on.");
    }
    out.line("#[repr(transparent)]");
    out.line(&format!("pub struct {view}(ffi::{rust});"));
    out.end("", &format!("view_{}", c.snake));
    out.line("");
    out.line(&format!("impl {view} {{"));
    if c.lent {
        out.push(&format!(
            "
    /// A view of the object at `ptr`, `None` for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object that lives, and that nothing
    /// changes through another pointer, for as long as the view is used (`'a`).
    pub(crate) unsafe fn from_ptr<'a>(ptr: *mut ffi::{rust}) -> Option<&'a Self> {{
        // SAFETY: `Self` is `#[repr(transparent)]` over `ffi::{rust}`; the rest is the caller's.
        unsafe {{ ptr.cast::<Self>().as_ref() }}
    }}
"
        ));
    }
    if c.lent_mut {
        out.push(&format!(
            "
    /// A mutable view of the object at `ptr`, `None` for null.
    ///
    /// # Safety
    ///
    /// As for `from_ptr`, and nothing else uses the object while the view lives.
    pub(crate) unsafe fn from_mut_ptr<'a>(ptr: *mut ffi::{rust}) -> Option<&'a mut Self> {{
        // SAFETY: `Self` is `#[repr(transparent)]` over `ffi::{rust}`; the rest is the caller's.
        unsafe {{ ptr.cast::<Self>().as_mut() }}
    }}
"
        ));
    }
    out.push(&format!(
        "
    /// The C++ object, for a call the wrapper does not bind. It stays its owner's: do
    /// not release it, nor use it after this borrow ends.
    pub fn as_ptr(&self) -> *mut ffi::{rust} {{
        std::ptr::from_ref(&self.0).cast_mut()
    }}
"
    ));
    for b in &c.bases {
        out.push(&format!(
            "
    /// This object as the `{cpp}` it is.
    pub fn {method}(&self) -> &{view} {{
        // SAFETY: C++ converts a live object to its base, which lives as long as it;
        // the view borrows `self`.
        unsafe {{ {view}::from_ptr(ffi::{shim}(self.as_ptr())) }}.expect(\"a live object's base\")
    }}

    /// This object as the `{cpp}` it is, to change.
    pub fn {method}_mut(&mut self) -> &mut {view} {{
        // SAFETY: as for `{method}`, with `&mut self` exclusive.
        unsafe {{ {view}::from_mut_ptr(ffi::{shim}(self.as_ptr())) }}.expect(\"a live object's base\")
    }}
",
            cpp = b.cpp,
            method = b.method,
            view = b.view,
            shim = b.shim,
        ));
    }
    for m in c
        .methods
        .iter()
        .filter(|m| c.kind == "view" || !m.is_static)
    {
        method(out, c, m);
    }
    out.line("}");
    out.push(&format!(
        "
impl std::fmt::Debug for {view} {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        write!(f, \"{view}({{:p}})\", self.as_ptr())
    }}
}}
"
    ));
    if c.shared_ptr {
        out.push(&format!(
            "
/// A `{cpp}` held by a C++ `std::shared_ptr`: cloning shares it, dropping gives
/// up this share, and the object lives while any holder does, in Rust or in C++.
/// Others hold it too, so it lends only `&{view}`: its const members.
#[derive(Clone)]
pub struct {shared}(cxx::SharedPtr<ffi::{rust}>);

impl std::ops::Deref for {shared} {{
    type Target = {view};

    fn deref(&self) -> &{view} {{
        let object = self.0.as_ref().expect(\"made only from a non-null std::shared_ptr\");
        // SAFETY: `{view}` is `#[repr(transparent)]` over `ffi::{rust}`; the share this
        // borrow keeps keeps the object alive.
        unsafe {{ &*std::ptr::from_ref(object).cast::<{view}>() }}
    }}
}}

impl std::fmt::Debug for {shared} {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        write!(f, \"{shared}({{:p}})\", self.as_ptr())
    }}
}}
",
            cpp = c.qualified,
            shared = crate::plan::shared_type(rust),
        ));
    }
    if c.kind == "unique" {
        out.push(&format!(
            "
/// A `{rust}` lends its object as a `{view}`: its methods are the view's.
impl std::ops::Deref for {rust} {{
    type Target = {view};

    fn deref(&self) -> &{view} {{
        // SAFETY: `{view}` is `#[repr(transparent)]` over `ffi::{rust}`, and the handle's
        // object lives as long as `self`, which this borrow keeps.
        unsafe {{ &*self.handle.as_ptr().cast::<{view}>() }}
    }}
}}

/// `&mut {rust}` lends the object to the non-const members: the one owner's borrow is
/// exclusive, so no view of it is in use meanwhile.
impl std::ops::DerefMut for {rust} {{
    fn deref_mut(&mut self) -> &mut {view} {{
        // SAFETY: as for `deref`, with `&mut self` exclusive.
        unsafe {{ &mut *self.handle.as_ptr().cast::<{view}>() }}
    }}
}}
"
        ));
    }
}

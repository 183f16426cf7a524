//! The safe Rust types over the C++ classes: one type each, holding its object
//! through the `refcount` handle its ownership calls for.
//!
//! What the generated methods assume of the C++ library (check it):
//! - a method does not keep a pointer or reference to its arguments after it
//!   returns; a constructor may, so the wrapper keeps what it was given alive;
//! - a new object of a class that counts itself starts with one reference, the
//!   caller's, unless the class was answered `retain`;
//! - a returned pointer is borrowed from the object (a reference is added) unless
//!   the method was answered `-> new TYPE*` (the caller owns it);
//! - a method that can throw was answered `throws` (it returns `Err`); any other
//!   exception ends the process, as an exception through `noexcept` would.
// The methods keep their C++ names, whatever clippy's conventions for Rust names.
#![allow(
    clippy::len_without_is_empty,
    clippy::should_implement_trait,
    clippy::inherent_to_string,
    clippy::wrong_self_convention,
    clippy::too_many_arguments
)]

use crate::{ffi, Error};
{% for c in class_list %}{% assign cpp = c[0] %}{% assign rust = c[2] %}{% assign kind = c[4] %}{% assign handle = c[5] %}{% assign kept = c[12] %}
// ANCHOR: type_{{ c[3] }}
/// {% if c[11] != "" %}{{ c[11] }}{% else %}The C++ `{{ c[1] }}`.{% endif %}
///
/// {% if kind == "intrusive" %}It counts its own references: a clone adds one, a drop releases one,
/// and the C++ object goes with its last reference, held in Rust or in C++.{% elsif kind == "unique" %}Owned by this wrapper alone: dropping it destroys the C++ object.{% else %}Counted in Rust: clones share the C++ object, destroyed when the last clone goes,
/// or earlier by [`close`]({{ rust }}::close).{% endif %} {% if c[9] and c[10] %}Declared thread-safe.{% elsif c[9] %}Declared `Send`: it may move to another thread.{% elsif c[10] %}Declared `Sync`.{% else %}Not declared thread-safe: it stays on the thread that made it.{% endif %}
#[derive({% unless kind == "unique" %}Clone, {% endunless %}Debug)]
pub struct {{ rust }} {{ "{" }}{% if kept.size > 0 %}
    // Dropped first: the C++ object goes before what it points to.{% endif %}
    handle: refcount::{{ handle }}<ffi::{{ rust }}>,{% for f in kept %}
    /// The `{{ f[1] }}` objects given to the constructor: the C++ object may point to
    /// them without a reference of its own, so they live as long as it, whatever
    /// clone of this wrapper goes last{% if f[2] != f[1] %} (a `close` of theirs waits for it){% endif %}.
    {{ f[0] }}: std::sync::Arc<[{{ f[2] }}]>,{% endfor %}
}
// ANCHOR_END: type_{{ c[3] }}

impl {{ rust }} {
{% for k in ctor_list %}{% if k[0] == cpp %}{% capture args %}{% for p in k[3] %}{{ p[5] }}{% unless forloop.last %}, {% endunless %}{% endfor %}{% endcapture %}
    // ANCHOR: new_{{ c[3] }}_{{ k[1] }}
    /// A new `{{ cpp }}({{ k[5] }})`. A C++ exception becomes `Err`.
    pub fn {{ k[1] }}({% for p in k[3] %}{{ p[0] }}: {{ p[1] }}{% unless forloop.last %}, {% endunless %}{% endfor %}) -> Result<Self, Error> {
        {% for p in k[3] %}{% if p[6] != "" %}{{ p[6] }}
        {% endif %}{% endfor %}{% if k[4] %}// SAFETY: the pointers come from live handles, which outlive the call.
        let raw = unsafe { ffi::{{ k[2] }}({{ args }}) }?;{% else %}let raw = ffi::{{ k[2] }}({{ args }})?;{% endif %}
        // SAFETY: a new object, {% if kind != "intrusive" %}which the caller owns alone, handed over{% elsif c[8] %}whose one reference is handed over{% else %}with no reference yet: the handle takes the first{% endif %}.
        let handle = unsafe { refcount::{{ handle }}::{% if c[8] %}adopt{% else %}retain{% endif %}(raw) }?;
        Ok({{ rust }} {
            handle,{% for f in kept %}
            {{ f[0] }}: vec![{% for p in k[3] %}{% if p[8] == f[0] %}{{ p[7] }}, {% endif %}{% endfor %}].into(),{% endfor %}
        })
    }
    // ANCHOR_END: new_{{ c[3] }}_{{ k[1] }}
{% endif %}{% endfor %}{% if c[15] %}
    /// Wraps an object that a C++ method returned with its reference; `None` for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object whose reference the caller hands over.
    pub(crate) unsafe fn from_adopted(ptr: *mut ffi::{{ rust }}) -> Option<Self> {
        // SAFETY: passed on from the caller{% unless c[8] %}; a new object of this class
        // has no reference yet: the handle takes the first{% endunless %}.
        let handle = unsafe { refcount::{{ handle }}::{% if c[8] %}adopt{% else %}retain{% endif %}(ptr) }.ok()?;
        Some({{ rust }} { handle })
    }
{% endif %}{% if c[16] %}
    /// Wraps an object that a C++ method lent, adding a reference of its own; `None`
    /// for null.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a live object.
    pub(crate) unsafe fn from_retained(ptr: *mut ffi::{{ rust }}) -> Option<Self> {
        // SAFETY: passed on from the caller.
        let handle = unsafe { refcount::Shared::retain(ptr) }.ok()?;
        Some({{ rust }} { handle })
    }
{% endif %}{% if kind == "counted" %}
    /// Starts a use of the C++ object, for a call the wrapper does not bind: the
    /// object is not destroyed while the lease lives. `Err` once closed.
    pub fn lease(&self) -> Result<refcount::Lease<'_, ffi::{{ rust }}>, Error> {
        Ok(self.handle.lease()?)
    }

    /// Destroys the C++ object now, for every clone (a use under way, and an object
    /// made with it, finish first); every later call returns `Err`. `false` if it was
    /// closed already.
    pub fn close(&self) -> bool {
        self.handle.close()
    }
{% else %}
    /// The C++ object, for a call the wrapper does not bind. It stays this wrapper's:
    /// do not release it, nor use it after the wrapper is dropped.
    pub fn as_ptr(&self) -> *mut ffi::{{ rust }} {
        self.handle.as_ptr()
    }
{% endif %}{% for m in method_list %}{% if m[0] == cpp %}{% assign r = m[7] %}{% capture recv %}{% unless m[5] %}{% if kind == "counted" %}{% if m[4] %}&this{% else %}this.as_ptr(){% endif %}{% else %}{% if m[4] %}self.handle.get(){% else %}self.handle.as_ptr(){% endif %}{% endif %}{% endunless %}{% endcapture %}{% capture args %}{{ recv }}{% for p in m[6] %}{% if recv != "" or forloop.index0 > 0 %}, {% endif %}{{ p[5] }}{% endfor %}{% endcapture %}{% capture call %}{% if m[10] %}unsafe { ffi::{{ m[3] }}({{ args }}) }{% else %}ffi::{{ m[3] }}({{ args }}){% endif %}{% if m[8] %}?{% endif %}{% endcapture %}{% capture ret %}{% if m[11] %}Result<{{ r[1] }}, Error>{% else %}{{ r[1] }}{% endif %}{% endcapture %}
    // ANCHOR: method_{{ c[3] }}_{{ m[2] }}
    /// {% if m[9] != "" %}{{ m[9] }}{% else %}The C++ `{{ cpp }}::{{ m[1] }}`.{% endif %}{% if m[8] %}
    ///
    /// A C++ exception becomes `Err`.{% endif %}{% if kind == "counted" and m[5] == false %}
    ///
    /// `Err` once the object is closed.{% endif %}
    pub fn {{ m[2] }}({% unless m[5] %}&self{% if m[6].size > 0 %}, {% endif %}{% endunless %}{% for p in m[6] %}{{ p[0] }}: {{ p[1] }}{% unless forloop.last %}, {% endunless %}{% endfor %}){% if ret != "()" %} -> {{ ret }}{% endif %} {
        {% if kind == "counted" and m[5] == false %}let this = self.handle.lease()?;
        {% endif %}{% for p in m[6] %}{% if p[6] != "" %}{{ p[6] }}
        {% endif %}{% endfor %}{% if m[10] %}// SAFETY: the pointers come from live handles, which outlive the call.
        {% endif %}{% if r[0] == "void" %}{{ call }};{% if m[11] %}
        Ok(()){% endif %}{% elsif r[0] == "object" %}let raw = {{ call }};
        // SAFETY: the method returned a live object or null{% if r[5] == "from_adopted" %}, whose reference it hands over{% else %}; the handle adds a reference of its own{% endif %}.
        {% if m[11] %}let object = {% endif %}unsafe { {{ r[7] }}::{{ r[5] }}(raw) }{% if r[6] %}.expect("a C++ reference is never null"){% endif %}{% if m[11] %};
        Ok(object){% endif %}{% elsif m[11] %}let value = {{ call }};
        Ok(value){% else %}{{ call }}{% endif %}
    }
    // ANCHOR_END: method_{{ c[3] }}_{{ m[2] }}
{% endif %}{% endfor %}}

/// Two wrappers are equal when they {% if kind == "counted" %}are clones of one another: a closed one
/// holds no C++ object to compare.{% else %}hold the same C++ object.{% endif %}
impl PartialEq for {{ rust }} {
    fn eq(&self, other: &Self) -> bool {
        self.handle == other.handle
    }
}

impl Eq for {{ rust }} {}

/// Hashes what equality compares.
impl std::hash::Hash for {{ rust }} {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.handle.hash(state);
    }
}
{% if kept.size == 0 %}
/// Erases the handle to a type-tagged one (`{{ handle }}<{{ c[13] }}>`).
impl From<{{ rust }}> for refcount::AnyHandle {
    fn from(object: {{ rust }}) -> Self {
        refcount::Handle::erase(object.handle)
    }
}

/// Turns a type-tagged handle back into the `{{ rust }}` it was; any other is refused, intact.
impl TryFrom<refcount::AnyHandle> for {{ rust }} {
    type Error = refcount::DowncastError;

    fn try_from(any: refcount::AnyHandle) -> Result<Self, refcount::DowncastError> {
        any.downcast().map(|handle| {{ rust }} { handle })
    }
}
{% endif %}{% endfor %}

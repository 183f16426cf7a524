//! Safe Rust bindings to the `{{cpp_namespace}}` C++ library, through [`cxx`] and
//! [`refcount`] handles: every C++ object is released exactly once.
//!
//! | C++ class | Rust type | held through |
//! |---|---|---|
{% for c in class_list %}//! | `{{ c[1] }}` | [`{{ c[2] }}`] | `refcount::{{ c[5] }}` ({{ c[18] }}) |
{% endfor %}//!
//! The raw bridge is [`ffi`]; the header shims it binds are in `include/bridge.h`.{% for c in class_list %}{% if c[14] != "" %}{% assign shown = c %}{% break %}{% endif %}{% endfor %}{% if shown %}
//!
//! ```
//! use {{crate_name}}::*;
//!
//! let {{ shown[17] }} = {{ shown[14] }};
//! drop({{ shown[17] }}); // released here, exactly once
//! # Ok::<(), Error>(())
//! ```{% endif %}
#![deny(missing_docs)]

mod classes;
pub mod ffi;
mod native;

pub use classes::{ {% for c in class_list %}{{ c[2] }}{% unless forloop.last %}, {% endunless %}{% endfor %} };

/// What can go wrong when using the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A C++ function threw: its message.
    #[error("the C++ library failed: {0}")]
    Native(#[from] cxx::Exception),
    /// A handle could not be made or used (a null object, a closed one).
    #[error(transparent)]
    Handle(#[from] refcount::Error),
}

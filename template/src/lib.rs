{%- if language == "c" -%}
//! Safe Rust bindings to a C library, through [`refcount`] handles: every C object
//! is released exactly once.
//!
//! The bindings are generated at build time from `wrapper.toml` (`new-wrapper expand`
//! writes them out for reading): the types it names are re-exported here, with the
//! raw declarations as [`raw`] and the crate's [`Error`]. This file is yours: add
//! your own functions and modules beside the generated ones.
{%- else -%}
//! Safe Rust bindings to the `{{cpp_namespace}}` C++ library, through [`cxx`] and
//! [`refcount`] handles: every C++ object is released exactly once.
//!
//! The bindings are generated at build time from `wrapper.toml` (`new-wrapper expand`
//! writes them out for reading): the classes it names are re-exported here, with the
//! raw bridge as [`ffi`] and the crate's [`Error`]. This file is yours: add your own
//! functions and modules beside the generated ones.
{%- endif %}{% if sample %}
//!
//! ```
//! use {{crate_name}}::*;
//!
//! let dog = Dog::new()?;
//! drop(dog); // released here, exactly once
//! # Ok::<(), Error>(())
//! ```{% endif %}
#![deny(missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/refcount-build/lib.rs"));
}

pub use generated::*;

//! Safe Rust bindings to the `testnative` C++ library, through [`cxx`] and
//! [`refcount`] handles: every C++ object is released exactly once.
//!
//! The bindings are generated at build time from `wrapper.toml` (run
//! `new-wrapper expand` to read them); this file is yours to extend.
//!
//! ```
//! use dog_cxx::*;
//!
//! let dog = Dog::new()?;
//! drop(dog); // released here, exactly once
//! # Ok::<(), Error>(())
//! ```
#![deny(missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/refcount-build/lib.rs"));
}

pub use generated::*;

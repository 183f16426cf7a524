//! The C path: a wrapper of a C library, whose classes are opaque types and whose
//! methods are C functions (see the model's `c` module for the answers' forms).
//!
//! Nothing is compiled for it but the crate: the raw layer is generated from the
//! same typed model as the safe one, as `extern "C"` declarations when the library
//! is linked, or as a table of [`refcount::dynamic`] functions when it is loaded at
//! run time (`kind = "loaded"`), whose releases find the library in a `static`. The
//! two modes give the same safe types; in the loaded one, what loads the library
//! (an associated function with no object) returns `Result`.
//!
//! [`refcount::dynamic`]: https://docs.rs/refcount

pub mod generate;
pub mod plan;

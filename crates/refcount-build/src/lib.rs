//! Generates a wrapper crate's code from its `wrapper.toml`: the cxx bridge, the C++
//! shims, the `refcount::native_type!` descriptions, the safe types over them, and
//! tests. A build-dependency of the crate, as `cxx-build` is: the crate's `build.rs`
//! calls [`build()`], which writes the code into `OUT_DIR` and compiles the bridge;
//! the crate `include!`s it. Nothing generated lives in the crate's folder, so
//! hand-written code there is never overwritten, and an edit of `wrapper.toml` takes
//! effect at the next `cargo build`.
//!
//! The parts, in the order the code flows through them:
//!
//! - [`model`]: the typed description, [`Wrapper`]; `wrapper.toml` is its text form,
//!   and each class and method is one line of it (`FromStr` and `Display`).
//! - [`plan`]: every name, type and call of the generated code decided, and every
//!   refusal made, before anything is written.
//! - [`generate`]: the files' text.
//! - [`build()`] and [`expand()`]: where the files go.
#![deny(missing_docs)]

mod build;
mod error;
pub mod generate;
pub mod model;
pub mod naming;
pub mod plan;

pub use build::{build, expand, package_name, write, WRAPPER_TOML};
pub use error::{Error, Refusal, Result};
pub use model::{Class, Library, Method, Wrapper};
pub use plan::Plan;

//! Generates a wrapper crate's code from its `wrapper.toml`: the cxx bridge, the C++
//! shims, the `refcount::native_type!` descriptions, the safe types over them, and
//! tests. A build-dependency of the crate, as `cxx-build` is: the crate's `build.rs`
//! calls [`build()`], which writes the code into `OUT_DIR` and compiles the bridge;
//! the crate `include!`s it. Nothing generated lives in the crate's folder, so
//! hand-written code there is never overwritten, and an edit of `wrapper.toml` takes
//! effect at the next `cargo build`.
//!
//! # Why at build time
//!
//! A `cargo generate` template cannot run Rust code, and its hook language (Rhai)
//! hands the templates only strings, booleans and arrays: a generator there becomes
//! positional rows and a second parser. Generating at build time, as `cxx-build` and
//! `autocxx-build` do, keeps one generator in Rust for every way a crate is made
//! (plain `cargo generate`, `new-wrapper`, an edited `wrapper.toml`), keeps generated
//! and hand-written code apart by construction (the generated files live in
//! `OUT_DIR`; the crate's own files are never written after it is created), and
//! makes an edit of `wrapper.toml` one `cargo build` away. What it costs: the code is
//! not in the crate's folder to read (`new-wrapper expand` writes it out, and
//! `cargo doc` shows its API), and the crate builds one more small dependency.
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
pub mod c;
mod error;
pub mod generate;
pub mod model;
pub mod naming;
pub mod plan;

pub use build::{build, expand, files_of, package_name, write, WRAPPER_TOML};
pub use error::{Error, Refusal, Result};
pub use model::{Class, Library, Method, Wrapper};
pub use plan::Plan;

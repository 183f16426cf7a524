//! Native handles released exactly once.
//!
//! A Rust program that uses a C or C++ library holds pointers to native objects, and
//! must release each one exactly once: never too early (use after free), never
//! twice (double free), never not at all (leak), never on a thread the library
//! forbids, never after the library was unloaded. This crate makes that the
//! compiler's job. Describe a native type once with [`Native`] (and [`NativeCounted`]
//! if it counts its own references), then hold it through a handle:
//!
//! | handle | for | clone | release |
//! |---|---|---|---|
//! | [`Owned`] | one owner | not `Clone` | on drop |
//! | [`Shared`] | objects with their own (intrusive) count | adds a native reference | one native reference per drop |
//! | [`Counted`] | objects without a count, used from several places | atomic count in Rust | once, at the last drop or at [`Counted::close`] |
//! | [`Borrowed`] | objects the library only lends | `Copy`, lifetime-bound | never |
//!
//! A [`Counted`] object is used through a [`Lease`] (one call) or a [`Kept`] (as long
//! as another object needs it alive); both hold off [`Counted::close`].
//! [`native_type!`] writes the description in one invocation, and [`Holds`] lets a
//! wrapper write its methods once for owned and borrowed objects. Around them:
//! - [`any`]: type tags for C APIs that only speak `void*` (erased handles, checked on
//!   the way back, and a factory that wraps a pointer by the type id the library names);
//! - [`leak`] (feature `leak-check`): assert in tests that nothing leaked;
//! - [`dynamic`] (feature `dynamic`): find and load a shared library, with function
//!   pointers that cannot outlive it.
//!
//! # Threads
//!
//! Handles are [`Send`] and [`Sync`] only when the wrapper's author declares the native
//! type thread-safe with [`SendNative`] and [`SyncNative`]; counts are atomic, and a
//! release runs exactly once whatever the interleaving. Without the declarations a
//! handle stays on its thread:
//!
//! ```compile_fail
//! # use refcount::doc_support::Widget;
//! fn send<T: Send>(_: T) {}
//! // SAFETY: a fresh widget.
//! let widget = unsafe { refcount::Owned::<Widget>::adopt(Widget::create()) }.unwrap();
//! send(widget); // error: `Widget` is not declared `SendNative`
//! ```
//!
//! # When a release panics
//!
//! A handle marks its reference as gone *before* it calls [`Native::release`], so a
//! release that panics (or a native call that fails) is never run a second time; the
//! panic propagates from the `drop` or [`Counted::close`] that triggered it, and the
//! object may leak. If that drop already runs during unwinding, Rust aborts the
//! process: keep releases from panicking, and report native errors another way.
//!
//! # Features
//!
//! - `std` (default): leak checks and dynamic loading need it; without it the crate is
//!   `no_std` with `alloc`.
//! - `leak-check`: per-type counts of live native references, for tests.
//! - `dynamic`: library search and loading through `libloading`.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;

pub mod any;
mod borrowed;
mod counted;
mod describe;
mod error;
mod identity;
mod native;
mod opaque;
mod owned;
mod shared;
mod sync;
mod tied;
mod track;

#[cfg(feature = "dynamic")]
pub mod dynamic;
#[cfg(feature = "leak-check")]
pub mod leak;

#[doc(hidden)]
pub mod doc_support;

/// What [`native_type!`] expands to and no user names.
#[doc(hidden)]
pub mod __private {
    /// The declarations `native_type!` accepts after a type's name, by that name.
    pub mod declarable {
        pub use crate::{SendNative as Send, SyncNative as Sync};
    }
}

pub use borrowed::{Borrowed, Holds};
pub use counted::{Counted, IntoRawError, Kept, Lease, WeakCounted};
pub use error::{Error, Result};
pub use native::{Native, NativeCounted, SendNative, SyncNative};
pub use opaque::{Opaque, OpaqueRaw};
pub use owned::Owned;
pub use shared::Shared;
pub use tied::Tied;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

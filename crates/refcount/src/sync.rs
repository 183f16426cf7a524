//! The atomics and `Arc` behind `Counted`: the standard ones, or loom's when the
//! crate is built with `--cfg loom` for its model-checking test (`tests/loom.rs`).

#[cfg(not(loom))]
pub(crate) use alloc::sync::{Arc, Weak};
#[cfg(not(loom))]
pub(crate) use core::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
#[cfg(loom)]
pub(crate) use loom::sync::Arc;

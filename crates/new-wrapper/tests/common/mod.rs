//! What the command's tests share.

use std::path::{Path, PathBuf};

/// The kit's root folder: the checkout these tests run in.
pub fn kit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

//! Packs the kit's template into the binary, so that an installed `new-wrapper` needs
//! no checkout: every file under `template/` becomes an `include_bytes!` entry of
//! `$OUT_DIR/template.rs`, which `src/template.rs` includes.
//!
//! `template` is a link to the kit's `template` folder (the packaged crate holds a
//! copy); where links are not checked out as links (Windows without developer mode),
//! the kit's folder is read directly.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = [manifest.join("template"), manifest.join("../../template")]
        .into_iter()
        .find(|dir| dir.join("cargo-generate.toml").is_file())
        .expect("the template is in `template/` (a link to the kit's `template` folder)");
    // A folder: cargo reruns this script when any file below it changes.
    println!("cargo:rerun-if-changed={}", root.display());

    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for (relative, absolute) in &files {
        writeln!(code, "    ({relative:?}, include_bytes!({absolute:?})),").unwrap();
    }
    code.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("template.rs"), code).expect("OUT_DIR is writable");
}

/// Every file below `dir`, as (path relative to `root` with `/`, absolute path),
/// leaving out build output (`target`).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("the template folder {} is readable: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a template entry is readable").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("below the template root");
            let relative = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let absolute = path.canonicalize().expect("a template file exists");
            files.push((relative, absolute.display().to_string()));
        }
    }
}

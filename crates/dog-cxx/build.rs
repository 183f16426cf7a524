//! Generates the bindings from `wrapper.toml` into the build folder, and compiles
//! them with the C++ library: `cargo build` after an edit of `wrapper.toml` is all
//! it takes. `new-wrapper expand` writes the generated code out for reading.

fn main() {
    if let Err(err) = refcount_build::build() {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

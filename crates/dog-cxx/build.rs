//! Generates the bindings from `wrapper.toml`, and compiles them with the C++ library.

fn main() {
    if let Err(err) = refcount_build::build() {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

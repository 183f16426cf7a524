{%- if library == "bundled" -%}
//! Compiles the C++ library and the bridge into this crate.

/// Where the C++ library's sources live, relative to this crate.
const NATIVE: &str = "{{cpp_dir}}";
const SOURCES: [&str; 3] = ["reference_counter", "dog", "owner"];

fn main() {
    let sources: Vec<String> = SOURCES
        .iter()
        .map(|s| format!("{NATIVE}/src/{s}.cpp"))
        .collect();
    cxx_build::bridge("src/lib.rs")
        .file("src/bridge.cc")
        .files(&sources)
        .include(format!("{NATIVE}/include"))
        .define("{{cpp_macro}}_STATIC", None)
        .std("c++17")
        .compile("{{project-name}}");

    for path in ["src/lib.rs", "src/bridge.cc", "include/bridge.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed={NATIVE}/include");
    for source in &sources {
        println!("cargo:rerun-if-changed={source}");
    }
}
{%- else -%}
//! Compiles the bridge, and links the prebuilt C++ library.

use std::path::Path;

/// The folder with the library's headers (it holds `{{cpp_folder}}/dog.hpp`).
const INCLUDE_DIR: &str = "{{include_dir}}";
/// The library's name: `lib{{lib_name}}.so` or `lib{{lib_name}}.a`.
const LIB_NAME: &str = "{{lib_name}}";
/// The folder with the library's file.
const LIB_DIR: &str = "{{lib_dir}}";

fn main() {
    for (dir, question) in [(INCLUDE_DIR, "include_dir"), (LIB_DIR, "lib_dir")] {
        assert!(
            Path::new(dir).is_dir(),
            "the folder `{dir}` does not exist: fix `{question}` in build.rs"
        );
    }
    cxx_build::bridge("src/lib.rs")
        .file("src/bridge.cc")
        .include(INCLUDE_DIR)
        .std("c++17")
        .compile("{{project-name}}");

    println!("cargo:rustc-link-search=native={LIB_DIR}");
    println!("cargo:rustc-link-lib={LIB_NAME}");
    // A shared library is found at run time where it was found at build time.
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("unix") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{LIB_DIR}");
    }
    for path in ["src/lib.rs", "src/bridge.cc", "include/bridge.h", INCLUDE_DIR] {
        println!("cargo:rerun-if-changed={path}");
    }
}
{%- endif %}

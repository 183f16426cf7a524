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
    cxx_build::bridge("src/ffi.rs")
        .files(&sources)
        .include(format!("{NATIVE}/include"))
        .define("{{cpp_macro}}_STATIC", None)
        .std("c++17")
        .compile("{{crate_name}}_bridge");

    for path in ["src/ffi.rs", "include/bridge.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed={NATIVE}/include");
    for source in &sources {
        println!("cargo:rerun-if-changed={source}");
    }
}
{%- elsif library == "existing" -%}
//! Compiles the bridge, and links the prebuilt C++ library.

use std::path::Path;

/// The folder with the library's headers.
const INCLUDE_DIR: &str = "{{include_dir}}";
/// The headers the bridge includes, relative to `INCLUDE_DIR`.
const HEADERS: &[&str] = &[{% for header in header_list %}"{{ header }}", {% endfor %}];
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
    for header in HEADERS {
        assert!(
            Path::new(INCLUDE_DIR).join(header).is_file(),
            "the header `{header}` is not in `{INCLUDE_DIR}`: fix `HEADERS` in build.rs"
        );
    }
    cxx_build::bridge("src/ffi.rs")
        .include(INCLUDE_DIR)
        .std("c++17")
        .compile("{{crate_name}}_bridge");

    println!("cargo:rustc-link-search=native={LIB_DIR}");
    println!("cargo:rustc-link-lib={LIB_NAME}");
    // A shared library is found at run time where it was found at build time, with
    // no LD_LIBRARY_PATH to set.
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("unix") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{LIB_DIR}");
    }
    for path in ["src/ffi.rs", "include/bridge.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    for header in HEADERS {
        println!("cargo:rerun-if-changed={INCLUDE_DIR}/{header}");
    }
}
{%- else -%}
//! Compiles the bridge, and links the C++ library that pkg-config finds.

/// The library's pkg-config package.
const PACKAGE: &str = "{{pkg_config}}";

fn main() {
    // pkg-config prints the link flags for cargo, and says where the headers are.
    let library = match pkg_config::Config::new().probe(PACKAGE) {
        Ok(library) => library,
        Err(err) => panic!(
            "pkg-config cannot find `{PACKAGE}`: install its development package, or \
             point PKG_CONFIG_PATH at the folder of its `{PACKAGE}.pc`\n{err}"
        ),
    };
    cxx_build::bridge("src/ffi.rs")
        .includes(&library.include_paths)
        .std("c++17")
        .compile("{{crate_name}}_bridge");

    // A shared library is found at run time where it was found at build time, with
    // no LD_LIBRARY_PATH to set.
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("unix") {
        for dir in &library.link_paths {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
        }
    }
    for path in ["src/ffi.rs", "include/bridge.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
{%- endif %}

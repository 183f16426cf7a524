//! Compiles the C++ library and the bridge into this crate.

/// Where the C++ library's sources live, relative to this crate.
const NATIVE: &str = "../../native-cpp";
const SOURCES: [&str; 3] = ["reference_counter", "dog", "owner"];

fn main() {
    let sources: Vec<String> = SOURCES
        .iter()
        .map(|s| format!("{NATIVE}/src/{s}.cpp"))
        .collect();
    cxx_build::bridge("src/ffi.rs")
        .files(&sources)
        .include(format!("{NATIVE}/include"))
        .define("TESTNATIVE_STATIC", None)
        .std("c++17")
        .compile("dog_cxx_bridge");

    for path in ["src/ffi.rs", "include/bridge.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed={NATIVE}/include");
    for source in &sources {
        println!("cargo:rerun-if-changed={source}");
    }
}

//! Builds the sample C++ library as a shared library, for the crate to load at run
//! time, then generates the bindings from `wrapper.toml` (as every generated crate's
//! build script does).
//!
//! Nothing is linked: the crate finds `libtestnative` when it runs, as a program
//! finds a library installed on the system. The folder built here is one of the
//! places the generated `search()` looks (`TESTNATIVE_BUILD_DIR`).

use std::path::PathBuf;
use std::process::Command;

const NATIVE: &str = "../../native-cpp";
const SOURCES: [&str; 4] = ["reference_counter", "dog", "owner", "c_api"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let file = format!(
        "{}testnative{}",
        if target.contains("windows") {
            ""
        } else {
            "lib"
        },
        if target.contains("windows") {
            ".dll"
        } else if target.contains("apple") {
            ".dylib"
        } else {
            ".so"
        }
    );

    // `cc` knows the right compiler and flags for the target; it only builds static
    // archives, so it is asked for the compiler and the link is done here.
    let compiler = cc::Build::new().cpp(true).std("c++17").get_compiler();
    let mut command: Command = compiler.to_command();
    // The optimisation level of the cargo profile, as `cc` would use for a static build.
    let opt = std::env::var("OPT_LEVEL").unwrap_or_else(|_| "0".to_owned());
    command
        .args(["-shared", "-fPIC", "-fvisibility=hidden"])
        .arg(format!("-O{opt}"))
        // Calls between the library's own exported functions stay direct, as in a
        // static build, instead of going through the PLT.
        .arg("-fno-semantic-interposition");
    if !target.contains("apple") && !target.contains("windows") {
        command.arg("-Wl,-Bsymbolic-functions");
    }
    command
        .arg(format!("-I{NATIVE}/include"))
        .args(SOURCES.iter().map(|s| format!("{NATIVE}/src/{s}.cpp")))
        .arg("-o")
        .arg(out.join(&file));
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C++ compiler: {e}"));
    assert!(status.success(), "building {file} failed: {command:?}");

    println!("cargo:rustc-env=TESTNATIVE_BUILD_DIR={}", out.display());
    println!("cargo:rerun-if-changed={NATIVE}/include");
    println!("cargo:rerun-if-changed={NATIVE}/src");

    if let Err(err) = refcount_build::build() {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

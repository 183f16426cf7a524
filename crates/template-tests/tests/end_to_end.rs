//! End to end: generate a crate, then build it and run its tests and example with
//! cargo, offline, as a user would. The generated crates share one target folder
//! (`target/template-e2e`) so that their dependencies build once.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use new_wrapper::{Answers, Library, RefcountSource};
use template_tests::{kit_root, render};

/// Runs `cargo ARGS` in `dir`, failing the test with cargo's output if it fails.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", kit_root().join("target/template-e2e"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
    eprintln!(
        "`cargo {}` in {}: {:.1?}",
        args.join(" "),
        dir.display(),
        start.elapsed()
    );
    stdout
}

/// This kit's `refcount`, by absolute path: the generated crates live elsewhere.
fn kit_refcount() -> RefcountSource {
    RefcountSource::Path(kit_root().join("crates/refcount").display().to_string())
}

fn build_test_and_walk(answers: &Answers) {
    let rendered = render(answers);
    let tests = cargo(&rendered.root, &["test"]);
    let written = std::fs::read_to_string(rendered.root.join("tests/dogs.rs")).unwrap();
    let expected = format!(
        "test result: ok. {} passed",
        written.matches("#[test]").count()
    );
    assert!(
        tests.contains(&expected),
        "expected `{expected}` in:\n{tests}"
    );
    let walk = cargo(&rendered.root, &["run", "--example", "walk"]);
    assert!(
        walk.contains("the owner is gone, and the dog with it: 0 dog(s), 0 owner(s)"),
        "{walk}"
    );
}

#[test]
fn the_default_crate_builds_passes_its_tests_and_walks() {
    build_test_and_walk(&Answers {
        refcount: kit_refcount(),
        ..Answers::defaults("e2e-defaults")
    });
}

#[test]
fn a_nested_namespace_crate_builds_and_passes_its_tests() {
    build_test_and_walk(&Answers {
        cpp_namespace: "acme::zoo".to_owned(),
        refcount: kit_refcount(),
        ..Answers::defaults("e2e-zoo")
    });
}

#[test]
fn an_existing_library_crate_links_a_prebuilt_library() {
    // The prebuilt library: the kit's native-cpp, compiled as a shared library.
    let lib_dir = tempfile::tempdir().unwrap();
    let native = kit_root().join("native-cpp");
    let sources =
        ["reference_counter", "dog", "owner", "c_api"].map(|s| native.join(format!("src/{s}.cpp")));
    let compiler = std::env::var("CXX").unwrap_or_else(|_| "c++".to_owned());
    let status = Command::new(&compiler)
        .args([
            "-std=c++17",
            "-shared",
            "-fPIC",
            "-fvisibility=hidden",
            "-O1",
        ])
        .arg(format!("-I{}", native.join("include").display()))
        .args(&sources)
        .arg("-o")
        .arg(lib_dir.path().join("libtestnative.so"))
        .status()
        .expect("a C++ compiler");
    assert!(status.success(), "building the prebuilt library failed");

    build_test_and_walk(&Answers {
        library: Library::Existing {
            include_dir: native.join("include"),
            lib_name: "testnative".to_owned(),
            lib_dir: lib_dir.path().to_owned(),
        },
        refcount: kit_refcount(),
        ..Answers::defaults("e2e-existing")
    });
}

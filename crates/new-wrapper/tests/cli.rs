//! The `new-wrapper` command as a user runs it: its help, its dry run, and what it
//! leaves behind when it refuses.

use std::path::Path;
use std::process::{Command, Output};

use new_wrapper::kit_root;

fn new_wrapper(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_new-wrapper"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("new-wrapper runs")
}

#[test]
fn the_help_shows_a_library_that_is_not_the_sample() {
    let out = new_wrapper(&["--help"], &kit_root());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(help.contains("--header geo/shape.hpp"), "{help}");
    assert!(
        help.contains("--class 'shape=intrusive(retain,release) new(double)'"),
        "{help}"
    );
    assert!(help.contains("--dry-run"), "{help}");
}

/// A dry run over the test library `geo`'s header, in `parent`, with `extra` flags.
fn geo_dry_run(parent: &Path, extra: &[&str]) -> Output {
    let include = kit_root().join("crates/template-tests/libraries/geo/include");
    let mut args = vec![
        "geo-wrapper",
        "--header",
        "geo/shape.hpp",
        "--include-dir",
        include.to_str().unwrap(),
        "--lib-dir",
        parent.to_str().unwrap(),
        "--lib-name",
        "geo",
        "--dry-run",
    ];
    args.extend_from_slice(extra);
    new_wrapper(&args, parent)
}

#[test]
fn a_dry_run_prints_the_answers_as_a_values_file_and_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let out = geo_dry_run(parent.path(), &[]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let values: toml::Table = stdout.parse().expect("the dry run prints TOML");
    let values = values["values"].as_table().unwrap();
    assert_eq!(values["cpp_namespace"].as_str(), Some("geo"));
    assert_eq!(values["library"].as_str(), Some("existing"));
    assert!(values["classes"]
        .as_str()
        .unwrap()
        .starts_with("shape=intrusive(retain,release)"));
    // Its members, and the free functions that make a shape (`square`, `make_rectangle`).
    assert_eq!(values["methods"].as_str().unwrap().lines().count(), 18);
    assert!(stderr.contains("class shape"), "{stderr}");
    assert!(stderr.contains("18 method(s)"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(parent.path()).unwrap().count(),
        0,
        "a dry run writes nothing"
    );
}

#[test]
fn an_answered_method_replaces_the_one_read_with_the_same_parameter_types() {
    let parent = tempfile::tempdir().unwrap();
    let out = geo_dry_run(
        parent.path(),
        &["--method", "shape.scale(double) throws as grow"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let values: toml::Table = String::from_utf8(out.stdout).unwrap().parse().unwrap();
    let methods = values["values"]["methods"].as_str().unwrap().to_owned();
    assert_eq!(methods.lines().count(), 18, "{methods}");
    assert!(
        methods.contains("shape.scale(double) throws as grow"),
        "{methods}"
    );
    assert!(!methods.contains("shape.scale(double factor)"), "{methods}");
    assert!(
        methods.contains("shape.scale(double fx, double fy)"),
        "{methods}"
    );
}

#[test]
fn a_header_that_does_not_compile_is_shown_and_nothing_is_written() {
    let parent = tempfile::tempdir().unwrap();
    let include = parent.path().join("include");
    std::fs::create_dir_all(include.join("oops")).unwrap();
    std::fs::write(
        include.join("oops/oops.hpp"),
        "#pragma once\nnamespace oops { class thing { int x } }\n",
    )
    .unwrap();
    let out = new_wrapper(
        &[
            "oops-wrapper",
            "--header",
            "oops/oops.hpp",
            "--include-dir",
            "include",
            "--lib-dir",
            "include",
            "--lib-name",
            "oops",
        ],
        parent.path(),
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: the headers do not compile:"),
        "{stderr}"
    );
    assert!(stderr.contains("oops/oops.hpp:2:"), "{stderr}");
    assert!(!parent.path().join("oops-wrapper").exists());
    let left: Vec<_> = std::fs::read_dir(parent.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["include"], "nothing but the test's own folder");
}

#[test]
fn a_library_of_yours_needs_its_headers_and_answers_need_a_library() {
    let parent = tempfile::tempdir().unwrap();
    let out = new_wrapper(&["x", "--class", "shape=unique"], parent.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--header, --class and --method describe a library of yours"));
    let out = new_wrapper(
        &["x", "--pkg-config", "definitely-not-a-package"],
        parent.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("pkg-config does not know `definitely-not-a-package`"));
}

#[test]
fn expand_writes_out_what_a_generated_crates_build_generates() {
    let parent = tempfile::tempdir().unwrap();
    let out = new_wrapper(&["sample", "--no-build", "--no-ci"], parent.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let crate_dir = parent.path().join("sample");
    let out = new_wrapper(&["expand", crate_dir.to_str().unwrap()], parent.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = listed.lines().collect();
    assert_eq!(files.len(), 7, "{listed}");
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("// Generated by refcount-build from wrapper.toml: do not edit"),
            "{file}"
        );
        assert!(file.starts_with(crate_dir.join("target/expanded").to_str().unwrap()));
    }
    let classes = std::fs::read_to_string(crate_dir.join("target/expanded/classes.rs")).unwrap();
    assert!(classes.contains("pub struct Dog {"), "{classes}");
}

//! The `new-wrapper` command as a user runs it: its help, its dry run, and what it
//! leaves behind when it refuses.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::kit_root;

fn new_wrapper(args: &[&str], cwd: &Path) -> Output {
    new_wrapper_with(args, cwd, &[])
}

/// [`new_wrapper`] with environment variables set.
fn new_wrapper_with(args: &[&str], cwd: &Path, vars: &[(&str, &Path)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_new-wrapper"))
        .args(args)
        .current_dir(cwd)
        .envs(vars.iter().copied())
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
    geo_dry_run_with(parent, extra, &[])
}

/// [`geo_dry_run`] with environment variables set.
fn geo_dry_run_with(parent: &Path, extra: &[&str], vars: &[(&str, &Path)]) -> Output {
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
    new_wrapper_with(&args, parent, vars)
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

/// The dependency lines of a crate generated with `extra` flags (the sample, not
/// built), from its `Cargo.toml`.
fn generated_dependencies(extra: &[&str]) -> (String, String) {
    let parent = tempfile::tempdir().unwrap();
    let mut args = vec!["sample", "--no-build", "--no-ci"];
    args.extend_from_slice(extra);
    let out = new_wrapper(&args, parent.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = std::fs::read_to_string(parent.path().join("sample/Cargo.toml")).unwrap();
    let line = |name: &str| {
        manifest
            .lines()
            .find(|line| line.starts_with(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("no {name} in {manifest}"))
            .to_owned()
    };
    (line("refcount"), line("refcount-build"))
}

#[test]
fn a_generated_crate_depends_on_the_kits_version_unless_told_otherwise() {
    let version = env!("CARGO_PKG_VERSION");
    let (refcount, build) = generated_dependencies(&[]);
    assert_eq!(
        refcount,
        format!("refcount = {{ version = \"{version}\" }}")
    );
    assert_eq!(
        build,
        format!("refcount-build = {{ version = \"{version}\" }}")
    );

    let checkout = kit_root().join("crates/refcount").canonicalize().unwrap();
    let (refcount, build) =
        generated_dependencies(&["--refcount-path", checkout.to_str().unwrap()]);
    let sibling = checkout.with_file_name("refcount-build");
    let (checkout, sibling) = (checkout.display(), sibling.display());
    assert_eq!(refcount, format!("refcount = {{ path = \"{checkout}\" }}"));
    assert_eq!(
        build,
        format!("refcount-build = {{ path = \"{sibling}\" }}")
    );

    let (refcount, _) = generated_dependencies(&["--refcount-version", "=0.1.0"]);
    assert_eq!(refcount, "refcount = { version = \"=0.1.0\" }");

    let parent = tempfile::tempdir().unwrap();
    let out = new_wrapper(
        &[
            "x",
            "--refcount-path",
            "a",
            "--refcount-git",
            "b",
            "--dry-run",
        ],
        parent.path(),
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot be used with"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_command_carries_the_template_and_renders_another_folder_when_told() {
    // From a folder with no template anywhere near: the carried one.
    let parent = tempfile::tempdir().unwrap();
    let out = new_wrapper(&["carried", "--no-build", "--no-ci"], parent.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let readme = std::fs::read_to_string(parent.path().join("carried/README.md")).unwrap();
    assert!(readme.starts_with("# carried"), "{readme}");

    // --template: a modified copy.
    let copy = parent.path().join("my-template");
    new_wrapper::template::write_to(&copy).unwrap();
    let liquid = copy.join("README.md.liquid");
    let text = std::fs::read_to_string(&liquid).unwrap();
    std::fs::write(&liquid, format!("Made from my own template.\n{text}")).unwrap();
    let out = new_wrapper(
        &[
            "mine",
            "--no-build",
            "--no-ci",
            "--template",
            copy.to_str().unwrap(),
        ],
        parent.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let readme = std::fs::read_to_string(parent.path().join("mine/README.md")).unwrap();
    assert!(readme.starts_with("Made from my own template."), "{readme}");

    let out = new_wrapper(&["none", "--template", "no/such/folder"], parent.path());
    assert!(!out.status.success());
    assert!(!parent.path().join("none").exists());
}

/// [`geo_dry_run`] where libclang cannot be loaded: `LIBCLANG_PATH`, when set, is
/// the only place searched.
fn without_libclang(parent: &Path, extra: &[&str]) -> Output {
    let nowhere = parent.join("no-libclang-here");
    geo_dry_run_with(parent, extra, &[("LIBCLANG_PATH", &nowhere)])
}

#[test]
fn without_libclang_the_message_says_how_to_install_it_and_answers_still_work() {
    let parent = tempfile::tempdir().unwrap();
    let out = without_libclang(parent.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for hint in [
        "reading headers needs libclang",
        "apt-get install libclang-dev",
        "dnf install clang-devel",
        "brew install llvm",
        "winget install LLVM.LLVM",
        "LIBCLANG_PATH",
        "--class",
    ] {
        assert!(stderr.contains(hint), "no `{hint}` in: {stderr}");
    }

    let out = without_libclang(
        parent.path(),
        &[
            "--namespace",
            "geo",
            "--class",
            "shape=intrusive(retain,release) new(double)",
            "--method",
            "shape.area() const -> double",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("libclang could not be loaded"), "{stderr}");
    let values: toml::Table = String::from_utf8(out.stdout).unwrap().parse().unwrap();
    assert_eq!(
        values["values"]["methods"].as_str(),
        Some("shape.area() const -> double\n")
    );
}

//! Helpers for the template's tests: render an answer set into a temporary folder
//! and read the result back, and build the C++ libraries the tests wrap.
#![deny(missing_docs)]

pub mod libraries;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub use new_wrapper::set_author;

use new_wrapper::{generate, generate_with_defines, Answers};
use refcount_build::{Plan, Wrapper, WRAPPER_TOML};
use tempfile::TempDir;

/// The kit's root folder: the checkout these tests run in.
pub fn kit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the kit's folder exists")
}

/// The checkout's template folder: what the kit's tests render (`new-wrapper`
/// carries the same files: `crates/new-wrapper/tests/carried.rs` proves it).
pub fn template_dir() -> PathBuf {
    kit_root().join("template")
}

/// A crate rendered from the template, in a temporary folder removed on drop.
pub struct Rendered {
    _dir: TempDir,
    /// The generated crate's folder.
    pub root: PathBuf,
}

/// Renders the template with `answers`, into a fresh temporary folder outside the
/// kit's workspace (so cargo-generate does not add it to the workspace).
pub fn render(answers: &Answers) -> Rendered {
    render_from(&template_dir(), answers)
}

/// Renders the template in the folder `template` with `answers`, as [`render`] does.
pub fn render_from(template: &Path, answers: &Answers) -> Rendered {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join(&answers.name);
    let root =
        generate(template, answers, &root).unwrap_or_else(|e| panic!("generation failed: {e}"));
    Rendered { _dir: dir, root }
}

/// Renders the template for crate `name` with nothing answered but `defines`.
pub fn render_defines(name: &str, defines: Vec<String>) -> Rendered {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = generate_with_defines(&template_dir(), name, defines, &dir.path().join(name))
        .unwrap_or_else(|e| panic!("generation failed: {e}"));
    Rendered { _dir: dir, root }
}

/// Every file under `root`, by its path relative to `root` (with `/`), with its text.
pub fn files(root: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    collect(root, root, &mut found);
    found
}

fn collect(root: &Path, dir: &Path, found: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "Cargo.lock" {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, found);
        } else {
            let relative = path.strip_prefix(root).expect("under root");
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            found.insert(key, text);
        }
    }
}

/// The template's form of a file of `native-cpp`: the names that the
/// `cpp_namespace` answer changes become placeholders. Rendering it with the default
/// namespace gives the file back.
pub fn templatize_cpp(text: &str) -> String {
    text.replace("TESTNATIVE", "{{cpp_macro}}")
        .replace("testnative/", "{{cpp_folder}}/")
        .replace("testnative", "{{cpp_namespace}}")
}

/// Runs `cargo ARGS --offline` in `dir`, with the generated crates' shared target
/// folder and the variables `env`, failing the test with cargo's output if it fails.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> String {
    let start = Instant::now();
    let mut command = Command::new(env!("CARGO"));
    // `--offline` right after the subcommand: anything after `--` is the tool's.
    command
        .args(&args[..1])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", kit_root().join("target/template-e2e"));
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("cargo runs");
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

/// Generates the crate, runs its tests (checking that each one ran and passed) and
/// its tour, and returns the tour's output.
pub fn build_and_test(answers: &Answers, env: &[(&str, &Path)]) -> String {
    test_rendered(&render(answers), env)
}

/// How many tests the generated `tests.rs` of the crate at `root` holds.
pub fn tested(root: &Path) -> usize {
    let wrapper = Wrapper::load(&root.join(WRAPPER_TOML))
        .unwrap_or_else(|e| panic!("the generated wrapper.toml loads: {e}"));
    let name = refcount_build::package_name(root).expect("a package name");
    match wrapper.language {
        refcount_build::model::Language::C => {
            let plan = refcount_build::c::plan::Plan::new(&wrapper, &name)
                .expect("the generated wrapper.toml plans");
            refcount_build::c::generate::tested(&plan)
        }
        refcount_build::model::Language::Cpp => plan(root)
            .classes
            .iter()
            .filter(|class| class.tested())
            .count(),
    }
}

/// The plan of the generated code of the crate at `root`, as its build makes it.
pub fn plan(root: &Path) -> Plan {
    let wrapper = Wrapper::load(&root.join(WRAPPER_TOML))
        .unwrap_or_else(|e| panic!("the generated wrapper.toml loads: {e}"));
    let name = refcount_build::package_name(root).expect("a package name");
    Plan::new(&wrapper, &name).expect("the generated wrapper.toml plans")
}

/// [`build_and_test`] for a crate already rendered (and perhaps added to): the
/// generated tests (one per class they make or call the static functions of) and
/// the bundled sample's own each ran and passed.
pub fn test_rendered(rendered: &Rendered, env: &[(&str, &Path)]) -> String {
    let tests = cargo(&rendered.root, &["test"], env);
    let made = tested(&rendered.root);
    let mut expected = vec![format!("test result: ok. {made} passed")];
    if let Ok(sample) = std::fs::read_to_string(rendered.root.join("tests/sample.rs")) {
        let count = sample.matches("#[test]").count();
        expected.push(format!("test result: ok. {count} passed"));
    }
    for expected in expected {
        assert!(
            tests.contains(&expected),
            "expected `{expected}` in:\n{tests}"
        );
    }
    cargo(&rendered.root, &["run", "--example", "tour"], env)
}

/// Runs the crate's own test file `tests/<name>.rs` (written by hand, as a user
/// would), and checks that each of its tests ran and passed.
pub fn run_own_test(root: &Path, name: &str) {
    let file = root.join("tests").join(format!("{name}.rs"));
    let source =
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let count = source.matches("#[test]").count();
    let out = cargo(root, &["test", "--test", name], &[]);
    let expected = format!("test result: ok. {count} passed");
    assert!(out.contains(&expected), "expected `{expected}` in:\n{out}");
}

/// The files of a generated crate as a user reads them: its own files (the bundled
/// C++ sources aside: a test checks them against the kit's), and the code its build
/// generates, under `generated/`.
pub fn crate_and_generated(root: &Path) -> BTreeMap<String, String> {
    let mut found: BTreeMap<String, String> = files(root)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("cpp/"))
        .collect();
    let wrapper = Wrapper::load(&root.join(WRAPPER_TOML))
        .unwrap_or_else(|e| panic!("the generated wrapper.toml loads: {e}"));
    let name = refcount_build::package_name(root).expect("a package name");
    let generated = refcount_build::files_of(&wrapper, &name, Default::default())
        .unwrap_or_else(|e| panic!("the generated wrapper.toml plans: {e}"));
    for file in generated {
        found.insert(format!("generated/{}", file.name), file.text);
    }
    found
}

/// `text` as a regular expression that matches it literally: for insta's filters.
pub fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

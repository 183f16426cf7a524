//! Every generated file, for each meaningful answer set, as insta snapshots.
//!
//! A change in the template's output fails here (in CI, insta refuses to write new
//! snapshots). Review an intended change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test -p template-tests --test snapshots`.

use new_wrapper::{Answers, Library, RefcountSource};
use template_tests::{files, render};

fn snapshot_all(set: &str, answers: &Answers, filters: &[(&str, &str)]) {
    let rendered = render(answers);
    let generated = files(&rendered.root);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    for (pattern, replacement) in filters {
        settings.add_filter(&regex_escape(pattern), *replacement);
    }
    settings.bind(|| {
        let list: Vec<&str> = generated.keys().map(String::as_str).collect();
        insta::assert_snapshot!(format!("{set}__files"), list.join("\n"));
        for (path, text) in &generated {
            insta::assert_snapshot!(format!("{set}__{}", path.replace('/', "__")), text);
        }
    });
}

fn regex_escape(text: &str) -> String {
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

#[test]
fn defaults() {
    snapshot_all("defaults", &Answers::defaults("my-wrapper"), &[]);
}

#[test]
fn another_name_and_a_nested_namespace() {
    let answers = Answers {
        cpp_namespace: "acme::zoo".to_owned(),
        refcount: RefcountSource::Version("0.1".to_owned()),
        ..Answers::defaults("zoo-bindings")
    };
    snapshot_all("nested_namespace", &answers, &[]);
}

#[test]
fn existing_library() {
    let include = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let answers = Answers {
        library: Library::Existing {
            include_dir: include.path().to_owned(),
            lib_name: "testnative".to_owned(),
            lib_dir: lib.path().to_owned(),
        },
        refcount: RefcountSource::Git("https://github.com/refcount-kit/refcount".to_owned()),
        ..Answers::defaults("my-wrapper")
    };
    let (include, lib) = (
        include.path().display().to_string(),
        lib.path().display().to_string(),
    );
    snapshot_all(
        "existing_library",
        &answers,
        &[(&include, "[INCLUDE_DIR]"), (&lib, "[LIB_DIR]")],
    );
}

#[test]
fn no_ci_workflow() {
    let answers = Answers {
        ci: false,
        ..Answers::defaults("my-wrapper")
    };
    snapshot_all("no_ci", &answers, &[]);
}

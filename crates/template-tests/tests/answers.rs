//! Bad answers stop generation with a message that names the question and what is
//! allowed, and leave nothing behind.

use std::path::Path;

use new_wrapper::{generate, template_dir, Answers, Error, Library, RefcountSource};
use template_tests::set_author;

/// Generates into a fresh folder; returns the refusal and checks nothing was left.
fn refused(answers: &Answers) -> String {
    set_author();
    let parent = tempfile::tempdir().unwrap();
    let destination = parent.path().join("out");
    let err =
        generate(&template_dir(), answers, &destination).expect_err("the answers must be refused");
    let leftovers: Vec<_> = std::fs::read_dir(parent.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers.is_empty(),
        "a refused generation left {leftovers:?} behind"
    );
    match err {
        Error::Answer(message) => message,
        other => panic!("expected a refused answer, got: {other}"),
    }
}

#[test]
fn an_invalid_crate_name_is_refused() {
    let message = refused(&Answers::defaults("1dog"));
    assert_eq!(
        message,
        "\"1dog\" is not a valid crate name (project-name): use lowercase letters, digits, `-` and \
         `_`, starting with a letter, and not a name the standard library uses"
    );
    assert!(refused(&Answers::defaults("std")).starts_with("\"std\" is not a valid crate name"));
}

#[test]
fn an_invalid_namespace_is_refused() {
    for bad in ["acme::9zoo", "acme:zoo", "std", "acme::", "my-lib"] {
        let answers = Answers {
            cpp_namespace: bad.to_owned(),
            ..Answers::defaults("ok")
        };
        assert_eq!(
            refused(&answers),
            format!(
                "\"{bad}\" is not a valid C++ namespace (cpp_namespace): use C++ identifiers \
                 joined by `::`, such as `testnative` or `acme::zoo`, outside `std`"
            )
        );
    }
}

#[test]
fn a_missing_library_folder_is_refused() {
    let existing = tempfile::tempdir().unwrap();
    let answers = Answers {
        library: Library::Existing {
            include_dir: existing.path().to_owned(),
            lib_name: "testnative".to_owned(),
            lib_dir: Path::new("/nonexistent/lib").to_owned(),
        },
        ..Answers::defaults("ok")
    };
    assert_eq!(
        refused(&answers),
        "\"/nonexistent/lib\" is not a valid library folder (lib_dir): it must be an existing folder"
    );
}

#[test]
fn an_invalid_library_name_and_version_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers {
        library: Library::Existing {
            include_dir: dir.path().to_owned(),
            lib_name: "lib testnative.so!".to_owned(),
            lib_dir: dir.path().to_owned(),
        },
        ..Answers::defaults("ok")
    };
    assert!(refused(&answers)
        .starts_with("\"lib testnative.so!\" is not a valid library name (lib_name)"));

    let answers = Answers {
        refcount: RefcountSource::Version("latest".to_owned()),
        ..Answers::defaults("ok")
    };
    assert_eq!(
        refused(&answers),
        "\"latest\" is not a valid refcount version (refcount_version): use a version requirement \
         such as `0.1` or `=0.1.0`"
    );
}

#[test]
fn an_existing_destination_is_refused_untouched() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::write(parent.path().join("keep.txt"), "mine").unwrap();
    let err = generate(&template_dir(), &Answers::defaults("ok"), parent.path()).unwrap_err();
    assert!(matches!(err, Error::Exists(_)), "{err}");
    assert_eq!(
        std::fs::read_to_string(parent.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

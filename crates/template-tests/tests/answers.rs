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
        headers: vec![],
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

/// The answers of a library in folders, with `classes` and `methods` as given.
fn user_library(classes: &[&str], methods: &[&str]) -> (tempfile::TempDir, Answers) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("geo")).unwrap();
    std::fs::write(dir.path().join("geo/shape.hpp"), "// a header\n").unwrap();
    let answers = Answers {
        cpp_namespace: "geo".to_owned(),
        library: Library::Existing {
            include_dir: dir.path().to_owned(),
            lib_name: "geo".to_owned(),
            lib_dir: dir.path().to_owned(),
        },
        headers: vec!["geo/shape.hpp".to_owned()],
        classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        methods: methods.iter().map(|m| (*m).to_owned()).collect(),
        ..Answers::defaults("ok")
    };
    (dir, answers)
}

fn refused_class(class: &str) -> String {
    let (_dir, answers) = user_library(&[class], &[]);
    refused(&answers)
}

// ANCHOR: refused
#[test]
fn an_unknown_ownership_is_refused() {
    assert_eq!(
        refused_class("shape=shared(retain,release)"),
        "\"shape=shared(retain,release)\" is not a valid class `shape` (classes): `shared` is \
         no ownership: use NAME=OWNERSHIP [new(TYPES)] [send] [sync], with OWNERSHIP one of \
         intrusive(ADD,RELEASE), unique, unique(DESTROY) or counted(RELEASE), such as \
         `shape=intrusive(retain,release) new(double)`"
    );
}
// ANCHOR_END: refused

#[test]
fn intrusive_without_its_two_names_is_refused() {
    for answer in [
        "shape=intrusive(retain)",
        "shape=intrusive",
        "shape=intrusive(a,b,c)",
    ] {
        assert_eq!(
            refused_class(answer),
            format!(
                "\"{answer}\" is not a valid class `shape` (classes): intrusive needs the \
                 names that add and release a reference, as in intrusive(add_ref,release)"
            )
        );
    }
}

#[test]
fn a_class_named_twice_is_refused() {
    let (_dir, answers) = user_library(&["shape=unique", "shape=intrusive(retain,release)"], &[]);
    assert_eq!(
        refused(&answers),
        "\"shape=intrusive(retain,release)\" is not a valid class `shape` (classes): the class \
         is answered twice: give each class once, with all its options"
    );
}

#[test]
fn a_class_name_that_is_not_a_cpp_identifier_is_refused() {
    for name in ["my-shape", "9shape", "geo::shape"] {
        let message = refused_class(&format!("{name}=unique"));
        assert!(
            message.starts_with(&format!(
                "\"{name}=unique\" is not a valid class (classes): the class name `{name}` is not \
                 a C++ identifier"
            )),
            "{message}"
        );
    }
}

#[test]
fn a_header_that_is_not_in_the_include_folder_is_refused() {
    let (dir, mut answers) = user_library(&["shape=unique"], &[]);
    answers.headers = vec!["geo/circle.hpp".to_owned()];
    assert_eq!(
        refused(&answers),
        format!(
            "\"geo/circle.hpp\" is not a valid header (headers): there is no such file in the \
             include folder {}",
            dir.path().display()
        )
    );
}

#[test]
fn a_method_of_an_unknown_class_or_with_an_unknown_type_is_refused() {
    let (_dir, answers) = user_library(&["shape=unique"], &["circle.area() const -> double"]);
    assert_eq!(
        refused(&answers),
        "\"circle.area() const -> double\" is not a valid method (methods): `circle` is not one \
         of the classes answered"
    );
    let (_dir, answers) = user_library(
        &["shape=unique"],
        &["shape.points() const -> std::vector<int>"],
    );
    assert!(refused(&answers).starts_with(
        "\"shape.points() const -> std::vector<int>\" is not a valid method `shape.points` \
         (methods): its return type `std::vector<int>` is a type that is neither built in nor one \
         of the classes answered"
    ));
    let (_dir, answers) = user_library(&["shape=unique"], &["shape.self_ref() -> shape*"]);
    assert!(refused(&answers).contains(
        "a borrowed unique object has no safe Rust type; write `-> new shape*` if the caller owns it"
    ));
}

#[test]
fn the_template_itself_refuses_what_plain_cargo_generate_is_given() {
    // Plain `cargo generate --define ...`: no Rust-side check runs first.
    let parent = tempfile::tempdir().unwrap();
    let err = new_wrapper::generate_with_defines(
        &template_dir(),
        "ok",
        vec!["classes=shape=counted".to_owned()],
        &parent.path().join("out"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"shape=counted\" is not a valid class `shape` (classes): counted needs the name that \
         destroys the object, as in counted(destroy)"
    );
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0);
}

#[test]
fn a_returned_object_whose_class_keeps_others_alive_is_refused() {
    let (_dir, answers) = user_library(
        &[
            "shape=intrusive(retain,release) new()",
            "group=intrusive(retain,release) new(shape*)",
        ],
        &["shape.owner() const -> group*"],
    );
    assert_eq!(
        refused(&answers),
        "\"shape.owner() const -> group*\" is not a valid method `shape.owner` (methods): it \
         returns a `group`, whose wrapper keeps alive what its constructor was given: one made \
         from a returned pointer could not (bind it by hand)"
    );
}

#[test]
fn names_that_would_collide_in_the_bridge_or_the_crate_are_refused() {
    let (_dir, answers) = user_library(
        &["shape=intrusive(retain,release)", "shape_list=unique"],
        &["shape.list_release()"],
    );
    assert_eq!(
        refused(&answers),
        "\"list_release\" is not a valid method `shape.list_release` (methods): its bridge \
         function `shape_list_release` would be named as the release of `shape_list`'s: give the \
         method another Rust name with `as NAME`"
    );
    let (_dir, answers) = user_library(
        &["shape=unique"],
        &["shape.area() const -> double as lease"],
    );
    assert!(refused(&answers).ends_with(
        "the Rust name `lease` is one the generated type defines itself: choose another"
    ));
    assert!(refused_class("shape as u8=unique").starts_with(
        "\"shape as u8=unique\" is not a valid Rust name of class `shape` (classes): give a Rust \
         type name after `as`, starting with an uppercase letter"
    ));
}

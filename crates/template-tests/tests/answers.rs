//! Bad answers stop generation with a message that names the question and what is
//! allowed, and leave nothing behind.

use std::path::Path;

use new_wrapper::{generate, Answers, Error, Library, RefcountSource};
use refcount_build::{Class, Method};
use template_tests::template_dir;

/// Generates into a fresh folder; returns the refusal and checks nothing was left.
fn refused(answers: &Answers) -> String {
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
fn a_c_function_answer_that_names_no_c_function_is_refused() {
    let c = |string_free: Option<&str>, error_callback: Option<&str>| Answers {
        language: refcount_build::model::Language::C,
        library: Library::Loaded {
            name: "thing".to_owned(),
            version: None,
            include_dir: None,
        },
        headers: vec!["thing.h".to_owned()],
        classes: Vec::new(),
        methods: Vec::new(),
        string_free: string_free.map(str::to_owned),
        error_callback: error_callback.map(str::to_owned),
        ..Answers::defaults("ok")
    };
    let message = refused(&c(Some("thing free"), None));
    assert!(
        message.starts_with("\"thing free\" is not a valid string free function (string_free)"),
        "{message}"
    );
    assert!(message.contains("`free` or `sqlite3_free`"), "{message}");
    let message = refused(&c(None, Some("1register")));
    assert!(
        message.starts_with(
            "\"1register\" is not a valid error callback registration (error_callback)"
        ),
        "{message}"
    );
    assert!(message.contains("`register_error_callback`"), "{message}");
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

/// The answers of a library in folders, with `classes` and `methods` as given: a
/// refusal of one of them as it is read, or the answers.
fn user_library(
    classes: &[&str],
    methods: &[&str],
) -> Result<(tempfile::TempDir, Answers), String> {
    let classes = classes
        .iter()
        .map(|c| c.parse::<Class>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let methods = methods
        .iter()
        .map(|m| m.parse::<Method>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
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
        classes,
        methods,
        ..Answers::defaults("ok")
    };
    Ok((dir, answers))
}

/// The refusal of these answers: as they are read, or before a file is written.
fn refused_answers(classes: &[&str], methods: &[&str]) -> String {
    match user_library(classes, methods) {
        Err(refusal) => refusal,
        Ok((_dir, answers)) => refused(&answers),
    }
}

fn refused_class(class: &str) -> String {
    refused_answers(&[class], &[])
}

// ANCHOR: refused
#[test]
fn an_unknown_ownership_is_refused() {
    assert_eq!(
        refused_class("shape=shared(retain,release)"),
        "\"shape=shared(retain,release)\" is not a valid class `shape` (classes): `shared` is \
         no ownership: use NAME=OWNERSHIP [new(TYPES)] [send] [sync], with OWNERSHIP one of \
         intrusive(ADD,RELEASE), unique, unique(DESTROY), counted(RELEASE) or view, such as \
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
    assert_eq!(
        refused_answers(&["shape=unique", "shape=intrusive(retain,release)"], &[]),
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
    let (dir, mut answers) = user_library(&["shape=unique"], &[]).unwrap();
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
    assert_eq!(
        refused_answers(&["shape=unique"], &["circle.area() const -> double"]),
        "\"circle.area() const -> double\" is not a valid method (methods): `circle` is not one \
         of the classes answered"
    );
    let refused = refused_answers(
        &["shape=unique"],
        &["shape.points() const -> std::map<int,int>"],
    );
    assert!(refused.starts_with(
        "\"shape.points() const -> std::map<int, int>\" is not a valid method `shape.points` \
         (methods): its return type `std::map<int, int>` is neither built in nor answered (answer it \
         as a class, an enum or a string class"
    ), "{refused}");
    assert!(refused_answers(&["shape=counted(close)"], &["shape.self_ref() -> shape*"]).contains(
        "a borrowed counted object has no safe Rust type; write `-> new shape*` if the caller owns \
         it"
    ));
    // A view can be tied only to the borrow of a unique object or of a view.
    assert!(refused_answers(
        &["shape=intrusive(ref,unref)", "node=view"],
        &["shape.node() -> node*"]
    )
    .contains("a view of it can be tied only to a borrow of a uniquely owned object or of a view"));
}

#[test]
fn plain_cargo_generate_writes_what_the_crates_build_then_refuses() {
    // Plain `cargo generate --define ...`: no Rust-side check runs first; the hook
    // checks what shapes the files, and the crate's build reads the classes.
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let rendered = new_wrapper::generate_with_defines(
        &template_dir(),
        "ok",
        vec!["classes=shape=counted".to_owned()],
        &out,
    )
    .expect("the template writes the answer as it is");
    let err = refcount_build::Wrapper::load(&rendered.join("wrapper.toml")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(
            "\"shape=counted\" is not a valid class `shape` (classes): counted needs the name \
             that destroys the object, as in counted(destroy)"
        ),
        "{message}"
    );
    assert!(
        message.contains("wrapper.toml"),
        "the error names the file: {message}"
    );

    let err = new_wrapper::generate_with_defines(
        &template_dir(),
        "ok",
        vec!["cpp_namespace=my-lib".to_owned()],
        &parent.path().join("refused"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("\"my-lib\" is not a valid C++ namespace (cpp_namespace)"),
        "{err}"
    );
    assert!(!parent.path().join("refused").exists());
}

#[test]
fn a_returned_object_whose_class_keeps_others_alive_is_refused() {
    assert_eq!(
        refused_answers(
            &[
                "shape=intrusive(retain,release) new()",
                "group=intrusive(retain,release) new(shape*)",
            ],
            &["shape.owner() const -> group*"],
        ),
        "\"shape.owner() const -> group*\" is not a valid method `shape.owner` (methods): it \
         returns a `group`, whose wrapper keeps alive what its constructor was given: one made \
         from a returned pointer could not (bind it by hand)"
    );
}

#[test]
fn names_the_generated_type_takes_are_refused_and_bridge_names_never_collide() {
    // `shape.list_release` and the release of `shape_list` would both be
    // `shape_list_release`: the bridge gives the method another name.
    let (_dir, answers) = user_library(
        &["shape=intrusive(retain,release)", "shape_list=unique"],
        &["shape.list_release()"],
    )
    .unwrap();
    let plan = refcount_build::Plan::new(&answers.wrapper(), "ok").unwrap();
    let shape_list = plan.class("shape_list").unwrap();
    let method = &plan.class("shape").unwrap().methods[0];
    assert_eq!(shape_list.release_shim, "shape_list_release");
    assert_eq!(method.shim, "shape_list_release_2");
    assert_eq!(method.rust, "list_release");

    assert!(refused_answers(
        &["shape=unique"],
        &["shape.area() const -> double as lease"]
    )
    .ends_with("the Rust name `lease` is one the generated type defines itself: choose another"));
    assert!(refused_class("shape as u8=unique").starts_with(
        "\"shape as u8=unique\" is not a valid Rust name of class `shape` (classes): give a Rust \
         type name after `as`, starting with an uppercase letter"
    ));
}

/// The template and the model write `wrapper.toml` alike (the template when a crate is
/// made, the model when `new-wrapper update` rewrites it), and what either writes
/// reads back into the same model: one text form.
#[test]
fn the_templates_wrapper_toml_is_what_the_model_writes_and_reads() {
    use template_tests::libraries::{
        geo_answers, read_answers, sources, store_answers, zoo_answers, Built,
    };
    let lib = tempfile::tempdir().unwrap();
    let existing = |name: &str| Library::Existing {
        include_dir: sources(name).join("include"),
        lib_name: name.to_owned(),
        lib_dir: lib.path().to_owned(),
    };
    let read = read_answers(
        "geo-read",
        &Built {
            name: "geo",
            include_dir: sources("geo").join("include"),
            lib_dir: lib.path().to_owned(),
        },
        &["geo/shape.hpp"],
    );
    let sets = [
        Answers::defaults("defaults"),
        Answers {
            cpp_namespace: "acme::zoo".to_owned(),
            system_packages: vec!["libzoo-dev".to_owned()],
            ..Answers::defaults("nested")
        },
        geo_answers("geo", existing("geo")),
        store_answers(
            "store",
            Library::PkgConfig {
                package: "store".to_owned(),
            },
        ),
        zoo_answers("zoo", existing("zoo")),
        read,
    ];
    for answers in sets {
        let rendered = template_tests::render(&answers);
        let written = std::fs::read_to_string(rendered.root.join("wrapper.toml")).unwrap();
        let wrapper = answers.wrapper();
        assert_eq!(
            written,
            wrapper.to_toml(&answers.skipped),
            "{}",
            answers.name
        );
        assert_eq!(
            refcount_build::Wrapper::from_toml(&written).unwrap(),
            wrapper,
            "{}",
            answers.name
        );
    }
}

//! What each meaningful answer set generates, as insta snapshots: the crate's own
//! files and the code its build generates (`generated/`). The defaults are kept
//! whole; every other set keeps only the files it changes, so that a change shows
//! once, where it matters. (The bundled C++ sources are not kept: a test checks them
//! against the kit's `native-cpp`.)
//!
//! A change in the template's output fails here (in CI, insta refuses to write new
//! snapshots). Review an intended change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test -p template-tests --test snapshots`.

use new_wrapper::{Answers, Library, RefcountSource};
use template_tests::libraries::{geo_answers, sources, store_answers, zoo_answers};
use template_tests::{crate_and_generated, kit_root, render};

fn snapshot_all(set: &str, answers: &Answers, filters: &[(&str, &str)]) {
    let generated = crate_and_generated(&render(answers).root);
    // What the defaults generate for a crate of the same name: only what differs
    // from it is this set's own.
    let defaults = if set == "defaults" {
        Default::default()
    } else {
        crate_and_generated(&render(&Answers::defaults(&answers.name)).root)
    };
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    for (pattern, replacement) in filters {
        settings.add_filter(&template_tests::regex_escape(pattern), *replacement);
    }
    settings.bind(|| {
        let list: Vec<&str> = generated.keys().map(String::as_str).collect();
        insta::assert_snapshot!(format!("{set}__files"), list.join("\n"));
        for (path, text) in &generated {
            if defaults.get(path) != Some(text) {
                insta::assert_snapshot!(format!("{set}__{}", path.replace('/', "__")), text);
            }
        }
    });
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
    // The sample's own classes, in a prebuilt copy of it.
    let lib = tempfile::tempdir().unwrap();
    let answers = Answers {
        library: Library::Existing {
            include_dir: kit_root().join("native-cpp/include"),
            lib_name: "testnative".to_owned(),
            lib_dir: lib.path().to_owned(),
        },
        headers: vec!["testnative/dog.hpp".into(), "testnative/owner.hpp".into()],
        refcount: RefcountSource::Git("https://github.com/refcount-kit/refcount".to_owned()),
        ..Answers::defaults("my-wrapper")
    };
    let (kit, lib) = (
        kit_root().display().to_string(),
        lib.path().display().to_string(),
    );
    snapshot_all(
        "existing_library",
        &answers,
        &[(&lib, "[LIB_DIR]"), (&kit, "[KIT]")],
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

/// A user library in the kit's test folder (`include`) and a temporary `lib` folder,
/// with the paths that change between runs filtered out of the snapshots.
fn user_library(name: &str, answers: impl Fn(Library) -> Answers) {
    let lib = tempfile::tempdir().unwrap();
    let library = Library::Existing {
        include_dir: sources(name).join("include"),
        lib_name: name.to_owned(),
        lib_dir: lib.path().to_owned(),
    };
    let lib_path = lib.path().display().to_string();
    let kit = kit_root().display().to_string();
    snapshot_all(
        name,
        &answers(library),
        &[(&lib_path, "[LIB_DIR]"), (&kit, "[KIT]")],
    );
}

// ANCHOR: snapshot_geo
#[test]
fn a_class_that_counts_itself_with_constructors_and_methods() {
    user_library("geo", |library| geo_answers("geo-wrapper", library));
}
// ANCHOR_END: snapshot_geo

#[test]
fn a_unique_class_a_rust_counted_class_and_free_function_counts() {
    user_library("store", |library| store_answers("store-wrapper", library));
}

#[test]
fn a_constructor_that_keeps_a_rust_counted_object() {
    user_library("zoo", |library| zoo_answers("zoo-wrapper", library));
}

// ANCHOR: snapshot_c_api
/// The sample's C API, loaded at run time: what `crates/dog-dynamic` writes by hand,
/// generated from answers (its objects are `void*`, told apart by type ids).
#[test]
fn the_samples_c_api_loaded() {
    let answers = template_tests::libraries::c_api_answers(
        "dog-c-api",
        Library::Loaded {
            name: "testnative".to_owned(),
            version: None,
            include_dir: None,
        },
    );
    let kit = kit_root().display().to_string();
    snapshot_all("c_api_loaded", &answers, &[(&kit, "[KIT]")]);
}
// ANCHOR_END: snapshot_c_api

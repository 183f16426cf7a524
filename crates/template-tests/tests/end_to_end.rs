//! End to end: generate a crate, then build it and run its tests and examples with
//! cargo, offline, as a user would. The generated crates share one target folder
//! (`target/template-e2e`) so that their dependencies build once.

use std::process::Command;

use cargo_generate::{GenerateArgs, TemplatePath, Vcs};
use new_wrapper::{Answers, Library, RefcountSource};
use template_tests::libraries::{
    self, add_tests, geo_answers, kit_refcount, store_answers, zoo_answers,
};
use template_tests::{
    build_and_test, cargo, files, kit_root, render, render_from, run_own_test, set_author,
    test_rendered,
};

#[test]
fn the_default_crate_builds_passes_its_tests_and_walks() {
    let answers = Answers {
        refcount: kit_refcount(),
        ..Answers::defaults("e2e-defaults")
    };
    let tour = build_and_test(&answers, &[]);
    assert!(tour.contains("dog.position() = 0"), "{tour}");
    let rendered = render(&answers);
    let walk = cargo(&rendered.root, &["run", "--example", "walk"], &[]);
    assert!(
        walk.contains("the owner is gone, and the dog with it: 0 dog(s), 0 owner(s)"),
        "{walk}"
    );
}

#[test]
fn a_nested_namespace_crate_builds_and_passes_its_tests() {
    build_and_test(
        &Answers {
            cpp_namespace: "acme::zoo".to_owned(),
            refcount: kit_refcount(),
            ..Answers::defaults("e2e-zoo")
        },
        &[],
    );
}

#[test]
fn an_existing_library_crate_links_a_prebuilt_library() {
    let lib_dir = tempfile::tempdir().unwrap();
    let sample = libraries::sample_prebuilt(lib_dir.path());
    let tour = build_and_test(
        &Answers {
            library: sample.existing(),
            headers: vec!["testnative/dog.hpp".into(), "testnative/owner.hpp".into()],
            refcount: kit_refcount(),
            ..Answers::defaults("e2e-existing")
        },
        &[],
    );
    assert!(tour.contains("DogOwner::num_owners() = 1"), "{tour}");
}

// ANCHOR: geo
#[test]
fn a_class_that_counts_itself_through_its_members_wraps_and_passes() {
    let libs = tempfile::tempdir().unwrap();
    let geo = libraries::build("geo", libs.path());
    let answers = geo_answers("e2e-geo", geo.existing());
    let tour = test_with_own("geo", &answers, "shapes");
    assert!(tour.contains("Shape::live() = 0"), "{tour}");
}
// ANCHOR_END: geo

/// Generates the crate of `answers` for test library `library`, adds the tests
/// written for it by hand, and runs the generated tests, those (`own` is one of
/// them, which must pass) and the tour; returns the tour's output.
fn test_with_own(library: &str, answers: &Answers, own: &str) -> String {
    let rendered = render(answers);
    add_tests(library, &rendered.root, &answers.name);
    let tour = test_rendered(&rendered, &[]);
    run_own_test(&rendered.root, own);
    tour
}

#[test]
fn unique_rust_counted_and_free_function_counted_classes_wrap_and_pass() {
    let libs = tempfile::tempdir().unwrap();
    let store = libraries::build("store", libs.path());
    let tour = test_with_own(
        "store",
        &store_answers("e2e-store", store.existing()),
        "stock",
    );
    assert!(tour.contains("Item::live() = 0"), "{tour}");
}

#[test]
fn a_constructor_keeps_a_rust_counted_object_through_its_close() {
    let libs = tempfile::tempdir().unwrap();
    let zoo = libraries::build("zoo", libs.path());
    let answers = zoo_answers("e2e-zoo-kept", zoo.existing());
    let rendered = render(&answers);
    add_tests("zoo", &rendered.root, &answers.name);
    let tour = test_rendered(&rendered, &[]);
    assert!(tour.contains("Conn::live() = 0"), "{tour}");
    let kept = cargo(&rendered.root, &["test", "--test", "kept"], &[]);
    assert!(kept.contains("test result: ok. 2 passed"), "{kept}");
}

#[test]
fn a_library_that_pkg_config_finds_wraps_and_passes() {
    let libs = tempfile::tempdir().unwrap();
    let geo = libraries::build("geo", libs.path());
    // The fixture: a `geo.pc` that pkg-config finds (no other test of this binary
    // reads the variable).
    std::env::set_var("PKG_CONFIG_PATH", &geo.lib_dir);
    let found = pkg_config::Config::new()
        .cargo_metadata(false)
        .probe("geo")
        .expect("pkg-config finds the test library");
    assert_eq!(found.include_paths, std::slice::from_ref(&geo.include_dir));

    let library = Library::PkgConfig {
        package: "geo".to_owned(),
    };
    test_with_own("geo", &geo_answers("e2e-geo-pkg-config", library), "shapes");
}

/// `cargo generate --git URL template` (cargo-generate clones the kit's repository and
/// renders its `template` folder), with `refcount` and `refcount-build` from that
/// repository: the crate builds and its tests pass.
#[test]
fn a_crate_outside_the_kit_takes_refcount_from_a_git_repository() {
    // An offline stand-in for the kit's repository: a clone of this checkout's HEAD.
    let repo = tempfile::tempdir().unwrap();
    let clone = repo.path().join("refcount-kit");
    let status = Command::new("git")
        .args(["clone", "--quiet", "--depth", "1", "--no-local"])
        .arg(format!("file://{}", kit_root().display()))
        .arg(&clone)
        .status()
        .expect("git runs");
    assert!(status.success(), "cloning the kit failed");
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(&clone)
        .output()
        .expect("git runs");
    let head = String::from_utf8(head.stdout).unwrap().trim().to_owned();

    let libs = tempfile::tempdir().unwrap();
    let geo = libraries::build("geo", libs.path());
    let url = format!("file://{}", clone.display());
    let answers = Answers {
        refcount: RefcountSource::Git(url.clone()),
        ..geo_answers("e2e-geo-git", geo.existing())
    };
    set_author();
    let out = tempfile::tempdir().unwrap();
    let rendered = cargo_generate::generate(GenerateArgs {
        template_path: TemplatePath {
            git: Some(url.clone()),
            subfolder: Some("template".to_owned()),
            ..Default::default()
        },
        name: Some(answers.name.clone()),
        destination: Some(out.path().to_owned()),
        silent: true,
        vcs: Some(Vcs::None),
        define: answers.defines(),
        no_workspace: true,
        force: true,
        ..Default::default()
    })
    .expect("cargo generate --git renders the repository's template");
    let from_folder = render_from(&clone.join("template"), &answers);
    assert!(
        files(&rendered) == files(&from_folder.root),
        "`cargo generate --git URL template` and the clone's template folder differ"
    );
    let manifest = std::fs::read_to_string(rendered.join("Cargo.toml")).unwrap();
    assert!(manifest.contains(&format!("refcount = {{ git = \"{url}\" }}")));
    assert!(manifest.contains(&format!("refcount-build = {{ git = \"{url}\" }}")));

    // Cargo resolves a new git dependency online. To stay offline, lock the same crate
    // against the clone's files first, then point that lock at the git repository:
    // the build below may fetch only from the clone (the proxy refuses anything else).
    let by_path = render(&Answers {
        refcount: RefcountSource::Path(clone.join("crates/refcount").display().to_string()),
        ..answers.clone()
    });
    cargo(&by_path.root, &["generate-lockfile"], &[]);
    let mut lock = std::fs::read_to_string(by_path.root.join("Cargo.lock")).unwrap();
    for package in ["refcount", "refcount-build"] {
        let entry = format!("name = \"{package}\"\nversion = \"0.1.0\"\n");
        assert!(lock.contains(&entry), "{lock}");
        lock = lock.replace(&entry, &format!("{entry}source = \"git+{url}#{head}\"\n"));
    }
    std::fs::write(rendered.join("Cargo.lock"), lock).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["test", "--locked"])
        .current_dir(&rendered)
        .env("CARGO_TARGET_DIR", kit_root().join("target/template-e2e"))
        .env("CARGO_NET_GIT_FETCH_WITH_CLI", "true")
        .env("CARGO_HTTP_PROXY", "http://127.0.0.1:9")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("Updating git repository `{url}`")),
        "{stderr}"
    );
}

/// The sample's C API, generated in both modes from answers (its objects are
/// `void*`): the owner keeps its dog alive, each released once, the dog counted by
/// the library and by Rust alike.
#[test]
fn the_samples_c_api_generated_linked_and_loaded_keeps_the_dog_alive() {
    let lib_dir = tempfile::tempdir().unwrap();
    let sample = libraries::sample_prebuilt(lib_dir.path());
    let own = r#"
use the_wrapper::{Dog, DogOwner, Error};

#[test]
fn an_owner_keeps_its_dog_alive() -> Result<(), Error> {
    let check = refcount::leak::LeakCheck::start();
    let dog = Dog::new()?;
    assert_eq!(dog.reference_count(), 1);
    let owner = DogOwner::new(&dog)?;
    assert_eq!(dog.reference_count(), 2, "the owner's wrapper holds the dog");
    drop(dog);
    owner.say_walk();
    owner.say_walk();
    drop(owner);
    check.finish().expect("the dog and its owner are released once");
    Ok(())
}
"#;
    for loaded in [false, true] {
        let name = if loaded {
            "c-api-loaded"
        } else {
            "c-api-linked"
        };
        let library = if loaded {
            Library::Loaded {
                name: "testnative".to_owned(),
                version: None,
                include_dir: Some(sample.include_dir.clone()),
            }
        } else {
            sample.existing()
        };
        let rendered = render(&libraries::c_api_answers(name, library));
        std::fs::write(
            rendered.root.join("tests/own.rs"),
            own.replace("the_wrapper", &name.replace('-', "_")),
        )
        .unwrap();
        let env = [("TESTNATIVE_LIBRARY", sample.lib_dir.as_path())];
        let tour = test_rendered(&rendered, &env);
        // The tour makes a dog, and counts it.
        assert!(tour.contains("num_dogs: 1"), "{tour}");
        let out = template_tests::cargo(&rendered.root, &["test", "--test", "own"], &env);
        assert!(out.contains("test result: ok. 1 passed"), "{out}");
    }
}

//! End to end from headers: `new-wrapper --header` reads a library it has never
//! seen, and the crate it generates builds and passes its tests (which call every
//! const method). The libraries are the kit's test libraries, and its sample.

use cargo_generate::{GenerateArgs, TemplatePath, Vcs};
use new_wrapper::Library;
use template_tests::libraries::{self, read_answers};
use template_tests::template_dir;
use template_tests::{
    build_and_test, crate_and_generated, files, kit_root, render, run_own_test, set_author,
    test_rendered,
};

// ANCHOR: geo
#[test]
fn a_header_with_a_self_counting_class_becomes_a_crate_that_passes() {
    let libs = tempfile::tempdir().unwrap();
    let geo = libraries::build("geo", libs.path());
    let answers = read_answers("from-geo", &geo, &["geo/shape.hpp"]);
    let rendered = render(&answers);
    // The user's test: the generated ones invent no argument, and every constructor
    // of `shape` takes a number.
    let mine = r#"
use from_geo::{Error, Shape};

/// `Shape::live()` counts the whole process: one test at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_shape_from_the_header_is_described_and_compared() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let shape = Shape::new(1.0)?;
    assert_eq!(shape.describe("test"), "test: shape");
    assert!(shape.same_size(&Shape::new(1.0)?));
    assert!(!shape.same_size(&Shape::new_width_height(1.0, 2.0)?));
    Ok(())
}

#[test]
fn free_factories_and_an_intrusive_smart_pointer_hand_over_one_reference() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // `geo::square` returns a `geo::ref<shape>`, found to be an intrusive smart
    // pointer: Rust takes a reference of its own before the `ref` drops its one.
    let square = Shape::square(2.0).expect("a shape");
    assert_eq!(square.use_count(), 1, "the ref's reference is gone, Rust's is left");
    assert_eq!(square.area(), 4.0);
    let doubled = square.doubled().expect("a shape");
    assert_eq!((doubled.width(), doubled.use_count()), (4.0, 1));
    // A free function named as a factory hands its object over.
    let rectangle = Shape::make_rectangle(2.0, 3.0).expect("a shape");
    assert_eq!((rectangle.area(), rectangle.use_count()), (6.0, 1));
    let live = Shape::live();
    drop((square, doubled, rectangle));
    assert_eq!(Shape::live(), live - 3, "each released exactly once");
}
"#;
    std::fs::write(rendered.root.join("tests/mine.rs"), mine).unwrap();
    let tour = test_rendered(&rendered, &[]);
    assert!(tour.contains("Shape::live() = 0"), "{tour}");
    run_own_test(&rendered.root, "mine");
}
// ANCHOR_END: geo

#[test]
fn a_header_with_unique_destroyed_and_freely_counted_classes_becomes_a_crate_that_passes() {
    let libs = tempfile::tempdir().unwrap();
    let store = libraries::build("store", libs.path());
    let answers = read_answers("from-store", &store, &["store/store.hpp"]);
    let rendered = render(&answers);
    let mine = r#"
use from_store::{Error, Item, Ticket};

#[test]
fn items_and_tickets_from_the_header_work() -> Result<(), Error> {
    let item = Item::new("test", 1)?;
    assert_eq!(item.sku(), 18007334074686647077);
    assert_eq!(Ticket::new(1)?.number(), 1);
    Ok(())
}
"#;
    std::fs::write(rendered.root.join("tests/mine.rs"), mine).unwrap();
    test_rendered(&rendered, &[]);
    run_own_test(&rendered.root, "mine");
}

/// A header written as libraries are, saying nothing a generator needs: its
/// defaults, factories, out-parameters, C strings and undeclared throws are read
/// from what libclang sees, and the user's test (`libraries/canvas/tests/api.rs`)
/// passes against the generated API.
#[test]
fn a_header_that_announces_nothing_gives_defaults_factories_out_parameters_and_no_abort() {
    let libs = tempfile::tempdir().unwrap();
    let canvas = libraries::build("canvas", libs.path());
    let answers = read_answers("from-canvas", &canvas, &["canvas/canvas.hpp"]);
    // Only the cursor's constructor, which keeps a pointer to a canvas Rust owns
    // uniquely: the canvas makes cursors instead (`make_cursor`, tied to it).
    assert_eq!(answers.skipped.len(), 1, "{:?}", answers.skipped);
    assert!(
        answers.skipped[0].starts_with("cursor::cursor(const canvas::canvas &)"),
        "{:?}",
        answers.skipped
    );
    let rendered = render(&answers);
    libraries::add_tests("canvas", &rendered.root, &answers.name);
    // The lifetime rules of views, as doctests of the crate (each `compile_fail` with
    // the error the borrow checker gives).
    let lifetimes = std::fs::read_to_string(libraries::sources("canvas").join("doc/lifetimes.rs"))
        .unwrap()
        .replace("the_wrapper", "from_canvas");
    let lib = rendered.root.join("src/lib.rs");
    let blocks = lifetimes.matches("/// ```").count() / 2;
    let mut own = std::fs::read_to_string(&lib).unwrap();
    own.push_str(&lifetimes);
    std::fs::write(&lib, own).unwrap();
    let tour = test_rendered(&rendered, &[]);
    assert!(tour.contains("canvas.size() = (100, 100)"), "{tour}");
    run_own_test(&rendered.root, "api");
    let doc = template_tests::cargo(&rendered.root, &["test", "--doc"], &[]);
    assert!(
        doc.contains(&format!("test result: ok. {blocks} passed")),
        "{doc}"
    );
    let generated = crate_and_generated(&rendered.root);

    // The enums are checked against the C++ ones when the crate builds: a wrong value
    // in wrapper.toml is a build error, not a wrong value at run time.
    let toml = rendered.root.join("wrapper.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("blue = 4"), "{text}");
    std::fs::write(&toml, text.replace("blue = 4", "blue = 5")).unwrap();
    let build = std::process::Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .current_dir(&rendered.root)
        .env("CARGO_TARGET_DIR", kit_root().join("target/template-e2e"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success(), "a wrong enum value builds");
    assert!(
        stderr.contains("disagrees with the value in #[cxx::bridge]"),
        "{stderr}"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.add_filter(
        &template_tests::regex_escape(&kit_root().display().to_string()),
        "[KIT]",
    );
    settings.add_filter(
        &template_tests::regex_escape(&libs.path().display().to_string()),
        "[LIBS]",
    );
    settings.bind(|| {
        insta::assert_snapshot!("from_canvas__wrapper.toml", generated["wrapper.toml"]);
        insta::assert_snapshot!("from_canvas__classes.rs", generated["generated/classes.rs"]);
        insta::assert_snapshot!("from_canvas__bridge.h", generated["generated/bridge.h"]);
    });
}

#[test]
fn the_samples_own_headers_give_a_crate_that_behaves_as_dog_cxx() {
    let libs = tempfile::tempdir().unwrap();
    let built = libraries::sample_prebuilt(libs.path());
    let headers = ["testnative/dog.hpp", "testnative/owner.hpp"];
    let answers = read_answers("from-sample", &built, &headers);
    let tour = build_and_test(&answers, &[]);
    assert!(tour.contains("dog.position() = 0"), "{tour}");
    assert!(tour.contains("owner.get_dog() = Some(Dog"), "{tour}");
    assert!(tour.contains("Owner::num_owners() = 1"), "{tour}");
}

#[test]
fn the_bindings_and_the_report_for_a_header_are_as_reviewed() {
    let answers = read_answers(
        "geo-wrapper",
        &libraries::Built {
            name: "geo",
            include_dir: libraries::sources("geo").join("include"),
            lib_dir: libraries::sources("geo"),
        },
        &["geo/shape.hpp"],
    );
    let rendered = render(&answers);
    let generated = crate_and_generated(&rendered.root);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.add_filter(
        &template_tests::regex_escape(&kit_root().display().to_string()),
        "[KIT]",
    );
    settings.bind(|| {
        for file in [
            "generated/bridge.h",
            "generated/ffi.rs",
            "generated/classes.rs",
        ] {
            insta::assert_snapshot!(
                format!("from_header__{}", file.replace('/', "__")),
                generated[file]
            );
        }
        let readme = &generated["README.md"];
        let report = readme
            .split("The header reader did not bind")
            .nth(1)
            .and_then(|rest| rest.split("## ").next())
            .expect("the README reports what was left out");
        insta::assert_snapshot!("from_header__skipped_report", report.trim());
        insta::assert_snapshot!("from_header__wrapper.toml", generated["wrapper.toml"]);
    });
}

#[test]
fn the_dry_runs_values_file_reproduces_the_crate_with_plain_cargo_generate() {
    let libs = tempfile::tempdir().unwrap();
    let store = libraries::build("store", libs.path());
    let answers = read_answers("store-wrapper", &store, &["store/store.hpp"]);
    let through_new_wrapper = files(&render(&answers).root);

    set_author();
    let values = libs.path().join("answers.toml");
    std::fs::write(&values, answers.values_file()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let generated = cargo_generate::generate(GenerateArgs {
        template_path: TemplatePath {
            path: Some(template_dir().display().to_string()),
            ..Default::default()
        },
        name: Some("store-wrapper".to_owned()),
        destination: Some(out.path().to_owned()),
        silent: true,
        vcs: Some(Vcs::None),
        template_values_file: Some(values.display().to_string()),
        no_workspace: true,
        force: true,
        ..Default::default()
    })
    .expect("cargo-generate takes the values file");
    assert_eq!(files(&generated), through_new_wrapper);
    assert!(matches!(answers.library, Library::Existing { .. }));
    // Plain cargo-generate's crate, for classes that are not the sample's, builds and
    // passes: everything it needs is in its wrapper.toml.
    let tests = template_tests::cargo(&generated, &["test"], &[]);
    let tested = template_tests::plan(&generated)
        .classes
        .iter()
        .filter(|c| c.tested())
        .count();
    assert!(tested > 0, "the static functions are called");
    assert!(
        tests.contains(&format!("test result: ok. {tested} passed")),
        "{tests}"
    );
}

/// Real libraries nobody here wrote, from Debian's `-dev` packages, each read from
/// its installed headers and generated with one command's answers, none added: a
/// program written against the generated API runs in safe Rust
/// (`crates/template-tests/real/`), and the crate lints clean.
fn real_library(library: &str) {
    let name = format!("{library}-wrapper");
    let answers = libraries::installed_answers(&name, libraries::real_library(library));
    run_real(&answers, library);
}

/// Renders `answers`, adds the program written against real library `library`,
/// and runs the generated tests, the program, the tour and clippy.
fn run_real(answers: &new_wrapper::Answers, library: &str) {
    let rendered = render(answers);
    libraries::add_real_test(library, &rendered.root, &answers.name);
    test_rendered(&rendered, &[]);
    run_own_test(&rendered.root, library);
    template_tests::cargo(
        &rendered.root,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
        &[],
    );
}

/// jsoncpp: a value's members and elements are views of it, `Reader::parse` fills
/// a value given by `&mut`, and a type mismatch is a panic that names
/// `Json::LogicError`.
#[test]
fn jsoncpp_from_its_installed_headers_runs_a_program_in_safe_rust() {
    real_library("jsoncpp");
}

/// tinyxml2: its nodes, whose destructors are protected, are views that the
/// document lends; every step of a small program (parse, walk, read attributes and
/// text, change one, print) goes through the generated API.
#[test]
fn tinyxml2_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_library("tinyxml2");
}

/// poppler-cpp: documents come from static factories (a file, or bytes the document
/// keeps: `unsafe`), the PDF version from out-parameters, the title and a page's
/// text through its string class `poppler::ustring`, answered once.
#[test]
fn poppler_from_its_installed_headers_runs_a_program_in_safe_rust() {
    real_library("poppler");
}

/// A C library written as C libraries are (`libraries/tally`), read from its header
/// with nothing answered: a status enum and its message function, a factory through
/// an out-parameter, counters that count themselves, a borrowed counter retained,
/// a setter its comment says steals; its test (`libraries/tally/tests/api.rs`)
/// passes in both modes.
#[test]
fn a_c_header_alone_gives_statuses_out_parameter_factories_and_stealing_setters() {
    let libs = tempfile::tempdir().unwrap();
    let tally = libraries::build("tally", libs.path());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    for (path, name) in [(kit_root(), "[KIT]"), (libs.path().to_owned(), "[LIBS]")] {
        settings.add_filter(
            &template_tests::regex_escape(&path.display().to_string()),
            name,
        );
    }
    let mut linked = None;
    for loaded in [false, true] {
        let name = if loaded {
            "tally-loaded"
        } else {
            "tally-linked"
        };
        let mut answers = read_answers(name, &tally, &["tally/tally.h"]);
        if loaded {
            answers.library = Library::Loaded {
                name: "tally".to_owned(),
                version: None,
                include_dir: Some(tally.include_dir.clone()),
            };
        }
        let rendered = render(&answers);
        // What the header gives, linked; and what loading it changes.
        let generated = crate_and_generated(&rendered.root);
        settings.bind(|| {
            for (path, text) in &generated {
                let file = path.replace('/', "__");
                match &linked {
                    None => insta::assert_snapshot!(format!("from_tally__{file}"), text),
                    Some(before) => {
                        let before: &std::collections::BTreeMap<String, String> = before;
                        if before.get(path).map(|b| {
                            b.replace("tally-linked", "tally-loaded")
                                .replace("tally_linked", "tally_loaded")
                        }) != Some(text.clone())
                        {
                            insta::assert_snapshot!(format!("from_tally_loaded__{file}"), text);
                        }
                    }
                }
            }
        });
        if linked.is_none() {
            linked = Some(generated);
        }
        // Read again, the header gives what the crate holds: nothing changes.
        let before = std::fs::read_to_string(rendered.root.join("wrapper.toml")).unwrap();
        let updated = new_wrapper::update::update(&rendered.root).expect("an update");
        assert_eq!(
            (updated.added.len(), updated.removed.len()),
            (0, 0),
            "{updated:?}"
        );
        assert_eq!(
            std::fs::read_to_string(rendered.root.join("wrapper.toml")).unwrap(),
            before
        );
        libraries::add_tests("tally", &rendered.root, name);
        // Found where the test library was built.
        let env = [("TALLY_LIBRARY", tally.lib_dir.as_path())];
        test_rendered(&rendered, &env);
        let tests = template_tests::cargo(&rendered.root, &["test", "--test", "api"], &env);
        let written = std::fs::read_to_string(rendered.root.join("tests/api.rs"))
            .unwrap()
            .matches("#[test]")
            .count();
        assert!(
            tests.contains(&format!("test result: ok. {written} passed")),
            "{tests}"
        );
    }
}

/// A real C library, generated with one command in `mode` (`linked`, or `loaded` at
/// run time), passes its generated tests and the program written against it
/// (`crates/template-tests/real/<library>.rs`), and lints clean.
fn real_c_library(library: &str, loaded: bool) {
    let mode = if loaded { "loaded" } else { "linked" };
    let name = format!("{library}-{mode}");
    let answers = libraries::installed_c_answers(&name, libraries::real_c_library(library), loaded);
    run_real(&answers, library);
}

/// sqlite3: a database opened through an out-parameter and a status, statements
/// that keep their database alive, rows in and out, SQL errors as `Err` with
/// sqlite's own message.
#[test]
fn sqlite3_linked_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("sqlite3", false);
}

/// sqlite3 loaded at run time: the same program, nothing linked.
#[test]
fn sqlite3_loaded_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("sqlite3", true);
}

/// jansson: values that count themselves through inline functions (a C shim),
/// stealing and borrowing setters, exact counts, a dumped string freed once.
#[test]
fn jansson_linked_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("jansson", false);
}

/// jansson loaded at run time: its inline functions' calls into the library go
/// through pointers set when it is loaded.
#[test]
fn jansson_loaded_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("jansson", true);
}

/// cairo, with nothing answered: its status enum and `cairo_status_to_string`, its
/// other enums as integer types with constants, a context that keeps its surface.
#[test]
fn cairo_linked_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("cairo", false);
}

/// cairo loaded at run time.
#[test]
fn cairo_loaded_from_its_installed_header_runs_a_program_in_safe_rust() {
    real_c_library("cairo", true);
}

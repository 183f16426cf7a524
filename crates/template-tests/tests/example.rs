//! One source of truth: `crates/dog-cxx` is what the template generates,
//! `crates/dog-dynamic` is too (with additions of its own, apart), the book's
//! excerpts of their generated code are what their builds generate, and the bundled
//! C++ sources are the kit's `native-cpp`. These tests prove it.
//!
//! After changing the template or the generator on purpose, run
//! `UPDATE_EXAMPLE=1 cargo test -p template-tests --test example` to rewrite
//! `crates/dog-cxx` and `book/generated/` from them, and the template's `cpp/` from
//! `native-cpp`.

use new_wrapper::{Answers, Library, RefcountSource};
use refcount_build::generate::Options;
use refcount_build::Plan;
use template_tests::libraries::{
    c_api_answers, geo_answers, read_answers, sources, store_answers, zoo_answers, Built,
};
use template_tests::{files, kit_root, plan, render, render_defines, templatize_cpp};

#[test]
fn dog_cxx_is_what_the_template_generates() {
    let rendered = render(&Answers::kit_example());
    let generated = files(&rendered.root);
    let example_dir = kit_root().join("crates/dog-cxx");

    if std::env::var_os("UPDATE_EXAMPLE").is_some() {
        std::fs::remove_dir_all(&example_dir).unwrap();
        for (path, text) in &generated {
            let target = example_dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
    }

    let example = files(&example_dir);
    let only_generated: Vec<_> = generated
        .keys()
        .filter(|k| !example.contains_key(*k))
        .collect();
    let only_example: Vec<_> = example
        .keys()
        .filter(|k| !generated.contains_key(*k))
        .collect();
    assert!(
        only_generated.is_empty(),
        "generated but missing from crates/dog-cxx: {only_generated:?}"
    );
    assert!(
        only_example.is_empty(),
        "in crates/dog-cxx but not generated: {only_example:?}"
    );
    for (path, text) in &generated {
        assert!(
            example[path] == *text,
            "crates/dog-cxx/{path} differs from the template's output; \
             run `UPDATE_EXAMPLE=1 cargo test -p template-tests --test example` after \
             changing the template (never edit crates/dog-cxx by hand)"
        );
    }
}

/// What the template renders for `crates/dog-dynamic`: the sample's C API,
/// answered (`c_api_answers`), loaded at run time.
fn dog_dynamic_answers() -> Answers {
    Answers {
        refcount: RefcountSource::Path("../refcount".to_owned()),
        ..c_api_answers(
            "dog-dynamic",
            Library::Loaded {
                name: "testnative".to_owned(),
                version: None,
                include_dir: None,
            },
        )
    }
}

/// The files of `crates/dog-dynamic` that are the template's: its description, and
/// the files that include the generated tests and tour. The rest is the crate's own,
/// as the template leaves it to every crate: its manifest, its build script (which
/// builds the sample as a shared library, then generates), and its hand-written
/// additions beside the generated module in `src/`.
const DOG_DYNAMIC_GENERATED: [&str; 3] = ["wrapper.toml", "tests/generated.rs", "examples/tour.rs"];

#[test]
fn dog_dynamic_is_what_the_template_generates_with_additions_of_its_own() {
    let rendered = render(&dog_dynamic_answers());
    let generated = files(&rendered.root);
    let crate_dir = kit_root().join("crates/dog-dynamic");
    if std::env::var_os("UPDATE_EXAMPLE").is_some() {
        for path in DOG_DYNAMIC_GENERATED {
            let target = crate_dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, &generated[path]).unwrap();
        }
    }
    let own = files(&crate_dir);
    for path in DOG_DYNAMIC_GENERATED {
        assert!(
            own.get(path) == Some(&generated[path]),
            "crates/dog-dynamic/{path} differs from the template's output; run \
             `UPDATE_EXAMPLE=1 cargo test -p template-tests --test example`"
        );
    }
    // The generated module is the crate's, as the template's `src/lib.rs` includes it.
    let template_lib = &generated["src/lib.rs"];
    let include = template_lib
        .find("mod generated {")
        .map(|at| &template_lib[at..])
        .expect("the template's lib.rs includes the generated module");
    assert!(
        own["src/lib.rs"].contains(include.trim_end()),
        "crates/dog-dynamic/src/lib.rs does not include the generated module as the template's does:\n{include}"
    );
    assert!(own["build.rs"].contains("refcount_build::build()"));
    // What it adds by hand is apart from what is generated: nothing in `src/`
    // declares what the generated code declares.
    for (path, text) in own
        .iter()
        .filter(|(p, _)| p.starts_with("src/") && *p != "src/lib.rs")
    {
        for generated_item in [
            "pub struct Dog ",
            "pub struct DogOwner ",
            "pub struct Api ",
            "native_type!",
        ] {
            assert!(
                !text.contains(generated_item),
                "crates/dog-dynamic/{path} writes by hand what is generated: `{generated_item}`"
            );
        }
    }
}

#[test]
fn the_bundled_sources_are_the_kits_native_library() {
    if std::env::var_os("UPDATE_EXAMPLE").is_some() {
        let template_cpp = kit_root().join("template/cpp");
        for path in files(&template_cpp).keys() {
            let original = kit_root()
                .join("native-cpp")
                .join(path.replace("{{cpp_folder}}", "testnative"));
            let text = std::fs::read_to_string(&original).unwrap();
            std::fs::write(template_cpp.join(path), templatize_cpp(&text)).unwrap();
        }
    }
    let rendered = render(&Answers::defaults("bundled-check"));
    let bundled = files(&rendered.root.join("cpp"));
    assert_eq!(bundled.len(), 7, "{:?}", bundled.keys());
    for (path, text) in &bundled {
        let original = std::fs::read_to_string(kit_root().join("native-cpp").join(path))
            .unwrap_or_else(|e| panic!("native-cpp/{path}: {e}"));
        assert!(
            original == *text,
            "template/cpp/{path} rendered with the defaults differs from native-cpp/{path}"
        );
    }
}

#[test]
fn answers_defaults_are_the_templates_own_defaults() {
    let answered = files(&render(&Answers::defaults("same-defaults")).root);
    let unanswered = files(&render_defines("same-defaults", Vec::new()).root);
    assert_eq!(
        answered.keys().collect::<Vec<_>>(),
        unanswered.keys().collect::<Vec<_>>(),
        "Answers::defaults() and cargo-generate.toml's defaults generate different files"
    );
    for (path, text) in &answered {
        assert!(
            unanswered[path] == *text,
            "{path} differs between Answers::defaults() and cargo-generate.toml's defaults"
        );
    }
}

/// Checks (or, with `UPDATE_EXAMPLE`, writes) the book's copy of what `plan`
/// generates, in `book/generated/<name>`: the book's excerpts carry mdBook anchors,
/// and a user's generated code has none.
fn book_excerpts(name: &str, plan: &Plan) {
    book_excerpts_of(name, |options| {
        refcount_build::generate::files(plan, options)
    });
}

/// [`book_excerpts`] of the files `generate` writes, with or without anchors.
fn book_excerpts_of(name: &str, generate: impl Fn(Options) -> Vec<refcount_build::generate::File>) {
    let book = kit_root().join("book/generated").join(name);
    // The files the book shows excerpts of: C++ then C.
    let shown = [
        "bridge.h",
        "ffi.rs",
        "native.rs",
        "classes.rs",
        "raw.rs",
        "types.rs",
        "errors.rs",
    ];
    let anchored: Vec<_> = generate(Options { anchors: true })
        .into_iter()
        .filter(|file| shown.contains(&file.name))
        .collect();
    if std::env::var_os("UPDATE_EXAMPLE").is_some() {
        std::fs::create_dir_all(&book).unwrap();
        for file in &anchored {
            std::fs::write(book.join(file.name), &file.text).unwrap();
        }
    }
    for file in &anchored {
        let kept = std::fs::read_to_string(book.join(file.name)).unwrap_or_default();
        assert!(
            kept == file.text,
            "book/generated/{name}/{} differs from what the generator writes; run \
             `UPDATE_EXAMPLE=1 cargo test -p template-tests --test example`",
            file.name
        );
    }
    for file in generate(Options::default()) {
        assert!(
            !file.text.contains("ANCHOR"),
            "{}: a user's code has no anchors",
            file.name
        );
    }
}

#[test]
fn the_books_generated_code_is_what_the_generator_writes() {
    book_excerpts("dog-cxx", &plan(&kit_root().join("crates/dog-cxx")));
    let dynamic =
        refcount_build::Wrapper::load(&kit_root().join("crates/dog-dynamic/wrapper.toml"))
            .expect("crates/dog-dynamic/wrapper.toml loads");
    book_excerpts_of("dog-dynamic", |options| {
        refcount_build::files_of(&dynamic, "dog-dynamic", options).expect("it generates")
    });
    // The test libraries as answered by hand (the library's place does not show in
    // the excerpts).
    let found = |package: &str| Library::PkgConfig {
        package: package.to_owned(),
    };
    for answers in [
        geo_answers("geo-wrapper", found("geo")),
        store_answers("store-wrapper", found("store")),
        zoo_answers("zoo-wrapper", found("zoo")),
    ] {
        let library = answers.cpp_namespace.clone();
        book_excerpts(
            &library,
            &Plan::new(&answers.wrapper(), &answers.name).unwrap(),
        );
    }
    let read = read_answers(
        "geo-wrapper",
        &Built {
            name: "geo",
            include_dir: sources("geo").join("include"),
            lib_dir: sources("geo"),
        },
        &["geo/shape.hpp"],
    );
    book_excerpts(
        "from-header",
        &Plan::new(&read.wrapper(), &read.name).unwrap(),
    );
}

#[test]
fn a_users_crate_has_no_book_anchors() {
    let rendered = render(&Answers::defaults("no-anchors"));
    for (path, text) in files(&rendered.root) {
        assert!(!text.contains("ANCHOR"), "{path} has mdBook anchors");
    }
    let example = files(&kit_root().join("crates/dog-cxx"));
    assert!(example["tests/sample.rs"].contains("// ANCHOR: keeps_alive"));
}

//! One source of truth: `crates/dog-cxx` is what the template generates, and the
//! bundled C++ sources are the kit's `native-cpp`. These tests prove it.
//!
//! After changing the template on purpose, run
//! `UPDATE_EXAMPLE=1 cargo test -p template-tests --test example` to rewrite
//! `crates/dog-cxx` from it, and the template's `cpp/` from `native-cpp`.

use new_wrapper::Answers;
use template_tests::{files, kit_root, render, render_defines, templatize_cpp};

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

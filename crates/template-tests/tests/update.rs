//! A generated crate kept up to date: generated from a header, edited by hand (its
//! own code, a test of its own, an entry of `wrapper.toml`), then the library's
//! header gains a method, `new-wrapper update` merges it, and the crate builds and
//! passes with every hand edit intact.

use std::path::Path;

use template_tests::libraries::{build_from, read_answers, sources};
use template_tests::{cargo, render, test_rendered};

/// Copies the folder `from` into `to`.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces the one `old` in the file at `path` by `new`.
fn edit(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(old).count(),
        1,
        "`{old}` once in {}",
        path.display()
    );
    std::fs::write(path, text.replace(old, new)).unwrap();
}

#[test]
fn an_update_from_a_new_header_keeps_every_hand_edit() {
    let work = tempfile::tempdir().unwrap();
    let geo_src = work.path().join("geo-src");
    copy(&sources("geo"), &geo_src);
    let geo = build_from("geo", &geo_src, &work.path().join("lib"));
    let answers = read_answers("geo-updated", &geo, &["geo/shape.hpp"]);
    let rendered = render(&answers);
    let root = &rendered.root;

    // The user's edits: an entry of wrapper.toml renamed, code and a test of their own.
    let toml = root.join("wrapper.toml");
    edit(
        &toml,
        "\"shape.area() const -> double",
        "\"shape.area() const -> double as surface",
    );
    let lib = root.join("src/lib.rs");
    let mut own = std::fs::read_to_string(&lib).unwrap();
    own.push_str(
        "\n/// Twice a shape's area: the user's own code.\npub fn doubled(shape: &Shape) -> f64 {\n    \
         shape.surface() * 2.0\n}\n",
    );
    std::fs::write(&lib, &own).unwrap();
    let mine = "//! The user's own test.\n\n#[test]\nfn doubled_is_twice_the_surface() {\n    \
                let shape = geo_updated::Shape::new(3.0).unwrap();\n    \
                assert_eq!(geo_updated::doubled(&shape), 18.0);\n    \
                assert_eq!(shape.perimeter(), 12.0);\n}\n";
    std::fs::write(root.join("tests/mine.rs"), mine).unwrap();

    // A new version of the library: one method more.
    edit(
        &geo_src.join("include/geo/shape.hpp"),
        "    double area() const;",
        "    double area() const;\n    /// Twice width plus height.\n    double perimeter() const;",
    );
    let source = geo_src.join("src/shape.cpp");
    let mut cpp = std::fs::read_to_string(&source).unwrap();
    cpp.push_str("\nnamespace geo {\ndouble shape::perimeter() const { return 2 * (width_ + height_); }\n}\n");
    std::fs::write(&source, cpp).unwrap();
    build_from("geo", &geo_src, &work.path().join("lib"));

    let updated = new_wrapper::update::update(root).expect("the update reads the new header");
    assert_eq!(
        updated.added,
        ["shape.perimeter() const -> double  # Twice width plus height."]
    );
    assert!(updated.removed.is_empty(), "{:?}", updated.removed);
    let toml_text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        toml_text.contains("\"shape.area() const -> double as surface"),
        "the user's entry is kept:\n{toml_text}"
    );
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        own,
        "src/lib.rs is the user's"
    );

    let tour = test_rendered(&rendered, &[]);
    assert!(tour.contains("Shape::live() = 0"), "{tour}");
    let mine = cargo(root, &["test", "--test", "mine"], &[]);
    assert!(mine.contains("test result: ok. 1 passed"), "{mine}");
}

//! What an installed `new-wrapper` carries: the kit's template, file for file, and
//! the kit's version, which every place that names it follows.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::kit_root;
use new_wrapper::{template, Answers, RefcountSource, KIT_VERSION};

/// Every file below `dir` but build output, by its path relative to `root`.
fn files(root: &Path, dir: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if entry.file_name() != "target" {
                files(root, &path, found);
            }
        } else {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy();
            found.insert(relative.replace('\\', "/"), std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn the_carried_template_is_the_kits_template_file_for_file() {
    let root = kit_root().join("template");
    let mut on_disk = BTreeMap::new();
    files(&root, &root, &mut on_disk);
    let carried: BTreeMap<String, Vec<u8>> = template::FILES
        .iter()
        .map(|(name, contents)| (name.to_string(), contents.to_vec()))
        .collect();
    assert_eq!(
        carried.keys().collect::<Vec<_>>(),
        on_disk.keys().collect::<Vec<_>>()
    );
    assert!(carried == on_disk, "a carried file differs from the kit's");
    assert!(carried.contains_key(".github/workflows/ci.yml"));
}

#[test]
fn a_generated_crate_asks_for_the_kits_version_and_every_place_follows_it() {
    let workspace: toml::Table = std::fs::read_to_string(kit_root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        workspace["workspace"]["package"]["version"].as_str(),
        Some(KIT_VERSION)
    );
    for crate_name in ["refcount", "refcount-build"] {
        assert_eq!(
            workspace["workspace"]["dependencies"][crate_name]["version"].as_str(),
            Some(format!("={KIT_VERSION}").as_str()),
            "the workspace's {crate_name} dependency"
        );
    }
    // The template's default, which plain `cargo generate` uses, and new-wrapper's.
    assert_eq!(
        Answers::defaults("x").refcount,
        RefcountSource::Version(KIT_VERSION.to_owned())
    );
    let changelog = std::fs::read_to_string(kit_root().join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("\n## {KIT_VERSION}\n")),
        "CHANGELOG.md has no section for {KIT_VERSION}"
    );
}

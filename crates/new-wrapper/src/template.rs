//! The kit's `cargo generate` template, carried inside the binary.
//!
//! An installed `new-wrapper` has no checkout to read the template from: the build
//! packs every file of the kit's `template` folder into the binary, and
//! [`Extracted::new`] writes them into a temporary folder for cargo-generate, which
//! reads templates from folders. `new-wrapper --template DIR` renders another folder
//! instead (a modified copy, or a checkout's).

use std::io;
use std::path::Path;

/// The template's files: (path relative to the template's root, with `/`, contents).
pub static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/template.rs"));

/// The contents of one of the template's files, by its path relative to the
/// template's root (`cargo-generate.toml`).
pub fn file(path: &str) -> Option<&'static [u8]> {
    FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, contents)| *contents)
}

/// The template written out into a temporary folder, removed when dropped.
#[derive(Debug)]
pub struct Extracted {
    dir: tempfile::TempDir,
}

impl Extracted {
    /// Writes the template's files into a new temporary folder.
    pub fn new() -> io::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("new-wrapper-template-")
            .tempdir()?;
        write_to(dir.path())?;
        Ok(Extracted { dir })
    }

    /// The template's root folder (the one holding `cargo-generate.toml`).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Writes the template's files below `root`, creating folders as needed.
pub fn write_to(root: &Path) -> io::Result<()> {
    for (name, contents) in FILES {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, contents)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_carried_template_has_its_questions_and_its_hook() {
        let questions = std::str::from_utf8(file("cargo-generate.toml").unwrap()).unwrap();
        assert!(questions.contains("[placeholders.refcount_source]"));
        assert!(file("hooks/pre.rhai").is_some());
        assert!(file("no/such/file").is_none());
    }

    #[test]
    fn an_extracted_template_holds_every_file_and_goes_away_when_dropped() {
        let extracted = Extracted::new().unwrap();
        let root = extracted.path().to_owned();
        for (name, contents) in FILES {
            assert_eq!(&std::fs::read(root.join(name)).unwrap(), contents, "{name}");
        }
        drop(extracted);
        assert!(!root.exists());
    }
}

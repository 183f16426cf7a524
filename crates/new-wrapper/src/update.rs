//! `new-wrapper update`: reads a generated crate's headers again and merges what
//! they hold into its `wrapper.toml`, keeping the user's entries.
//!
//! The rules: every class of `wrapper.toml` stays as written (its ownership and
//! constructors are the user's); a method the headers still declare keeps its entry
//! as written (even if the user changed it); a method the headers newly declare is
//! added; an entry whose member the headers no longer declare is dropped, and
//! reported. Nothing else in the crate is touched: the generated code follows
//! `wrapper.toml` at the next build.

use std::path::Path;

use refcount_build::{Library, Method, Wrapper, WRAPPER_TOML};

use crate::header::{self, ClassRequest, Request};
use crate::options::pkg_config_include_dirs;
use crate::Error;

/// What an update changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// The methods added, as `wrapper.toml` now writes them.
    pub added: Vec<String>,
    /// The entries dropped, their members gone from the headers.
    pub removed: Vec<String>,
    /// How many entries were kept as they were.
    pub kept: usize,
    /// What the headers hold that is still left out.
    pub skipped: Vec<String>,
}

/// Re-reads the headers of the crate at `root` into its `wrapper.toml`.
pub fn update(root: &Path) -> Result<Updated, Error> {
    let path = root.join(WRAPPER_TOML);
    let wrapper = Wrapper::load(&path).map_err(Error::Wrapper)?;
    let include_dirs = match &wrapper.library {
        Library::PkgConfig { package } => pkg_config_include_dirs(package)?,
        _ => wrapper.include_dirs(root),
    };
    let found = header::read(&Request {
        headers: wrapper.headers.clone(),
        include_dirs,
        namespace: Some(wrapper.namespace.clone()),
        classes: wrapper
            .classes
            .iter()
            .cloned()
            .map(ClassRequest::Given)
            .collect(),
    })
    .map_err(Error::Read)?;

    let mut updated = Updated::default();
    let mut methods: Vec<Method> = Vec::new();
    for read in found.methods {
        match wrapper
            .methods
            .iter()
            .find(|m| m.signature() == read.signature())
        {
            Some(kept) => {
                updated.kept += 1;
                methods.push(kept.clone());
            }
            None => {
                updated.added.push(read.to_string());
                methods.push(read);
            }
        }
    }
    for entry in &wrapper.methods {
        if methods.iter().any(|m| m.signature() == entry.signature()) {
            continue;
        }
        // Declared, but not bindable as read: the entry is the user's answer for it.
        let declared = format!("{}::{}(", entry.class, entry.cpp);
        if found.skipped.iter().any(|s| s.starts_with(&declared)) {
            updated.kept += 1;
            methods.push(entry.clone());
        } else {
            updated.removed.push(entry.to_string());
        }
    }
    let merged = Wrapper { methods, ..wrapper };
    merged
        .check()
        .map_err(|refusal| Error::Answer(refusal.to_string()))?;
    std::fs::write(&path, merged.to_toml(&found.skipped))
        .map_err(|e| Error::Generate(anyhow::anyhow!("{}: {e}", path.display())))?;
    updated.skipped = found.skipped;
    Ok(updated)
}

//! `new-wrapper update`: reads a generated crate's headers again and merges what
//! they hold into its `wrapper.toml`, keeping the user's entries.
//!
//! The rules: every class of `wrapper.toml` stays as written (its ownership and
//! constructors are the user's); a method the headers still declare keeps its entry
//! as written (even if the user changed it), in the user's order; a method the
//! headers newly declare is added after them, if it can be bound beside them (else
//! it is listed as left out); an entry whose member the headers no longer declare is
//! dropped, and reported. The file is written anew: comments of the user's own are
//! not kept. Nothing else in the crate is touched: the generated code follows
//! `wrapper.toml` at the next build.

use std::path::Path;

use refcount_build::{Library, Plan, Wrapper, WRAPPER_TOML};

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
        Library::Loaded {
            include_dir: None, ..
        } => {
            return Err(Error::Usage(format!(
                "{WRAPPER_TOML} loads its library but says nowhere its headers are: give \
                 `include-dir` in its [library] to read them again"
            )))
        }
        _ => wrapper.include_dirs(root),
    };
    let found = header::read(&Request {
        headers: wrapper.headers.clone(),
        include_dirs,
        namespace: (!wrapper.namespace.is_empty()).then(|| wrapper.namespace.clone()),
        classes: wrapper
            .classes
            .iter()
            .cloned()
            .map(ClassRequest::Given)
            .collect(),
        strings: wrapper.strings.clone(),
        smart_pointers: wrapper.smart_pointers.clone(),
        language: Some(wrapper.language),
    })
    .map_err(Error::Read)?;

    let mut updated = Updated::default();
    let mut skipped = found.skipped;
    let mut found_methods = found.methods;
    if let Some(c) = &found.c {
        let library = match &wrapper.library {
            Library::Existing {
                lib_name, lib_dir, ..
            } => Some((lib_name.clone(), vec![root.join(lib_dir)])),
            Library::PkgConfig { package } => crate::options::pkg_config_library(package).ok(),
            Library::Loaded { name, .. } => Some((name.clone(), Vec::new())),
            Library::Sources { .. } => None,
        };
        if let Some((name, dirs)) = library {
            crate::options::leave_out_unexported(
                &mut found_methods,
                &mut skipped,
                &c.inline,
                &name,
                &dirs,
            );
        }
    }
    // The user's entries first, in their order: kept while the headers declare them.
    let mut merged = Wrapper {
        methods: Vec::new(),
        ..wrapper.clone()
    };
    for entry in &wrapper.methods {
        let read = found_methods
            .iter()
            .any(|m| m.signature() == entry.signature());
        // Declared, but not bindable as read: the entry is the user's answer for it.
        let declared = format!("{}::{}(", entry.class, entry.cpp);
        if read || skipped.iter().any(|s| s.starts_with(&declared)) {
            skipped.retain(|s| !s.starts_with(&declared));
            updated.kept += 1;
            merged.methods.push(entry.clone());
        } else {
            updated.removed.push(entry.to_string());
        }
    }
    // A C library's statuses and inline functions: the user's kept, new ones added.
    if let Some(c) = found.c {
        for read in c.statuses {
            if !merged.statuses.iter().any(|s| s.name == read.name) {
                merged.statuses.push(read);
            }
        }
        for (list, read) in [
            (&mut merged.inline, c.inline),
            (&mut merged.inline_calls, c.inline_calls),
        ] {
            for name in read {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
        if merged.string_free.is_none() {
            merged.string_free = c.string_free;
        }
        if merged.error_callback.is_none() {
            merged.error_callback = c.error_callback;
        }
    }
    for read in found.smart_pointers {
        if !merged.smart_pointers.contains(&read) {
            merged.smart_pointers.push(read);
        }
    }
    // The enums the members read use: the user's entries kept, new ones added.
    for read in found.enums {
        if !merged.enums.iter().any(|e| e.cpp == read.cpp) {
            merged.enums.push(read);
        }
    }
    // Then what the headers newly declare, each only if it can be bound beside them.
    for read in found_methods {
        if merged
            .methods
            .iter()
            .any(|m| m.signature() == read.signature())
        {
            continue;
        }
        match Plan::check_method(&merged, &read) {
            Ok(()) => {
                updated.added.push(read.to_string());
                merged.methods.push(read);
            }
            Err(refusal) => {
                skipped.push(format!("{}::{}: {}", read.class, read.cpp, refusal.allowed))
            }
        }
    }
    merged
        .check()
        .map_err(|refusal| Error::Answer(refusal.to_string()))?;
    std::fs::write(&path, merged.to_toml(&skipped))
        .map_err(|e| Error::Generate(anyhow::anyhow!("{}: {e}", path.display())))?;
    updated.skipped = skipped;
    Ok(updated)
}

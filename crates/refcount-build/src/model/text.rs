//! `wrapper.toml` as text: the layout the template writes, written again after an
//! update (a test proves the two agree), with the skipped members as comments.

use super::{Language, Library, Wrapper};

/// The comment at the top of every `wrapper.toml`.
pub const HEADER: &str = "\
# What this crate wraps, read by refcount-build at every build (see build.rs): it
# generates the bindings into the build folder, never into this crate's files. Edit
# this file and run `cargo build`; the kit's template/README.md gives every form.
# `new-wrapper update` re-reads the headers into it, keeping your entries.
";

/// `text` as a TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            // A tab may stand in a TOML string as it is, as the template writes it.
            c if c.is_control() && c != '\t' => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn inline(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

fn block(items: impl Iterator<Item = String>, comments: &[String]) -> String {
    let mut text = String::from("[");
    for item in items {
        text.push_str(&format!("\n    {},", quoted(&item)));
    }
    for comment in comments {
        text.push_str(&format!("\n    # left out: {comment}"));
    }
    text.push_str("\n]");
    text
}

impl Wrapper {
    /// The text of `wrapper.toml`, with `skipped` (`WHAT: WHY`) as comments after
    /// the methods.
    pub fn to_toml(&self, skipped: &[String]) -> String {
        let mut text = String::from(HEADER);
        if self.language == Language::C {
            text.push_str("language = \"c\"\n");
        } else {
            text.push_str(&format!("namespace = {}\n", quoted(&self.namespace)));
        }
        text.push_str(&format!("headers = {}\n", inline(&self.headers)));
        if !self.system_packages.is_empty() {
            text.push_str(&format!(
                "system-packages = {}\n",
                inline(&self.system_packages)
            ));
        }
        let classes = block(self.classes.iter().map(ToString::to_string), &[]);
        let methods = block(self.methods.iter().map(ToString::to_string), skipped);
        text.push_str(&format!("classes = {classes}\nmethods = {methods}\n"));
        if !self.enums.is_empty() {
            let enums = block(self.enums.iter().map(ToString::to_string), &[]);
            text.push_str(&format!("enums = {enums}\n"));
        }
        if !self.smart_pointers.is_empty() {
            text.push_str(&format!(
                "smart-pointers = {}\n",
                inline(&self.smart_pointers)
            ));
        }
        if !self.statuses.is_empty() {
            let statuses = block(self.statuses.iter().map(ToString::to_string), &[]);
            text.push_str(&format!("statuses = {statuses}\n"));
        }
        if let Some(free) = &self.string_free {
            text.push_str(&format!("string-free = {}\n", quoted(free)));
        }
        if let Some(register) = &self.error_callback {
            text.push_str(&format!("error-callback = {}\n", quoted(register)));
        }
        if !self.inline.is_empty() {
            text.push_str(&format!("inline = {}\n", inline(&self.inline)));
        }
        if !self.inline_calls.is_empty() {
            text.push_str(&format!("inline-calls = {}\n", inline(&self.inline_calls)));
        }
        if !self.strings.is_empty() {
            let strings = block(self.strings.iter().map(ToString::to_string), &[]);
            text.push_str(&format!("strings = {strings}\n"));
        }
        text.push_str("\n[library]\n");
        match &self.library {
            Library::Sources {
                folder,
                files,
                defines,
            } => text.push_str(&format!(
                "kind = \"sources\"\nfolder = {}\nfiles = {}\ndefines = {}\n",
                quoted(folder),
                inline(files),
                inline(defines)
            )),
            Library::Existing {
                include_dir,
                lib_dir,
                lib_name,
            } => text.push_str(&format!(
                "kind = \"existing\"\ninclude-dir = {}\nlib-dir = {}\nlib-name = {}\n",
                quoted(include_dir),
                quoted(lib_dir),
                quoted(lib_name)
            )),
            Library::PkgConfig { package } => text.push_str(&format!(
                "kind = \"pkg-config\"\npackage = {}\n",
                quoted(package)
            )),
            Library::Loaded {
                name,
                version,
                include_dir,
            } => {
                text.push_str(&format!("kind = \"loaded\"\nname = {}\n", quoted(name)));
                if let Some(version) = version {
                    text.push_str(&format!("version = {version}\n"));
                }
                if let Some(dir) = include_dir {
                    text.push_str(&format!("include-dir = {}\n", quoted(dir)));
                }
            }
        }
        text
    }
}

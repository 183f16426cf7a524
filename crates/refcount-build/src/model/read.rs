//! `wrapper.toml` read into a [`Wrapper`]: TOML parsed by the `toml` crate, every
//! key and type checked here, each class and method read by its `FromStr`. A
//! mistake is reported with its line and what is allowed; an unknown key is one.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Language, Library, Wrapper};

/// What is wrong in a `wrapper.toml`, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The 1-based line, if known.
    pub line: Option<usize>,
    /// What is wrong, and what is allowed.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The keys a `wrapper.toml` may hold at its top, and in `[library]` per kind.
const TOP: &[&str] = &[
    "language",
    "namespace",
    "headers",
    "inline",
    "inline-calls",
    "classes",
    "methods",
    "enums",
    "strings",
    "smart-pointers",
    "statuses",
    "string-free",
    "error-callback",
    "system-packages",
    "library",
];
const KINDS: &str = "`sources`, `existing`, `pkg-config` or `loaded` (C only)";

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ReadError {
        ReadError {
            line: Some(
                self.text[..span.start.min(self.text.len())]
                    .matches('\n')
                    .count()
                    + 1,
            ),
            message: message.into(),
        }
    }

    fn keys(&self, table: &DeTable, allowed: &[&str], what: &str) -> Result<(), ReadError> {
        for (key, _) in table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                return Err(self.error(
                    key.span(),
                    format!(
                        "`{}` is no key of {what}: use {}",
                        key.get_ref(),
                        allowed
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn get<'v, 'i>(
        &self,
        table: &'v Spanned<DeTable<'i>>,
        key: &str,
    ) -> Result<&'v Spanned<DeValue<'i>>, ReadError> {
        table
            .get_ref()
            .get(key)
            .ok_or_else(|| self.error(table.span(), format!("`{key}` is missing")))
    }

    fn string(&self, value: &Spanned<DeValue>, key: &str) -> Result<String, ReadError> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            _ => Err(self.error(value.span(), format!("`{key}` is a string"))),
        }
    }

    fn strings(
        &self,
        value: &Spanned<DeValue>,
        key: &str,
    ) -> Result<Vec<Spanned<String>>, ReadError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.error(value.span(), format!("`{key}` is a list of strings")));
        };
        items
            .iter()
            .map(|item| Ok(Spanned::new(item.span(), self.string(item, key)?)))
            .collect()
    }

    /// The string of `key`, if the table has one.
    fn optional_string(
        &self,
        table: &Spanned<DeTable>,
        key: &str,
    ) -> Result<Option<String>, ReadError> {
        table
            .get_ref()
            .get(key)
            .map(|value| self.string(value, key))
            .transpose()
    }

    fn optional_strings(
        &self,
        table: &Spanned<DeTable>,
        key: &str,
    ) -> Result<Vec<Spanned<String>>, ReadError> {
        match table.get_ref().get(key) {
            Some(value) => self.strings(value, key),
            None => Ok(Vec::new()),
        }
    }

    /// Each item of `key` read by its `FromStr`, refused with its line.
    fn parsed<T: std::str::FromStr>(
        &self,
        table: &Spanned<DeTable>,
        key: &str,
    ) -> Result<Vec<T>, ReadError>
    where
        T::Err: std::fmt::Display,
    {
        self.optional_strings(table, key)?
            .into_iter()
            .map(|item| {
                let span = item.span();
                item.into_inner()
                    .parse()
                    .map_err(|e: T::Err| self.error(span, e.to_string()))
            })
            .collect()
    }

    fn plain(items: Vec<Spanned<String>>) -> Vec<String> {
        items.into_iter().map(Spanned::into_inner).collect()
    }

    fn library(&self, value: &Spanned<DeValue>) -> Result<Library, ReadError> {
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.error(value.span(), "`library` is a table: `[library]`"));
        };
        let table = Spanned::new(value.span(), table.clone());
        let kind = self.string(self.get(&table, "kind")?, "kind")?;
        let allowed: &[&str] = match kind.as_str() {
            "sources" => &["kind", "folder", "files", "defines"],
            "existing" => &["kind", "include-dir", "lib-dir", "lib-name"],
            "pkg-config" => &["kind", "package"],
            "loaded" => &["kind", "name", "version", "include-dir"],
            other => {
                return Err(self.error(
                    self.get(&table, "kind")?.span(),
                    format!("`{other}` is no kind of library: use {KINDS}"),
                ))
            }
        };
        self.keys(table.get_ref(), allowed, &format!("a `{kind}` library"))?;
        let text = |key| self.string(self.get(&table, key)?, key);
        Ok(match kind.as_str() {
            "sources" => Library::Sources {
                folder: text("folder")?,
                files: Self::plain(self.strings(self.get(&table, "files")?, "files")?),
                defines: Self::plain(self.optional_strings(&table, "defines")?),
            },
            "existing" => Library::Existing {
                include_dir: text("include-dir")?,
                lib_dir: text("lib-dir")?,
                lib_name: text("lib-name")?,
            },
            "loaded" => Library::Loaded {
                name: text("name")?,
                include_dir: match table.get_ref().get("include-dir") {
                    Some(value) => Some(self.string(value, "include-dir")?),
                    None => None,
                },
                version: match table.get_ref().get("version") {
                    None => None,
                    Some(value) => {
                        let wrong = || {
                            self.error(
                                value.span(),
                                "`version` is a major version: a number such as `0`",
                            )
                        };
                        let number = value.get_ref().as_integer().ok_or_else(wrong)?;
                        Some(
                            u64::from_str_radix(number.as_str(), number.radix())
                                .map_err(|_| wrong())?,
                        )
                    }
                },
            },
            _ => Library::PkgConfig {
                package: text("package")?,
            },
        })
    }
}

impl Wrapper {
    /// Reads the text of a `wrapper.toml`. The entries are read, not checked
    /// together: [`Wrapper::check`] does that.
    pub fn from_toml(text: &str) -> Result<Wrapper, ReadError> {
        let reader = Reader { text };
        let table = DeTable::parse(text).map_err(|err| ReadError {
            line: None,
            message: err.to_string().trim_end().to_owned(),
        })?;
        reader.keys(table.get_ref(), TOP, "wrapper.toml")?;
        let language = match table.get_ref().get("language") {
            None => Language::Cpp,
            Some(value) => match reader.string(value, "language")?.as_str() {
                "c++" => Language::Cpp,
                "c" => Language::C,
                other => {
                    return Err(reader.error(
                        value.span(),
                        format!("`{other}` is no language: use `c++` or `c`"),
                    ))
                }
            },
        };
        // A C library has no namespace.
        let namespace = match (language, table.get_ref().get("namespace")) {
            (Language::C, None) => String::new(),
            _ => reader.string(reader.get(&table, "namespace")?, "namespace")?,
        };
        Ok(Wrapper {
            language,
            namespace,
            statuses: reader.parsed(&table, "statuses")?,
            string_free: reader.optional_string(&table, "string-free")?,
            error_callback: reader.optional_string(&table, "error-callback")?,
            inline: Reader::plain(reader.optional_strings(&table, "inline")?),
            inline_calls: Reader::plain(reader.optional_strings(&table, "inline-calls")?),
            headers: Reader::plain(reader.optional_strings(&table, "headers")?),
            classes: reader.parsed(&table, "classes")?,
            methods: reader.parsed(&table, "methods")?,
            enums: reader.parsed(&table, "enums")?,
            strings: reader.parsed(&table, "strings")?,
            smart_pointers: Reader::plain(reader.optional_strings(&table, "smart-pointers")?),
            system_packages: Reader::plain(reader.optional_strings(&table, "system-packages")?),
            library: reader.library(reader.get(&table, "library")?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "namespace = \"geo\"\nheaders = [\"geo/shape.hpp\"]\nclasses = [\n    \"shape=unique new(double)\",\n]\nmethods = [\n    \"shape.area() const -> double  # The area.\",\n    # left out: shape::x(): a template\n]\n\n[library]\nkind = \"pkg-config\"\npackage = \"geo\"\n";

    #[test]
    fn a_description_reads_into_the_model_and_prints_back() {
        let wrapper = Wrapper::from_toml(GOOD).unwrap();
        assert_eq!(wrapper.classes[0].to_string(), "shape=unique new(double)");
        assert_eq!(wrapper.methods[0].doc, "The area.");
        let skipped = ["shape::x(): a template".to_owned()];
        let text = wrapper.to_toml(&skipped);
        assert_eq!(Wrapper::from_toml(&text).unwrap(), wrapper);
        assert!(
            text.ends_with(&GOOD[GOOD.find("methods").unwrap()..]),
            "{text}"
        );
    }

    #[test]
    fn mistakes_name_their_line_and_what_is_allowed() {
        let err = Wrapper::from_toml(&GOOD.replace("unique new", "shared new")).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.starts_with("\"shape=shared new(double)\" is not a valid class `shape` (classes): `shared` is no ownership"), "{err}");
        let err = Wrapper::from_toml(&GOOD.replace("headers", "header")).unwrap_err();
        assert_eq!(err.to_string().split(':').next(), Some("line 2"));
        assert!(
            err.message
                .starts_with("`header` is no key of wrapper.toml"),
            "{err}"
        );
        let err = Wrapper::from_toml(&GOOD.replace("pkg-config", "conan")).unwrap_err();
        assert_eq!(
            err.message,
            "`conan` is no kind of library: use `sources`, `existing`, `pkg-config` or `loaded` (C only)"
        );
        let err = Wrapper::from_toml(&GOOD.replace("namespace = \"geo\"\n", "")).unwrap_err();
        assert_eq!(err.message, "`namespace` is missing");
        let err = Wrapper::from_toml("namespace = [").unwrap_err();
        assert!(
            err.message.starts_with("TOML parse error at line 1"),
            "{err}"
        );
    }
}

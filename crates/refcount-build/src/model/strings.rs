//! A library's own string class, given by its two conversions: `NAME : TO / FROM
//! [# doc]`, the form `wrapper.toml` writes (`poppler::ustring : to_utf8 /
//! from_utf8`). A member that takes or returns one is bound with Rust's `&str` and
//! `String`: the shim converts through UTF-8 bytes, so nothing of the class crosses.

use std::fmt;
use std::str::FromStr;

use super::types::is_identifier;
use super::{doc_of, with_doc};
use crate::Refusal;

/// What every string-class answer looks like, for refusals.
pub const STRING_FORM: &str = "use NAME : TO / FROM, where `value.TO()` gives the UTF-8 \
bytes (anything with `data()` and `size()`) and `NAME::FROM(data, size)` makes one from them, \
such as `poppler::ustring : to_utf8 / from_utf8`";

/// A string class and its conversions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StringClass {
    /// The C++ name, as members spell it (`poppler::ustring`, or relative to the
    /// namespace).
    pub cpp: String,
    /// The const member that gives a value's UTF-8 bytes (`to_utf8`).
    pub to_utf8: String,
    /// The static member that makes a value from UTF-8 bytes and their count
    /// (`from_utf8`).
    pub from_utf8: String,
    /// Its documentation, one line of Markdown.
    pub doc: String,
}

impl FromStr for StringClass {
    type Err = Refusal;

    fn from_str(item: &str) -> Result<StringClass, Refusal> {
        let (code, doc) = doc_of(item);
        let form = |why: String| {
            Refusal::new(
                "string class (strings)",
                code,
                format!("{why}: {STRING_FORM}"),
            )
        };
        // The conversions follow a single `:` (a `::` belongs to the name).
        let colon = super::single_colon(code)
            .ok_or_else(|| form("no `:` before the conversions".to_owned()))?;
        let cpp = code[..colon].trim();
        if cpp.is_empty() || !cpp.split("::").all(is_identifier) {
            return Err(form(format!("`{cpp}` is not a C++ name")));
        }
        let (to, from) = code[colon + 1..]
            .split_once('/')
            .ok_or_else(|| form("no `/` between the conversions".to_owned()))?;
        let (to, from) = (to.trim(), from.trim());
        for name in [to, from] {
            if !is_identifier(name) {
                return Err(form(format!("`{name}` is no member name")));
            }
        }
        Ok(StringClass {
            cpp: cpp.to_owned(),
            to_utf8: to.to_owned(),
            from_utf8: from.to_owned(),
            doc,
        })
    }
}

impl StringClass {
    /// The answer without its doc comment.
    pub fn code(&self) -> String {
        format!("{} : {} / {}", self.cpp, self.to_utf8, self.from_utf8)
    }
}

impl fmt::Display for StringClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&with_doc(self.code(), &self.doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_class_reads_and_prints_back() {
        for text in [
            "poppler::ustring : to_utf8 / from_utf8",
            "QString : toUtf8 / fromUtf8  # Qt's string.",
        ] {
            let read: StringClass = text.parse().expect(text);
            assert_eq!(read.to_string(), text);
        }
        let read: StringClass = "poppler::ustring : to_utf8 / from_utf8".parse().unwrap();
        assert_eq!(read.cpp, "poppler::ustring");
        assert_eq!(
            (read.to_utf8.as_str(), read.from_utf8.as_str()),
            ("to_utf8", "from_utf8")
        );
    }

    #[test]
    fn a_string_class_without_both_conversions_is_refused() {
        for (text, why) in [
            ("ustring", "no `:`"),
            ("ustring : to_utf8", "no `/`"),
            ("ustring : to utf8 / from", "`to utf8` is no member name"),
            ("my string : a / b", "`my string` is not a C++ name"),
        ] {
            let refusal = text.parse::<StringClass>().unwrap_err();
            assert!(refusal.allowed.contains(why), "{text}: {}", refusal.allowed);
        }
    }
}

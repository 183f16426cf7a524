//! A C++ enum that bound members take or return: `NAME[ as RUST] : TYPE { VARIANT =
//! VALUE, ... } [# doc]`, the form `wrapper.toml` writes. The Rust side is cxx's
//! shared enum over the existing C++ one, whose variants, values and underlying type
//! cxx checks against the C++ definition when the crate builds.

use std::fmt;
use std::str::FromStr;

use super::types::{is_identifier, Base, CppType, Scalar};
use super::{doc_of, with_doc};
use crate::naming::is_rust_keyword;
use crate::Refusal;

/// What every enum answer looks like, for refusals.
pub const ENUM_FORM: &str = "use NAME[ as RUST] : TYPE { VARIANT = VALUE, ... }, such as \
`color : int { red = 0, green = 1 }` or `document::page_mode : unsigned int { none = 0 }`";

/// An enum, as the header declares it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Enum {
    /// The C++ name relative to the namespace (`color`, `document::page_mode`).
    pub cpp: String,
    /// The Rust name, when it is not derived from the C++ one.
    pub rust: Option<String>,
    /// The underlying integer type.
    pub repr: Scalar,
    /// How the underlying type is spelled (kept for printing it back).
    pub repr_spelled: String,
    /// The enumerators, in order: C++ name and value.
    pub variants: Vec<(String, i128)>,
    /// Its documentation, one line of Markdown.
    pub doc: String,
}

impl FromStr for Enum {
    type Err = Refusal;

    fn from_str(item: &str) -> Result<Enum, Refusal> {
        let (code, doc) = doc_of(item);
        let form = |why: &str| Refusal::new("enum (enums)", code, format!("{why}: {ENUM_FORM}"));
        let (head, body) = code.split_once('{').ok_or_else(|| form("no `{`"))?;
        let body = body
            .trim()
            .strip_suffix('}')
            .ok_or_else(|| form("no `}` at the end"))?;
        // The type follows a single `:` (a `::` belongs to a nested name).
        let (name, repr) = match super::single_colon(head) {
            Some(at) => (head[..at].trim(), head[at + 1..].trim()),
            None => (head.trim(), ""),
        };
        let (cpp, rust) = match name.split_once(" as ") {
            Some((cpp, rust)) => (cpp.trim(), Some(rust.trim().to_owned())),
            None => (name, None),
        };
        if cpp.is_empty() || !cpp.split("::").all(is_identifier) {
            return Err(form(&format!("`{cpp}` is not a C++ name")));
        }
        if let Some(rust) = &rust {
            if !is_identifier(rust) || is_rust_keyword(rust) {
                return Err(form(&format!("`{rust}` after `as` is no Rust type name")));
            }
        }
        let repr_type: CppType = repr
            .parse()
            .map_err(|_| form("the underlying type is missing"))?;
        let Base::Scalar(scalar, spelled) = repr_type.base else {
            return Err(form(&format!("`{repr}` is no integer type")));
        };
        if matches!(scalar, Scalar::Bool | Scalar::F32 | Scalar::F64) {
            return Err(form(&format!("`{repr}` is no integer type")));
        }
        let mut variants = Vec::new();
        for variant in body.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            let (name, value) = variant
                .split_once('=')
                .ok_or_else(|| form(&format!("`{variant}` has no `= VALUE`")))?;
            let (name, value) = (name.trim(), value.trim());
            if !is_identifier(name) {
                return Err(form(&format!("`{name}` is not a C++ identifier")));
            }
            let value: i128 = value
                .parse()
                .map_err(|_| form(&format!("`{value}` is no integer")))?;
            variants.push((name.to_owned(), value));
        }
        if variants.is_empty() {
            return Err(form("an enum needs a variant"));
        }
        Ok(Enum {
            cpp: cpp.to_owned(),
            rust,
            repr: scalar,
            repr_spelled: spelled,
            variants,
            doc,
        })
    }
}

impl Enum {
    /// The answer without its doc comment.
    pub fn code(&self) -> String {
        let name = match &self.rust {
            Some(rust) => format!("{} as {rust}", self.cpp),
            None => self.cpp.clone(),
        };
        let variants: Vec<String> = self
            .variants
            .iter()
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        format!(
            "{name} : {} {{ {} }}",
            self.repr_spelled,
            variants.join(", ")
        )
    }
}

impl fmt::Display for Enum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&with_doc(self.code(), &self.doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enum_reads_and_prints_back() {
        for text in [
            "color : int { red = 0, green = 1, blue = 4 }",
            "document::page_mode as PageMode : unsigned int { none = 0, outlines = 1 }",
            "big : unsigned long { top = 18446744073709551615 }",
        ] {
            let parsed: Enum = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.to_string(), text);
        }
        let nested: Enum = "a::b : int { x = -1 }  # Doc.".parse().unwrap();
        assert_eq!((nested.cpp.as_str(), nested.variants[0].1), ("a::b", -1));
        assert_eq!(nested.doc, "Doc.");
        assert!("color : double { a = 0 }".parse::<Enum>().is_err());
        assert!("color : int { }".parse::<Enum>().is_err());
        assert!("color { a = 0 }".parse::<Enum>().is_err());
        assert!("color : int { a }".parse::<Enum>().is_err());
    }
}

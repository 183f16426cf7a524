//! Every name the generated code gives: Rust names from C++ ones, and the bridge's
//! function names, unique by construction. The one place naming rules live.

use std::collections::BTreeSet;

/// Rust's reserved words, which a generated name must not be.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "type", "unsafe", "use", "where", "while", "yield", "abstract", "become", "do",
    "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
];

/// Type names a class's Rust type may not take: cxx's own types and the crate's.
pub const TAKEN_TYPES: &[&str] = &[
    "String",
    "Str",
    "Vec",
    "Box",
    "UniquePtr",
    "SharedPtr",
    "WeakPtr",
    "CxxString",
    "CxxVector",
    "Result",
    "Pin",
    "Option",
    "Error",
    "Self",
    "Fn",
    "Slice",
    "PartialEq",
    "Eq",
    "From",
    "TryFrom",
    "Some",
    "None",
    "Ok",
    "Err",
];

/// Method names the generated types define themselves (or that the count's shims use).
pub const TAKEN_METHODS: &[&str] = &[
    "self",
    "this",
    "new",
    "as_ptr",
    "lease",
    "close",
    "handle",
    "clone",
    "from_adopted",
    "from_retained",
    "add_ref",
    "release",
    "eq",
    "ne",
    "hash",
    "fmt",
    "drop",
    "deref",
    "default",
    "to_string",
    "into_iter",
    "next",
];

/// Whether `name` is a Rust keyword.
pub fn is_rust_keyword(name: &str) -> bool {
    RUST_KEYWORDS.contains(&name)
}

/// The words of an identifier: `XMLDocument` and `xml_document` both give
/// `["XML", "Document"]`-like words (`["xml", "document"]` in lowercase).
fn words(name: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(char::is_ascii_lowercase))
                });
            if boundary && !word.is_empty() {
                found.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            found.push(word);
        }
    }
    found
}

/// `name` in snake_case: `XMLDocument` gives `xml_document`.
pub fn snake(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `name` in UpperCamelCase: `dog_owner` gives `DogOwner`.
pub fn upper_camel(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Whether a parameter's name says it is a size (`len`, `size`, `length`, `count`,
/// `n`, alone or as a word of it: `file_data_length`): what tells a buffer from a
/// pointer to one value.
pub fn names_a_size(name: &str) -> bool {
    snake(name).split('_').any(|word| {
        [
            "len", "size", "length", "count", "capacity", "bytes", "nbytes", "n", "num",
        ]
        .contains(&word)
    })
}

/// Whether a flag's name asks the callee to keep a pointer instead of copying what
/// it points to (tinyxml2's `SetValue(const char*, bool staticMem = false)`,
/// `in_place`, `no_copy`, `borrow`): a member is bound with such a flag left at its
/// default, never set from safe Rust.
pub fn asks_to_keep(name: &str) -> bool {
    let snake = snake(name);
    let words: Vec<&str> = snake.split('_').collect();
    words.iter().any(|w| {
        [
            "static", "inplace", "nocopy", "borrow", "borrowed", "keep", "zerocopy",
        ]
        .contains(w)
    }) || snake.contains("in_place")
        || snake.contains("no_copy")
        || snake.contains("zero_copy")
}

/// Whether a member's name says it makes a copy (`clone`, `copy`, `duplicate`,
/// `deepCopy`), which does not point into what it was copied from.
pub fn names_a_copy(name: &str) -> bool {
    snake(name)
        .split('_')
        .any(|word| ["clone", "copy", "duplicate", "dup"].contains(&word))
}

/// The name a member's Rust method is made from: its own, or a word for the one
/// operator bound (`operator[]` is `index`, as `std::ops::Index` names it).
pub fn member_word(cpp: &str) -> &str {
    match cpp {
        "operator[]" => "index",
        other => other,
    }
}

/// A C++ name as a Rust value or function name: snake_case, and a trailing `_` for
/// a keyword or one of `taken`.
pub fn rust_name(name: &str, taken: &[&str]) -> String {
    let snake = snake(name);
    if snake.is_empty() {
        "arg".to_owned()
    } else if is_rust_keyword(&snake) || taken.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Identifiers joined with single `_`: never a `__` (reserved in C++), never a
/// leading or trailing `_`.
pub fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|part| part.split('_'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A set of names in one scope: each name given out is new in it.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// A scope where `taken` are used already.
    pub fn with(taken: &[&str]) -> Scope {
        Scope {
            used: taken.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` is used.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// Takes `name` if it is free; `false` if it was used.
    pub fn take(&mut self, name: &str) -> bool {
        self.used.insert(name.to_owned())
    }

    /// `base`, or `base_2`, `base_3`...: the first that is free, taken.
    pub fn unique(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while !self.take(&name) {
            name = format!("{}_{n}", base.trim_end_matches('_'));
            n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_convert_as_users_expect() {
        assert_eq!(snake("XMLDocument"), "xml_document");
        assert_eq!(snake("wagTail"), "wag_tail");
        assert_eq!(snake("shape_list"), "shape_list");
        assert_eq!(upper_camel("dog_owner"), "DogOwner");
        assert_eq!(upper_camel("Value"), "Value");
        assert_eq!(rust_name("type", &[]), "type_");
        assert_eq!(rust_name("close", TAKEN_METHODS), "close_");
    }

    #[test]
    fn joined_names_never_hold_a_double_underscore() {
        assert_eq!(join(&["value", "new", "value_"]), "value_new_value");
        assert_eq!(join(&["_x", "", "y__z"]), "x_y_z");
        assert_eq!(Scope::with(&["_keep"]).unique("_keep"), "_keep_2");
        let mut scope = Scope::default();
        let names: Vec<String> = (0..3).map(|_| scope.unique("value_new_value")).collect();
        assert_eq!(
            names,
            ["value_new_value", "value_new_value_2", "value_new_value_3"]
        );
    }
}

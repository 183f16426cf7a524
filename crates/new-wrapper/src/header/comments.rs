//! A header's doc comments, as the one-line docs the template's answers carry.

/// The text of a raw comment (`///`, `//`, `/** */` or `/* */`), on one line: the
/// markers gone, the lines joined, and `;` (which separates answers) made `,`.
pub fn one_line(raw: &str) -> String {
    let mut words = Vec::new();
    // mdBook's anchors (`ANCHOR: name`) mark a file for a book, not a declaration.
    for line in raw
        .lines()
        .filter(|line| !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:"))
    {
        let mut text = line.trim();
        for marker in ["///<", "///", "//!", "//", "/**<", "/**", "/*!", "/*"] {
            if let Some(rest) = text.strip_prefix(marker) {
                text = rest;
                break;
            }
        }
        let text = text.trim_end_matches("*/").trim();
        // sqlite3 starts each line of a comment with `**`.
        let text = text.trim_start_matches('*').trim();
        words.push(text.to_owned());
    }
    // The model's rule for a doc on one line (no `*/`, no `;`), in one place.
    refcount_build::model::one_line(&words.join(" "))
}

/// Whether `phrase` appears in `text` (lower case, one line) other than denied: "no
/// new reference" and "not a new reference" do not say "new reference".
fn says(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let denied = text[..at].split_whitespace().rev().take(2).any(|word| {
            ["no", "not", "never", "without", "nor"].contains(&word) || word.ends_with("n't")
        });
        !denied
    })
}

/// Whether a comment says the function throws (`Throws ...`, `@throws`, "an
/// exception"), and not that it never does.
pub fn mentions_throwing(raw: &str) -> bool {
    let lower = one_line(&raw.to_lowercase());
    ["throw", "exception"].iter().any(|word| says(&lower, word))
}

/// Whether a comment says that the caller owns the returned object (a new reference,
/// or the object itself, to release).
pub fn hands_over_ownership(raw: &str) -> bool {
    let lower = one_line(&raw.to_lowercase());
    [
        "caller owns",
        "owned by the caller",
        "caller takes ownership",
        "transfers ownership",
        "new reference",
        "must release",
        "must be released",
        "must delete",
        "must be deleted",
        "must free",
        "must be freed",
        "caller is responsible",
    ]
    .iter()
    .any(|phrase| says(&lower, phrase))
}

/// Whether a function's name says, by the common conventions, that it hands the
/// caller a new object: `create`, `make`, `new`, `load`, `open`, `build`, `clone`,
/// `copy`, `dup` alone or as the first word (`load_from_file`, `createWindow`).
pub fn factory_name(name: &str) -> bool {
    [
        "create", "make", "new", "load", "open", "build", "clone", "copy", "dup",
    ]
    .iter()
    .any(|verb| {
        let Some(rest) = name
            .get(..verb.len())
            .filter(|head| head.eq_ignore_ascii_case(verb))
            .map(|_| &name[verb.len()..])
        else {
            return false;
        };
        rest.is_empty() || rest.starts_with('_') || rest.starts_with(|c: char| c.is_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_go_and_lines_join() {
        assert_eq!(
            one_line(
                "/// A square with sides of `size`.\n///\n/// Never throws; a negative size is 0."
            ),
            "A square with sides of `size`. Never throws, a negative size is 0."
        );
        assert_eq!(one_line("/**\n * Two\n * lines.\n */"), "Two lines.");
        assert_eq!(one_line("// Plain // comment"), "Plain // comment");
    }

    #[test]
    fn ownership_and_throws_are_read_from_the_words() {
        assert!(hands_over_ownership(
            "/// A new shape. The caller owns the returned reference."
        ));
        assert!(!hands_over_ownership(
            "/// This shape, borrowed: no reference is added."
        ));
        assert!(mentions_throwing("/// Throws `std::invalid_argument`."));
        assert!(!mentions_throwing("/// The width."));
        assert!(!mentions_throwing("/// Never throws on a bad size."));
        assert!(!mentions_throwing("/// Does not throw."));
        assert!(!hands_over_ownership(
            "/// The parent: no new reference is added."
        ));
        assert!(!hands_over_ownership("/// Not a new reference."));
    }

    #[test]
    fn a_factory_is_named_by_its_first_word() {
        for name in [
            "create",
            "load_from_file",
            "createWindow",
            "clone",
            "Copy",
            "new_page",
        ] {
            assert!(factory_name(name), "{name}");
        }
        for name in ["creature", "newest", "opened", "get_copy", "size", "loader"] {
            assert!(!factory_name(name), "{name}");
        }
    }
}

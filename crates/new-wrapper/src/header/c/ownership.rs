//! How a C library's objects are owned, and what its functions return, read from
//! the names the C conventions give them (gir's, for GObject; every C library's
//! own, for the rest).

use refcount_build::naming::snake;

/// Words of a function that releases the object it is given (`sqlite3_close`,
/// `cairo_destroy`, `json_decref`), in the order they are preferred.
pub(super) const RELEASES: &[&str] = &[
    "unref", "decref", "release", "destroy", "free", "finalize", "close", "delete", "dispose",
];

/// Words of a function that adds a reference (`cairo_reference`, `json_incref`).
pub(super) const ADD_REFS: &[&str] = &["ref", "reference", "incref", "retain", "addref"];

/// Words of a function whose result the caller owns: a factory (`_create`, `_new`,
/// `_open`, `_copy`, `_dup`, ...).
const FACTORIES: &[&str] = &[
    "create",
    "new",
    "open",
    "copy",
    "dup",
    "duplicate",
    "clone",
    "make",
    "alloc",
    "init",
    "load",
    "loads",
    "loadb",
    "loadf",
    "parse",
];

/// Words of a function that gives a message for a failure.
const MESSAGES: &[&str] = &[
    "status_string",
    "strstatus",
    "errmsg",
    "errstr",
    "strerror",
    "error_message",
    "error_string",
    "to_string",
];

/// The words of `name` after `prefix` (`sqlite3_close_v2` after `sqlite3_` is
/// `close`, `v2`).
pub(super) fn words<'a>(name: &'a str, prefix: &str) -> Vec<&'a str> {
    name.strip_prefix(prefix)
        .unwrap_or(name)
        .split('_')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a word of `name` (after `prefix`) is one of `list`; the rank of the first
/// such word's entry, so that the callers prefer the most telling name.
pub(super) fn rank(name: &str, prefix: &str, list: &[&str]) -> Option<usize> {
    words(name, prefix)
        .iter()
        .filter_map(|word| list.iter().position(|w| w.eq_ignore_ascii_case(word)))
        .min()
}

/// [`rank`] of the last word of `name` (after `prefix`), or of the word before a
/// version (`sqlite3_close_v2`): a release or count function says what it does
/// last (`sqlite3_close`, `cairo_surface_destroy`), unlike
/// `sqlite3_db_release_memory`.
pub(super) fn last_word_rank(name: &str, prefix: &str, list: &[&str]) -> Option<usize> {
    // By words as `makes` reads them: expat's `XML_ParserFree` ends in `free`.
    let snake = snake(name);
    let words = words(&snake, prefix);
    let versioned =
        |w: &&str| w.len() > 1 && w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit());
    let last = match words.as_slice() {
        [.., word, version] if versioned(version) => word,
        [.., word] => word,
        [] => return None,
    };
    list.iter().position(|w| w.eq_ignore_ascii_case(last))
}

/// Whether the name says the caller owns what it returns.
pub(super) fn makes(name: &str, prefix: &str) -> bool {
    rank(&snake(name), prefix, FACTORIES).is_some()
}

/// Whether the name says it describes a failure.
pub(super) fn gives_a_message(name: &str) -> bool {
    let snake = snake(name);
    MESSAGES.iter().any(|m| snake.contains(m))
}

/// What a comment says about the objects a function is given or returns.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Says {
    /// The result is the caller's ("new reference", "must be freed", ...).
    pub(super) owned: bool,
    /// The result is borrowed ("borrowed reference", "do not free").
    pub(super) borrowed: bool,
    /// An object given is taken over ("steals", "takes ownership").
    pub(super) steals: bool,
}

/// Reads `comment` (one line, lower case).
pub(super) fn says(comment: &str) -> Says {
    let has = |phrases: &[&str]| phrases.iter().any(|p| comment.contains(p));
    let borrowed = has(&[
        "borrowed reference",
        "do not free",
        "must not be freed",
        "should not be freed",
        "owned by the",
        "do not release",
    ]);
    Says {
        owned: !borrowed
            && (super::super::comments::hands_over_ownership(comment)
                || has(&[
                    "newly allocated",
                    "must be freed",
                    "caller must free",
                    "free it with",
                ])),
        borrowed,
        steals: has(&[
            "steals",
            "stolen",
            "takes ownership",
            "takes over the reference",
            "reference is stolen",
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_releases_factories_and_messages() {
        assert_eq!(rank("sqlite3_close", "sqlite3_", RELEASES), Some(6));
        assert_eq!(rank("json_decref", "json_", RELEASES), Some(1));
        assert_eq!(rank("sqlite3_closed_count", "sqlite3_", RELEASES), None);
        assert_eq!(
            last_word_rank("sqlite3_close_v2", "sqlite3_", RELEASES),
            Some(6)
        );
        assert_eq!(
            last_word_rank("sqlite3_db_release_memory", "sqlite3_", RELEASES),
            None
        );
        assert_eq!(
            last_word_rank("cairo_surface_destroy", "cairo_", RELEASES),
            Some(3)
        );
        assert_eq!(rank("json_incref", "json_", ADD_REFS), Some(2));
        assert!(makes("sqlite3_open_v2", "sqlite3_"));
        assert!(makes("cairo_surface_create_similar", "cairo_"));
        assert!(!makes("json_object_get", "json_"));
        assert!(gives_a_message("sqlite3_errmsg"));
        assert!(gives_a_message("cairo_status_to_string"));
        assert!(!gives_a_message("sqlite3_errcode"));
    }

    #[test]
    fn comments_tell_what_is_owned_and_stolen() {
        assert!(says("returns a new reference to the value").owned);
        assert!(!says("returns a borrowed reference: do not free it").owned);
        assert!(says("the reference to value is stolen").steals);
        assert!(!says("returns the value").steals);
    }
}

//! What only a C library's wrapper says: that the library is C, and the status
//! codes its functions return.
//!
//! In a C wrapper a class is an opaque type (`sqlite3`, `json_t`) and its
//! ownership names C functions (`unique(sqlite3_close)`,
//! `intrusive(json_incref,json_decref)`); a method is a C function whose first
//! parameter is the object (`sqlite3_stmt.sqlite3_step() -> sqlite`), a `static`
//! one a function that takes none (a factory: `json_t.json_object() static -> new
//! json_t*`). An `out T**` parameter of a wrapped type is a new object the caller
//! owns (`sqlite3_open`), and a `steals T*` parameter takes over the caller's
//! reference (`json_object_set_new`). A class factory's inputs stay alive as long
//! as what it makes: the statement holds its database.

use std::fmt;
use std::str::FromStr;

use super::types::{is_identifier, Base, CppType, Scalar};
use super::{doc_of, with_doc};
use crate::Refusal;

/// The language of the library's headers, and so how the wrapper reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// C++, through cxx and generated C++ shims.
    #[default]
    Cpp,
    /// C, through raw declarations (linked) or a table of loaded functions (loaded).
    C,
}

impl Language {
    /// How `wrapper.toml` names it.
    pub fn key(self) -> &'static str {
        match self {
            Language::Cpp => "c++",
            Language::C => "c",
        }
    }
}

/// What every status answer looks like, for refusals.
pub const STATUS_FORM: &str = "use NAME : TYPE ok(CONSTANT = VALUE, ...) [message(FUNCTION(ARG))], \
with ARG `status` or a class, such as `sqlite : int ok(SQLITE_OK = 0) message(sqlite3_errmsg(sqlite3))` \
or `cairo_status_t : int ok(CAIRO_STATUS_SUCCESS = 0) message(cairo_status_to_string(status))`";

/// What the library's message function is given: the failed code, or an object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MessageOf {
    /// The status code itself (`cairo_status_to_string(status)`).
    Status,
    /// An object of this class, which remembers its last error (`sqlite3_errmsg(db)`).
    Class(String),
}

/// A status code that C functions return: the Rust function returns `Result`,
/// `Err` for any value but the successes, with the library's message when it has a
/// function for one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Status {
    /// The name a method's return names (`-> sqlite`): the C type itself when the
    /// library has one for its statuses (`cairo_status_t`), or a name of the answer's
    /// own when its functions return a plain `int` (`sqlite`).
    pub name: String,
    /// The integer type the functions return.
    pub repr: Scalar,
    /// How that type is spelled (kept for printing it back).
    pub repr_spelled: String,
    /// The values that mean success, with their C names (empty when the header
    /// names none): a function returns `Ok(())` when there is one, the value when
    /// there are several (`SQLITE_ROW`, `SQLITE_DONE`).
    pub ok: Vec<(String, i64)>,
    /// The C function that describes a failure, and what it is given.
    pub message: Option<(String, MessageOf)>,
    /// Its documentation, one line of Markdown.
    pub doc: String,
}

impl FromStr for Status {
    type Err = Refusal;

    fn from_str(item: &str) -> Result<Status, Refusal> {
        let (code, doc) = doc_of(item);
        let form =
            |why: &str| Refusal::new("status (statuses)", code, format!("{why}: {STATUS_FORM}"));
        let (name, rest) = code
            .split_once(':')
            .ok_or_else(|| form("no `:` before the type"))?;
        let name = name.trim();
        if !is_identifier(name) {
            return Err(form(&format!("`{name}` is not a C identifier")));
        }
        let open = rest.find("ok(").ok_or_else(|| form("no `ok(...)`"))?;
        let repr_text = rest[..open].trim();
        let repr: CppType = repr_text
            .parse()
            .map_err(|_| form("the integer type is missing"))?;
        let Base::Scalar(scalar, spelled) = repr.base else {
            return Err(form(&format!("`{repr_text}` is no integer type")));
        };
        if matches!(scalar, Scalar::Bool | Scalar::F32 | Scalar::F64)
            || repr.indirection != super::Indirection::Value
        {
            return Err(form(&format!("`{repr_text}` is no integer type")));
        }
        let after = &rest[open + 3..];
        let close = after
            .find(')')
            .ok_or_else(|| form("an `ok(` never closed"))?;
        let mut ok = Vec::new();
        for value in after[..close]
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            // `CONSTANT = VALUE`, or the value alone when the header names none.
            let (constant, number) = value.split_once('=').unwrap_or(("", value));
            let (constant, number) = (constant.trim(), number.trim());
            if !constant.is_empty() && !is_identifier(constant) {
                return Err(form(&format!("`{constant}` is not a C identifier")));
            }
            let number: i64 = number
                .parse()
                .map_err(|_| form(&format!("`{number}` is no integer")))?;
            ok.push((constant.to_owned(), number));
        }
        if ok.is_empty() {
            return Err(form("a status needs a value that means success"));
        }
        let tail = after[close + 1..].trim();
        let message = if tail.is_empty() {
            None
        } else {
            let inside = tail
                .strip_prefix("message(")
                .and_then(|t| t.strip_suffix(')'))
                .ok_or_else(|| form(&format!("`{tail}` is no `message(FUNCTION(ARG))`")))?;
            let (function, arg) = inside
                .strip_suffix(')')
                .and_then(|t| t.split_once('('))
                .ok_or_else(|| {
                    form("the message function needs its argument: `status` or a class")
                })?;
            let (function, arg) = (function.trim(), arg.trim());
            if !is_identifier(function) || !is_identifier(arg) {
                return Err(form(&format!(
                    "`{inside}` is no C function of `status` or of a class"
                )));
            }
            let of = if arg == "status" {
                MessageOf::Status
            } else {
                MessageOf::Class(arg.to_owned())
            };
            Some((function.to_owned(), of))
        };
        Ok(Status {
            name: name.to_owned(),
            repr: scalar,
            repr_spelled: spelled,
            ok,
            message,
            doc,
        })
    }
}

impl Status {
    /// The answer without its doc comment.
    pub fn code(&self) -> String {
        let ok: Vec<String> = self
            .ok
            .iter()
            .map(|(name, value)| match name.as_str() {
                "" => value.to_string(),
                name => format!("{name} = {value}"),
            })
            .collect();
        let mut code = format!(
            "{} : {} ok({})",
            self.name,
            self.repr_spelled,
            ok.join(", ")
        );
        if let Some((function, of)) = &self.message {
            let arg = match of {
                MessageOf::Status => "status",
                MessageOf::Class(class) => class,
            };
            code.push_str(&format!(" message({function}({arg}))"));
        }
        code
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&with_doc(self.code(), &self.doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_reads_and_prints_back() {
        for text in [
            "sqlite : int ok(SQLITE_OK = 0, SQLITE_ROW = 100) message(sqlite3_errmsg(sqlite3))",
            "cairo_status_t : int ok(CAIRO_STATUS_SUCCESS = 0) message(cairo_status_to_string(status))",
            "plain : unsigned int ok(DONE = 0)",
            "jansson : int ok(0)",
        ] {
            let status: Status = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(status.to_string(), text);
        }
        let status: Status = "s : int ok(A = -1) message(f(status))  # Doc."
            .parse()
            .unwrap();
        assert_eq!(status.ok, [("A".to_owned(), -1)]);
        assert_eq!(status.message, Some(("f".to_owned(), MessageOf::Status)));
        assert_eq!(status.doc, "Doc.");
        for bad in [
            "s : double ok(A = 0)",
            "s : int ok()",
            "s : int",
            "s : int ok(A)",
            "s : int ok(A = )",
            "s : int ok(A = 0) message(f)",
            "s int ok(A = 0)",
        ] {
            assert!(bad.parse::<Status>().is_err(), "{bad}");
        }
    }
}

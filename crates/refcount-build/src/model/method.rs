//! A method to bind: `CLASS.NAME(TYPES) [const] [static | free] [-> [new] TYPE]
//! [throws] [as RUST_NAME] [# doc]`, the form `wrapper.toml` and `--method` write.
//! A `free` one is a function of the namespace (a factory of the class), bound as
//! the class's associated function.

use std::fmt;
use std::str::FromStr;

use super::types::{is_identifier, parse_params, show_params, CppType, Param};
use super::{doc_of, with_doc};
use crate::naming::is_rust_keyword;
use crate::Refusal;

/// What every method answer looks like, for refusals.
pub const METHOD_FORM: &str = "use CLASS.NAME(TYPES) [const] [static | free] [noexcept] [-> TYPE] \
[throws] [as RUST_NAME], such as `shape.area() const -> double`";

/// What a method returns.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Returns {
    /// The C++ type.
    pub ty: CppType,
    /// The caller owns the returned object (`-> new shape*`).
    pub owned: bool,
}

/// A method to bind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Method {
    /// The C++ name of its class.
    pub class: String,
    /// Its C++ name.
    pub cpp: String,
    /// Its parameters.
    pub params: Vec<Param>,
    /// A `const` member.
    pub is_const: bool,
    /// A `static` member, or a free function (`free`).
    pub is_static: bool,
    /// A function of the namespace, not a member: `is_static` too, called as
    /// `NAMESPACE::NAME` (a free factory, `make_shape(...) -> shape*`).
    pub free: bool,
    /// What it returns.
    pub returns: Returns,
    /// It may throw: the Rust method returns `Result`.
    pub throws: bool,
    /// Declared `noexcept`: its shim need not catch. Any other method's exception
    /// becomes `Err` (when `throws`) or a Rust panic, never the end of the process.
    pub noexcept: bool,
    /// The Rust name, when it is not derived from the C++ one.
    pub rust: Option<String>,
    /// Its documentation, one line of Markdown.
    pub doc: String,
}

impl Method {
    /// `CLASS.NAME(TYPES)` without names or spaces: what tells two answers for the
    /// same C++ member apart (an answer replaces what a header reader found).
    pub fn signature(&self) -> String {
        let types: Vec<String> = self.params.iter().map(|p| p.ty.key()).collect();
        format!("{}.{}({})", self.class, self.cpp, types.join(","))
    }
}

/// The index of the `)` that closes the `(` at `open`.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, ch) in text.char_indices().skip_while(|(i, _)| *i < open) {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

impl FromStr for Method {
    type Err = Refusal;

    fn from_str(item: &str) -> Result<Method, Refusal> {
        let (code, doc) = doc_of(item);
        let form = || Refusal::new("method (methods)", code, METHOD_FORM);
        let open = code.find('(').ok_or_else(form)?;
        let close = closing(code, open).ok_or_else(form)?;
        let (class, name) = code[..open].trim().split_once('.').ok_or_else(form)?;
        let (class, name) = (class.trim(), name.trim());
        if !is_identifier(name) && name != "operator[]" {
            return Err(Refusal::new(
                format!("method of class `{class}` (methods)"),
                code,
                format!("`{name}` is not a C++ identifier"),
            ));
        }
        let what = format!("method `{class}.{name}` (methods)");
        let refuse = |allowed: String| Refusal::new(what.as_str(), code, allowed);
        let mut method = Method {
            class: class.to_owned(),
            cpp: name.to_owned(),
            params: parse_params(&code[open + 1..close]).map_err(refuse)?,
            is_const: false,
            is_static: false,
            free: false,
            returns: Returns {
                ty: CppType::value(super::types::Base::Void),
                owned: false,
            },
            throws: false,
            noexcept: false,
            rust: None,
            doc,
        };
        // After the parameters: qualifiers, then `-> TYPE`, which `throws` and
        // `as NAME` may follow.
        let tail = code[close + 1..].trim();
        let (mut quals, ret) = match tail.split_once("->") {
            Some((quals, ret)) => (quals.trim().to_owned(), Some(ret.trim())),
            None => (tail.to_owned(), None),
        };
        if let Some(ret) = ret {
            let (mut ret, rust) = match ret.split_once(" as ") {
                Some((ret, rust)) => (ret.trim(), Some(rust.trim())),
                None => (ret, None),
            };
            method.rust = rust.map(str::to_owned);
            if let Some(rest) = ret.strip_suffix(" throws") {
                method.throws = true;
                ret = rest.trim();
            }
            let owned = ret.strip_prefix("new ");
            method.returns = Returns {
                ty: owned
                    .unwrap_or(ret)
                    .parse()
                    .map_err(|why| refuse(format!("its return type `{ret}` is {why}")))?,
                owned: owned.is_some(),
            };
        }
        let words: Vec<&str> = quals.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| *w == "as") {
            method.rust = Some(words[at + 1..].join(" "));
            quals = words[..at].join(" ");
        }
        for word in quals.split_whitespace() {
            match word {
                "const" => method.is_const = true,
                "static" => method.is_static = true,
                "free" => {
                    method.is_static = true;
                    method.free = true;
                }
                "throws" => method.throws = true,
                "noexcept" => method.noexcept = true,
                _ => return Err(refuse(format!("`{word}` is no qualifier: {METHOD_FORM}"))),
            }
        }
        if method.is_const && method.is_static {
            return Err(refuse("a method is const or static, not both".to_owned()));
        }
        if method.noexcept && method.throws {
            return Err(refuse(
                "a `noexcept` method does not throw: drop one of them".to_owned(),
            ));
        }
        if let Some(rust) = &method.rust {
            if !is_identifier(rust) || is_rust_keyword(rust) {
                return Err(refuse(format!(
                    "`{rust}` after `as` is no Rust function name"
                )));
            }
        }
        Ok(method)
    }
}

impl Method {
    /// The answer without its doc comment.
    pub fn code(&self) -> String {
        let mut code = format!("{}.{}({})", self.class, self.cpp, show_params(&self.params));
        if self.is_const {
            code.push_str(" const");
        }
        if self.free {
            code.push_str(" free");
        } else if self.is_static {
            code.push_str(" static");
        }
        if self.noexcept {
            code.push_str(" noexcept");
        }
        let void = self.returns.ty == CppType::value(super::types::Base::Void);
        if !void || self.returns.owned {
            let new = if self.returns.owned { "new " } else { "" };
            code = format!("{code} -> {new}{}", self.returns.ty);
        }
        if self.throws {
            code.push_str(" throws");
        }
        if let Some(rust) = &self.rust {
            code = format!("{code} as {rust}");
        }
        code
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&with_doc(self.code(), &self.doc))
    }
}

//! A class to wrap: `NAME[ as RUST]=OWNERSHIP [new(TYPES)] [new_NAME(TYPES)] [send]
//! [sync] [retain] [# doc]`, the form `wrapper.toml` and `--class` write.

use std::fmt;
use std::str::FromStr;

use super::types::{is_identifier, parse_params, show_params, Param};
use super::{doc_of, with_doc};
use crate::naming::is_rust_keyword;
use crate::Refusal;

/// What every class answer looks like, for refusals.
pub const CLASS_FORM: &str = "use NAME=OWNERSHIP [new(TYPES)] [send] [sync], with OWNERSHIP one \
of intrusive(ADD,RELEASE), unique, unique(DESTROY), counted(RELEASE) or view, such as \
`shape=intrusive(retain,release) new(double)`";

/// A function the ownership calls on an object: a member (`release`, called as
/// `p->release()`) or a free function with its namespace (`acme::release`, `::release`,
/// called as `acme::release(p)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Call(pub String);

impl Call {
    /// Whether it is a free function.
    pub fn is_free(&self) -> bool {
        self.0.contains("::")
    }

    /// The C++ statement that calls it on the object `p`.
    pub fn on_p(&self) -> String {
        if self.is_free() {
            format!("{}(p)", self.0)
        } else {
            format!("p->{}()", self.0)
        }
    }

    fn parse(name: &str) -> Result<Call, String> {
        let name = name.trim();
        let valid = !name.is_empty()
            && !name.contains(":::")
            && !name.ends_with(':')
            && name.trim_start_matches("::").split("::").all(is_identifier);
        if valid {
            Ok(Call(name.to_owned()))
        } else {
            Err(
                "name a member function (`release`) or a free function with its namespace \
                 (`acme::release` or `::release`)"
                    .to_owned(),
            )
        }
    }
}

/// How the C++ objects of a class are owned, and so which `refcount` handle holds them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// The object counts its own references (`refcount::Shared`).
    Intrusive {
        /// Adds a reference.
        add_ref: Call,
        /// Releases one.
        release: Call,
    },
    /// One owner (`refcount::Owned`): `delete`, or the function that destroys it.
    Unique {
        /// Destroys the object; `None` for `delete`.
        destroy: Option<Call>,
    },
    /// Shared by clones counted in Rust (`refcount::Counted`), destroyed once.
    Counted {
        /// Destroys the object.
        release: Call,
    },
    /// Never owned by Rust: its objects belong to other objects (a document's
    /// nodes), and Rust only borrows them (`&Node`, tied to what lent it).
    View,
}

impl Ownership {
    /// `intrusive`, `unique` or `counted`.
    pub fn kind(&self) -> &'static str {
        match self {
            Ownership::Intrusive { .. } => "intrusive",
            Ownership::Unique { .. } => "unique",
            Ownership::Counted { .. } => "counted",
            Ownership::View => "view",
        }
    }
}

impl fmt::Display for Ownership {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ownership::Intrusive { add_ref, release } => {
                write!(f, "intrusive({},{})", add_ref.0, release.0)
            }
            Ownership::Unique { destroy: None } => f.write_str("unique"),
            Ownership::Unique {
                destroy: Some(call),
            } => write!(f, "unique({})", call.0),
            Ownership::Counted { release } => write!(f, "counted({})", release.0),
            Ownership::View => f.write_str("view"),
        }
    }
}

/// A constructor to bind: its Rust name (`new`, `new_rect`) and C++ parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Constructor {
    /// The Rust name.
    pub name: String,
    /// The parameters.
    pub params: Vec<Param>,
}

/// A class to wrap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Class {
    /// The C++ name, in the wrapper's namespace.
    pub cpp: String,
    /// The Rust name, when it is not the C++ one in UpperCamelCase.
    pub rust: Option<String>,
    /// How its objects are owned.
    pub ownership: Ownership,
    /// The constructors to bind.
    pub constructors: Vec<Constructor>,
    /// Declared `Send`: an object may move to another thread.
    pub send: bool,
    /// Declared `Sync`: its methods and count may run on several threads at once.
    pub sync: bool,
    /// A new object of a class that counts itself starts with no reference: the
    /// handle adds the first (`retain`).
    pub retain: bool,
    /// Its public bases among the classes wrapped (`base(node)`): a view of it is a
    /// view of each.
    pub bases: Vec<String>,
    /// A C API that passes its objects as `void*` (C only, `void(TYPE_ID)`): the
    /// type id that names them (`testnative::dog`), for `refcount::any`'s type tags.
    pub void_id: Option<String>,
    /// Its documentation, one line of Markdown.
    pub doc: String,
}

/// `word(inside)` groups and plain words: `intrusive(a,b) new() send`.
fn groups(text: &str) -> Result<Vec<(String, Option<String>)>, &'static str> {
    let mut found = Vec::new();
    let (mut word, mut inside, mut depth) = (String::new(), String::new(), 0);
    for ch in text.chars() {
        if depth > 0 {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                found.push((std::mem::take(&mut word), Some(std::mem::take(&mut inside))));
            } else {
                inside.push(ch);
            }
        } else if ch == '(' {
            if word.is_empty() {
                return Err("a `(` with no name before it");
            }
            depth = 1;
        } else if ch == ')' {
            return Err("a `)` with no `(`");
        } else if ch.is_whitespace() {
            if !word.is_empty() {
                found.push((std::mem::take(&mut word), None));
            }
        } else {
            word.push(ch);
        }
    }
    if depth > 0 {
        return Err("a `(` that is never closed");
    }
    if !word.is_empty() {
        found.push((word, None));
    }
    Ok(found)
}

impl FromStr for Class {
    type Err = Refusal;

    fn from_str(item: &str) -> Result<Class, Refusal> {
        let (code, doc) = doc_of(item);
        let refuse = |what: &str, allowed: String| Refusal::new(what, code, allowed);
        let Some((head, body)) = code.split_once('=') else {
            return Err(refuse("class (classes)", CLASS_FORM.to_owned()));
        };
        let (cpp, rust) = match head.split_once(" as ") {
            Some((cpp, rust)) => (cpp.trim(), Some(rust.trim().to_owned())),
            None => (head.trim(), None),
        };
        if let Some(rust) = &rust {
            let upper = rust.starts_with(|c: char| c.is_ascii_uppercase());
            if !upper || !is_identifier(rust) || is_rust_keyword(rust) {
                return Err(refuse(
                    &format!("Rust name of class `{cpp}` (classes)"),
                    "give a Rust type name after `as`, starting with an uppercase letter, such \
                     as `owner as DogOwner=...`"
                        .to_owned(),
                ));
            }
        }
        if !is_identifier(cpp) {
            return Err(refuse(
                "class (classes)",
                format!("the class name `{cpp}` is not a C++ identifier ({CLASS_FORM})"),
            ));
        }
        let what = format!("class `{cpp}` (classes)");
        let parts = groups(body).map_err(|why| refuse(&what, why.to_owned()))?;
        let Some(((own, names), options)) = parts.split_first() else {
            return Err(refuse(&what, CLASS_FORM.to_owned()));
        };
        let call = |name: &str| Call::parse(name).map_err(|why| refuse(&what, why));
        let ownership = match (own.as_str(), names) {
            ("intrusive", Some(names)) if names.split(',').count() == 2 => {
                let (add_ref, release) = names.split_once(',').expect("two names");
                Ownership::Intrusive {
                    add_ref: call(add_ref)?,
                    release: call(release)?,
                }
            }
            ("intrusive", _) => {
                return Err(refuse(
                    &what,
                    "intrusive needs the names that add and release a reference, as in \
                     intrusive(add_ref,release)"
                        .to_owned(),
                ))
            }
            ("unique", None) => Ownership::Unique { destroy: None },
            ("unique", Some(name)) => Ownership::Unique {
                destroy: Some(call(name)?),
            },
            ("counted", Some(name)) if !name.trim().is_empty() => Ownership::Counted {
                release: call(name)?,
            },
            ("counted", _) => {
                return Err(refuse(
                    &what,
                    "counted needs the name that destroys the object, as in counted(destroy)"
                        .to_owned(),
                ))
            }
            ("view", None) => Ownership::View,
            (other, _) => {
                return Err(refuse(
                    &what,
                    format!("`{other}` is no ownership: {CLASS_FORM}"),
                ))
            }
        };
        let mut class = Class {
            cpp: cpp.to_owned(),
            rust,
            ownership,
            constructors: Vec::new(),
            send: false,
            sync: false,
            retain: false,
            bases: Vec::new(),
            void_id: None,
            doc,
        };
        for (word, inside) in options {
            match (word.as_str(), inside) {
                ("send", None) => class.send = true,
                ("sync", None) => class.sync = true,
                ("retain", None) if class.ownership.kind() == "intrusive" => class.retain = true,
                ("base", Some(name)) if is_identifier(name.trim()) => {
                    class.bases.push(name.trim().to_owned());
                }
                ("void", Some(id))
                    if !id.trim().is_empty()
                        && id
                            .trim()
                            .chars()
                            .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\') =>
                {
                    class.void_id = Some(id.trim().to_owned());
                }
                ("retain", None) => {
                    return Err(refuse(
                        &what,
                        "only an intrusive class has a count to retain".into(),
                    ))
                }
                (name, Some(params)) if name == "new" || name.starts_with("new_") => {
                    if !is_identifier(name) {
                        return Err(refuse(
                            &what,
                            format!("`{name}` is no constructor name (new, or new_NAME)"),
                        ));
                    }
                    if class.constructors.iter().any(|k| k.name == name) {
                        return Err(refuse(
                            &what,
                            format!(
                                "the constructor `{name}` is answered twice: name the others \
                                 new_NAME"
                            ),
                        ));
                    }
                    let params = parse_params(params).map_err(|why| {
                        Refusal::new(
                            format!("constructor `{cpp}.{name}` (classes)"),
                            format!("{name}({params})"),
                            why,
                        )
                    })?;
                    class.constructors.push(Constructor {
                        name: name.to_owned(),
                        params,
                    });
                }
                (other, _) => {
                    return Err(refuse(
                        &what,
                        format!(
                            "`{other}` is no option: give new(TYPES), new_NAME(TYPES), send, \
                             sync, retain, base(CLASS) or (C) void(TYPE_ID)"
                        ),
                    ))
                }
            }
        }
        if class.ownership == Ownership::View
            && (!class.constructors.is_empty() || class.send || class.sync)
        {
            return Err(refuse(
                &what,
                "a view class has no constructor and is not declared thread-safe: its objects \
                 belong to the objects that lend them"
                    .to_owned(),
            ));
        }
        Ok(class)
    }
}

impl Class {
    /// The answer without its doc comment.
    pub fn code(&self) -> String {
        let mut code = self.cpp.clone();
        if let Some(rust) = &self.rust {
            code = format!("{code} as {rust}");
        }
        code = format!("{code}={}", self.ownership);
        for k in &self.constructors {
            code = format!("{code} {}({})", k.name, show_params(&k.params));
        }
        for (flag, word) in [
            (self.send, "send"),
            (self.sync, "sync"),
            (self.retain, "retain"),
        ] {
            if flag {
                code = format!("{code} {word}");
            }
        }
        for base in &self.bases {
            code = format!("{code} base({base})");
        }
        if let Some(id) = &self.void_id {
            code = format!("{code} void({id})");
        }
        code
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&with_doc(self.code(), &self.doc))
    }
}

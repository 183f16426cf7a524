//! Reads a C library's headers: its opaque types (a typedef of a struct its
//! functions take and return through pointers), the functions that release and
//! count them, the functions grouped into each type's methods by their first
//! parameter, its status codes, and its `static inline` functions.
//!
//! # What is inferred
//!
//! - **Types**: a struct named by a typedef (`typedef struct sqlite3 sqlite3;`,
//!   `typedef struct json_t {...} json_t;`) that a function takes or returns as a
//!   pointer, and that no function takes or returns by value; or a struct behind a
//!   handle typedef (`typedef struct magic_set* magic_t;`, expat's `XML_Parser`),
//!   named in Rust after the typedef.
//! - **Ownership**: *intrusive* when one function of one `T*` adds a reference
//!   (`_ref`, `_reference`, `_incref`, `_retain`) and one releases it (`_unref`,
//!   `_decref`, `_release`, `_destroy`, ...); *unique* with the releasing function
//!   alone (`_destroy`, `_free`, `_close`, `_finalize`, ...), and *counted* when
//!   another type's factory takes it (its objects must stay alive as long as what
//!   they make: a statement keeps its database). Names are read by words in either
//!   style: `XML_ParserFree` ends in `free`.
//! - **Methods**: a function whose first parameter is a `T*` is `T`'s (`const T*`: a
//!   `const` one); one that makes a `T` (returns `T*`, or fills an `out T**`) and
//!   takes none is its factory (`static`); one named after a type (`sqlite3_...`)
//!   that takes nothing of any type is that type's associated function.
//! - **Returns**: a `T*` from a function that takes no object, or whose name or
//!   comment says so (`_create`, `_new`, `_copy`, "new reference", "must be
//!   freed"), is the caller's; any other is borrowed.
//! - **Statuses**: an enum with a `..._SUCCESS` or `..._OK` value of 0 is a status
//!   (`cairo_status_t`), and so is a macro `PREFIX_OK` of 0 (`SQLITE_OK`) for the
//!   functions returning `int` whose comment names it; the message function is one
//!   named so (`_errmsg`, `_strerror`, `_to_string`) that takes the status or an
//!   object.
//! - **Parameters**: a comment that says a `T*` is stolen ("steals", "takes
//!   ownership") makes it `steals`; a pointer the comment says may be `NULL` is
//!   passed as `NULL` when the kit cannot carry it.
//! - **Inline functions** are called through a C shim; the exported functions
//!   their bodies name are listed for the loaded mode.

mod ownership;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clang::{Entity, EntityKind, StorageClass, TypeKind};
use refcount_build::model::{
    Base, Call, CppType, Enum, Indirection, MessageOf, Method, Ownership, Param, Returns, Scalar,
    Status,
};
use refcount_build::Class;

use self::ownership::{gives_a_message, makes, says, ADD_REFS, RELEASES};
use self::types::{c_type, usr_of, Names};
use super::comments::one_line;
use super::walk::in_headers;
use super::{ClassRequest, Found, ReadError, Request};

/// What only a C library's read gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CFound {
    /// The statuses found.
    pub statuses: Vec<Status>,
    /// The function that frees a string the library returns, when one is found
    /// (`sqlite3_free`).
    pub string_free: Option<String>,
    /// The inline functions the wrapper calls.
    pub inline: Vec<String>,
    /// The exported functions those inline functions name.
    pub inline_calls: Vec<String>,
    /// The function that registers an error callback `void (*)(const char*)`,
    /// when one is found (`register_error_callback`).
    pub error_callback: Option<String>,
}

/// A function of the headers.
#[derive(Clone)]
struct Function<'tu> {
    entity: Entity<'tu>,
    name: String,
    /// Its doc comment (its own, or its group's: sqlite3 documents a family once),
    /// one line, lower case for reading.
    comment: String,
    /// Its doc comment as written, one line.
    doc: String,
    inline: bool,
}

/// Whether `f` registers an error callback: its name says `error`, and it takes
/// one parameter, a function `void (const char* message)` (through a typedef or not).
fn registers_an_error_callback(f: &Function) -> bool {
    let takes_a_message = |ty: clang::Type| {
        let Some(function) = ty.get_canonical_type().get_pointee_type() else {
            return false;
        };
        let message = function.get_argument_types().unwrap_or_default();
        function.get_kind() == TypeKind::FunctionPrototype
            && function
                .get_result_type()
                .is_some_and(|r| r.get_kind() == TypeKind::Void)
            && message.len() == 1
            && message[0]
                .get_canonical_type()
                .get_pointee_type()
                .is_some_and(|p| matches!(p.get_kind(), TypeKind::CharS | TypeKind::CharU))
    };
    f.name.to_ascii_lowercase().contains("error")
        && f.entity
            .get_arguments()
            .is_some_and(|args| args.len() == 1 && args[0].get_type().is_some_and(takes_a_message))
        && f.entity
            .get_result_type()
            .is_some_and(|r| r.get_kind() == TypeKind::Void)
}

/// The first sentence of a doc (sqlite3's run to pages), at most about 200 characters.
fn first_sentence(doc: &str) -> String {
    // sqlite3 marks its testable claims with `^`.
    let doc = doc.replace('^', "");
    let doc = doc.as_str();
    let end = doc
        .match_indices(". ")
        .map(|(at, _)| at + 1)
        .next()
        .unwrap_or(doc.len());
    let mut text = doc[..end].to_owned();
    if text.len() > 200 {
        let cut = text
            .char_indices()
            .take_while(|(i, _)| *i < 200)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        text.truncate(cut);
        text.push_str("...");
    }
    text
}

/// Every declaration at the top of the translation unit, and in `extern "C"`.
fn top_level(root: Entity) -> Vec<Entity> {
    let mut found = Vec::new();
    for child in root.get_children() {
        if child.get_kind() == EntityKind::LinkageSpec {
            found.extend(child.get_children());
        } else {
            found.push(child);
        }
    }
    found
}

/// The longest prefix ending in `_` that every name has (`sqlite3_`).
fn common_prefix<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut prefix: Option<String> = None;
    for name in names {
        let p = prefix.get_or_insert_with(|| name.to_owned());
        while !name.starts_with(p.as_str()) {
            p.pop();
        }
    }
    let prefix = prefix.unwrap_or_default();
    match prefix.rfind('_') {
        Some(at) => prefix[..=at].to_owned(),
        None => String::new(),
    }
}

/// The comment right before `entity` in its file, when libclang attaches none: a
/// declaration that starts with an export macro (`SQLITE_API int sqlite3_open(`)
/// gets no comment from libclang, whatever the comment's kind.
fn preceding_comment(entity: Entity, files: &mut BTreeMap<PathBuf, String>) -> Option<String> {
    let start = entity.get_range()?.get_start().get_file_location();
    let path = start.file?.get_path();
    let text = files
        .entry(path.clone())
        .or_insert_with(|| std::fs::read_to_string(&path).unwrap_or_default());
    let mut before = text.get(..usize::try_from(start.offset).ok()?)?.trim_end();
    // An export macro that expands to nothing is outside the declaration's range.
    loop {
        let word_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |at| at + 1);
        let word = &before[word_start..];
        let macro_like = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !(macro_like || word == "extern") {
            break;
        }
        before = before[..word_start].trim_end();
    }
    if let Some(body) = before.strip_suffix("*/") {
        let open = body.rfind("/*")?;
        return Some(before[open..].to_owned());
    }
    // A block of `//` lines.
    let lines: Vec<&str> = before
        .lines()
        .rev()
        .take_while(|line| line.trim_start().starts_with("//"))
        .collect();
    (!lines.is_empty()).then(|| lines.into_iter().rev().collect::<Vec<_>>().join("\n"))
}

/// The identifiers of an inline function's body, read from its file: libclang
/// skips the bodies (a parse of every body costs more than the whole read).
fn body_words(entity: Entity) -> Vec<String> {
    let Some(end) = entity.get_range().map(|r| r.get_end().get_file_location()) else {
        return Vec::new();
    };
    let Some(path) = end.file.map(|f| f.get_path()) else {
        return Vec::new();
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Some(rest) = usize::try_from(end.offset)
        .ok()
        .and_then(|at| text.get(at..))
    else {
        return Vec::new();
    };
    let Some(open) = rest.find('{') else {
        return Vec::new();
    };
    let mut depth = 0;
    let mut close = rest.len();
    for (i, c) in rest[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    rest[open..close]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The integer value a macro defines, when it is one number (`#define SQLITE_OK 0`).
fn macro_value(entity: Entity) -> Option<i64> {
    let tokens = entity.get_range()?.tokenize();
    let values: Vec<String> = tokens.iter().skip(1).map(|t| t.get_spelling()).collect();
    let text = match values.as_slice() {
        [one] => one.clone(),
        [open, one, close] if open == "(" && close == ")" => one.clone(),
        _ => return None,
    };
    text.trim_end_matches(['u', 'U', 'l', 'L']).parse().ok()
}

/// Reads the C library of `request`'s headers.
pub(super) fn read(request: &Request) -> Result<Found, ReadError> {
    super::setup::with_unit(request, true, |root, headers, parse_time| {
        let mut headers = headers.to_vec();
        let mut declarations: Vec<Entity> = top_level(root)
            .into_iter()
            .filter(|e| in_headers(*e, &headers))
            .collect();
        if !declarations
            .iter()
            .any(|e| e.get_kind() == EntityKind::FunctionDecl)
        {
            // An umbrella header (`cairo.h` is not one, `glib.h` is): what it includes.
            headers = super::beside(&headers);
            declarations = top_level(root)
                .into_iter()
                .filter(|e| in_headers(*e, &headers))
                .collect();
        }
        let mut skipped = Vec::new();
        let reader = Reader::new(root, &declarations, request, &mut skipped)?;
        let found = reader.finish(&mut skipped);
        Ok(Found {
            namespace: String::new(),
            classes: found.0,
            methods: found.1,
            enums: found.2,
            smart_pointers: Vec::new(),
            skipped,
            parse_time,
            c: Some(found.3),
        })
    })
}

/// A type being read: its name, ownership and the functions that make it.
struct Type {
    name: String,
    rename: Option<String>,
    release: Option<(String, usize)>,
    add_ref: Option<(String, usize)>,
    given: Option<Class>,
}

struct Reader<'tu> {
    names: Names,
    types: Vec<Type>,
    functions: Vec<Function<'tu>>,
    prefix: String,
    /// The macro status (`sqlite`, `SQLITE_OK`), if the headers define one.
    macro_status: Option<(String, String)>,
    statuses: Vec<Status>,
    enums: BTreeMap<String, Enum>,
    exported: BTreeSet<String>,
    request_types: Vec<ClassRequest>,
}

impl<'tu> Reader<'tu> {
    fn new(
        root: Entity<'tu>,
        declarations: &[Entity<'tu>],
        request: &Request,
        skipped: &mut Vec<String>,
    ) -> Result<Reader<'tu>, ReadError> {
        let mut names = Names::default();
        // Typedefs of structs and enums: the names the functions use.
        for entity in declarations {
            if entity.get_kind() != EntityKind::TypedefDecl {
                continue;
            }
            let (Some(name), Some(under)) =
                (entity.get_name(), entity.get_typedef_underlying_type())
            else {
                continue;
            };
            // A handle typedef, a pointer to a struct (`magic_t`, expat's
            // `XML_Parser`): the struct is the type, named by its tag, and the
            // typedef gives its Rust name.
            if let Some(record) = under
                .get_canonical_type()
                .get_pointee_type()
                .filter(|p| p.get_kind() == TypeKind::Record)
            {
                let (Some(usr), Some(tag)) = (
                    usr_of(record),
                    record.get_declaration().and_then(|d| d.get_name()),
                ) else {
                    continue;
                };
                let stem = name.strip_suffix("_t").unwrap_or(&name);
                names
                    .handles
                    .entry(tag.clone())
                    .or_insert(refcount_build::naming::upper_camel(stem));
                names.records.entry(usr).or_insert(tag);
                continue;
            }
            let Some(usr) = usr_of(under) else { continue };
            match under.get_canonical_type().get_kind() {
                TypeKind::Record => {
                    names.records.entry(usr).or_insert(name);
                }
                TypeKind::Enum => {
                    names.enums.entry(usr).or_insert(name);
                }
                _ => {}
            }
        }
        // Named enums without a typedef are named by their tag.
        for entity in declarations {
            if entity.get_kind() == EntityKind::EnumDecl && !entity.is_anonymous() {
                if let (Some(usr), Some(name)) = (entity.get_usr(), entity.get_name()) {
                    names.enums.entry(usr.0).or_insert(name);
                }
            }
        }
        let mut functions = Vec::new();
        let mut files = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut group: Option<String> = None;
        for entity in declarations {
            if entity.get_kind() != EntityKind::FunctionDecl {
                // Another declaration ends a documented group (the preprocessor's
                // entities are not declarations).
                if !matches!(
                    entity.get_kind(),
                    EntityKind::MacroDefinition
                        | EntityKind::MacroExpansion
                        | EntityKind::InclusionDirective
                ) {
                    group = None;
                }
                continue;
            }
            let Some(name) = entity.get_name() else {
                continue;
            };
            if !seen.insert(name.clone()) {
                continue;
            }
            let raw = entity
                .get_comment()
                .or_else(|| preceding_comment(*entity, &mut files));
            // A family documented once (sqlite3's) shares its comment for what it
            // says of statuses and parameters, not as each one's doc.
            let (comment, doc) = match raw {
                Some(raw) => {
                    let doc = one_line(&raw);
                    group = Some(doc.to_lowercase());
                    (doc.to_lowercase(), doc)
                }
                None => (group.clone().unwrap_or_default(), String::new()),
            };
            let inline = entity.is_inline_function()
                && entity.get_storage_class() == Some(StorageClass::Static);
            functions.push(Function {
                entity: *entity,
                name,
                comment,
                doc,
                inline,
            });
        }
        if functions.is_empty() {
            return Err(ReadError::Refused(
                "the headers declare no C function: name the headers that declare the \
                 library's functions"
                    .to_owned(),
            ));
        }
        let prefix = common_prefix(functions.iter().map(|f| f.name.as_str()));
        let exported = functions
            .iter()
            .filter(|f| !f.inline)
            .map(|f| f.name.clone())
            .collect();
        // The macro status: `PREFIX_OK` defined as 0.
        let upper = prefix.trim_end_matches('_').to_ascii_uppercase();
        let upper = upper.trim_end_matches(|c: char| c.is_ascii_digit());
        let macro_status = declarations
            .iter()
            .filter(|e| e.get_kind() == EntityKind::MacroDefinition)
            .find(|e| {
                e.get_name().as_deref() == Some(&format!("{upper}_OK"))
                    && macro_value(**e) == Some(0)
            })
            .map(|e| (upper.to_ascii_lowercase(), e.get_name().unwrap_or_default()));
        let _ = root;
        let mut reader = Reader {
            names,
            types: Vec::new(),
            functions,
            prefix,
            macro_status,
            statuses: Vec::new(),
            enums: BTreeMap::new(),
            exported,
            request_types: request.classes.clone(),
        };
        reader.find_types(declarations, skipped);
        if reader.types.is_empty() {
            return Err(ReadError::Refused(
                "the headers declare no opaque type the kit can hold (a typedef of a struct \
                 that functions take and return through pointers, with a function that \
                 releases it): answer one with --class NAME=unique(DESTROY)"
                    .to_owned(),
            ));
        }
        Ok(reader)
    }

    /// The one `T*` a function takes, if it takes exactly one pointer to a type.
    fn only_object(&self, f: &Function) -> Option<String> {
        let arguments = f.entity.get_arguments()?;
        let [only] = arguments.as_slice() else {
            return None;
        };
        let ty = c_type(only.get_type()?, &self.names).ok()?;
        (ty.indirection == Indirection::Pointer(1) && !ty.is_const)
            .then(|| ty.named().map(str::to_owned))
            .flatten()
    }

    fn find_types(&mut self, declarations: &[Entity], skipped: &mut Vec<String>) {
        // A struct any function takes or returns by value is a value, not an object.
        let mut by_value = BTreeSet::new();
        let mut through_pointers = BTreeSet::new();
        for f in &self.functions {
            let result = f.entity.get_result_type().into_iter();
            let params = f
                .entity
                .get_arguments()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| a.get_type());
            for ty in result.chain(params) {
                match c_type(ty, &self.names) {
                    Err(why) if why.ends_with("by value") => {
                        by_value.insert(ty.get_display_name());
                    }
                    Ok(found) => {
                        if let Some(name) = found.named() {
                            if matches!(found.indirection, Indirection::Pointer(_))
                                && self.names.records.values().any(|n| n == name)
                            {
                                through_pointers.insert(name.to_owned());
                            }
                        }
                    }
                    Err(_) => {}
                }
            }
        }
        let mut names: Vec<String> = through_pointers
            .into_iter()
            .filter(|name| !by_value.contains(name))
            .collect();
        // In the headers' order.
        let order: Vec<String> = declarations
            .iter()
            .filter(|e| e.get_kind() == EntityKind::TypedefDecl)
            .filter_map(|e| e.get_name())
            .collect();
        names.sort_by_key(|name| order.iter().position(|n| n == name));
        let answered: Vec<&ClassRequest> = self.request_types.iter().collect();
        for name in names {
            let request = answered.iter().find(|r| r.name() == name);
            if !answered.is_empty() && request.is_none() {
                continue;
            }
            let given = match request {
                Some(ClassRequest::Given(class)) => Some(class.clone()),
                _ => None,
            };
            let rename = match request {
                Some(ClassRequest::Named { rust, .. }) => rust.clone(),
                _ => None,
            }
            .or_else(|| self.names.handles.get(&name).cloned());
            let mut release: Option<(String, usize)> = None;
            let mut add_ref: Option<(String, usize)> = None;
            for f in &self.functions {
                if self.only_object(f).as_deref() != Some(&name) {
                    continue;
                }
                let better = |found: &Option<(String, usize)>, rank: usize| {
                    !found.as_ref().is_some_and(|(known, r)| {
                        rank > *r || (rank == *r && f.name.len() >= known.len())
                    })
                };
                if let Some(r) = ownership::last_word_rank(&f.name, &self.prefix, RELEASES) {
                    if better(&release, r) {
                        release = Some((f.name.clone(), r));
                    }
                } else if let Some(r) = ownership::last_word_rank(&f.name, &self.prefix, ADD_REFS) {
                    if better(&add_ref, r) {
                        add_ref = Some((f.name.clone(), r));
                    }
                }
            }
            if release.is_none() && given.is_none() {
                skipped.push(format!(
                    "{name}: no function releases it (answer --class '{name}=unique(DESTROY)')"
                ));
                continue;
            }
            self.types.push(Type {
                name,
                rename,
                release,
                add_ref,
                given,
            });
        }
    }

    fn is_type(&self, name: &str) -> bool {
        self.types.iter().any(|t| t.name == name)
    }

    /// The status a function returns, if its return type is one.
    fn status_of(&mut self, f: &Function, returns: &CppType) -> Option<String> {
        match &returns.base {
            Base::Named(name) if returns.indirection == Indirection::Value => {
                let name = name.clone();
                self.enum_status(&name).then_some(name)
            }
            Base::Scalar(Scalar::I32, _) if returns.indirection == Indirection::Value => {
                let (status, constant) = self.macro_status.clone()?;
                let mentions = f.comment.contains(&constant.to_ascii_lowercase());
                if !mentions {
                    return None;
                }
                if !self.statuses.iter().any(|s| s.name == status) {
                    let message = self.message_function(None);
                    self.statuses.push(Status {
                        name: status.clone(),
                        repr: Scalar::I32,
                        repr_spelled: "int".to_owned(),
                        ok: vec![(constant, 0)],
                        message,
                        doc: String::new(),
                    });
                }
                Some(status)
            }
            _ => None,
        }
    }

    /// Whether enum `name` is a status (a `_SUCCESS` or `_OK` of 0), recorded as one.
    fn enum_status(&mut self, name: &str) -> bool {
        if self.statuses.iter().any(|s| s.name == name) {
            return true;
        }
        let Some(found) = self.enums.get(name).cloned() else {
            return false;
        };
        let Some((ok, _)) = found
            .variants
            .iter()
            .find(|(v, value)| *value == 0 && (v.ends_with("_SUCCESS") || v.ends_with("_OK")))
        else {
            return false;
        };
        let message = self.message_function(Some(name));
        self.statuses.push(Status {
            name: name.to_owned(),
            repr: found.repr,
            repr_spelled: found.repr_spelled.clone(),
            ok: vec![(ok.clone(), 0)],
            message,
            doc: found.doc.clone(),
        });
        true
    }

    /// The function that describes a failure: of an object of a type (preferred: it
    /// says what went wrong), or of the status `status` (`None`: a plain `int`).
    fn message_function(&self, status: Option<&str>) -> Option<(String, MessageOf)> {
        let mut of_status = None;
        for f in self.functions.iter().filter(|f| gives_a_message(&f.name)) {
            let returns = f
                .entity
                .get_result_type()
                .and_then(|t| c_type(t, &self.names).ok());
            if !returns.is_some_and(|r| r.byte_pointee() == Some("char")) {
                continue;
            }
            let arguments = f.entity.get_arguments().unwrap_or_default();
            let [only] = arguments.as_slice() else {
                continue;
            };
            let Some(ty) = only.get_type().and_then(|t| c_type(t, &self.names).ok()) else {
                continue;
            };
            match (&ty.base, ty.indirection) {
                (Base::Named(class), Indirection::Pointer(1)) if self.is_type(class) => {
                    return Some((f.name.clone(), MessageOf::Class(class.clone())));
                }
                (Base::Named(name), Indirection::Value) if Some(name.as_str()) == status => {
                    of_status = Some((f.name.clone(), MessageOf::Status));
                }
                (Base::Scalar(Scalar::I32, _), Indirection::Value) if status.is_none() => {
                    of_status = Some((f.name.clone(), MessageOf::Status));
                }
                _ => {}
            }
        }
        of_status
    }

    /// `ty`, with the enum it names read into the wrapper's enums.
    fn typed(&mut self, ty: clang::Type) -> Result<CppType, String> {
        let found = c_type(ty, &self.names)?;
        if let (Base::Named(name), TypeKind::Enum) =
            (&found.base, ty.get_canonical_type().get_kind())
        {
            if !self.enums.contains_key(name) {
                let declaration = ty
                    .get_canonical_type()
                    .get_declaration()
                    .ok_or("an enum without a declaration")?;
                let repr = declaration
                    .get_enum_underlying_type()
                    .map(|t| c_type(t, &self.names))
                    .transpose()?
                    .and_then(|t| match t.base {
                        Base::Scalar(scalar, spelled) => Some((scalar, spelled)),
                        _ => None,
                    })
                    .ok_or("an enum of an unusual type")?;
                let variants = declaration
                    .get_children()
                    .into_iter()
                    .filter(|c| c.get_kind() == EntityKind::EnumConstantDecl)
                    .filter_map(|c| {
                        Some((c.get_name()?, i128::from(c.get_enum_constant_value()?.0)))
                    })
                    .collect();
                self.enums.insert(
                    name.clone(),
                    Enum {
                        cpp: name.clone(),
                        rust: None,
                        repr: repr.0,
                        repr_spelled: repr.1,
                        variants,
                        doc: declaration
                            .get_comment()
                            .map(|c| first_sentence(&one_line(&c)))
                            .unwrap_or_default(),
                    },
                );
            }
        }
        Ok(found)
    }

    /// `f` as a method of one of the types, or why not.
    fn method(&mut self, f: &Function<'tu>) -> Result<Method, String> {
        if f.entity.is_variadic() {
            return Err("variadic (`...`)".to_owned());
        }
        let arguments = f.entity.get_arguments().unwrap_or_default();
        let mut params = Vec::new();
        for (i, argument) in arguments.iter().enumerate() {
            let name = argument.get_name().filter(|n| !n.is_empty());
            let label = name
                .clone()
                .unwrap_or_else(|| format!("parameter {}", i + 1));
            let ty = argument.get_type().ok_or("a parameter of no type")?;
            let ty = self
                .typed(ty)
                .map_err(|why| format!("`{label}` is {why}"))?;
            let mut param = Param::new(ty, name.clone());
            let class = param
                .ty
                .named()
                .filter(|c| self.is_type(c))
                .map(str::to_owned);
            match (param.ty.indirection, class.is_some()) {
                (Indirection::Pointer(2), true) if !param.ty.is_const => param.out = true,
                (Indirection::Pointer(1), true) => {
                    param.steals = i > 0 && says(&f.comment).steals;
                }
                (Indirection::Pointer(1), false)
                    if param.ty.byte_pointee().is_some() || param.ty.base == Base::Void => {}
                (Indirection::Pointer(_), false) => {
                    // A pointer the comment says may be NULL is passed as NULL.
                    let nullable = name.as_deref().is_some_and(|n| {
                        let n = n.to_lowercase();
                        f.comment.contains(&format!("{n} is not null"))
                            || f.comment.contains(&format!("{n} is null"))
                            || f.comment.contains(&format!("{n} may be null"))
                            || f.comment.contains(&format!("{n} can be null"))
                    });
                    if !nullable {
                        return Err(format!(
                            "`{label}` is a `{}` whose use the header does not say",
                            param.ty
                        ));
                    }
                    param.default = Some("NULL".to_owned());
                }
                _ => {}
            }
            params.push(param);
        }
        let returns_ty = f
            .entity
            .get_result_type()
            .ok_or("no return type")
            .map_err(str::to_owned)?;
        let returns = self
            .typed(returns_ty)
            .map_err(|why| format!("it returns {why}"))?;
        // Whose method it is.
        let first = params.first().and_then(|p| {
            (p.ty.indirection == Indirection::Pointer(1) && !p.out)
                .then(|| p.ty.named().filter(|c| self.is_type(c)).map(str::to_owned))
                .flatten()
        });
        let made = params
            .iter()
            .find(|p| p.out)
            .and_then(|p| p.ty.named().map(str::to_owned));
        let returned = returns
            .named()
            .filter(|c| self.is_type(c) && returns.indirection == Indirection::Pointer(1))
            .map(str::to_owned);
        let takes_objects = params
            .iter()
            .any(|p| !p.out && p.ty.named().is_some_and(|c| self.is_type(c)));
        let (class, is_static, is_const) = match (&first, &made, &returned) {
            (Some(class), _, _) => {
                let is_const = params[0].ty.is_const;
                (class.clone(), false, is_const)
            }
            (None, Some(class), _) | (None, None, Some(class)) => (class.clone(), true, false),
            (None, None, None) => {
                // An associated function of the type it is named after.
                let owner = self
                    .types
                    .iter()
                    .map(|t| t.name.clone())
                    .filter(|t| {
                        let stem = t.strip_suffix("_t").unwrap_or(t);
                        f.name.starts_with(&format!("{stem}_"))
                    })
                    .max_by_key(String::len);
                match owner {
                    Some(class) if !takes_objects => (class, true, false),
                    _ => {
                        return Err(
                            "no type of its own (a function of none of the types)".to_owned()
                        )
                    }
                }
            }
        };
        if !is_static {
            params.remove(0);
        }
        let said = says(&f.comment);
        let owned = match (
            &returned,
            returns.base == Base::Char
                && returns.indirection == Indirection::Pointer(1)
                && !returns.is_const,
        ) {
            (Some(_), _) => {
                said.owned
                    || (!said.borrowed
                        && (makes(&f.name, &self.prefix) || (is_static && !takes_objects)))
            }
            (None, true) => {
                if !said.owned {
                    return Err("it returns a `char*` the header does not say who frees".to_owned());
                }
                true
            }
            _ => false,
        };
        let returns_ty = match self.status_of(f, &returns) {
            Some(status) => CppType::value(Base::Named(status)),
            None => returns,
        };
        Ok(Method {
            class,
            cpp: f.name.clone(),
            params,
            is_const,
            is_static,
            free: false,
            returns: Returns {
                ty: returns_ty,
                owned,
            },
            throws: false,
            noexcept: false,
            rust: None,
            doc: first_sentence(&f.doc),
        })
    }

    fn finish(mut self, skipped: &mut Vec<String>) -> (Vec<Class>, Vec<Method>, Vec<Enum>, CFound) {
        let ownership_functions: BTreeSet<String> = self
            .types
            .iter()
            .flat_map(|t| t.release.iter().chain(&t.add_ref).map(|(n, _)| n.clone()))
            .collect();
        let functions = self.functions.clone();
        let mut methods = Vec::new();
        let mut used_inline = BTreeSet::new();
        let error_callback = functions
            .iter()
            .find(|f| !f.inline && registers_an_error_callback(f))
            .map(|f| f.name.clone());
        for f in &functions {
            if error_callback.as_ref() == Some(&f.name) {
                skipped.push(format!(
                    "{}: the crate registers its error callback with it (error-callback)",
                    f.name
                ));
                continue;
            }
            if ownership_functions.contains(&f.name) {
                if f.inline {
                    used_inline.insert(f.name.clone());
                }
                continue;
            }
            if let Some(object) = self
                .only_object(f)
                .filter(|_| ownership::last_word_rank(&f.name, &self.prefix, RELEASES).is_some())
            {
                skipped.push(format!(
                    "{}: releases its `{object}` (the handle's drop calls `{}`)",
                    f.name,
                    self.types
                        .iter()
                        .find(|t| t.name == object)
                        .and_then(|t| t.release.as_ref())
                        .map_or("the release", |(n, _)| n.as_str())
                ));
                continue;
            }
            // `json_decrefp(json_t**)`: a release through a pointer, no factory.
            let releases_through_a_pointer = ownership::rank(&f.name, &self.prefix, RELEASES)
                .or_else(|| {
                    let name = f.name.trim_end_matches('p');
                    ownership::last_word_rank(name, &self.prefix, RELEASES)
                })
                .is_some();
            if releases_through_a_pointer && f.entity.get_arguments().is_some_and(|a| a.len() == 1)
            {
                let arguments = f.entity.get_arguments().unwrap_or_default();
                let pointer_to_pointer = arguments[0]
                    .get_type()
                    .and_then(|t| c_type(t, &self.names).ok())
                    .is_some_and(|t| t.indirection == Indirection::Pointer(2));
                if pointer_to_pointer {
                    skipped.push(format!(
                        "{}: releases an object through a pointer to it (the handle's drop releases)",
                        f.name
                    ));
                    continue;
                }
            }
            match self.method(f) {
                Ok(method) => {
                    if f.inline {
                        used_inline.insert(f.name.clone());
                    }
                    methods.push(method);
                }
                Err(why) => skipped.push(format!("{}: {why}", f.name)),
            }
        }
        // A message function is bound for the errors, not as a method.
        let messages: BTreeSet<String> = self
            .statuses
            .iter()
            .filter_map(|s| s.message.as_ref().map(|(f, _)| f.clone()))
            .collect();
        methods.retain(|m| !messages.contains(&m.cpp));
        skipped.retain(|s| !messages.iter().any(|m| s.starts_with(&format!("{m}: "))));
        // A unique type that another type's factory takes must outlive what it makes.
        let kept: BTreeSet<String> = methods
            .iter()
            .filter(|m| m.returns.owned || m.params.iter().any(|p| p.out))
            .filter_map(|m| {
                let made = m
                    .params
                    .iter()
                    .find(|p| p.out)
                    .and_then(|p| p.ty.named())
                    .or(m.returns.ty.named().filter(|_| m.returns.owned))
                    .filter(|c| self.is_type(c))?
                    .to_owned();
                let inputs: Vec<String> = std::iter::once(m.class.clone())
                    .filter(|_| !m.is_static)
                    .chain(
                        m.params
                            .iter()
                            .filter(|p| !p.out && !p.steals)
                            .filter_map(|p| p.ty.named().map(str::to_owned)),
                    )
                    .filter(|c| *c != made)
                    .collect();
                Some(inputs)
            })
            .flatten()
            .collect();
        let mut classes = Vec::new();
        for t in &self.types {
            if let Some(given) = &t.given {
                classes.push(given.clone());
                continue;
            }
            let (release, _) = t.release.clone().expect("a type found has a release");
            let ownership = match &t.add_ref {
                Some((add_ref, _)) => Ownership::Intrusive {
                    add_ref: Call(add_ref.clone()),
                    release: Call(release),
                },
                None if kept.contains(&t.name) => Ownership::Counted {
                    release: Call(release),
                },
                None => Ownership::Unique {
                    destroy: Some(Call(release)),
                },
            };
            classes.push(Class {
                cpp: t.name.clone(),
                rust: t.rename.clone(),
                ownership,
                constructors: Vec::new(),
                send: false,
                sync: false,
                retain: false,
                bases: Vec::new(),
                void_id: None,
                doc: String::new(),
            });
        }
        // Only the enums a bound function uses, and not those that are statuses.
        let used: BTreeSet<String> = methods
            .iter()
            .flat_map(|m| m.params.iter().map(|p| &p.ty).chain([&m.returns.ty]))
            .filter_map(|t| t.named().map(str::to_owned))
            .collect();
        let enums = self
            .enums
            .values()
            .filter(|e| used.contains(&e.cpp) && !self.statuses.iter().any(|s| s.name == e.cpp))
            .cloned()
            .collect();
        // The exported functions the inline ones name.
        let mut inline_calls = BTreeSet::new();
        for f in functions.iter().filter(|f| used_inline.contains(&f.name)) {
            for word in body_words(f.entity) {
                if self.exported.contains(&word) {
                    inline_calls.insert(word);
                }
            }
        }
        let string_free = self.functions_named_free(&functions).filter(|_| {
            methods
                .iter()
                .any(|m| m.returns.owned && m.returns.ty.base == Base::Char)
        });
        // Each function as the generator would plan it: what it refuses is left out.
        let mut check = refcount_build::Wrapper {
            language: refcount_build::model::Language::C,
            namespace: String::new(),
            headers: Vec::new(),
            classes: classes.clone(),
            methods: Vec::new(),
            enums: self
                .enums
                .values()
                .filter(|e| !self.statuses.iter().any(|s| s.name == e.cpp))
                .cloned()
                .collect(),
            strings: Vec::new(),
            smart_pointers: Vec::new(),
            statuses: self.statuses.clone(),
            string_free: string_free.clone(),
            error_callback: None,
            inline: used_inline.iter().cloned().collect(),
            inline_calls: Vec::new(),
            system_packages: Vec::new(),
            library: refcount_build::Library::PkgConfig {
                package: "check".to_owned(),
            },
        };
        methods.retain(|method| {
            check.methods = vec![method.clone()];
            match refcount_build::c::plan::Plan::new(&check, "check") {
                Ok(_) => true,
                Err(refusal) => {
                    skipped.push(format!("{}: {}", method.cpp, refusal.allowed));
                    false
                }
            }
        });
        (
            classes,
            methods,
            enums,
            CFound {
                statuses: self.statuses,
                string_free,
                inline: used_inline.into_iter().collect(),
                inline_calls: inline_calls.into_iter().collect(),
                error_callback,
            },
        )
    }

    /// The library's function that frees memory it gave (`sqlite3_free(void*)`).
    fn functions_named_free(&self, functions: &[Function]) -> Option<String> {
        functions
            .iter()
            .find(|f| {
                f.name == format!("{}free", self.prefix)
                    && f.entity.get_arguments().is_some_and(|a| {
                        a.len() == 1
                            && a[0].get_type().is_some_and(|t| {
                                t.get_canonical_type()
                                    .get_pointee_type()
                                    .is_some_and(|p| p.get_kind() == TypeKind::Void)
                            })
                    })
            })
            .map(|f| f.name.clone())
            .or_else(|| Some("free".to_owned()))
    }
}

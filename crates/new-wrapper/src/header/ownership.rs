//! Which classes to wrap, and how each is owned: answered with `--class`, or read
//! from its members and its namespace's free functions.

use clang::{Accessibility, Availability, Entity, EntityKind, TypeKind};

use super::members::public_methods;
use super::{declarations, namespace_of, Class, Classes, Declared, ReadError};

/// Count member pairs, as libraries name them: (add a reference, release one).
const MEMBER_PAIRS: &[(&str, &str)] = &[
    ("add_ref", "release"),
    ("addRef", "release"),
    ("AddRef", "Release"),
    ("retain", "release"),
    ("ref", "unref"),
    ("reference", "unreference"),
    ("inc_ref", "dec_ref"),
    ("incref", "decref"),
    ("IncRef", "DecRef"),
    ("acquire", "release"),
];

/// Free count function pairs for class `c`, as `{c}` patterns.
const FREE_PAIRS: &[(&str, &str)] = &[
    ("{c}_ref", "{c}_unref"),
    ("{c}_retain", "{c}_release"),
    ("{c}_add_ref", "{c}_release"),
    ("{c}_incref", "{c}_decref"),
    ("ref_{c}", "unref_{c}"),
    ("retain_{c}", "release_{c}"),
];

/// Free functions that destroy an object of class `c`.
const DESTROYERS: &[&str] = &[
    "destroy_{c}",
    "delete_{c}",
    "free_{c}",
    "close_{c}",
    "release_{c}",
    "{c}_destroy",
    "{c}_delete",
    "{c}_free",
    "{c}_close",
];

/// Decides the classes to wrap: those answered with `--class`, in the answers' order
/// (a bare name picks a class and infers its ownership), else every class of
/// `namespace`, in the headers' order.
pub(crate) fn decide<'tu>(
    root: Entity<'tu>,
    declared: &[Declared<'tu>],
    namespace: &str,
    answers: &[String],
) -> Result<Classes<'tu>, ReadError> {
    let in_namespace: Vec<Declared> = declared
        .iter()
        .copied()
        .filter(|class| class.namespace() == namespace)
        .collect();
    let names: Vec<String> = in_namespace.iter().map(Declared::name).collect();
    if in_namespace.is_empty() {
        return Err(ReadError::Refused(format!(
            "the headers declare no class in namespace `{namespace}`"
        )));
    }
    let free = free_functions(root, namespace);
    let mut classes = Vec::new();
    if answers.is_empty() {
        for class in &in_namespace {
            classes.push(infer(class.entity, &class.name(), &free)?);
        }
    } else {
        for answer in answers {
            let given = Given::parse(answer);
            let Some(class) = in_namespace.iter().find(|class| class.name() == given.name) else {
                return Err(ReadError::Refused(format!(
                    "\"{answer}\" is not a valid class (--class): the headers declare no class \
                     `{}` in namespace `{namespace}` (they declare: {})",
                    given.name,
                    names.join(", ")
                )));
            };
            classes.push(match given.ownership {
                Some(_) => given.into_class(class.entity),
                None => Class {
                    rename: given.rename,
                    ..infer(class.entity, &given.name, &free)?
                },
            });
        }
    }
    Ok(Classes::new(classes))
}

/// A `--class` answer, as far as the reader needs it: the name, and the ownership if
/// it is answered (the rest is passed on to the template as it is).
struct Given {
    name: String,
    rename: Option<String>,
    ownership: Option<String>,
    text: String,
}

impl Given {
    fn parse(answer: &str) -> Given {
        let code = answer.split('#').next().unwrap_or(answer);
        let (head, body) = match code.split_once('=') {
            Some((head, body)) => (head.trim(), Some(body.trim().to_owned())),
            None => (code.trim(), None),
        };
        let (name, rename) = match head.split_once(" as ") {
            Some((name, rename)) => (name.trim(), Some(rename.trim().to_owned())),
            None => (head, None),
        };
        Given {
            name: name.to_owned(),
            rename,
            ownership: body,
            text: answer.trim().to_owned(),
        }
    }

    /// The class as answered: the answer goes to the template as it is.
    fn into_class(self, entity: Entity) -> Class {
        let ownership = self.ownership.unwrap_or_default();
        let kind = if ownership.starts_with("intrusive") {
            "intrusive"
        } else if ownership.starts_with("counted") {
            "counted"
        } else {
            "unique"
        };
        // The member functions the answer names (plain names) are the count's.
        let count_members = ownership
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inside, _)| {
                inside
                    .split(',')
                    .map(str::trim)
                    .filter(|name| !name.contains("::"))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Class {
            entity,
            name: self.name,
            ownership,
            kind,
            verbatim: Some(self.text),
            rename: self.rename,
            count_members,
        }
    }
}

/// The free functions of `namespace`: (name, the class its one pointer parameter
/// points to).
fn free_functions(root: Entity, namespace: &str) -> Vec<(String, Option<String>)> {
    declarations(root)
        .into_iter()
        .filter(|f| f.get_kind() == EntityKind::FunctionDecl && namespace_of(*f) == namespace)
        .map(|function| {
            let arguments = function.get_arguments().unwrap_or_default();
            let pointee = match arguments.as_slice() {
                [only] => only
                    .get_type()
                    .map(|ty| ty.get_canonical_type())
                    .filter(|ty| ty.get_kind() == TypeKind::Pointer)
                    .and_then(|ty| ty.get_pointee_type())
                    .and_then(|ty| ty.get_declaration())
                    .and_then(|decl| decl.get_name()),
                _ => None,
            };
            (function.get_name().unwrap_or_default(), pointee)
        })
        .collect()
}

/// Infers the ownership of class `name` from its members and the free functions.
fn infer<'tu>(
    entity: Entity<'tu>,
    name: &str,
    free: &[(String, Option<String>)],
) -> Result<Class<'tu>, ReadError> {
    let methods = public_methods(entity);
    let has_member = |member: &str| {
        methods.iter().any(|m| {
            m.get_name().as_deref() == Some(member)
                && m.get_arguments().is_some_and(|args| args.is_empty())
                && m.get_availability() != Availability::Unavailable
        })
    };
    let has_free = |pattern: &str| {
        let function = pattern.replace("{c}", name);
        free.iter()
            .any(|(f, pointee)| *f == function && pointee.as_deref() == Some(name))
            .then_some(function)
    };
    let class = |ownership: String, kind: &'static str, count_members: Vec<String>| Class {
        entity,
        name: name.to_owned(),
        ownership,
        kind,
        verbatim: None,
        rename: None,
        count_members,
    };
    let namespace = namespace_of(entity);
    if let Some((add, release)) = MEMBER_PAIRS
        .iter()
        .find(|(add, release)| has_member(add) && has_member(release))
    {
        return Ok(class(
            format!("intrusive({add},{release})"),
            "intrusive",
            vec![(*add).to_owned(), (*release).to_owned()],
        ));
    }
    for (add, release) in FREE_PAIRS {
        if let (Some(add), Some(release)) = (has_free(add), has_free(release)) {
            return Ok(class(
                format!("intrusive({namespace}::{add},{namespace}::{release})"),
                "intrusive",
                Vec::new(),
            ));
        }
    }
    if destructor_is_public(entity) {
        return Ok(class("unique".to_owned(), "unique", Vec::new()));
    }
    if let Some(destroy) = DESTROYERS.iter().find_map(|pattern| has_free(pattern)) {
        return Ok(class(
            format!("unique({namespace}::{destroy})"),
            "unique",
            Vec::new(),
        ));
    }
    Err(ReadError::Refused(format!(
        "class `{name}` has no public destructor, no reference count and no function that \
         destroys it: answer its ownership with --class {name}=OWNERSHIP, OWNERSHIP one of \
         intrusive(ADD,RELEASE), unique(DESTROY) or counted(RELEASE)"
    )))
}

/// Whether `delete` may be called on the class from outside: its destructor is public
/// and not deleted (an implicit one is public).
fn destructor_is_public(entity: Entity) -> bool {
    match entity
        .get_children()
        .into_iter()
        .find(|child| child.get_kind() == EntityKind::Destructor)
    {
        Some(destructor) => {
            destructor.get_accessibility() == Some(Accessibility::Public)
                && destructor.get_availability() != Availability::Unavailable
        }
        None => true,
    }
}

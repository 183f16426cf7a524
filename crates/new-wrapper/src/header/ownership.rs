//! Which classes to wrap, and how each is owned: answered with `--class`, or read
//! from its members and its namespace's free functions.

use clang::{Accessibility, Availability, Entity, EntityKind, TypeKind};

use refcount_build::model::{Call, Ownership};

use super::members::public_methods;
use super::walk::{declarations, namespace_of, Class, Classes, Declared};
use super::{ClassRequest, ReadError};

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
    answers: &[ClassRequest],
    skipped: &mut Vec<String>,
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
        let iterators = iterators(&in_namespace);
        for class in &in_namespace {
            if iterators.contains(&class.name()) {
                skipped.push(format!(
                    "{}: an iterator (or an iterator's base), whose members have preconditions \
                     the header does not state (a new one is singular: reading it dereferences \
                     null): walk its container instead",
                    class.name()
                ));
                continue;
            }
            classes.push(infer(class.entity, &class.name(), &free));
        }
        if classes.is_empty() {
            return Err(ReadError::Refused(format!(
                "every class of namespace `{namespace}` is an iterator: answer the classes \
                 with --class"
            )));
        }
    } else {
        for answer in answers {
            let name = answer.name();
            let Some(class) = in_namespace.iter().find(|class| class.name() == name) else {
                return Err(ReadError::Refused(format!(
                    "\"{answer}\" is not a valid class (--class): the headers declare no class \
                     `{name}` in namespace `{namespace}` (they declare: {})",
                    names.join(", ")
                )));
            };
            classes.push(match answer {
                ClassRequest::Given(given) => given_class(class.entity, given),
                ClassRequest::Named { rust, .. } => Class {
                    rename: rust.clone(),
                    ..infer(class.entity, name, &free)
                },
            });
        }
    }
    Ok(Classes::new(classes, namespace))
}

/// The classes that are iterators (they have `operator++`, `operator*` or
/// `operator->`), and the bases they are made of.
fn iterators(classes: &[Declared]) -> Vec<String> {
    let mut found = Vec::new();
    for class in classes {
        let iterator = public_methods(class.entity).iter().any(|m| {
            matches!(
                m.get_name().as_deref(),
                Some("operator++" | "operator*" | "operator->")
            )
        });
        if !iterator {
            continue;
        }
        found.push(class.name());
        let mut pending = vec![class.entity];
        while let Some(scope) = pending.pop() {
            for base in scope
                .get_children()
                .into_iter()
                .filter(|child| child.get_kind() == EntityKind::BaseSpecifier)
                .filter_map(|child| child.get_type()?.get_declaration()?.get_definition())
            {
                found.extend(base.get_name());
                pending.push(base);
            }
        }
    }
    found
}

/// A class as `--class` answered it: it wins over what the headers say.
fn given_class<'tu>(entity: Entity<'tu>, given: &refcount_build::Class) -> Class<'tu> {
    // The member functions the ownership names (plain names) are the count's.
    let calls: Vec<&Call> = match &given.ownership {
        Ownership::Intrusive { add_ref, release } => vec![add_ref, release],
        Ownership::Unique { destroy } => destroy.iter().collect(),
        Ownership::Counted { release } => vec![release],
        Ownership::View => Vec::new(),
    };
    Class {
        entity,
        name: given.cpp.clone(),
        rename: given.rust.clone(),
        ownership: given.ownership.clone(),
        count_members: calls
            .into_iter()
            .filter(|call| !call.is_free())
            .map(|call| call.0.clone())
            .collect(),
        given: Some(given.clone()),
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
fn infer<'tu>(entity: Entity<'tu>, name: &str, free: &[(String, Option<String>)]) -> Class<'tu> {
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
    let class = |ownership: Ownership, count_members: Vec<String>| Class {
        entity,
        name: name.to_owned(),
        rename: None,
        ownership,
        given: None,
        count_members,
    };
    let call = |name: String| Call(name);
    let namespace = namespace_of(entity);
    if let Some((add, release)) = MEMBER_PAIRS
        .iter()
        .find(|(add, release)| has_member(add) && has_member(release))
    {
        return class(
            Ownership::Intrusive {
                add_ref: call((*add).to_owned()),
                release: call((*release).to_owned()),
            },
            vec![(*add).to_owned(), (*release).to_owned()],
        );
    }
    for (add, release) in FREE_PAIRS {
        if let (Some(add), Some(release)) = (has_free(add), has_free(release)) {
            return class(
                Ownership::Intrusive {
                    add_ref: call(format!("{namespace}::{add}")),
                    release: call(format!("{namespace}::{release}")),
                },
                Vec::new(),
            );
        }
    }
    if destructor_is_public(entity) {
        return class(Ownership::Unique { destroy: None }, Vec::new());
    }
    if let Some(destroy) = DESTROYERS.iter().find_map(|pattern| has_free(pattern)) {
        return class(
            Ownership::Unique {
                destroy: Some(call(format!("{namespace}::{destroy}"))),
            },
            Vec::new(),
        );
    }
    // Nothing releases it from outside: its objects belong to other objects (a
    // document's nodes), and Rust only borrows them.
    class(Ownership::View, Vec::new())
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

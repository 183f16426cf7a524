//! The walk over a translation unit's declarations: the classes the headers define,
//! their namespaces, and the classes chosen for wrapping.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;

use clang::{Entity, EntityKind, Type};
use refcount_build::model::{Enum, Ownership};

use super::ReadError;

/// A class declared in one of the headers.
#[derive(Clone, Copy)]
pub(crate) struct Declared<'tu> {
    pub(crate) entity: Entity<'tu>,
}

impl<'tu> Declared<'tu> {
    pub(crate) fn name(&self) -> String {
        self.entity.get_name().unwrap_or_default()
    }

    pub(crate) fn namespace(&self) -> String {
        namespace_of(self.entity)
    }
}

/// The `::`-joined namespaces around `entity` (empty in the global namespace).
pub(crate) fn namespace_of(entity: Entity) -> String {
    let mut parts = Vec::new();
    let mut parent = entity.get_semantic_parent();
    while let Some(scope) = parent {
        match scope.get_kind() {
            EntityKind::Namespace => parts.push(scope.get_name().unwrap_or_default()),
            EntityKind::TranslationUnit => break,
            _ => parts.push(format!("<{}>", scope.get_name().unwrap_or_default())),
        }
        parent = scope.get_semantic_parent();
    }
    parts.reverse();
    parts.join("::")
}

/// Whether `entity` is declared in one of `headers`.
pub(crate) fn in_headers(entity: Entity, headers: &[PathBuf]) -> bool {
    let Some(file) = entity
        .get_location()
        .and_then(|location| location.get_file_location().file)
    else {
        return false;
    };
    let path = file.get_path();
    let path = path.canonicalize().unwrap_or(path);
    headers.contains(&path)
}

/// Every declaration of the translation unit outside classes and functions: the
/// global scope, namespaces and `extern "C"` blocks, depth first.
pub(crate) fn declarations(root: Entity) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut pending = vec![root];
    while let Some(scope) = pending.pop() {
        for child in scope.get_children() {
            match child.get_kind() {
                EntityKind::Namespace | EntityKind::LinkageSpec => pending.push(child),
                _ => found.push(child),
            }
        }
    }
    found
}

/// Whether a class is a specialization of a template (glibmm's `Value<bool>`): one
/// of a family the bridge cannot name apart, not a class of its own.
fn is_specialization(class: Entity) -> bool {
    class
        .get_type()
        .and_then(|ty| ty.get_template_argument_types())
        .is_some_and(|arguments| !arguments.is_empty())
}

/// The class definitions in `headers`, in order, in any namespace.
pub(crate) fn classes_in<'tu>(root: Entity<'tu>, headers: &[PathBuf]) -> Vec<Declared<'tu>> {
    let mut found: Vec<Declared> = declarations(root)
        .into_iter()
        .filter(|entity| {
            matches!(
                entity.get_kind(),
                EntityKind::ClassDecl | EntityKind::StructDecl
            ) && entity.is_definition()
                && !entity.is_anonymous()
                && !is_specialization(*entity)
                && in_headers(*entity, headers)
        })
        .map(|entity| Declared { entity })
        .collect();
    found.sort_by_key(|class| {
        let location = class.entity.get_location().map(|l| l.get_file_location());
        location.map(|l| (l.file.map(|f| f.get_path()), l.line))
    });
    found
}

/// The free functions declared in `headers` in `namespace`, once each (function
/// templates are of another kind).
pub(crate) fn functions_in<'tu>(
    root: Entity<'tu>,
    headers: &[PathBuf],
    namespace: &str,
) -> Vec<Entity<'tu>> {
    let mut seen = std::collections::BTreeSet::new();
    declarations(root)
        .into_iter()
        .filter(|entity| {
            entity.get_kind() == EntityKind::FunctionDecl
                && in_headers(*entity, headers)
                && namespace_of(*entity) == namespace
                && seen.insert(entity.get_usr().map(|usr| usr.0))
        })
        .collect()
}

/// The one namespace the headers' classes live in, or why there is none.
pub(crate) fn only_namespace(declared: &[Declared]) -> Result<String, ReadError> {
    // A nested class's scope (`Glib::<ustring>`) is its outer class's namespace.
    let mut namespaces: Vec<String> = declared
        .iter()
        .map(|class| {
            let scope = class.namespace();
            match scope
                .find("::<")
                .or_else(|| scope.starts_with('<').then_some(0))
            {
                Some(at) => scope[..at].to_owned(),
                None => scope,
            }
        })
        .collect();
    namespaces.sort();
    namespaces.dedup();
    match namespaces.as_slice() {
        [] => Err(ReadError::Refused(
            "the headers declare no class: name the headers that define the classes".to_owned(),
        )),
        [one] if one.is_empty() => Err(ReadError::Refused(
            "the headers' classes are in the global namespace, which the template does not \
             wrap yet: put them in a namespace"
                .to_owned(),
        )),
        [one] => Ok(one.clone()),
        many => Err(ReadError::Refused(format!(
            "the headers declare classes in several namespaces ({}): choose one with --namespace",
            many.join(", ")
        ))),
    }
}

/// A class to wrap, with its ownership decided.
pub(crate) struct Class<'tu> {
    pub(crate) entity: Entity<'tu>,
    /// The C++ name.
    pub(crate) name: String,
    /// The Rust name given with `--class NAME as RUST`.
    pub(crate) rename: Option<String>,
    /// How it is owned.
    pub(crate) ownership: Ownership,
    /// The whole class, when `--class` answered it: it wins over what is read.
    pub(crate) given: Option<refcount_build::Class>,
    /// Member functions that the ownership uses (not bound as methods).
    pub(crate) count_members: Vec<String>,
}

/// The classes to wrap: what types and members are checked against.
pub(crate) struct Classes<'tu> {
    pub(crate) list: Vec<Class<'tu>>,
    /// Each class's USR (libclang's unique name for a declaration), to its index.
    by_usr: BTreeMap<String, usize>,
    /// The classes' namespace.
    pub(crate) namespace: String,
    /// The enums of the namespace that members' types name, by their name relative
    /// to it: read as the types are (only those a bound member uses are kept).
    pub(crate) enums: RefCell<BTreeMap<String, Enum>>,
    /// The free functions of the namespace that the headers declare: those that
    /// make an object of a wrapped class are bound as its factories.
    pub(crate) functions: Vec<Entity<'tu>>,
    /// The class templates that members' types name which are intrusive smart
    /// pointers of a wrapped class (`geo::ref`), read as the types are.
    pub(crate) smart_pointers: RefCell<std::collections::BTreeSet<String>>,
}

impl<'tu> Classes<'tu> {
    pub(crate) fn new(list: Vec<Class<'tu>>, namespace: &str) -> Self {
        let by_usr = list
            .iter()
            .enumerate()
            .filter_map(|(i, class)| Some((class.entity.get_usr()?.0, i)))
            .collect();
        Classes {
            list,
            by_usr,
            namespace: namespace.to_owned(),
            enums: RefCell::new(BTreeMap::new()),
            functions: Vec::new(),
            smart_pointers: RefCell::new(std::collections::BTreeSet::new()),
        }
    }

    /// The C++ name of the wrapped class `ty` is, if it is one.
    pub(crate) fn name_of(&self, ty: Type) -> Option<String> {
        let declaration = ty.get_declaration()?.get_definition()?;
        self.by_usr
            .get(&declaration.get_usr()?.0)
            .map(|&i| self.list[i].name.clone())
    }
}

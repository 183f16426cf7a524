//! C types as libclang sees them, as the model's typed values: scalars by what they
//! mean (`size_t` stays `size_t`), the library's opaque types by their typedef
//! name, its enums as theirs.

use std::collections::BTreeMap;

use clang::{Type, TypeKind};
use refcount_build::model::{Base, CppType, Indirection, Scalar};

/// The library's named types the reader knows: opaque types and enums, by the USR
/// of their declaration, with the name the header's functions use.
#[derive(Debug, Default)]
pub(super) struct Names {
    /// Opaque (record) types, by USR.
    pub(super) records: BTreeMap<String, String>,
    /// Enums, by USR.
    pub(super) enums: BTreeMap<String, String>,
    /// The Rust names of structs the functions use only through a pointer typedef
    /// (`typedef struct magic_set* magic_t;` names `magic_set` `Magic`), by struct.
    pub(super) handles: BTreeMap<String, String>,
}

/// The USR of the declaration behind `ty` (through typedefs).
pub(super) fn usr_of(ty: Type) -> Option<String> {
    Some(ty.get_canonical_type().get_declaration()?.get_usr()?.0)
}

/// A scalar, by the name a typedef gives it (`size_t`, `int64_t`) or by its kind.
fn scalar(ty: Type) -> Option<Result<(Scalar, String), String>> {
    let spelled = ty.get_display_name();
    let spelled = spelled.trim_start_matches("const ").trim();
    if let Some(scalar) = Scalar::from_cpp(spelled) {
        return Some(Ok((scalar, spelled.to_owned())));
    }
    // Otherwise by its kind, as the C++ reader reads it.
    match crate::header::types::scalar(ty.get_canonical_type().get_kind())? {
        Ok((scalar, name)) => Some(Ok((scalar, name.to_owned()))),
        Err(why) => Some(Err(format!("a `{spelled}`: {why}"))),
    }
}

/// `ty` as the model's type, or why the kit cannot carry it.
pub(super) fn c_type(ty: Type, names: &Names) -> Result<CppType, String> {
    let mut pointers = 0u8;
    let mut current = ty;
    let mut is_const = ty.is_const_qualified();
    while current.get_canonical_type().get_kind() == TypeKind::Pointer {
        let pointee = current
            .get_canonical_type()
            .get_pointee_type()
            .expect("a pointer has a pointee");
        // The declared pointee keeps its typedef's name (`sqlite3`, `size_t`).
        current = current.get_pointee_type().unwrap_or(pointee);
        is_const = current.is_const_qualified();
        pointers += 1;
        if pointers > 2 {
            return Err("a pointer to a pointer to a pointer".to_owned());
        }
    }
    let canonical = current.get_canonical_type();
    let base = match canonical.get_kind() {
        TypeKind::Void => Base::Void,
        TypeKind::CharS | TypeKind::CharU if pointers > 0 => Base::Char,
        TypeKind::CharS | TypeKind::CharU => {
            return Err("a `char`, whose signedness differs by platform".to_owned())
        }
        TypeKind::FunctionPrototype | TypeKind::FunctionNoPrototype => {
            return Err("a function pointer (a callback)".to_owned())
        }
        TypeKind::Record => match usr_of(current).and_then(|usr| names.records.get(&usr)) {
            Some(name) if pointers > 0 => Base::Named(name.clone()),
            Some(name) => return Err(format!("a `{name}` by value")),
            None => {
                return Err(format!(
                    "a `{}`, a struct the kit does not hold",
                    ty.get_display_name()
                ))
            }
        },
        TypeKind::Enum => match usr_of(current).and_then(|usr| names.enums.get(&usr)) {
            Some(name) if pointers == 0 => Base::Named(name.clone()),
            _ => return Err(format!("a `{}`", ty.get_display_name())),
        },
        _ => match scalar(current) {
            Some(Ok((scalar, spelled))) => Base::Scalar(scalar, spelled),
            Some(Err(why)) => return Err(why),
            None => return Err(format!("a `{}`", ty.get_display_name())),
        },
    };
    Ok(CppType {
        base,
        is_const,
        indirection: if pointers == 0 {
            Indirection::Value
        } else {
            Indirection::Pointer(pointers)
        },
    })
}

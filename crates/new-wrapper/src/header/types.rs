//! C++ types as libclang sees them, as the model's typed values. What the bridge
//! cannot carry is decided by the plan (`refcount_build::plan`), the one place that
//! rule lives; here are only the facts libclang knows and the model cannot see
//! (signedness of `char`, a record that is `std::string`, which class a name is).

use clang::{Type, TypeKind};
use refcount_build::model::{Base, CppType, Indirection, Scalar};

use super::walk::Classes;

/// A built-in scalar type, with its spelling; `Err` for the ones Rust has no match for.
fn scalar(kind: TypeKind) -> Option<Result<(Scalar, &'static str), &'static str>> {
    use TypeKind::*;
    Some(Ok(match kind {
        Bool => (Scalar::Bool, "bool"),
        SChar => (Scalar::I8, "signed char"),
        UChar => (Scalar::U8, "unsigned char"),
        Short => (Scalar::I16, "short"),
        UShort => (Scalar::U16, "unsigned short"),
        Int => (Scalar::I32, "int"),
        UInt => (Scalar::U32, "unsigned int"),
        Long => (Scalar::I64, "long"),
        ULong => (Scalar::U64, "unsigned long"),
        LongLong => (Scalar::I64, "long long"),
        ULongLong => (Scalar::U64, "unsigned long long"),
        Float => (Scalar::F32, "float"),
        Double => (Scalar::F64, "double"),
        WChar | Char16 | Char32 => return Some(Err("a wide character type")),
        LongDouble | Float128 | Half | Float16 => {
            return Some(Err("a floating-point type Rust has no match for"))
        }
        Int128 | UInt128 => return Some(Err("a 128-bit integer")),
        _ => return None,
    }))
}

/// Whether a record type is `std::string`.
fn is_std_string(ty: Type) -> bool {
    let name = ty.get_display_name();
    let name = name.trim_start_matches("const ");
    name == "std::basic_string<char>"
        || name == "std::__cxx11::basic_string<char>"
        || name == "std::basic_string<char, std::char_traits<char>, std::allocator<char>>"
        || name == "std::string"
}

/// The base of a canonical, unqualified type.
fn base(ty: Type, classes: &Classes, pointed: bool) -> Result<Base, String> {
    if let Some(found) = scalar(ty.get_kind()) {
        let (scalar, spelled) = found.map_err(str::to_owned)?;
        return Ok(Base::Scalar(scalar, spelled.to_owned()));
    }
    Ok(match ty.get_kind() {
        TypeKind::Void => Base::Void,
        TypeKind::CharS | TypeKind::CharU if pointed => Base::Char,
        TypeKind::CharS | TypeKind::CharU => {
            return Err("char, whose signedness differs by platform".to_owned())
        }
        TypeKind::Record if is_std_string(ty) => Base::StdString,
        _ => match classes.name_of(ty) {
            Some(class) => Base::Named(class),
            None => Base::Named(
                ty.get_display_name()
                    .trim_start_matches("const ")
                    .to_owned(),
            ),
        },
    })
}

/// `ty` as the model's type.
pub fn cpp_type(ty: Type, classes: &Classes) -> Result<CppType, String> {
    let ty = ty.get_canonical_type();
    let indirection = match ty.get_kind() {
        TypeKind::Pointer => Indirection::Pointer(1),
        TypeKind::LValueReference => Indirection::Reference,
        TypeKind::RValueReference => Indirection::RValue,
        _ => {
            return Ok(CppType {
                base: base(ty, classes, false)?,
                is_const: ty.is_const_qualified(),
                indirection: Indirection::Value,
            })
        }
    };
    let pointee = ty
        .get_pointee_type()
        .expect("a pointer points to a type")
        .get_canonical_type();
    let indirection = match (indirection, pointee.get_kind()) {
        (Indirection::Pointer(_), TypeKind::Pointer) => Indirection::Pointer(2),
        (indirection, _) => indirection,
    };
    Ok(CppType {
        base: base(pointee, classes, true)?,
        is_const: pointee.is_const_qualified(),
        indirection,
    })
}

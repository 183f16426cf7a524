//! C++ types as libclang sees them, spelled the way the template's answers take
//! them, or the reason they cannot cross the bridge.

use clang::{Type, TypeKind};

use super::Classes;

/// A built-in scalar type, spelled as the answers take it; `Err` for the ones the
/// bridge does not carry.
fn scalar(kind: TypeKind) -> Option<Result<&'static str, &'static str>> {
    use TypeKind::*;
    Some(Ok(match kind {
        Bool => "bool",
        SChar => "signed char",
        UChar => "unsigned char",
        Short => "short",
        UShort => "unsigned short",
        Int => "int",
        UInt => "unsigned int",
        Long => "long",
        ULong => "unsigned long",
        LongLong => "long long",
        ULongLong => "unsigned long long",
        Float => "float",
        Double => "double",
        CharS | CharU => return Some(Err("char, whose signedness differs by platform")),
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

/// A pointer or a reference taken apart: whether it is a pointer, `"const "` or `""`,
/// and the canonical type it points to.
fn indirection(ty: Type) -> (bool, &'static str, Type) {
    let pointee = ty.get_pointee_type().expect("a pointer points to a type");
    let constness = if pointee.is_const_qualified() {
        "const "
    } else {
        ""
    };
    (
        ty.get_kind() == TypeKind::Pointer,
        constness,
        pointee.get_canonical_type(),
    )
}

/// What a parameter's type is, as an answer spells it.
pub fn parameter(ty: Type, classes: &Classes) -> Result<String, String> {
    let ty = ty.get_canonical_type();
    if let Some(scalar) = scalar(ty.get_kind()) {
        return scalar.map(str::to_owned).map_err(str::to_owned);
    }
    match ty.get_kind() {
        TypeKind::Record if is_std_string(ty) => Ok("std::string".to_owned()),
        TypeKind::Record => Err(match classes.name_of(ty) {
            Some(class) => format!("a `{class}` by value"),
            None => unknown(ty),
        }),
        TypeKind::Pointer | TypeKind::LValueReference => {
            let (is_pointer, constness, pointee) = indirection(ty);
            let mark = if is_pointer { "*" } else { "&" };
            if let Some(class) = classes.name_of(pointee) {
                return Ok(format!("{constness}{class}{mark}"));
            }
            match pointee.get_kind() {
                TypeKind::CharS | TypeKind::CharU if is_pointer && !constness.is_empty() => {
                    Ok("const char*".to_owned())
                }
                TypeKind::Record if is_std_string(pointee) && !is_pointer => {
                    if constness.is_empty() {
                        Err(
                            "a `std::string&` the function may change (an out-parameter)"
                                .to_owned(),
                        )
                    } else {
                        Ok("const std::string&".to_owned())
                    }
                }
                kind if scalar(kind).is_some() && !is_pointer && !constness.is_empty() => {
                    scalar(kind)
                        .expect("a scalar")
                        .map(str::to_owned)
                        .map_err(str::to_owned)
                }
                _ if scalar(pointee.get_kind()).is_some() => Err(format!(
                    "a {} to a scalar (an out-parameter?)",
                    if is_pointer { "pointer" } else { "reference" }
                )),
                _ => Err(unknown(ty)),
            }
        }
        TypeKind::RValueReference => Err("an rvalue reference (`&&`)".to_owned()),
        _ => Err(unknown(ty)),
    }
}

/// What a function returns, as an answer spells it (with `new ` when the caller
/// owns a returned object), given whether its comment says the caller owns it.
pub fn result(ty: Type, classes: &Classes, owned: bool) -> Result<String, String> {
    let ty = ty.get_canonical_type();
    if ty.get_kind() == TypeKind::Void {
        return Ok("void".to_owned());
    }
    if let Some(scalar) = scalar(ty.get_kind()) {
        return scalar.map(str::to_owned).map_err(str::to_owned);
    }
    match ty.get_kind() {
        TypeKind::Record if is_std_string(ty) => Ok("std::string".to_owned()),
        TypeKind::Pointer | TypeKind::LValueReference => {
            let (is_pointer, constness, pointee) = indirection(ty);
            if let Some((class, kind)) = classes.kind_of(pointee) {
                if owned && is_pointer {
                    return Ok(format!("new {constness}{class}*"));
                }
                if kind != "intrusive" {
                    return Err(format!(
                        "returns a `{class}` it keeps: a borrowed {kind} object has no safe Rust \
                         type (the comment does not say the caller owns it)"
                    ));
                }
                return Ok(format!(
                    "{constness}{class}{}",
                    if is_pointer { "*" } else { "&" }
                ));
            }
            match pointee.get_kind() {
                TypeKind::Record
                    if is_std_string(pointee) && !is_pointer && !constness.is_empty() =>
                {
                    Ok("std::string".to_owned())
                }
                TypeKind::CharS | TypeKind::CharU if is_pointer => {
                    Err("a C string, whose owner is unknown".to_owned())
                }
                _ => Err(unknown(ty)),
            }
        }
        _ => Err(unknown(ty)),
    }
}

/// Why an unknown type is refused, naming it.
fn unknown(ty: Type) -> String {
    format!(
        "`{}`, a type the bridge does not carry",
        ty.get_display_name()
    )
}

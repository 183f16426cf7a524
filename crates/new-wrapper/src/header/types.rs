//! C++ types as libclang sees them, as the model's typed values. What the bridge
//! cannot carry is decided by the plan (`refcount_build::plan`), the one place that
//! rule lives; here are only the facts libclang knows and the model cannot see
//! (signedness of `char`, a record that is `std::string`, which class a name is).

use clang::{Entity, EntityKind, Type, TypeKind};
use refcount_build::model::{Base, CppType, Enum, Indirection, Scalar};

use super::walk::Classes;

/// A built-in scalar type, with its spelling; `Err` for the ones Rust has no match for.
pub(crate) fn scalar(kind: TypeKind) -> Option<Result<(Scalar, &'static str), &'static str>> {
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

/// A type's name without its qualifiers (`const std::vector<int>` is a vector).
fn unqualified(ty: Type) -> String {
    let name = ty.get_display_name();
    name.trim_start_matches("const ")
        .trim_start_matches("volatile ")
        .to_owned()
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
        TypeKind::Record if unqualified(ty).starts_with("std::unique_ptr<") => {
            let arguments = ty.get_template_argument_types().unwrap_or_default();
            let deleter = arguments.get(1).copied().flatten();
            if deleter.is_some_and(|d| !d.get_display_name().starts_with("std::default_delete<")) {
                return Err("a std::unique_ptr with a deleter of its own".to_owned());
            }
            let element = arguments
                .into_iter()
                .next()
                .flatten()
                .ok_or_else(|| "a std::unique_ptr whose type is unknown".to_owned())?;
            Base::UniquePtr(Box::new(cpp_type(element, classes)?))
        }
        TypeKind::Record if unqualified(ty).starts_with("std::vector<") => {
            let element = ty
                .get_template_argument_types()
                .and_then(|arguments| arguments.into_iter().next().flatten())
                .ok_or_else(|| "a std::vector whose element type is unknown".to_owned())?;
            let element = cpp_type(element, classes).map_err(|why| format!("a vector of {why}"))?;
            Base::Vector(Box::new(element))
        }
        TypeKind::Enum => Base::Named(enum_of(ty, classes)?),
        _ => match (classes.name_of(ty), template_of(ty, classes)) {
            (Some(class), _) => Base::Named(class),
            (None, Some((name, arguments))) => Base::Template(name, arguments),
            (None, None) => Base::Named(
                ty.get_display_name()
                    .trim_start_matches("const ")
                    .to_owned(),
            ),
        },
    })
}

/// A class template's specialization, as its template's name and its type
/// arguments (`geo::ref<shape>`), when every argument is a type the model holds.
fn template_of(ty: Type, classes: &Classes) -> Option<(String, Vec<CppType>)> {
    let arguments = ty.get_template_argument_types()?;
    if arguments.is_empty() {
        return None;
    }
    let display = unqualified(ty);
    let name = display.split('<').next()?.trim().to_owned();
    if let [Some(element)] = arguments.as_slice() {
        if holds_a_count_of(ty, *element, classes) && !name.starts_with("std::") {
            classes.smart_pointers.borrow_mut().insert(name.clone());
        }
    }
    let arguments = arguments
        .into_iter()
        .map(|argument| cpp_type(argument?, classes).ok())
        .collect::<Option<Vec<_>>>()?;
    Some((name, arguments))
}

/// Whether the class template specialization `ty` is an intrusive smart pointer
/// of `element`: its one argument is a wrapped class that counts itself, and it
/// gives the object with a public `get()`. Whatever count it holds, Rust takes
/// one of its own before it drops (`std::` templates, whose deleters ignore the
/// object's count, are never taken for one).
fn holds_a_count_of(ty: Type, element: Type, classes: &Classes) -> bool {
    let counts = classes.name_of(element).is_some_and(|name| {
        classes
            .list
            .iter()
            .any(|c| c.name == name && c.ownership.kind() == "intrusive")
    });
    let Some(declaration) = ty.get_declaration() else {
        return false;
    };
    // libclang lists an implicit instantiation's members only sometimes: the
    // template's own `get()` returns a pointer to its type parameter.
    let template = declaration.get_template();
    let parameter = template.and_then(|t| {
        t.get_children()
            .into_iter()
            .find(|c| c.get_kind() == EntityKind::TemplateTypeParameter)
            .and_then(|c| c.get_name())
    });
    let gives = |scope: Entity, to: &dyn Fn(Type) -> bool| {
        scope.get_children().into_iter().any(|member| {
            member.get_kind() == EntityKind::Method
                && member.get_name().as_deref() == Some("get")
                && member.get_accessibility() == Some(clang::Accessibility::Public)
                && member
                    .get_result_type()
                    .and_then(|result| result.get_pointee_type())
                    .is_some_and(to)
        })
    };
    let element_declaration = element.get_canonical_type().get_declaration();
    let to_element =
        |pointee: Type| pointee.get_canonical_type().get_declaration() == element_declaration;
    let to_parameter = |pointee: Type| {
        let name = pointee.get_display_name();
        parameter.as_deref() == Some(name.trim_start_matches("const "))
    };
    counts
        && (gives(declaration, &to_element)
            || template.is_some_and(|template| gives(template, &to_parameter)))
}

/// The name (relative to the classes' namespace) of the enum `ty`, read into
/// `classes.enums` the first time: its underlying type and its enumerators.
fn enum_of(ty: Type, classes: &Classes) -> Result<String, String> {
    let declaration = ty
        .get_declaration()
        .ok_or_else(|| "an enum without a declaration".to_owned())?;
    let mut parts = Vec::new();
    let mut scope = Some(declaration);
    while let Some(entity) = scope {
        match entity.get_kind() {
            EntityKind::TranslationUnit => break,
            EntityKind::LinkageSpec => {}
            _ => match entity.get_name() {
                Some(name) if !name.is_empty() => parts.push(name),
                _ => return Err("an enum without a name".to_owned()),
            },
        }
        scope = entity.get_semantic_parent();
    }
    parts.reverse();
    let full = parts.join("::");
    let prefix = format!("{}::", classes.namespace);
    let name = full
        .strip_prefix(&prefix)
        .ok_or_else(|| {
            format!(
                "the enum `{full}`, outside namespace `{}`",
                classes.namespace
            )
        })?
        .to_owned();
    if classes.enums.borrow().contains_key(&name) {
        return Ok(name);
    }
    let underlying = declaration
        .get_enum_underlying_type()
        .ok_or_else(|| format!("the enum `{full}` without an underlying type"))?
        .get_canonical_type();
    let (repr, spelled) = match scalar(underlying.get_kind()) {
        Some(Ok((Scalar::Bool | Scalar::F32 | Scalar::F64, _))) | None => {
            return Err(format!("the enum `{full}` of an unusual underlying type"))
        }
        Some(Ok(found)) => found,
        Some(Err(why)) => return Err(format!("the enum `{full}` over {why}")),
    };
    let variants: Vec<(String, i128)> = declaration
        .get_children()
        .into_iter()
        .filter(|child| child.get_kind() == EntityKind::EnumConstantDecl)
        .filter_map(|child| {
            let (signed, unsigned) = child.get_enum_constant_value()?;
            let value = if matches!(repr, Scalar::U64 | Scalar::Usize) {
                i128::from(unsigned)
            } else {
                i128::from(signed)
            };
            Some((child.get_name()?, value))
        })
        .collect();
    if variants.is_empty() {
        return Err(format!("the enum `{full}` without enumerators"));
    }
    let doc = declaration
        .get_comment()
        .map(|raw| super::comments::one_line(&raw))
        .unwrap_or_default();
    classes.enums.borrow_mut().insert(
        name.clone(),
        Enum {
            cpp: name.clone(),
            rust: None,
            repr,
            repr_spelled: spelled.to_owned(),
            variants,
            doc,
        },
    );
    Ok(name)
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

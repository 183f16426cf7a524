//! An enum decided: its Rust name, the alias the bridge names it by (cxx names a
//! type by a namespace and a name, and a nested enum has a class in its path), and
//! its variants' Rust names.

use crate::model::{Enum, Scalar};
use crate::naming::{upper_camel, Scope, TAKEN_TYPES};
use crate::Refusal;

/// An enum, decided.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    /// The C++ name relative to the namespace (`document::page_mode`).
    pub cpp: String,
    /// `::namespace::document::page_mode`.
    pub qualified: String,
    /// Its alias in the bridge's namespace (`document_page_mode`).
    pub alias: String,
    /// The Rust type's name.
    pub rust: String,
    /// The underlying type, as Rust writes it (`i32`).
    pub repr: &'static str,
    /// The variants: Rust name, C++ name, value (each value once: cxx's enum cannot
    /// hold two names for one value, and the first is kept).
    pub variants: Vec<(String, String, i128)>,
    /// Its doc, one line (empty if none).
    pub doc: String,
}

pub(super) fn enum_plan(e: &Enum, ns: &str) -> Result<EnumPlan, Refusal> {
    let rust = match &e.rust {
        Some(rust) => rust.clone(),
        None => match upper_camel(&e.cpp.replace("::", "_")) {
            camel if TAKEN_TYPES.contains(&camel.as_str()) => format!("Cpp{camel}"),
            camel => camel,
        },
    };
    if !rust.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(Refusal::new(
            format!("enum `{}` (enums)", e.cpp),
            e.code(),
            format!("its Rust name `{rust}` is no Rust type name: give one with `as`"),
        ));
    }
    let (min, max) = range(e.repr);
    let mut names = Scope::default();
    let mut variants: Vec<(String, String, i128)> = Vec::new();
    for (cpp, value) in &e.variants {
        if !(min..=max).contains(value) {
            return Err(Refusal::new(
                format!("enum `{}` (enums)", e.cpp),
                e.code(),
                format!("`{cpp} = {value}` does not fit its underlying type"),
            ));
        }
        if variants.iter().any(|(_, _, v)| v == value) {
            continue;
        }
        let camel = match upper_camel(cpp) {
            camel if camel.starts_with(|c: char| c.is_ascii_alphabetic()) => camel,
            camel => format!("V{camel}"),
        };
        variants.push((names.unique(&camel), cpp.clone(), *value));
    }
    Ok(EnumPlan {
        qualified: format!("::{ns}::{}", e.cpp),
        alias: e.cpp.replace("::", "_"),
        cpp: e.cpp.clone(),
        rust,
        repr: e.repr.rust(),
        variants,
        doc: e.doc.clone(),
    })
}

/// The values an underlying type holds.
fn range(repr: Scalar) -> (i128, i128) {
    use Scalar::*;
    match repr {
        I8 => (i8::MIN.into(), i8::MAX.into()),
        U8 => (0, u8::MAX.into()),
        I16 => (i16::MIN.into(), i16::MAX.into()),
        U16 => (0, u16::MAX.into()),
        I32 => (i32::MIN.into(), i32::MAX.into()),
        U32 => (0, u32::MAX.into()),
        I64 => (i64::MIN.into(), i64::MAX.into()),
        U64 | Usize => (0, u64::MAX.into()),
        Bool | F32 | F64 => (0, -1),
    }
}

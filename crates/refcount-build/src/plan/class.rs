//! A class decided: its Rust name (refused where cxx or the crate takes it, or where
//! it is no Rust type name), its handle, and the C++ calls of its ownership.

use super::ClassPlan;
use crate::model::{Class, Ownership};
use crate::naming::{rust_name, snake, upper_camel, TAKEN_TYPES};
use crate::Refusal;

pub(super) fn class_plan(class: &Class, ns: &str) -> Result<ClassPlan, Refusal> {
    // A derived name that cxx or the crate takes gets a prefix; an answered one is
    // the user's to change.
    let rust = match &class.rust {
        Some(rust) => rust.clone(),
        None => match upper_camel(&class.cpp) {
            camel if TAKEN_TYPES.contains(&camel.as_str()) => format!("Cpp{camel}"),
            camel => camel,
        },
    };
    let starts_well = rust.starts_with(|c: char| c.is_ascii_alphabetic());
    if !starts_well || snake(&class.cpp).is_empty() {
        return Err(Refusal::new(
            format!("class `{}` (classes)", class.cpp),
            class.code(),
            format!(
                "its Rust name `{rust}` is no Rust type name: give one with `as`, as in `{} as \
                 MyClass=...`",
                class.cpp
            ),
        ));
    }
    if TAKEN_TYPES.contains(&rust.as_str()) {
        return Err(Refusal::new(
            format!("class `{}` (classes)", class.cpp),
            class.code(),
            format!(
                "its Rust name `{rust}` is taken by cxx or the crate: rename it with `as`, as in \
                 `{} as My{rust}=...`",
                class.cpp
            ),
        ));
    }
    let (kind, handle, ownership, add_ref, release) = match &class.ownership {
        Ownership::Intrusive { add_ref, release } => (
            "intrusive",
            "Shared",
            "intrusive (counts itself)",
            Some(add_ref.on_p()),
            release.on_p(),
        ),
        Ownership::Unique { destroy } => (
            "unique",
            "Owned",
            "unique (one owner)",
            None,
            destroy.as_ref().map_or("delete p".to_owned(), |d| d.on_p()),
        ),
        Ownership::Counted { release } => (
            "counted",
            "Counted",
            "counted (counted in Rust)",
            None,
            release.on_p(),
        ),
        Ownership::View => (
            "view",
            "",
            "a view (owned by other objects, borrowed by Rust)",
            None,
            String::new(),
        ),
    };
    // The borrowed type: the class's own for a view, `NAMERef` beside a unique one.
    let view = match kind {
        "view" => Some(rust.clone()),
        "unique" => Some(format!("{rust}Ref")),
        _ => None,
    };
    Ok(ClassPlan {
        qualified: format!("::{ns}::{}", class.cpp),
        snake: snake(&class.cpp),
        var: rust_name(&rust, &[]),
        type_id: format!("{ns}::{}", class.cpp),
        cpp: class.cpp.clone(),
        rust,
        kind,
        view,
        handle,
        add_ref,
        release,
        add_ref_shim: None,
        release_shim: String::new(),
        adopt: !class.retain,
        send: class.send,
        sync: class.sync,
        doc: class.doc.clone(),
        ownership,
        kept: Vec::new(),
        ctors: Vec::new(),
        methods: Vec::new(),
        make: None,
        from_adopted: false,
        from_retained: false,
        lent: false,
        lent_mut: false,
        shared_ptr: false,
        bases: Vec::new(),
    })
}

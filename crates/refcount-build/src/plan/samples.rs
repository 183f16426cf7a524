//! What the generated tests and tour make and call: an object of each class a
//! constructor can make without inventing an argument, and each const or static
//! method that takes none; and which classes need the functions that wrap a
//! returned object.

use std::collections::BTreeMap;

use super::{ClassPlan, ParamPlan, ReturnKind};

impl super::Plan {
    /// The classes that no generated test can make (no constructor the generator can
    /// call without inventing an argument): for tests by hand.
    pub fn unmade(&self) -> Vec<&str> {
        self.classes
            .iter()
            .filter(|c| c.make.is_none())
            .map(|c| c.cpp.as_str())
            .collect()
    }
}

impl ClassPlan {
    /// Whether the generated tests have a test of this class: one that makes an
    /// object of it, or calls its static functions.
    pub fn tested(&self) -> bool {
        self.make.is_some()
            || self
                .methods
                .iter()
                .any(|m| m.is_static && m.sample_call.is_some())
    }
}

/// Marks the classes whose objects methods return, so that they get the function
/// that wraps one.
pub(super) fn mark_wrapping(classes: &mut [ClassPlan]) {
    let returned: Vec<(String, &'static str)> = classes
        .iter()
        .flat_map(|c| &c.methods)
        .filter_map(|m| match &m.ret.kind {
            ReturnKind::Object {
                cpp_class, from, ..
            } => Some((cpp_class.clone(), *from)),
            ReturnKind::SharedPtr { cpp_class, .. } => Some((cpp_class.clone(), "shared_ptr")),
            ReturnKind::View {
                cpp_class, mutable, ..
            } => Some((
                cpp_class.clone(),
                if *mutable { "lent_mut" } else { "lent" },
            )),
            _ => None,
        })
        .collect();
    // A view converts to its bases' views, which it lends.
    let bases: Vec<(String, &'static str)> = classes
        .iter()
        .flat_map(|c| &c.bases)
        .flat_map(|b| [(b.cpp.clone(), "lent"), (b.cpp.clone(), "lent_mut")])
        .collect();
    for (cpp, from) in returned.into_iter().chain(bases) {
        let class = classes.iter_mut().find(|c| c.cpp == cpp).expect("a class");
        match from {
            "from_adopted" => class.from_adopted = true,
            "lent" => class.lent = true,
            "lent_mut" => class.lent_mut = true,
            "shared_ptr" => class.shared_ptr = true,
            _ => class.from_retained = true,
        }
    }
}

/// The arguments a test passes, or `None` unless each is an object of a class that
/// `makes` can make: a number or a string would be invented, and a member may
/// misuse an invented argument (an index out of range ends a process).
fn sample_args(params: &[ParamPlan], makes: &BTreeMap<String, String>) -> Option<String> {
    let args: Option<Vec<String>> = params
        .iter()
        .map(|p| {
            let made = makes.get(p.sample_class.as_ref()?)?;
            Some(if p.sample.starts_with('&') {
                format!("&{made}")
            } else {
                made.clone()
            })
        })
        .collect();
    args.map(|args| args.join(", "))
}

/// What a test writes to make an object of each class (the first constructor whose
/// parameters are all objects that can be made, class by class until nothing
/// changes), and a call of each const and static method that takes no argument.
pub(super) fn samples(classes: &mut [ClassPlan]) {
    let mut makes: BTreeMap<String, String> = BTreeMap::new();
    let mut changed = true;
    while changed {
        changed = false;
        for c in classes.iter() {
            if makes.contains_key(&c.cpp) {
                continue;
            }
            for k in &c.ctors {
                if let Some(args) = sample_args(&k.params, &makes) {
                    makes.insert(c.cpp.clone(), format!("{}::{}({args})?", c.rust, k.name));
                    changed = true;
                    break;
                }
            }
        }
    }
    for c in classes.iter_mut() {
        c.make = makes.get(&c.cpp).cloned();
        for m in &mut c.methods {
            if (m.is_const || m.is_static) && m.params.iter().all(|p| p.out) {
                m.sample_call = Some(format!("{}()", m.rust));
            }
        }
    }
}

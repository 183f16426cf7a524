//! What the generated tests and tour make and call: an object of each class a
//! constructor can make from sample values, and each const or static method called
//! with them; and which classes need the functions that wrap a returned object.

use std::collections::BTreeMap;

use super::{ClassPlan, ParamPlan, ReturnKind};

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
            _ => None,
        })
        .collect();
    for (cpp, from) in returned {
        let class = classes.iter_mut().find(|c| c.cpp == cpp).expect("a class");
        match from {
            "from_adopted" => class.from_adopted = true,
            _ => class.from_retained = true,
        }
    }
}

/// Sample arguments made from `makes`, or `None` if one cannot be made.
fn sample_args(params: &[ParamPlan], makes: &BTreeMap<String, String>) -> Option<String> {
    let args: Option<Vec<String>> = params
        .iter()
        .map(|p| match &p.sample_class {
            None => Some(p.sample.clone()),
            Some(class) => {
                let made = makes.get(class)?;
                Some(if p.sample.starts_with('&') {
                    format!("&{made}")
                } else {
                    made.clone()
                })
            }
        })
        .collect();
    args.map(|args| args.join(", "))
}

/// What a test writes to make an object of each class (the first constructor whose
/// parameters can all be made, class by class until nothing changes), and a sample
/// call of each const and static method.
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
            if m.is_const || m.is_static {
                m.sample_call = sample_args(&m.params, &makes).map(|a| format!("{}({a})", m.rust));
            }
        }
    }
}

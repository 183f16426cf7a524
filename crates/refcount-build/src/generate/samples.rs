//! `tests.rs` and `tour.rs`: each class a constructor makes, made, used and dropped.
//! Only const and static methods are called, and only with arguments the plan could
//! make: nothing here calls a member with invented arguments it could misuse.

use crate::plan::{ClassPlan, Plan};

/// The calls of a class's const and static methods, as `(shown, code)`.
fn calls(c: &ClassPlan, var: &str) -> Vec<(String, String)> {
    c.methods
        .iter()
        .filter_map(|m| {
            let call = m.sample_call.as_ref()?;
            let receiver = if m.is_static {
                format!("{}::", c.rust)
            } else {
                format!("{var}.")
            };
            let code = format!("{receiver}{call}");
            let discard = !matches!(m.ret.kind, crate::plan::ReturnKind::Void) || m.result;
            Some((
                code.clone(),
                if discard {
                    format!("let _ = {code};")
                } else {
                    format!("{code};")
                },
            ))
        })
        .collect()
}

/// The per-class tests, with leak checks.
pub fn tests(plan: &Plan) -> String {
    if plan.classes.iter().all(|c| c.make.is_none()) {
        return "// No class has a constructor the generator could bind: nothing is made here,
// so nothing is tested. Answer a constructor (`new(TYPES)`) in wrapper.toml.
"
        .to_owned();
    }
    let mut out = format!(
        "// Each class that a constructor makes: made, shared where it can be, its const
// and static methods called, and dropped, with a leak check on the handles.

use refcount::leak::LeakCheck;
use {}::*;

/// Runs `test` alone (leak counts are global) and checks that it leaked no handle.
fn checked(test: impl FnOnce() -> Result<(), Error>) {{
    let check = LeakCheck::start();
    test().expect(\"the C++ calls succeed\");
    check.finish().expect(\"every handle is released\");
}}
",
        plan.crate_name
    );
    for c in &plan.classes {
        let Some(make) = &c.make else { continue };
        let var = &c.var;
        out.push_str(&format!(
            "\n#[test]\nfn {var}_is_made_used_and_released() {{\n    checked(|| {{\n        let {var} = {make};\n"
        ));
        if c.kind != "unique" {
            out.push_str(&format!(
                "        let {var}_twin = {var}.clone();\n        assert_eq!({var}_twin, {var}, \"a clone holds the same C++ object\");\n        drop({var}_twin);\n"
            ));
        }
        for (_, code) in calls(c, var) {
            out.push_str(&format!("        {code}\n"));
        }
        if c.kind == "counted" {
            out.push_str(&format!(
                "        assert!({var}.close());\n        assert!({var}.lease().is_err(), \"a closed object is never used again\");\n"
            ));
        }
        out.push_str(&format!(
            "        drop({var});\n        Ok(())\n    }});\n}}\n"
        ));
    }
    out
}

/// The tour: an object of each class a constructor makes, and its const methods.
pub fn tour(plan: &Plan) -> String {
    let mut out = format!(
        "// A tour of the bindings: an object of each class that a constructor makes, and
// what its const and static methods return.

use {}::*;

fn main() -> Result<(), Error> {{
",
        plan.crate_name
    );
    for c in &plan.classes {
        let var = &c.var;
        let Some(make) = &c.make else {
            out.push_str(&format!(
                "    // No constructor was answered for `{}`: its objects come from C++.\n",
                c.cpp
            ));
            continue;
        };
        out.push_str(&format!(
            "    let {var} = {make};\n    println!(\"a new {}: {{{var}:?}}\");\n",
            c.rust
        ));
        for (shown, _) in calls(c, var) {
            out.push_str(&format!(
                "    println!(\"{} = {{:?}}\", {shown});\n",
                shown.replace('"', "'")
            ));
        }
    }
    out.push_str("    Ok(())\n}\n");
    out
}

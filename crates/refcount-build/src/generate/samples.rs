//! `tests.rs` and `tour.rs`: each class a constructor makes, made, used and dropped.
//! Only const and static methods that take no argument are called, and objects are
//! made only from objects: nothing here calls a member with an invented argument it
//! could misuse. A class nothing here can make is left to a test written by hand.

use crate::plan::{ClassPlan, Plan};

/// The calls of a class's const and static methods (static only, when nothing
/// makes an object of it), as `(shown, callable)`.
fn calls(c: &ClassPlan, var: &str) -> Vec<(String, String)> {
    c.methods
        .iter()
        .filter(|m| m.is_static || c.make.is_some())
        .filter_map(|m| {
            let call = m.sample_call.as_ref()?;
            let receiver = if m.is_static {
                format!("{}::", c.rust)
            } else {
                format!("{var}.")
            };
            let code = format!("{receiver}{call}");
            // A static function is its own callable (clippy wants no closure around it).
            let callable = if m.is_static {
                format!("{}::{}", c.rust, m.rust)
            } else {
                format!("|| {code}")
            };
            Some((code, callable))
        })
        .collect()
}

/// The per-class tests, with leak checks.
pub fn tests(plan: &Plan) -> String {
    let unmade = plan.unmade();
    let note = if unmade.is_empty() {
        String::new()
    } else {
        format!(
            "\n// No constructor the generator can call without inventing an argument makes
// {}: write their tests by hand, in a file of your own under tests/.
",
            unmade
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if !plan.classes.iter().any(ClassPlan::tested) {
        return note;
    }
    let mut out = format!(
        "// Each class that a constructor makes without an invented argument: made, shared
// where it can be, its const and static methods that take no argument called, and
// dropped, with a leak check on the handles.

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
    ) + &note;
    let any_call = plan.classes.iter().any(|c| !calls(c, &c.var).is_empty());
    if any_call {
        out.push_str(
            "
/// Calls a member. What it returns, an `Err` or a panic (a C++ exception from a member
/// not answered `throws`) is the library's answer to an object in its first state,
/// which these tests do not know; what they check is that nothing crashes or leaks.
fn call<T>(member: impl FnOnce() -> T) {
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(member));
}
",
        );
    }
    for c in &plan.classes {
        let var = &c.var;
        let Some(make) = &c.make else {
            let statics = calls(c, var);
            if !statics.is_empty() {
                out.push_str(&format!(
                    "\n#[test]\nfn {var}_static_functions_are_called() {{\n    checked(|| {{\n"
                ));
                for (_, callable) in statics {
                    out.push_str(&format!("        call({callable});\n"));
                }
                out.push_str("        Ok(())\n    });\n}\n");
            }
            continue;
        };
        out.push_str(&format!(
            "\n#[test]\nfn {var}_is_made_used_and_released() {{\n    checked(|| {{\n        let {var} = {make};\n"
        ));
        if c.kind != "unique" {
            out.push_str(&format!(
                "        let {var}_twin = {var}.clone();\n        assert_eq!({var}_twin, {var}, \"a clone holds the same C++ object\");\n        drop({var}_twin);\n"
            ));
        }
        for (_, callable) in calls(c, var) {
            out.push_str(&format!("        call({callable});\n"));
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
",
        plan.crate_name
    );
    let any_call = plan.classes.iter().any(|c| !calls(c, &c.var).is_empty());
    if any_call {
        out.push_str(
            "
/// What a member returns, or the panic it raised (a C++ exception from a member
/// not answered `throws`): the tour goes on either way.
fn shown<T: std::fmt::Debug>(member: impl FnOnce() -> T) -> String {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(member)) {
        Ok(value) => format!(\"{value:?}\"),
        Err(panic) => match panic.downcast_ref::<String>() {
            Some(message) => format!(\"a panic: {message}\"),
            None => \"a panic\".to_owned(),
        },
    }
}
",
        );
    }
    out.push_str("\nfn main() -> Result<(), Error> {\n");
    for c in &plan.classes {
        let var = &c.var;
        let Some(make) = &c.make else {
            out.push_str(&format!(
                "    // No constructor the generator can call makes a `{}`.\n",
                c.cpp
            ));
            for (shown, callable) in calls(c, var) {
                out.push_str(&format!(
                    "    println!(\"{shown} = {{}}\", shown({callable}));\n"
                ));
            }
            continue;
        };
        out.push_str(&format!(
            "    let {var} = {make};\n    println!(\"a new {}: {{{var}:?}}\");\n",
            c.rust
        ));
        for (shown, callable) in calls(c, var) {
            out.push_str(&format!(
                "    println!(\"{} = {{}}\", shown({callable}));\n",
                shown.replace('"', "'")
            ));
        }
    }
    out.push_str("    Ok(())\n}\n");
    out
}

//! `native.rs`: one `refcount::native_type!` description per class.

use super::{Options, Out};
use crate::plan::Plan;

/// The descriptions.
pub fn native(plan: &Plan, options: Options) -> String {
    let mut out = Out::new(options);
    if plan.classes.iter().any(|c| c.kind != "view") {
        out.line("use super::ffi;");
    }
    // A view class is never released by Rust: nothing to describe.
    for c in plan.classes.iter().filter(|c| c.kind != "view") {
        out.line("");
        out.anchor("", &format!("native_{}", c.snake));
        out.line(&format!(
            "// SAFETY: as answered, `{}` is {}:",
            c.cpp, c.ownership
        ));
        let mut says = format!(
            "// `{}` gives up the reference (or the object) a handle holds, with\n// `{}`.",
            c.release_shim, c.release
        );
        if let (Some(shim), Some(add_ref)) = (&c.add_ref_shim, &c.add_ref) {
            says.push_str(&format!(" `{shim}` adds one, with `{add_ref}`."));
        }
        out.line(&says);
        if c.send {
            out.line("// Answered `send`: an object may be used and released on any thread.");
        }
        if c.sync {
            out.line(
                "// Answered `sync`: its methods and count are safe to call from several threads at once.",
            );
        }
        if !c.send && !c.sync {
            out.line("// Not answered thread-safe: handles of it stay on their thread.");
        }
        let bounds = super::bounds(c.send, c.sync);
        out.line("refcount::native_type! {");
        out.line(&format!("    unsafe impl ffi::{}{bounds} {{", c.rust));
        out.line(&format!("        type_id: \"{}\",", c.type_id));
        out.line(&format!("        release: ffi::{},", c.release_shim));
        if let Some(shim) = &c.add_ref_shim {
            out.line(&format!("        add_ref: ffi::{shim},"));
        }
        out.line("    }");
        out.line("}");
        out.end("", &format!("native_{}", c.snake));
    }
    out.text
}

//! `ffi.rs`: the cxx bridge over the shims.

use super::{list, Options, Out};
use crate::plan::{ClassPlan, EnumPlan, Plan, ReturnKind};

/// A shared enum over the C++ one: cxx asserts at build time that the variants,
/// their values and the underlying type are the C++ enum's.
fn shared_enum(out: &mut Out, plan: &Plan, e: &EnumPlan) {
    let doc = if e.doc.is_empty() {
        format!("The C++ `{}`.", e.qualified)
    } else {
        e.doc.clone()
    };
    out.line(&format!("    /// {doc}"));
    out.line("    ///");
    out.line("    /// A value C++ returns may be none of the variants: match it with a `_` arm.");
    out.line("    #[derive(Debug, Hash)]");
    out.line(&format!("    #[namespace = \"{}\"]", plan.bridge_namespace));
    out.line(&format!("    #[cxx_name = \"{}\"]", e.alias));
    out.line(&format!("    #[repr({})]", e.repr));
    out.line(&format!("    enum {} {{", e.rust));
    for (rust, cpp, value) in &e.variants {
        out.line(&format!("        /// `{cpp}`"));
        out.line(&format!("        #[cxx_name = \"{cpp}\"]"));
        out.line(&format!("        {rust} = {value},"));
    }
    out.line("    }");
    out.line("");
}

const SAFETY_LIVE: &str = "        ///\n        /// # Safety\n        ///\n        /// Each pointer points to a live object.\n";

/// The bridge module.
pub fn ffi(plan: &Plan, options: Options) -> String {
    let mut out = Out::new(options);
    out.line("pub use bridge::*;");
    out.line("");
    out.anchor("", "bridge");
    out.line(
        "// The `# Safety` sections below are written, but clippy does not see them through the macro.",
    );
    out.line("#[allow(clippy::missing_safety_doc)]");
    out.line(&format!(
        "#[cxx::bridge(namespace = \"{}\")]",
        plan.bridge_namespace
    ));
    out.line("mod bridge {");
    for e in &plan.enums {
        shared_enum(&mut out, plan, e);
    }
    out.line("    unsafe extern \"C++\" {");
    out.line(&format!(
        "        include!(\"{}/bridge.h\");",
        super::FOLDER
    ));
    for e in &plan.enums {
        out.line("");
        out.line(&format!(
            "        // The C++ `{}`: cxx checks the enum above against it.",
            e.qualified
        ));
        out.line(&format!(
            "        #[namespace = \"{}\"]",
            plan.bridge_namespace
        ));
        out.line(&format!("        #[cxx_name = \"{}\"]", e.alias));
        out.line(&format!("        type {};", e.rust));
    }
    for c in &plan.classes {
        class(&mut out, plan, c);
    }
    out.line("    }");
    out.line("}");
    out.end("", "bridge");
    out.text
}

fn class(out: &mut Out, plan: &Plan, c: &ClassPlan) {
    out.line("");
    out.line(&format!("        /// The C++ `{}`.", c.qualified));
    out.line(&format!("        #[namespace = \"{}\"]", plan.namespace));
    out.line(&format!("        #[cxx_name = \"{}\"]", c.cpp));
    out.line(&format!("        type {};", c.rust));
    for k in &c.ctors {
        out.line("");
        out.line(&format!(
            "        /// A new `{}({})`, with one reference, the caller's.",
            c.cpp, k.cpp_params
        ));
        if k.unsafe_bridge {
            out.push(SAFETY_LIVE);
        }
        let params = list(k.params.iter().map(|p| format!("{}: {}", p.name, p.bridge)));
        let unsafe_ = if k.unsafe_bridge { "unsafe " } else { "" };
        out.line(&format!(
            "        {unsafe_}fn {}({params}) -> Result<*mut {}>;",
            k.shim, c.rust
        ));
    }
    if let Some(add_ref) = &c.add_ref_shim {
        out.line("");
        out.line("        /// Adds a reference.");
        out.push("        ///\n        /// # Safety\n        ///\n        /// `p` points to a live object.\n");
        out.line(&format!("        unsafe fn {add_ref}(p: *mut {});", c.rust));
    }
    for b in &c.bases {
        out.line("");
        out.line(&format!(
            "        /// The `{}` an object is, as C++ converts it.",
            b.cpp
        ));
        out.push("        ///\n        /// # Safety\n        ///\n        /// `p` points to a live object.\n");
        out.line(&format!(
            "        unsafe fn {}(p: *mut {}) -> *mut {};",
            b.shim, c.rust, b.ffi
        ));
    }
    if c.kind != "view" {
        out.line("");
        out.line("        /// Releases the reference (or the object) a handle holds.");
        out.push("        ///\n        /// # Safety\n        ///\n        /// `p` points to a live object, whose reference the caller gives up.\n");
        out.line(&format!(
            "        unsafe fn {}(p: *mut {});",
            c.release_shim, c.rust
        ));
    }
    for m in &c.methods {
        out.line("");
        let doc = if m.doc.is_empty() {
            String::new()
        } else {
            format!(": {}", m.doc)
        };
        out.line(&format!("        /// `{}::{}`{doc}", c.cpp, m.cpp));
        if m.unsafe_bridge {
            out.push(SAFETY_LIVE);
        }
        let mut params = Vec::new();
        if !m.is_static {
            params.push(if m.is_const {
                format!("this_: &{}", c.rust)
            } else {
                format!("this_: *mut {}", c.rust)
            });
        }
        params.extend(m.params.iter().map(|p| format!("{}: {}", p.name, p.bridge)));
        let ret = match (m.catches, &m.ret.kind) {
            (true, ReturnKind::Void) => " -> Result<()>".to_owned(),
            (true, _) => format!(" -> Result<{}>", m.ret.bridge),
            (false, ReturnKind::Void) => String::new(),
            (false, _) => format!(" -> {}", m.ret.bridge),
        };
        let unsafe_ = if m.unsafe_bridge { "unsafe " } else { "" };
        out.line(&format!(
            "        {unsafe_}fn {}({}){ret};",
            m.shim,
            list(params)
        ));
    }
}

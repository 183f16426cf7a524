//! `bridge.h`: the C++ side of the bridge, small inline functions that cxx can bind.

use super::{list, Options, Out};
use crate::plan::{ClassPlan, Plan};

/// The shims' header.
pub fn header(plan: &Plan, options: Options) -> String {
    let mut out = Out::new(options);
    out.push(
        "// The C++ side of the bridge: small inline functions that cxx can bind, over the
// classes of the library. They create objects, add and release references, and call
// methods with the types cxx carries; raw pointers cross the bridge, and the Rust
// handles own them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include \"rust/cxx.h\"
",
    );
    for header in &plan.headers {
        out.line(&format!("#include \"{header}\""));
    }
    out.line("");
    out.line(&format!("namespace {} {{", plan.bridge_namespace));
    for c in &plan.classes {
        class(&mut out, c);
    }
    out.line("");
    out.line(&format!("}}  // namespace {}", plan.bridge_namespace));
    out.text
}

fn class(out: &mut Out, c: &ClassPlan) {
    out.line("");
    out.line(&format!("// {}: {}.", c.qualified, c.ownership));
    out.anchor("", &format!("shims_{}", c.snake));
    for k in &c.ctors {
        let params = list(k.params.iter().map(|p| format!("{} {}", p.cpp, p.name)));
        let args = list(k.params.iter().map(|p| p.cpp_arg.as_str()));
        out.line(&format!("inline {}* {}({params}) {{", c.qualified, k.shim));
        out.line(&format!("    return new {}({args});", c.qualified));
        out.line("}");
    }
    if let (Some(shim), Some(add_ref)) = (&c.add_ref_shim, &c.add_ref) {
        out.line(&format!(
            "inline void {shim}({}* p) noexcept {{ {add_ref}; }}",
            c.qualified
        ));
    }
    out.line(&format!(
        "inline void {}({}* p) noexcept {{ {}; }}",
        c.release_shim, c.qualified, c.release
    ));
    for m in &c.methods {
        let args = list(m.params.iter().map(|p| p.cpp_arg.as_str()));
        let call = if m.is_static {
            format!("{}::{}({args})", c.qualified, m.cpp)
        } else if m.is_const {
            format!("self.{}({args})", m.cpp)
        } else {
            format!("self->{}({args})", m.cpp)
        };
        let mut params = Vec::new();
        if !m.is_static {
            params.push(if m.is_const {
                format!("const {}& self", c.qualified)
            } else {
                format!("{}* self", c.qualified)
            });
        }
        params.extend(m.params.iter().map(|p| format!("{} {}", p.cpp, p.name)));
        let value = m.ret.cpp_wrap.replace("CALL", &call);
        let ret = if m.ret.cpp == "void" { "" } else { "return " };
        out.line(&format!(
            "inline {} {}({}) {{",
            m.ret.cpp,
            m.shim,
            list(params)
        ));
        out.line(&format!("    {ret}{value};"));
        out.line("}");
    }
    out.end("", &format!("shims_{}", c.snake));
}

//! `bridge.h`: the C++ side of the bridge, small inline functions that cxx can bind.

use super::{list, Options, Out};
use crate::plan::{ClassPlan, Plan};

/// How a shim's exception reaches Rust: cxx calls `rust::behavior::trycatch` around
/// every bridge function that returns `Result`; this one catches every exception,
/// not only `std::exception`s, and names its type, so that nothing thrown ends the
/// process and the Rust side can say what was thrown.
const CATCH: &str = r#"
#include <exception>
#include <memory>
#include <typeinfo>
#include <vector>
#if defined(__GNUG__)
#include <cstdlib>
#include <cxxabi.h>
#endif

namespace BRIDGE {
// `std::out_of_range: vector::_M_range_check...`: the exception's type, demangled
// where the compiler can, and its message.
inline std::string described(const std::type_info* type, const char* what) {
  std::string text = type ? type->name() : "an unknown exception";
#if defined(__GNUG__)
  int status = 0;
  char* demangled = type ? abi::__cxa_demangle(type->name(), nullptr, nullptr, &status) : nullptr;
  if (demangled) {
    text = demangled;
    std::free(demangled);
  }
#endif
  return what ? text + ": " + what : text;
}

// A vector (or anything with begin and end) copied into a new vector of `T`, which
// cxx hands to Rust: the element types need only convert.
template <typename T, typename V>
std::unique_ptr<std::vector<T>> to_vector(const V& values) {
  return std::make_unique<std::vector<T>>(values.begin(), values.end());
}
}  // namespace BRIDGE

namespace rust {
namespace behavior {
template <typename Try, typename Fail>
static void trycatch(Try&& func, Fail&& fail) noexcept try {
  func();
} catch (const std::exception& e) {
  fail(::BRIDGE::described(&typeid(e), e.what()));
} catch (...) {
#if defined(__GNUG__)
  fail(::BRIDGE::described(abi::__cxa_current_exception_type(), nullptr));
#else
  fail(::BRIDGE::described(nullptr, nullptr));
#endif
}
}  // namespace behavior
}  // namespace rust
"#;

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
    out.push(&CATCH.replace("BRIDGE", &plan.bridge_namespace));
    out.line("");
    out.line(&format!("namespace {} {{", plan.bridge_namespace));
    if !plan.enums.is_empty() {
        out.line("");
        out.line(
            "// The enums, named where cxx can name them (a nested one has a class in its path).",
        );
    }
    for e in &plan.enums {
        out.line(&format!("using {} = {};", e.alias, e.qualified));
    }
    for c in &plan.classes {
        class(&mut out, c, &plan.namespace);
    }
    out.line("");
    out.line(&format!("}}  // namespace {}", plan.bridge_namespace));
    out.text
}

fn class(out: &mut Out, c: &ClassPlan, namespace: &str) {
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
    for b in &c.bases {
        out.line(&format!(
            "inline {}* {}({}* p) noexcept {{ return p; }}",
            b.qualified, b.shim, c.qualified
        ));
    }
    if c.kind != "view" {
        out.line(&format!(
            "inline void {}({}* p) noexcept {{ {}; }}",
            c.release_shim, c.qualified, c.release
        ));
    }
    for m in &c.methods {
        let args = list(m.params.iter().map(|p| p.cpp_arg.as_str()));
        let call = if m.free {
            format!("::{namespace}::{}({args})", m.cpp)
        } else if m.is_static {
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
        out.line(&format!(
            "inline {} {}({}) {{",
            m.ret.cpp,
            m.shim,
            list(params)
        ));
        let posts: Vec<&str> = m
            .params
            .iter()
            .filter_map(|p| p.cpp_post.as_deref())
            .collect();
        for prep in m.params.iter().filter_map(|p| p.cpp_prep.as_deref()) {
            out.line(&format!("    {prep}"));
        }
        let void = m.ret.cpp == "void";
        if posts.is_empty() || void {
            let ret = if void { "" } else { "return " };
            out.line(&format!(
                "    {ret}{};",
                m.ret.cpp_wrap.replace("CALL", &call)
            ));
        } else {
            out.line(&format!("    auto&& result_ = {call};"));
        }
        for post in &posts {
            out.line(&format!("    {post}"));
        }
        if !posts.is_empty() && !void {
            out.line(&format!(
                "    return {};",
                m.ret.cpp_wrap.replace("CALL", "result_")
            ));
        }
        out.line("}");
    }
    out.end("", &format!("shims_{}", c.snake));
}

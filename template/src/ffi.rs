//! The raw bridge to the C++ library, as cxx generates it from `include/bridge.h`.
//!
//! Public so that tests, the book and hand-written additions can reach the raw
//! layer; use the safe types of the crate root.

pub use bridge::*;

// ANCHOR: bridge
// The `# Safety` sections below are written, but clippy does not see them through the macro.
#[allow(clippy::missing_safety_doc)]
#[cxx::bridge(namespace = "{{crate_name}}_bridge")]
mod bridge {
    unsafe extern "C++" {
        include!("{{project-name}}/include/bridge.h");
{% for c in class_list %}
        /// The C++ `{{ c[1] }}`.
        #[namespace = "{{cpp_namespace}}"]
        #[cxx_name = "{{ c[0] }}"]
        type {{ c[2] }};
{% for k in ctor_list %}{% if k[0] == c[0] %}
        /// A new `{{ c[0] }}({{ k[5] }})`, with one reference, the caller's.{% if k[4] %}
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.{% endif %}
        {% if k[4] %}unsafe {% endif %}fn {{ k[2] }}({% for p in k[3] %}{{ p[0] }}: {{ p[2] }}{% unless forloop.last %}, {% endunless %}{% endfor %}) -> Result<*mut {{ c[2] }}>;
{% endif %}{% endfor %}{% if c[6] != "" %}
        /// Adds a reference.
        ///
        /// # Safety
        ///
        /// `p` points to a live object.
        unsafe fn {{ c[3] }}_add_ref(p: *mut {{ c[2] }});
{% endif %}
        /// Releases the reference (or the object) a handle holds.
        ///
        /// # Safety
        ///
        /// `p` points to a live object, whose reference the caller gives up.
        unsafe fn {{ c[3] }}_release(p: *mut {{ c[2] }});
{% for m in method_list %}{% if m[0] == c[0] %}{% assign r = m[7] %}
        /// `{{ c[0] }}::{{ m[1] }}`{% if m[9] != "" %}: {{ m[9] }}{% endif %}{% if m[10] %}
        ///
        /// # Safety
        ///
        /// Each pointer points to a live object.{% endif %}
        {% if m[10] %}unsafe {% endif %}fn {{ m[3] }}({% unless m[5] %}{% if m[4] %}this_: &{{ c[2] }}{% else %}this_: *mut {{ c[2] }}{% endif %}{% if m[6].size > 0 %}, {% endif %}{% endunless %}{% for p in m[6] %}{{ p[0] }}: {{ p[2] }}{% unless forloop.last %}, {% endunless %}{% endfor %}){% if m[8] %} -> Result<{% if r[0] == "void" %}(){% else %}{{ r[2] }}{% endif %}>{% elsif r[0] != "void" %} -> {{ r[2] }}{% endif %};
{% endif %}{% endfor %}{% endfor %}    }
}
// ANCHOR_END: bridge

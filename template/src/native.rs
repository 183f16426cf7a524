//! How `refcount` holds the C++ objects: one description each, from the answers
//! the crate was generated with. Each `unsafe` is the answers' promise: check it
//! against the library (see `refcount::native_type!` for what it promises).

use crate::ffi;
{% for c in class_list %}
// ANCHOR: native_{{ c[3] }}
// SAFETY: as answered, `{{ c[0] }}` is {{ c[18] }}:
// `{{ c[3] }}_release` gives up the reference (or the object) a handle holds, with
// `{{ c[7] }}`.{% if c[6] != "" %} `{{ c[3] }}_add_ref` adds one, with `{{ c[6] }}`.{% endif %}{% if c[9] %}
// Answered `send`: an object may be used and released on any thread.{% endif %}{% if c[10] %}
// Answered `sync`: its methods and count are safe to call from several threads at once.{% endif %}{% unless c[9] or c[10] %}
// Not answered thread-safe: handles of it stay on their thread.{% endunless %}
refcount::native_type! {
    unsafe impl ffi::{{ c[2] }}{% if c[9] or c[10] %}: {% if c[9] %}Send{% endif %}{% if c[9] and c[10] %} + {% endif %}{% if c[10] %}Sync{% endif %}{% endif %} {
        type_id: "{{ c[13] }}",
        release: ffi::{{ c[3] }}_release,{% if c[6] != "" %}
        add_ref: ffi::{{ c[3] }}_add_ref,{% endif %}
    }
}
// ANCHOR_END: native_{{ c[3] }}
{% endfor %}

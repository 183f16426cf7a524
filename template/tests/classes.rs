//! Each class that a constructor makes: made, shared where it can be, its const
//! and static methods called, and dropped, with a leak check on the handles.

use refcount::leak::LeakCheck;
use {{crate_name}}::*;

/// Runs `test` alone (leak counts are global) and checks that it leaked no handle.
fn checked(test: impl FnOnce() -> Result<(), Error>) {
    let check = LeakCheck::start();
    test().expect("the C++ calls succeed");
    check.finish().expect("every handle is released");
}
{% for c in class_list %}{% if c[14] != "" %}{% assign var = c[17] %}
#[test]
fn {{ c[17] }}_is_made_used_and_released() {
    checked(|| {
        let {{ var }} = {{ c[14] }};{% if c[4] != "unique" %}
        let twin = {{ var }}.clone();
        assert_eq!(twin, {{ var }}, "a clone holds the same C++ object");
        drop(twin);{% endif %}{% for m in method_list %}{% if m[0] == c[0] and m[12] != "" %}
        {% if m[7][0] != "void" or m[11] %}let _ = {% endif %}{% if m[5] %}{{ c[2] }}::{% else %}{{ var }}.{% endif %}{{ m[12] }};{% endif %}{% endfor %}{% if c[4] == "counted" %}
        assert!({{ var }}.close());
        assert!({{ var }}.lease().is_err(), "a closed object is never used again");{% endif %}
        drop({{ var }});
        Ok(())
    });
}
{% endif %}{% endfor %}

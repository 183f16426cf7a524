//! A tour of the bindings: an object of each class that a constructor makes, and
//! what its const and static methods return.

use {{crate_name}}::*;

fn main() -> Result<(), Error> {
{% for c in class_list %}{% assign var = c[17] %}{% if c[14] != "" %}    let {{ var }} = {{ c[14] }};
    println!("a new {{ c[2] }}: {{ "{" }}{{ var }}:?}");
{% for m in method_list %}{% if m[0] == c[0] and m[12] != "" %}    println!("{% if m[5] %}{{ c[2] }}::{% else %}{{ var }}.{% endif %}{{ m[12] | replace: '"', "'" }} = {:?}", {% if m[5] %}{{ c[2] }}::{% else %}{{ var }}.{% endif %}{{ m[12] }});
{% endif %}{% endfor %}{% else %}    // No constructor was answered for `{{ c[0] }}`: its objects come from C++.
{% endif %}{% endfor %}    Ok(())
}

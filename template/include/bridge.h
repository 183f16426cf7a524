// The C++ side of the bridge: small inline functions that cxx can bind, over the
// classes of the library. They create objects, add and release references, and call
// methods with the types cxx carries; raw pointers cross the bridge, and the Rust
// handles own them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "rust/cxx.h"
{% for header in header_list %}#include "{{ header }}"
{% endfor %}
namespace {{crate_name}}_bridge {
{% for c in class_list %}
// {{ c[1] }}: {{ c[18] }}.
// ANCHOR: shims_{{ c[3] }}
{% for k in ctor_list %}{% if k[0] == c[0] %}inline {{ c[1] }}* {{ k[2] }}({% for p in k[3] %}{{ p[3] }} {{ p[0] }}{% unless forloop.last %}, {% endunless %}{% endfor %}) {
    return new {{ c[1] }}({% for p in k[3] %}{{ p[4] }}{% unless forloop.last %}, {% endunless %}{% endfor %});
}
{% endif %}{% endfor %}{% if c[6] != "" %}inline void {{ c[3] }}_add_ref({{ c[1] }}* p) noexcept { {{ c[6] }}; }
{% endif %}inline void {{ c[3] }}_release({{ c[1] }}* p) noexcept { {{ c[7] }}; }
{% for m in method_list %}{% if m[0] == c[0] %}{% assign r = m[7] %}{% capture args %}{% for p in m[6] %}{{ p[4] }}{% unless forloop.last %}, {% endunless %}{% endfor %}{% endcapture %}{% if m[5] %}{% capture call %}{{ c[1] }}::{{ m[1] }}({{ args }}){% endcapture %}{% elsif m[4] %}{% capture call %}self.{{ m[1] }}({{ args }}){% endcapture %}{% else %}{% capture call %}self->{{ m[1] }}({{ args }}){% endcapture %}{% endif %}inline {{ r[3] }} {{ m[3] }}({% unless m[5] %}{% if m[4] %}const {{ c[1] }}& self{% else %}{{ c[1] }}* self{% endif %}{% if m[6].size > 0 %}, {% endif %}{% endunless %}{% for p in m[6] %}{{ p[3] }} {{ p[0] }}{% unless forloop.last %}, {% endunless %}{% endfor %}) {
    {% if r[0] != "void" %}return {% endif %}{{ r[4] | replace: "CALL", call }};
}
{% endif %}{% endfor %}// ANCHOR_END: shims_{{ c[3] }}
{% endfor %}
}  // namespace {{crate_name}}_bridge

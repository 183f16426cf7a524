// The C++ side of the bridge: small inline functions that cxx can bind, over the
// classes of the library. They create objects, add and release references, and call
// methods with the types cxx carries; raw pointers cross the bridge, and the Rust
// handles own them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "rust/cxx.h"
#include "testnative/dog.hpp"
#include "testnative/owner.hpp"

namespace dog_cxx_bridge {

// ::testnative::dog: intrusive (counts itself).
// ANCHOR: shims_dog
inline ::testnative::dog* dog_new() {
    return new ::testnative::dog();
}
inline void dog_add_ref(::testnative::dog* p) noexcept { p->add_ref(); }
inline void dog_release(::testnative::dog* p) noexcept { p->release(); }
inline std::int32_t dog_position(const ::testnative::dog& self) {
    return self.position();
}
inline void dog_walk(::testnative::dog* self) {
    self->walk();
}
inline std::int32_t dog_wag_tail(::testnative::dog* self) {
    return self->wag_tail();
}
inline std::int32_t dog_reference_count(const ::testnative::dog& self) {
    return self.reference_count();
}
inline std::int32_t dog_num_dogs() {
    return ::testnative::dog::num_dogs();
}
// ANCHOR_END: shims_dog

// ::testnative::owner: intrusive (counts itself).
// ANCHOR: shims_owner
inline ::testnative::owner* owner_new(::testnative::dog* dog) {
    return new ::testnative::owner(dog);
}
inline void owner_add_ref(::testnative::owner* p) noexcept { p->add_ref(); }
inline void owner_release(::testnative::owner* p) noexcept { p->release(); }
inline void owner_say_walk(::testnative::owner* self) {
    self->say_walk();
}
inline ::testnative::dog* owner_get_dog(const ::testnative::owner& self) {
    return self.get_dog();
}
inline std::int32_t owner_reference_count(const ::testnative::owner& self) {
    return self.reference_count();
}
inline std::int32_t owner_num_owners() {
    return ::testnative::owner::num_owners();
}
// ANCHOR_END: shims_owner

}  // namespace dog_cxx_bridge

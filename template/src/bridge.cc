#include "{{project-name}}/include/bridge.h"

namespace {{cpp_namespace}} {
namespace bridge {

dog* new_dog() { return new dog(); }
owner* new_owner(dog* d) { return new owner(d); }

void dog_add_ref(dog* d) noexcept { d->add_ref(); }
// release() only throws for a count already at zero, which the handles never reach.
void dog_release(dog* d) noexcept { d->release(); }
int dog_reference_count(const dog& d) noexcept { return d.reference_count(); }
int dog_position(const dog& d) noexcept { return d.position(); }
int dog_wag_tail(dog* d) noexcept { return d->wag_tail(); }
int num_dogs() noexcept { return dog::num_dogs(); }

void owner_add_ref(owner* o) noexcept { o->add_ref(); }
void owner_release(owner* o) noexcept { o->release(); }
int owner_reference_count(const owner& o) noexcept { return o.reference_count(); }
void owner_say_walk(owner* o) noexcept { o->say_walk(); }
int num_owners() noexcept { return owner::num_owners(); }

}  // namespace bridge
}  // namespace {{cpp_namespace}}

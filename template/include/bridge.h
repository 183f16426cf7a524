// The C++ side of the bridge: small functions that cxx can bind, over the classes
// of the library. Raw pointers cross the bridge; the Rust handles own them.
#pragma once

#include "{{cpp_folder}}/dog.hpp"
#include "{{cpp_folder}}/owner.hpp"

namespace {{cpp_namespace}} {
namespace bridge {

// ANCHOR: shims
dog* new_dog();
// Throws std::invalid_argument for a null dog: cxx turns it into an Err.
owner* new_owner(dog* d);

void dog_add_ref(dog* d) noexcept;
void dog_release(dog* d) noexcept;
int dog_reference_count(const dog& d) noexcept;
int dog_position(const dog& d) noexcept;
int dog_wag_tail(dog* d) noexcept;
int num_dogs() noexcept;

void owner_add_ref(owner* o) noexcept;
void owner_release(owner* o) noexcept;
int owner_reference_count(const owner& o) noexcept;
void owner_say_walk(owner* o) noexcept;
int num_owners() noexcept;
// ANCHOR_END: shims

}  // namespace bridge
}  // namespace {{cpp_namespace}}

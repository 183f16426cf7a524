#include "{{cpp_folder}}/owner.hpp"

#include <atomic>
#include <stdexcept>

#include "{{cpp_folder}}/dog.hpp"

namespace {{cpp_namespace}} {

namespace {
std::atomic<int> live_owners{0};

// Validates in the member initialiser so a rejected owner never reaches the
// constructor body and so never counts as alive.
dog* require_dog(dog* d) {
    if (d == nullptr) {
        throw std::invalid_argument("owner needs a dog, got a null pointer");
    }
    return d;
}
}  // namespace

// No d->add_ref() here, on purpose: see the comment in owner.hpp.
owner::owner(dog* d) : dog_(require_dog(d)) {
    live_owners.fetch_add(1, std::memory_order_relaxed);
}

// Nor a release here: the owner never held a reference to the dog.
owner::~owner() { live_owners.fetch_sub(1, std::memory_order_relaxed); }

void owner::say_walk() { dog_->walk(); }

dog* owner::get_dog() const { return dog_; }

int owner::num_owners() { return live_owners.load(std::memory_order_relaxed); }

}  // namespace {{cpp_namespace}}

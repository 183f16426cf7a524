#include "{{cpp_folder}}/dog.hpp"

#include <atomic>

namespace {{cpp_namespace}} {

namespace {
// Kept out of the header so the count is not part of the ABI; wrappers
// read it through dog::num_dogs() or the C API.
std::atomic<int> live_dogs{0};
}  // namespace

dog::dog() { live_dogs.fetch_add(1, std::memory_order_relaxed); }

dog::~dog() { live_dogs.fetch_sub(1, std::memory_order_relaxed); }

int dog::position() const { return position_.load(std::memory_order_relaxed); }

void dog::walk() { position_.fetch_add(1, std::memory_order_relaxed); }

int dog::wag_tail() { return wags_.fetch_add(1, std::memory_order_relaxed) + 1; }

int dog::num_dogs() { return live_dogs.load(std::memory_order_relaxed); }

}  // namespace {{cpp_namespace}}

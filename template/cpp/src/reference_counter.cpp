#include "{{cpp_folder}}/reference_counter.hpp"

#include <stdexcept>

namespace {{cpp_namespace}} {

reference_counter::reference_counter() noexcept : count_(1) {}

reference_counter::reference_counter(int initial_count) : count_(initial_count) {
    if (initial_count < 0) {
        throw std::invalid_argument("reference_counter: initial count must not be negative");
    }
}

reference_counter::~reference_counter() = default;

void reference_counter::add_ref() const noexcept {
    // Relaxed is enough: the caller already holds a reference, so the object
    // cannot be deleted concurrently, and taking a reference publishes
    // nothing that another thread needs to see.
    count_.fetch_add(1, std::memory_order_relaxed);
}

void reference_counter::release() const {
    // Check and decrement in one atomic step; a separate load followed by
    // fetch_sub would let two racing releases both pass the check.
    int current = count_.load(std::memory_order_relaxed);
    do {
        if (current <= 0) {
            throw std::logic_error(
                "reference_counter::release: the reference count is already zero "
                "(released more often than referenced)");
        }
    } while (!count_.compare_exchange_weak(current, current - 1, std::memory_order_acq_rel,
                                           std::memory_order_relaxed));

    // acq_rel on the successful exchange: the release half publishes this
    // thread's writes to the object, and the acquire half lets the thread
    // that drops the last reference see every other thread's writes before
    // it runs the destructor.
    if (current == 1) {
        delete this;
    }
}

int reference_counter::reference_count() const noexcept {
    return count_.load(std::memory_order_acquire);
}

}  // namespace {{cpp_namespace}}

// A small reference-counted object with state that is easy to observe from
// tests and wrappers.
#ifndef {{cpp_macro}}_DOG_HPP
#define {{cpp_macro}}_DOG_HPP

#include <atomic>

#include "{{cpp_folder}}/export.h"
#include "{{cpp_folder}}/reference_counter.hpp"

namespace {{cpp_namespace}} {

// Thread-safe: its state is atomic, so one dog may be walked, wagged and
// shared from several threads at once (wrappers may declare it so).
class {{cpp_macro}}_API dog : public reference_counter {
public:
    dog();
    ~dog() override;

    // Number of walks taken so far; a new dog starts at 0.
    int position() const;

    // Moves the dog one step forward.
    void walk();

    // Wags once and returns the total number of wags including this one, so
    // the first call returns 1.
    int wag_tail();

    // Number of dogs currently alive in the process. Lets tests and wrappers
    // detect leaks and premature deletion without access to the allocator.
    static int num_dogs();

private:
    std::atomic<int> position_{0};
    std::atomic<int> wags_{0};
};

}  // namespace {{cpp_namespace}}

#endif  // {{cpp_macro}}_DOG_HPP

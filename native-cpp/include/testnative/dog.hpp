// A small reference-counted object with state that is easy to observe from
// tests and wrappers.
#ifndef TESTNATIVE_DOG_HPP
#define TESTNATIVE_DOG_HPP

#include <atomic>

#include "testnative/export.h"
#include "testnative/reference_counter.hpp"

namespace testnative {

// Thread-safe: its state is atomic, so one dog may be walked, wagged and
// shared from several threads at once (wrappers may declare it so).
class TESTNATIVE_API dog : public reference_counter {
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

}  // namespace testnative

#endif  // TESTNATIVE_DOG_HPP

// An object that refers to another reference-counted object without owning
// it: the shape of API that makes wrapping a native library tricky.
#ifndef TESTNATIVE_OWNER_HPP
#define TESTNATIVE_OWNER_HPP

#include "testnative/export.h"
#include "testnative/reference_counter.hpp"

namespace testnative {

class dog;

class TESTNATIVE_API owner : public reference_counter {
public:
    // Throws std::invalid_argument when d is null.
    //
    // The owner keeps the raw pointer and deliberately does NOT call
    // d->add_ref(); it never releases the dog either. This mirrors the
    // library the kit is modelled on, where the caller stays responsible for
    // the dog. Whoever wraps an owner must keep its dog alive for at least
    // as long as the owner, e.g. by taking a reference of their own.
    explicit owner(dog* d);
    ~owner() override;

    // Walks the dog. Undefined behaviour if the dog has already been deleted,
    // which is exactly the situation a wrapper has to rule out.
    void say_walk();

    // The dog given to the constructor, with no reference added.
    dog* get_dog() const;

    // Number of owners currently alive in the process.
    static int num_owners();

private:
    dog* dog_;
};

}  // namespace testnative

#endif  // TESTNATIVE_OWNER_HPP

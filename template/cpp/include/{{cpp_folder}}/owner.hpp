// An object that refers to another reference-counted object without owning
// it: the shape of API that makes wrapping a native library tricky.
#ifndef {{cpp_macro}}_OWNER_HPP
#define {{cpp_macro}}_OWNER_HPP

#include "{{cpp_folder}}/export.h"
#include "{{cpp_folder}}/reference_counter.hpp"

namespace {{cpp_namespace}} {

class dog;

class {{cpp_macro}}_API owner : public reference_counter {
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

}  // namespace {{cpp_namespace}}

#endif  // {{cpp_macro}}_OWNER_HPP

// Intrusive, thread-safe reference counting shared by every {{cpp_namespace}} object.
#ifndef {{cpp_macro}}_REFERENCE_COUNTER_HPP
#define {{cpp_macro}}_REFERENCE_COUNTER_HPP

#include <atomic>

#include "{{cpp_folder}}/export.h"

namespace {{cpp_namespace}} {

// Base class for objects whose lifetime is governed by a count stored inside
// the object itself. Objects start with one reference, owned by whoever
// created them; each add_ref() must be balanced by exactly one release(), and
// the release that brings the count to zero destroys the object.
//
// The objects must therefore live on the heap (created with `new`): release()
// ends with `delete this`.
//
// Only the count is thread-safe. Anything a subclass adds is not, unless the
// subclass says otherwise.
class {{cpp_macro}}_API reference_counter {
public:
    reference_counter() noexcept;
    virtual ~reference_counter();

    // Copying would duplicate the count and let two owners each believe they
    // control the same lifetime.
    reference_counter(const reference_counter&) = delete;
    reference_counter& operator=(const reference_counter&) = delete;

    // const because taking or dropping a reference does not change the
    // object's observable value; holders of a pointer-to-const must still be
    // able to share or give up ownership.
    void add_ref() const noexcept;

    // Drops one reference and deletes the object when none remain.
    //
    // Throws std::logic_error, without touching the count, if the count is
    // already zero or negative: that means someone released a reference they
    // never held. This is defensive only. An object is deleted as soon as its
    // count reaches zero, so releasing it once too often is normally a
    // use-after-free that no check can reliably catch; the check fires for
    // objects that still exist with no reference, such as a subclass
    // constructed with a count of zero that nobody adopted yet.
    void release() const;

    // A snapshot: other threads may change the count right after it is read,
    // so use it for diagnostics and tests, not for lifetime decisions.
    int reference_count() const noexcept;

protected:
    // For subclasses that follow the convention where a fresh object holds
    // no reference and the first smart pointer to see it calls add_ref()
    // (as boost::intrusive_ptr does). Throws std::invalid_argument for a
    // negative count.
    explicit reference_counter(int initial_count);

private:
    mutable std::atomic<int> count_;
};

}  // namespace {{cpp_namespace}}

#endif  // {{cpp_macro}}_REFERENCE_COUNTER_HPP

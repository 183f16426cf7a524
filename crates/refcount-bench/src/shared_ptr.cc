#include "refcount-bench/include/shared_ptr.h"

namespace testnative {
namespace bench {

std::shared_ptr<dog> new_shared_dog() {
    return std::shared_ptr<dog>(new dog(), [](dog* d) { d->release(); });
}

int shared_dog_position(const std::shared_ptr<dog>& d) noexcept { return d->position(); }

}  // namespace bench
}  // namespace testnative

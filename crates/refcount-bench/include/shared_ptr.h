// The same C++ dog, held by std::shared_ptr: what cxx::SharedPtr offers out of the box.
#pragma once

#include <memory>

#include "testnative/dog.hpp"

namespace testnative {
namespace bench {

// A new dog whose one intrusive reference belongs to the shared_ptr's deleter.
std::shared_ptr<dog> new_shared_dog();
int shared_dog_position(const std::shared_ptr<dog>& d) noexcept;

}  // namespace bench
}  // namespace testnative

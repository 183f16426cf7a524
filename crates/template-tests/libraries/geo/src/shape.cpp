#include "geo/shape.hpp"

#include <atomic>
#include <stdexcept>
#include <string>

namespace geo {

namespace {
// Kept out of the header so the counters are not part of the ABI.
std::atomic<int> live_shapes{0};
std::atomic<long long> next_id{1};

// Checked before any side changes, so a throwing scale() leaves the shape as
// it was.
void check_factor(double factor) {
    if (factor < 0) {
        throw std::invalid_argument("negative factor");
    }
}
}  // namespace

shape::shape(double size)
    : width_(size < 0 ? 0.0 : size),
      height_(width_),
      id_(next_id.fetch_add(1, std::memory_order_relaxed)) {
    live_shapes.fetch_add(1, std::memory_order_relaxed);
}

shape::shape(double width, double height) : width_(width), height_(height), id_(0) {
    // Checked before counting, so a rejected shape never shows up in live().
    if (width < 0 || height < 0) {
        throw std::invalid_argument("negative side");
    }
    id_ = next_id.fetch_add(1, std::memory_order_relaxed);
    live_shapes.fetch_add(1, std::memory_order_relaxed);
}

shape::~shape() { live_shapes.fetch_sub(1, std::memory_order_relaxed); }

void shape::retain() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }

void shape::release() noexcept {
    // acq_rel: the thread that deletes must see every other thread's writes.
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        delete this;
    }
}

int shape::use_count() const noexcept { return refs_.load(std::memory_order_acquire); }

double shape::area() const { return width_ * height_; }

double shape::width() const { return width_; }

bool shape::is_square() const { return width_ == height_; }

int shape::corners() const { return 4; }

void shape::scale(double factor) { scale(factor, factor); }

void shape::scale(double fx, double fy) {
    check_factor(fx);
    check_factor(fy);
    width_ *= fx;
    height_ *= fy;
}

std::string shape::name() const { return name_; }

void shape::rename(const std::string& name) { name_ = name; }

std::string shape::describe(const std::string& prefix) const { return prefix + ": " + name_; }

shape* shape::scaled_copy(double factor) const {
    check_factor(factor);
    shape* copy = new shape(width_ * factor, height_ * factor);
    // A copy keeps the name; if that assignment throws, release() frees it.
    try {
        copy->name_ = name_;
    } catch (...) {
        copy->release();
        throw;
    }
    return copy;
}

shape* shape::self_ref() { return this; }

bool shape::same_size(const shape& other) const {
    return width_ == other.width_ && height_ == other.height_;
}

long long shape::id() const { return id_; }

int shape::live() { return live_shapes.load(std::memory_order_relaxed); }

bool shape::operator==(const shape& other) const { return same_size(other) && name_ == other.name_; }

ref<shape> shape::doubled() const { return ref<shape>(new shape(width_ * 2, height_)); }

ref<shape> square(double side) { return ref<shape>(new shape(side)); }

shape* make_rectangle(double width, double height) { return new shape(width, height); }

double area_of(const shape& s) { return s.area(); }

}  // namespace geo

#include "canvas/canvas.hpp"

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace canvas {
namespace {
std::atomic<int> live_canvases{0};
}  // namespace

canvas::canvas(int width, int height) : width_(width), height_(height) {
    if (width <= 0 || height <= 0) {
        throw std::invalid_argument("a canvas needs a positive size");
    }
    live_canvases.fetch_add(1, std::memory_order_relaxed);
}

canvas::~canvas() {
    delete[] xs_;
    delete[] ys_;
    delete[] title_;
    live_canvases.fetch_sub(1, std::memory_order_relaxed);
}

canvas* canvas::create(int width, int height) { return new canvas(width, height); }

canvas* canvas::clone() const {
    canvas* copy = new canvas(width_, height_);
    if (title_ != nullptr) {
        copy->set_title(title_);
    }
    return copy;
}

int canvas::add(double x, double y, int count) {
    if (count < 0) {
        throw std::length_error("a negative count of shapes");
    }
    double* xs = new double[shapes_ + count];
    double* ys = new double[shapes_ + count];
    for (int i = 0; i < shapes_; ++i) {
        xs[i] = xs_[i];
        ys[i] = ys_[i];
    }
    for (int i = shapes_; i < shapes_ + count; ++i) {
        xs[i] = x;
        ys[i] = y;
    }
    delete[] xs_;
    delete[] ys_;
    xs_ = xs;
    ys_ = ys;
    shapes_ += count;
    return shapes_;
}

int canvas::count() const noexcept { return shapes_; }

int canvas::kind_at(int index) const {
    if (index < 0 || index >= shapes_) {
        throw std::out_of_range("no shape at that index");
    }
    return index % 3;
}

void canvas::validate() const {
    if (shapes_ > 1000) {
        throw 42;  // not a std::exception: still caught, by type
    }
}

void canvas::size(int* width, int* height) const {
    *width = width_;
    *height = height_;
}

bool canvas::find(double x, double y, int& index) const {
    for (int i = 0; i < shapes_; ++i) {
        if (xs_[i] == x && ys_[i] == y) {
            index = i;
            return true;
        }
    }
    return false;
}

const char* canvas::title() const { return title_; }

void canvas::set_title(const char* title) {
    char* copy = nullptr;
    if (title != nullptr) {
        copy = new char[std::strlen(title) + 1];
        std::strcpy(copy, title);
    }
    delete[] title_;
    title_ = copy;
}

int canvas::live() { return live_canvases.load(std::memory_order_relaxed); }

}  // namespace canvas

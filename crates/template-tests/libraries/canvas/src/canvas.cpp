#include "canvas/canvas.hpp"

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace canvas {
namespace {
std::atomic<int> live_canvases{0};
std::atomic<int> live_layers_{0};

char* copy_of(const char* text) {
    if (text == nullptr) {
        return nullptr;
    }
    char* copy = new char[std::strlen(text) + 1];
    std::strcpy(copy, text);
    return copy;
}
}  // namespace

canvas::canvas(int width, int height) : width_(width), height_(height) {
    if (width <= 0 || height <= 0) {
        throw std::invalid_argument("a canvas needs a positive size");
    }
    live_canvases.fetch_add(1, std::memory_order_relaxed);
}

layer::layer(const char* name, int depth) : name_(copy_of(name)), depth_(depth) {
    live_layers_.fetch_add(1, std::memory_order_relaxed);
}

layer::~layer() {
    delete[] name_;
    live_layers_.fetch_sub(1, std::memory_order_relaxed);
}

const char* layer::name() const { return name_; }

void layer::rename(const char* name) {
    char* copy = copy_of(name);
    delete[] name_;
    name_ = copy;
}

int layer::depth() const { return depth_; }

layer* canvas::add_layer(const char* name) {
    layer** grown = new layer*[layer_count_ + 1];
    for (int i = 0; i < layer_count_; ++i) {
        grown[i] = layers_[i];
    }
    grown[layer_count_] = new layer(name, layer_count_);
    delete[] layers_;
    layers_ = grown;
    return layers_[layer_count_++];
}

const layer* canvas::layer_at(int index) const {
    return index >= 0 && index < layer_count_ ? layers_[index] : nullptr;
}

layer* canvas::top_layer() { return layer_count_ > 0 ? layers_[layer_count_ - 1] : nullptr; }

void canvas::clear_layers() {
    for (int i = 0; i < layer_count_; ++i) {
        delete layers_[i];
    }
    delete[] layers_;
    layers_ = nullptr;
    layer_count_ = 0;
}

int canvas::layers() const { return layer_count_; }

std::vector<std::string> canvas::layer_names() const {
    std::vector<std::string> names;
    for (int i = 0; i < layer_count_; ++i) {
        names.emplace_back(layers_[i]->name() != nullptr ? layers_[i]->name() : "");
    }
    return names;
}

std::vector<double> canvas::xs() const { return std::vector<double>(xs_, xs_ + shapes_); }

void canvas::shift(const std::vector<double>& offsets) {
    for (int i = 0; i < shapes_ && !offsets.empty(); ++i) {
        xs_[i] += offsets[static_cast<std::size_t>(i) % offsets.size()];
    }
}

std::unique_ptr<canvas> canvas::square(int side) { return std::make_unique<canvas>(side, side); }

int canvas::live_layers() { return live_layers_.load(std::memory_order_relaxed); }

canvas::~canvas() {
    clear_layers();
    delete[] xs_;
    delete[] ys_;
    delete[] title_;
    live_canvases.fetch_sub(1, std::memory_order_relaxed);
}

canvas* canvas::create(int width, int height) { return new canvas(width, height); }

canvas* canvas::clone() const {
    canvas* copy = new canvas(width_, height_);
    copy->set_title(title_);
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
    char* copy = copy_of(title);
    delete[] title_;
    title_ = copy;
}

color canvas::background() const { return background_; }

void canvas::set_background(color c) { background_ = c; }

canvas::mode canvas::draw_mode() const { return mode_; }

void canvas::set_draw_mode(mode m) { mode_ = m; }

int canvas::live() { return live_canvases.load(std::memory_order_relaxed); }

cursor* canvas::make_cursor() const { return new cursor(*this); }

cursor::cursor(const canvas& over) : over_(&over) {}

cursor::~cursor() = default;

bool cursor::advance() {
    if (at_ + 1 >= over_->count()) {
        return false;
    }
    ++at_;
    return true;
}

double cursor::x() const { return over_->xs().at(static_cast<std::size_t>(at_)); }

std::shared_ptr<canvas> canvas::shared(int side) { return std::make_shared<canvas>(side, side); }

int canvas::layers_named(const char* name) const {
    int named = 0;
    for (int i = 0; i < layer_count_; ++i) {
        if (layers_[i]->name() != nullptr && std::string(layers_[i]->name()) == name) {
            ++named;
        }
    }
    return named;
}

}  // namespace canvas

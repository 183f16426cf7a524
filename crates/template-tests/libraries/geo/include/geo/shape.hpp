// A rectangle that counts its own references, for the kit's tests to wrap.
#pragma once

#include <atomic>
#include <string>

// The library is built with -fvisibility=hidden; this marks what it exports.
#if defined(__GNUC__) || defined(__clang__)
#define GEO_API __attribute__((visibility("default")))
#else
#define GEO_API
#endif

namespace geo {

/// Holds a reference to an object that counts its own: releases it when it goes.
template <typename T>
class ref {
public:
    /// Takes over the reference `object` holds.
    explicit ref(T* object) noexcept : object_(object) {}
    ref(const ref& other) noexcept : object_(other.object_) {
        if (object_ != nullptr) {
            object_->retain();
        }
    }
    ref& operator=(const ref&) = delete;
    ~ref() {
        if (object_ != nullptr) {
            object_->release();
        }
    }
    /// The object, or null.
    T* get() const noexcept { return object_; }

private:
    T* object_;
};

class shape;

/// A square of `side`, held by a `ref`.
GEO_API ref<shape> square(double side);

/// A new rectangle.
GEO_API shape* make_rectangle(double width, double height);

/// The area of `s`.
GEO_API double area_of(const shape& s);

/// A rectangle that counts its own references.
///
/// A new shape holds one reference; `release` deletes it when the last one
/// goes. The destructor is private, so only `release` can destroy a shape.
class GEO_API shape {
public:
    /// A square with sides of `size`.
    ///
    /// Never throws on a bad size: a negative size is taken as 0.
    explicit shape(double size);

    /// A rectangle of `width` by `height`.
    ///
    /// Throws `std::invalid_argument` ("negative side") when a side is
    /// negative.
    shape(double width, double height);

    /// Not copyable: a copy would start with the count of the original.
    shape(const shape&) = delete;

    /// Not assignable, for the same reason.
    shape& operator=(const shape&) = delete;

    /// Adds a reference.
    void retain() noexcept;

    /// Drops a reference, deleting the shape when it was the last one.
    void release() noexcept;

    /// The number of references held, 1 for a new shape.
    int use_count() const noexcept;

    /// Width times height.
    double area() const;

    /// The width.
    double width() const;

    /// Whether width and height are equal.
    bool is_square() const;

    /// The number of corners, always 4.
    int corners() const;

    /// Scales both sides by `factor`.
    ///
    /// Throws `std::invalid_argument` ("negative factor") when `factor` is
    /// negative.
    void scale(double factor);

    /// Scales the width by `fx` and the height by `fy`.
    ///
    /// Throws `std::invalid_argument` ("negative factor") when either factor
    /// is negative; the shape is then unchanged.
    void scale(double fx, double fy);

    /// The name, "shape" unless renamed.
    std::string name() const;

    /// Changes the name.
    void rename(const std::string& name);

    /// `prefix`, then ": ", then the name.
    std::string describe(const std::string& prefix) const;

    /// A new shape, `factor` times this one's size. The caller owns the returned reference.
    shape* scaled_copy(double factor) const;

    /// This shape, borrowed: no reference is added.
    shape* self_ref();

    /// A shape twice as wide, held by a `ref`.
    ref<shape> doubled() const;

    /// Whether `other` has the same width and height.
    bool same_size(const shape& other) const;

    /// A number no other shape in this process has.
    long long id() const;

    /// The number of shapes alive in the process.
    static int live();

    /// The area converted to `T`.
    ///
    /// A template, there for binding generators to skip.
    template <typename T>
    T area_as() const {
        return static_cast<T>(area());
    }

    /// Whether `other` has the same size and name.
    ///
    /// An operator, there for binding generators to skip.
    bool operator==(const shape& other) const;

private:
    // Private so that only release() can end a shape's life.
    ~shape();

    std::atomic<int> refs_{1};
    double width_;
    double height_;
    std::string name_{"shape"};
    long long id_;
};

}  // namespace geo

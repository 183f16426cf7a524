// Behavioural tests for testnative, written without a framework so the
// library builds anywhere a C++17 compiler and CMake do.
//
// Every test ends by giving back everything it created; main() then checks
// that no dog or owner is left alive, so a leak or an early delete fails the
// run even when valgrind is not used.

#include <atomic>
#include <cstddef>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "testnative/c_api.h"
#include "testnative/dog.hpp"
#include "testnative/owner.hpp"
#include "testnative/reference_counter.hpp"

namespace {

int passed = 0;
int failed = 0;

void check_impl(bool ok, const std::string& what, const char* file, int line) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::cerr << file << ":" << line << ": CHECK failed: " << what << "\n";
    }
}

template <typename A, typename B>
void check_eq_impl(const A& actual, const B& expected, const char* actual_text,
                   const char* expected_text, const char* file, int line) {
    std::ostringstream what;
    what << actual_text << " == " << expected_text << " (got " << actual << ", expected "
         << expected << ")";
    check_impl(actual == expected, what.str(), file, line);
}

// Turns a possibly-null C string into something printable and comparable.
std::string str(const char* s) { return s != nullptr ? s : "(null)"; }

}  // namespace

#define CHECK(cond) check_impl(static_cast<bool>(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(actual, expected) \
    check_eq_impl((actual), (expected), #actual, #expected, __FILE__, __LINE__)
#define CHECK_THROWS(expr, exception_type)                                                 \
    do {                                                                                   \
        bool caught_ = false;                                                              \
        try {                                                                              \
            (void)(expr);                                                                  \
        } catch (const exception_type&) {                                                  \
            caught_ = true;                                                                \
        } catch (...) {                                                                    \
        }                                                                                  \
        check_impl(caught_, "(" #expr ") throws " #exception_type, __FILE__, __LINE__); \
    } while (0)

// ---------------------------------------------------------------------------
// Error callback capture
// ---------------------------------------------------------------------------

namespace {

// Locked because the library may call the callback from any thread.
std::mutex errors_mutex;
std::vector<std::string> errors;

std::size_t error_count() {
    std::lock_guard<std::mutex> lock(errors_mutex);
    return errors.size();
}

std::string last_error() {
    std::lock_guard<std::mutex> lock(errors_mutex);
    return errors.empty() ? std::string() : errors.back();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

int other_callback_calls = 0;

}  // namespace

// C linkage so the functions have exactly the type the C header declares.
extern "C" void record_error(const char* message) {
    std::lock_guard<std::mutex> lock(errors_mutex);
    errors.emplace_back(message != nullptr ? message : "(null message)");
}

extern "C" void count_other_callback(const char*) { ++other_callback_calls; }

// ---------------------------------------------------------------------------
// Test helpers
// ---------------------------------------------------------------------------

namespace {

// A reference-counted type that is neither a dog nor an owner, and that can
// start with no reference so over-release can be tested without touching
// freed memory.
class probe : public testnative::reference_counter {
public:
    probe(int initial_count, bool* destroyed)
        : reference_counter(initial_count), destroyed_(destroyed) {}
    ~probe() override {
        if (destroyed_ != nullptr) {
            *destroyed_ = true;
        }
    }

private:
    bool* destroyed_;
};

void* as_handle(testnative::reference_counter* object) { return object; }

// Starts every thread before any of them begins, to make the increments
// overlap as much as possible.
template <typename Body>
void run_in_threads(int thread_count, Body body) {
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&] {
            while (!go.load(std::memory_order_acquire)) {
                std::this_thread::yield();
            }
            body();
        });
    }
    go.store(true, std::memory_order_release);
    for (auto& thread : threads) {
        thread.join();
    }
}

// ---------------------------------------------------------------------------
// C++ API
// ---------------------------------------------------------------------------

void test_dog_cpp() {
    const int dogs_before = testnative::dog::num_dogs();

    auto* d = new testnative::dog();
    CHECK_EQ(testnative::dog::num_dogs(), dogs_before + 1);
    CHECK_EQ(d->reference_count(), 1);
    CHECK_EQ(d->position(), 0);

    d->walk();
    d->walk();
    CHECK_EQ(d->position(), 2);

    CHECK_EQ(d->wag_tail(), 1);
    CHECK_EQ(d->wag_tail(), 2);

    d->add_ref();
    CHECK_EQ(d->reference_count(), 2);
    d->release();
    CHECK_EQ(d->reference_count(), 1);
    CHECK_EQ(testnative::dog::num_dogs(), dogs_before + 1);

    d->release();
    CHECK_EQ(testnative::dog::num_dogs(), dogs_before);
}

void test_owner_cpp() {
    const int owners_before = testnative::owner::num_owners();

    try {
        testnative::owner rejected(nullptr);
        check_impl(false, "owner(nullptr) throws", __FILE__, __LINE__);
    } catch (const std::invalid_argument& e) {
        CHECK_EQ(std::string(e.what()), std::string("owner needs a dog, got a null pointer"));
    }
    // A rejected owner must not count as alive.
    CHECK_EQ(testnative::owner::num_owners(), owners_before);

    auto* d = new testnative::dog();
    auto* o = new testnative::owner(d);
    CHECK_EQ(testnative::owner::num_owners(), owners_before + 1);
    CHECK(o->get_dog() == d);
    // The documented hazard: the owner did not take a reference.
    CHECK_EQ(d->reference_count(), 1);

    o->say_walk();
    CHECK_EQ(d->position(), 1);

    o->release();
    CHECK_EQ(testnative::owner::num_owners(), owners_before);
    d->release();
}

void test_over_release_cpp() {
    bool destroyed = false;
    auto* p = new probe(0, &destroyed);
    CHECK_EQ(p->reference_count(), 0);

    try {
        p->release();
        check_impl(false, "release() at count 0 throws", __FILE__, __LINE__);
    } catch (const std::logic_error& e) {
        CHECK(contains(e.what(), "already zero"));
    }
    // The check happens before the decrement, so nothing changed.
    CHECK_EQ(p->reference_count(), 0);
    CHECK(!destroyed);

    // Adopting the object makes it an ordinary counted object again.
    p->add_ref();
    CHECK_EQ(p->reference_count(), 1);
    p->release();
    CHECK(destroyed);

    CHECK_THROWS(probe(-1, nullptr), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// C API
// ---------------------------------------------------------------------------

void test_dog_and_owner_counts() {
    CHECK_EQ(num_dogs(), 0);
    CHECK_EQ(num_owners(), 0);

    // ANCHOR: hazard
    void* d = create_dog();
    CHECK(d != nullptr);
    CHECK_EQ(num_dogs(), 1);
    CHECK_EQ(get_reference_count(d), 1);

    void* o = create_owner(d);
    CHECK(o != nullptr);
    CHECK_EQ(num_owners(), 1);
    CHECK_EQ(get_reference_count(o), 1);
    // create_owner does not add a reference to the dog...
    CHECK_EQ(get_reference_count(d), 1);

    // ...so releasing the dog now would leave the owner with a dangling
    // pointer. A wrapper has to take a reference on the owner's behalf.
    add_reference(d);
    CHECK_EQ(get_reference_count(d), 2);

    // The original creator lets go; the owner's reference keeps the dog.
    release(d);
    CHECK_EQ(get_reference_count(d), 1);
    CHECK_EQ(num_dogs(), 1);
    // ANCHOR_END: hazard

    CHECK_EQ(get_dog_position(d), 0);
    say_walk(o);
    say_walk(o);
    say_walk(o);
    CHECK_EQ(get_dog_position(d), 3);

    CHECK_EQ(wag_tail(d), 1);
    CHECK_EQ(wag_tail(d), 2);

    // Tear down in the order a wrapper would: the owner first, then the
    // reference that was kept for it.
    release(o);
    CHECK_EQ(num_owners(), 0);
    CHECK_EQ(num_dogs(), 1);
    remove_reference(d);
    CHECK_EQ(num_dogs(), 0);
}

void test_type_ids() {
    void* d = create_dog();
    void* o = create_owner(d);
    CHECK_EQ(str(get_type_id(d)), std::string("testnative::dog"));
    CHECK_EQ(str(get_type_id(o)), std::string("testnative::owner"));

    const std::size_t errors_before = error_count();
    auto* p = new probe(1, nullptr);
    CHECK(get_type_id(as_handle(p)) == nullptr);
    CHECK_EQ(error_count(), errors_before + 1);
    CHECK(contains(last_error(), "unknown object type"));
    release(as_handle(p));

    release(o);
    release(d);
}

void test_create_owner_null_reports_error() {
    const std::size_t errors_before = error_count();
    void* o = create_owner(nullptr);
    CHECK(o == nullptr);
    CHECK_EQ(error_count(), errors_before + 1);
    CHECK_EQ(last_error(), std::string("create_owner: owner needs a dog, got a null pointer"));
    CHECK_EQ(num_owners(), 0);
}

void test_null_arguments() {
    std::size_t expected = error_count();

    // Each call must report exactly one error and return its failure value.
    say_walk(nullptr);
    CHECK_EQ(error_count(), ++expected);
    CHECK(contains(last_error(), "say_walk"));

    CHECK_EQ(get_dog_position(nullptr), -1);
    CHECK_EQ(error_count(), ++expected);

    CHECK_EQ(wag_tail(nullptr), -1);
    CHECK_EQ(error_count(), ++expected);

    CHECK(get_type_id(nullptr) == nullptr);
    CHECK_EQ(error_count(), ++expected);

    release(nullptr);
    CHECK_EQ(error_count(), ++expected);
    CHECK_EQ(last_error(), std::string("release: got a null handle"));

    add_reference(nullptr);
    CHECK_EQ(error_count(), ++expected);

    remove_reference(nullptr);
    CHECK_EQ(error_count(), ++expected);

    CHECK_EQ(get_reference_count(nullptr), -1);
    CHECK_EQ(error_count(), ++expected);

    trigger_error(nullptr);
    CHECK_EQ(error_count(), ++expected);
}

void test_wrong_handle_types() {
    void* d = create_dog();
    void* o = create_owner(d);
    std::size_t expected = error_count();

    // An owner where a dog is expected, and the reverse, are reported rather
    // than reinterpreted.
    CHECK_EQ(get_dog_position(o), -1);
    CHECK_EQ(error_count(), ++expected);
    CHECK(contains(last_error(), "expected a dog handle"));

    CHECK_EQ(wag_tail(o), -1);
    CHECK_EQ(error_count(), ++expected);

    say_walk(d);
    CHECK_EQ(error_count(), ++expected);
    CHECK(contains(last_error(), "expected an owner handle"));
    CHECK_EQ(get_dog_position(d), 0);

    CHECK(create_owner(o) == nullptr);
    CHECK_EQ(error_count(), ++expected);
    CHECK_EQ(num_owners(), 1);

    release(o);
    release(d);
}

void test_exception_does_not_cross_c_boundary() {
    bool destroyed = false;
    auto* p = new probe(0, &destroyed);
    const std::size_t errors_before = error_count();

    // The C++ release() throws here; the C function must report it instead.
    release(as_handle(p));
    CHECK_EQ(error_count(), errors_before + 1);
    CHECK(contains(last_error(), "release: "));
    CHECK(contains(last_error(), "already zero"));
    CHECK_EQ(get_reference_count(as_handle(p)), 0);
    CHECK(!destroyed);

    add_reference(as_handle(p));
    remove_reference(as_handle(p));
    CHECK(destroyed);
}

void test_dates() {
    const date_time_to_second date = create_date(2024, 2, 29, 23, 59, 58);
    CHECK_EQ(date.year, 2024);
    CHECK_EQ(date.month, 2);
    CHECK_EQ(date.day, 29);
    CHECK_EQ(date.hour, 23);
    CHECK_EQ(date.minute, 59);
    CHECK_EQ(date.second, 58);

    CHECK_EQ(test_date(date, 2024, 2, 29, 23, 59, 58), 1);
    // Each field on its own must be able to cause a mismatch.
    CHECK_EQ(test_date(date, 2023, 2, 29, 23, 59, 58), 0);
    CHECK_EQ(test_date(date, 2024, 3, 29, 23, 59, 58), 0);
    CHECK_EQ(test_date(date, 2024, 2, 28, 23, 59, 58), 0);
    CHECK_EQ(test_date(date, 2024, 2, 29, 22, 59, 58), 0);
    CHECK_EQ(test_date(date, 2024, 2, 29, 23, 58, 58), 0);
    CHECK_EQ(test_date(date, 2024, 2, 29, 23, 59, 57), 0);
}

void test_reference_counts() {
    void* d = create_dog();
    CHECK_EQ(get_reference_count(d), 1);
    add_reference(d);
    CHECK_EQ(get_reference_count(d), 2);
    add_reference(d);
    CHECK_EQ(get_reference_count(d), 3);
    remove_reference(d);
    CHECK_EQ(get_reference_count(d), 2);
    release(d);
    CHECK_EQ(get_reference_count(d), 1);
    CHECK_EQ(num_dogs(), 1);
    remove_reference(d);
    CHECK_EQ(num_dogs(), 0);
}

void test_threads() {
    constexpr int thread_count = 8;
    constexpr int iterations = 10000;
    void* d = create_dog();

    // All increments first, so a lost update shows up as a wrong total...
    run_in_threads(thread_count, [d] {
        for (int i = 0; i < iterations; ++i) {
            add_reference(d);
        }
    });
    CHECK_EQ(get_reference_count(d), 1 + thread_count * iterations);

    // ...then all decrements, which must never reach zero early.
    run_in_threads(thread_count, [d] {
        for (int i = 0; i < iterations; ++i) {
            remove_reference(d);
        }
    });
    CHECK_EQ(get_reference_count(d), 1);
    CHECK_EQ(num_dogs(), 1);

    // Interleaved, the pattern of short-lived handles on many threads.
    run_in_threads(thread_count, [d] {
        for (int i = 0; i < iterations; ++i) {
            add_reference(d);
            remove_reference(d);
        }
    });
    CHECK_EQ(get_reference_count(d), 1);
    CHECK_EQ(num_dogs(), 1);

    release(d);
    CHECK_EQ(num_dogs(), 0);
}

void test_error_callback() {
    const std::size_t errors_before = error_count();
    trigger_error("hello from the test");
    CHECK_EQ(error_count(), errors_before + 1);
    CHECK_EQ(last_error(), std::string("hello from the test"));

    // Registering replaces the previous callback.
    register_error_callback(count_other_callback);
    trigger_error("to the other callback");
    CHECK_EQ(other_callback_calls, 1);
    CHECK_EQ(error_count(), errors_before + 1);

    // NULL unregisters: the message goes to stderr and no callback runs.
    register_error_callback(nullptr);
    trigger_error("expected output: this line checks the default stderr reporting");
    CHECK_EQ(other_callback_calls, 1);
    CHECK_EQ(error_count(), errors_before + 1);

    register_error_callback(record_error);
}

}  // namespace

int main() {
    register_error_callback(record_error);

    test_dog_cpp();
    test_owner_cpp();
    test_over_release_cpp();

    test_dog_and_owner_counts();
    test_type_ids();
    test_create_owner_null_reports_error();
    test_null_arguments();
    test_wrong_handle_types();
    test_exception_does_not_cross_c_boundary();
    test_dates();
    test_reference_counts();
    test_threads();
    test_error_callback();

    // Everything created above must have been destroyed exactly once.
    CHECK_EQ(num_dogs(), 0);
    CHECK_EQ(num_owners(), 0);

    register_error_callback(nullptr);
    std::cout << passed << " passed, " << failed << " failed" << std::endl;
    return failed == 0 ? 0 : 1;
}

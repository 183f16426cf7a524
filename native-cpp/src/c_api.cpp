#include "testnative/c_api.h"

#include <atomic>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "testnative/dog.hpp"
#include "testnative/owner.hpp"
#include "testnative/reference_counter.hpp"

using testnative::dog;
using testnative::owner;
using testnative::reference_counter;

namespace {

// Atomic because wrappers may register a callback on one thread while
// another thread is reporting an error.
std::atomic<testnative_error_callback> error_callback{nullptr};

// noexcept so that a callback which unwinds ends in std::terminate rather
// than in an exception crossing the C boundary, which is undefined.
void report(const char* message) noexcept {
    testnative_error_callback callback = error_callback.load(std::memory_order_acquire);
    if (callback != nullptr) {
        callback(message);
    } else {
        std::fprintf(stderr, "testnative: %s\n", message);
    }
}

// Prefixes the function name so that a single callback can tell which call
// failed.
void report(const char* function, const char* what) noexcept {
    try {
        const std::string message = std::string(function) + ": " + what;
        report(message.c_str());
    } catch (...) {
        // Out of memory while building the message: the bare text still
        // says what went wrong.
        report(what);
    }
}

// ANCHOR: guarded
// Runs body and turns any exception into a report plus on_error, so every
// entry point can share one catch-all.
template <typename Result, typename Body>
Result guarded(const char* function, Result on_error, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::exception& e) {
        report(function, e.what());
    } catch (...) {
        report(function, "unknown C++ exception");
    }
    return on_error;
}

template <typename Body>
// ANCHOR_END: guarded
void guarded_void(const char* function, Body&& body) noexcept {
    try {
        body();
    } catch (const std::exception& e) {
        report(function, e.what());
    } catch (...) {
        report(function, "unknown C++ exception");
    }
}

// Every handle this API hands out is a reference_counter* converted to
// void*, so converting back to exactly that type is the only valid cast.
reference_counter* as_object(void* handle) {
    if (handle == nullptr) {
        throw std::invalid_argument("got a null handle");
    }
    return static_cast<reference_counter*>(handle);
}

// dynamic_cast turns an owner passed where a dog is expected into a reported
// error instead of memory corruption. It cannot help with dangling or
// made-up pointers.
dog* as_dog(void* handle) {
    auto* d = dynamic_cast<dog*>(as_object(handle));
    if (d == nullptr) {
        throw std::invalid_argument("expected a dog handle");
    }
    return d;
}

owner* as_owner(void* handle) {
    auto* o = dynamic_cast<owner*>(as_object(handle));
    if (o == nullptr) {
        throw std::invalid_argument("expected an owner handle");
    }
    return o;
}

}  // namespace

extern "C" {

void* create_dog(void) {
    return guarded("create_dog", static_cast<void*>(nullptr), []() -> void* {
        return static_cast<reference_counter*>(new dog());
    });
}

// ANCHOR: create_owner
void* create_owner(void* dog_handle) {
    return guarded("create_owner", static_cast<void*>(nullptr), [&]() -> void* {
        // A null dog goes on to the owner constructor, which rejects it with
        // the library's own message.
        dog* d = dog_handle == nullptr ? nullptr : as_dog(dog_handle);
        return static_cast<reference_counter*>(new owner(d));
    });
}

// ANCHOR_END: create_owner
void say_walk(void* owner_handle) {
    guarded_void("say_walk", [&] { as_owner(owner_handle)->say_walk(); });
}

int get_dog_position(void* dog_handle) {
    return guarded("get_dog_position", -1, [&] { return as_dog(dog_handle)->position(); });
}

int wag_tail(void* dog_handle) {
    return guarded("wag_tail", -1, [&] { return as_dog(dog_handle)->wag_tail(); });
}

const char* get_type_id(void* obj) {
    return guarded("get_type_id", static_cast<const char*>(nullptr), [&]() -> const char* {
        reference_counter* object = as_object(obj);
        if (dynamic_cast<dog*>(object) != nullptr) {
            return "testnative::dog";
        }
        if (dynamic_cast<owner*>(object) != nullptr) {
            return "testnative::owner";
        }
        throw std::invalid_argument("unknown object type");
    });
}

void release(void* obj) {
    guarded_void("release", [&] { as_object(obj)->release(); });
}

void add_reference(void* obj) {
    guarded_void("add_reference", [&] { as_object(obj)->add_ref(); });
}

void remove_reference(void* obj) {
    guarded_void("remove_reference", [&] { as_object(obj)->release(); });
}

int get_reference_count(void* obj) {
    return guarded("get_reference_count", -1,
                   [&] { return as_object(obj)->reference_count(); });
}

int num_dogs(void) { return dog::num_dogs(); }

int num_owners(void) { return owner::num_owners(); }

date_time_to_second create_date(int year, int month, int day, int hour, int minute,
                                int second) {
    return date_time_to_second{year, month, day, hour, minute, second};
}

int test_date(date_time_to_second date, int year, int month, int day, int hour, int minute,
              int second) {
    return date.year == year && date.month == month && date.day == day && date.hour == hour &&
                   date.minute == minute && date.second == second
               ? 1
               : 0;
}

void register_error_callback(testnative_error_callback callback) {
    error_callback.store(callback, std::memory_order_release);
}

void trigger_error(const char* message) {
    if (message == nullptr) {
        report("trigger_error", "got a null message");
        return;
    }
    // Passed through unprefixed so callers can compare it with what they sent.
    report(message);
}

}  // extern "C"

/*
 * C interface to testnative, meant for dlopen/dlsym and other FFI loaders.
 *
 * Handles are opaque `void*` values that point at reference-counted objects.
 * Every create_* function returns a handle holding one reference; give it
 * back with release() (or remove_reference(), its synonym). The object is
 * deleted when its last reference is removed, after which the handle must
 * not be used again.
 *
 * No function lets a C++ exception escape. Failures (null or wrong-typed
 * handles, allocation failures, ...) are reported through the error callback
 * set with register_error_callback(), or written to stderr when none is set,
 * and the function then returns its documented failure value.
 */
#ifndef TESTNATIVE_C_API_H
#define TESTNATIVE_C_API_H

#include "testnative/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Passed and returned by value to exercise struct layout across the FFI
 * boundary; the fields are not validated as a calendar date. */
typedef struct date_time_to_second {
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
} date_time_to_second;

/* ANCHOR: callback */
/* Receives a NUL-terminated message that is only valid during the call, so
 * copy it if it is needed later. Must not unwind (throw or panic) back into
 * the library: doing so terminates the process. May be called from any
 * thread that calls into the library. */
typedef void (*testnative_error_callback)(const char* message);
/* ANCHOR_END: callback */

/* ANCHOR: objects */
/* A new dog holding one reference, or NULL on failure. */
TESTNATIVE_API void* create_dog(void);

/* A new owner holding one reference, or NULL on failure (including a NULL or
 * non-dog argument). The owner does NOT take a reference to the dog: the
 * caller must keep the dog alive for as long as the owner uses it. */
TESTNATIVE_API void* create_owner(void* dog);

/* Makes the owner's dog walk one step. */
TESTNATIVE_API void say_walk(void* owner);

/* The dog's position, or -1 on error. */
TESTNATIVE_API int get_dog_position(void* dog);

/* Wags the dog's tail and returns the total number of wags so far, or -1 on
 * error. */
TESTNATIVE_API int wag_tail(void* dog);

/* "testnative::dog" or "testnative::owner" (static strings, never freed), or NULL for a null
 * handle or an object of another type. */
TESTNATIVE_API const char* get_type_id(void* obj);
/* ANCHOR_END: objects */

/* ANCHOR: lifetime */
/* Removes one reference; the object deletes itself when none remain. */
TESTNATIVE_API void release(void* obj);

/* Adds one reference, to be balanced by release() or remove_reference(). */
TESTNATIVE_API void add_reference(void* obj);

/* Same as release(); the name pairs with add_reference(). */
TESTNATIVE_API void remove_reference(void* obj);

/* Current number of references, or -1 on error. A snapshot only: other
 * threads may change it at any time. */
TESTNATIVE_API int get_reference_count(void* obj);

/* Number of dogs / owners currently alive in the process. */
TESTNATIVE_API int num_dogs(void);
TESTNATIVE_API int num_owners(void);
/* ANCHOR_END: lifetime */

TESTNATIVE_API date_time_to_second create_date(int year, int month, int day,
                                               int hour, int minute, int second);

/* 1 when every field of date equals the matching argument, else 0. */
TESTNATIVE_API int test_date(date_time_to_second date, int year, int month, int day,
                             int hour, int minute, int second);

/* ANCHOR: errors */
/* Sets the process-wide error callback, replacing any previous one; NULL
 * restores the default of printing to stderr. */
TESTNATIVE_API void register_error_callback(testnative_error_callback callback);

/* Reports message exactly as a failing call would, so that callers can test
 * their callback. */
TESTNATIVE_API void trigger_error(const char* message);
/* ANCHOR_END: errors */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TESTNATIVE_C_API_H */

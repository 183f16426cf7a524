#define _POSIX_C_SOURCE 200809L
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/tally.h"

#define TALLY_API __attribute__((visibility("default")))

struct tally_counter {
    atomic_int refs;
    long value;
};

struct tally_book {
    char* name;
    size_t size;
    char* keys[4];
    tally_counter_t* counters[4];
};

static atomic_int live;
static _Atomic(tally_error_handler) error_handler;

TALLY_API void tally_set_error_handler(tally_error_handler handler) {
    atomic_store(&error_handler, handler);
}

static void report(const char* message) {
    tally_error_handler handler = atomic_load(&error_handler);
    if (handler) {
        handler(message);
    }
}

TALLY_API tally_counter_t* tally_counter_new(void) {
    tally_counter_t* counter = calloc(1, sizeof *counter);
    if (counter) {
        atomic_init(&counter->refs, 1);
        atomic_fetch_add(&live, 1);
    }
    return counter;
}

TALLY_API tally_counter_t* tally_counter_ref(tally_counter_t* counter) {
    atomic_fetch_add(&counter->refs, 1);
    return counter;
}

TALLY_API void tally_counter_unref(tally_counter_t* counter) {
    if (counter && atomic_fetch_sub(&counter->refs, 1) == 1) {
        atomic_fetch_sub(&live, 1);
        free(counter);
    }
}

TALLY_API long tally_counter_add(tally_counter_t* counter, long amount) {
    return counter->value += amount;
}

TALLY_API long tally_counter_value(const tally_counter_t* counter) { return counter->value; }

TALLY_API int tally_counter_refs(const tally_counter_t* counter) {
    return atomic_load(&counter->refs);
}

TALLY_API tally_counter_t* tally_counter_parse(const char* text) {
    char* end = NULL;
    long value = text && *text ? strtol(text, &end, 10) : 0;
    if (!end || *end) {
        char message[96];
        snprintf(message, sizeof message, "not a number: \"%.60s\"", text ? text : "(null)");
        report(message);
        return NULL;
    }
    tally_counter_t* counter = tally_counter_new();
    if (counter) {
        counter->value = value;
    }
    return counter;
}

TALLY_API tally_status tally_book_open(const char* name, tally_book_t** book) {
    *book = NULL;
    if (!name || !*name) {
        return TALLY_BAD_NAME;
    }
    tally_book_t* made = calloc(1, sizeof *made);
    made->name = strdup(name);
    *book = made;
    return TALLY_OK;
}

TALLY_API void tally_book_close(tally_book_t* book) {
    for (size_t i = 0; i < book->size; i++) {
        free(book->keys[i]);
        tally_counter_unref(book->counters[i]);
    }
    free(book->name);
    free(book);
}

TALLY_API const char* tally_book_name(const tally_book_t* book) { return book->name; }

TALLY_API tally_status tally_book_put(tally_book_t* book, const char* key,
                                      tally_counter_t* counter) {
    if (book->size == 4) {
        tally_counter_unref(counter);
        return TALLY_FULL;
    }
    book->keys[book->size] = strdup(key);
    book->counters[book->size] = counter;
    book->size++;
    return TALLY_OK;
}

TALLY_API tally_counter_t* tally_book_get(const tally_book_t* book, const char* key) {
    for (size_t i = 0; i < book->size; i++) {
        if (strcmp(book->keys[i], key) == 0) {
            return book->counters[i];
        }
    }
    return NULL;
}

TALLY_API size_t tally_book_size(const tally_book_t* book) { return book->size; }

TALLY_API const char* tally_status_string(tally_status status) {
    switch (status) {
    case TALLY_OK: return "ok";
    case TALLY_BAD_NAME: return "a book needs a name";
    case TALLY_FULL: return "the book is full";
    case TALLY_NOT_FOUND: return "no such counter";
    }
    return "unknown status";
}

TALLY_API int tally_live_counters(void) { return atomic_load(&live); }

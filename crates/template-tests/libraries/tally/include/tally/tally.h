/* tally: counters kept in books. A C library written as C libraries are: opaque
 * types, a status enum, and a comment for what the names do not say. */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ANCHOR: header */
typedef enum tally_status {
    TALLY_OK = 0,
    TALLY_BAD_NAME = 1,
    TALLY_FULL = 2,
    TALLY_NOT_FOUND = 3
} tally_status;

typedef struct tally_counter tally_counter_t;
typedef struct tally_book tally_book_t;

/* A new counter at zero, or NULL when memory runs out. */
tally_counter_t* tally_counter_new(void);
tally_counter_t* tally_counter_ref(tally_counter_t* counter);
void tally_counter_unref(tally_counter_t* counter);
/* Adds `amount`; returns the new value. */
long tally_counter_add(tally_counter_t* counter, long amount);
long tally_counter_value(const tally_counter_t* counter);
/* How many references the counter has. */
int tally_counter_refs(const tally_counter_t* counter);
/* A new counter at the value `text` spells in decimal, or NULL: the error handler
 * is told why. */
tally_counter_t* tally_counter_parse(const char* text);

/* Told what went wrong, during the call that failed. */
typedef void (*tally_error_handler)(const char* message);
/* Sets the function told of every error (NULL: none). */
void tally_set_error_handler(tally_error_handler handler);

/* Opens a book called `name` into `*book`. A name must not be empty. */
tally_status tally_book_open(const char* name, tally_book_t** book);
void tally_book_close(tally_book_t* book);
const char* tally_book_name(const tally_book_t* book);
/* Files `counter` under `key`; the book steals the reference to `counter`, even
 * when it fails. A book holds at most four counters. */
tally_status tally_book_put(tally_book_t* book, const char* key, tally_counter_t* counter);
/* The counter filed under `key`, or NULL. */
tally_counter_t* tally_book_get(const tally_book_t* book, const char* key);
size_t tally_book_size(const tally_book_t* book);

/* What a status means. */
const char* tally_status_string(tally_status status);
/* How many counters are alive in the process. */
int tally_live_counters(void);
/* ANCHOR_END: header */

#ifdef __cplusplus
}
#endif

#endif

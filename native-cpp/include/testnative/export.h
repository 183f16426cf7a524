/*
 * Symbol export control for testnative.
 *
 * The shared library is built with hidden visibility by default so that only
 * what is marked TESTNATIVE_API becomes part of its ABI. This keeps the
 * dynamic symbol table small and makes the C API (the part loaded through
 * dlopen) easy to audit with `nm -D`.
 *
 * Plain C header on purpose: c_api.h includes it and must stay usable from C.
 */
#ifndef TESTNATIVE_EXPORT_H
#define TESTNATIVE_EXPORT_H

#if defined(TESTNATIVE_STATIC)
/* Static builds are linked into the final binary, so there is nothing to
 * export and, on Windows, nothing to import either. */
#  define TESTNATIVE_API
#elif defined(_WIN32) || defined(__CYGWIN__)
/* TESTNATIVE_EXPORTS is defined only while compiling the DLL itself; clients
 * see the same declarations as imports. */
#  if defined(TESTNATIVE_EXPORTS)
#    define TESTNATIVE_API __declspec(dllexport)
#  else
#    define TESTNATIVE_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define TESTNATIVE_API __attribute__((visibility("default")))
#else
#  define TESTNATIVE_API
#endif

#endif /* TESTNATIVE_EXPORT_H */

/*
 * Symbol export control for {{cpp_namespace}}.
 *
 * The shared library is built with hidden visibility by default so that only
 * what is marked {{cpp_macro}}_API becomes part of its ABI. This keeps the
 * dynamic symbol table small and makes the C API (the part loaded through
 * dlopen) easy to audit with `nm -D`.
 *
 * Plain C header on purpose: c_api.h includes it and must stay usable from C.
 */
#ifndef {{cpp_macro}}_EXPORT_H
#define {{cpp_macro}}_EXPORT_H

#if defined({{cpp_macro}}_STATIC)
/* Static builds are linked into the final binary, so there is nothing to
 * export and, on Windows, nothing to import either. */
#  define {{cpp_macro}}_API
#elif defined(_WIN32) || defined(__CYGWIN__)
/* {{cpp_macro}}_EXPORTS is defined only while compiling the DLL itself; clients
 * see the same declarations as imports. */
#  if defined({{cpp_macro}}_EXPORTS)
#    define {{cpp_macro}}_API __declspec(dllexport)
#  else
#    define {{cpp_macro}}_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define {{cpp_macro}}_API __attribute__((visibility("default")))
#else
#  define {{cpp_macro}}_API
#endif

#endif /* {{cpp_macro}}_EXPORT_H */

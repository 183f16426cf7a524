#!/usr/bin/env bash
# What reading and wrapping real libraries needs: libclang, which `new-wrapper
# --header` loads at run time to read C++ headers, and the development packages of
# the Debian libraries the tests wrap (jsoncpp, tinyxml2, poppler-cpp, and the C
# libraries sqlite3, jansson and cairo). Each is installed only when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

if ! ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; then
    apt_install libclang-dev
fi
ls /usr/lib/llvm-*/lib/libclang.so 2>/dev/null | head -n 1

missing=()
for package in libjsoncpp-dev libtinyxml2-dev libpoppler-cpp-dev libsqlite3-dev libjansson-dev libcairo2-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi
pkg-config --modversion jsoncpp tinyxml2 poppler-cpp sqlite3 jansson cairo

#!/usr/bin/env bash
# libclang, which `new-wrapper --header` loads at run time to read C++ headers:
# installed from Debian's libclang-dev when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

if ! ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; then
    apt_install libclang-dev
fi
ls /usr/lib/llvm-*/lib/libclang.so 2>/dev/null | head -n 1

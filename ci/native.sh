#!/usr/bin/env bash
# The sample C++ library on its own: its CMake build and its C++ test program,
# the way a C++ user builds it. Installs cmake when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

command -v cmake >/dev/null || apt_install cmake
build=target/native-cpp
cmake -S native-cpp -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j 2
ctest --test-dir "$build" --output-on-failure

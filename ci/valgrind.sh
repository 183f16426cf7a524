#!/usr/bin/env bash
# The worked examples under valgrind: no leak and no invalid access across the FFI.
# Installs valgrind when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

command -v valgrind >/dev/null || apt_install valgrind
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=1 --quiet"
cargo run -q -p dog-cxx --example walk
cargo run -q -p dog-dynamic --example dynamic_walk

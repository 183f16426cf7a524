#!/usr/bin/env bash
# Every check of the kit, in the order a failure is cheapest to find.
# Installs what it needs when it is missing, and prints a timed summary at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

source ci/lib.sh

step "format" cargo fmt --all --check
step "libclang and the real libraries the tests wrap" ci/libclang.sh
step "clippy" cargo clippy --workspace --all-targets --all-features -- -D warnings
step "tests" cargo test --workspace --all-features
step "docs" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features
step "native library (cmake, ctest)" ci/native.sh
step "FFI under valgrind (examples, tests, generated crates)" ci/valgrind.sh
step "installed, not checked out (cargo package, cargo install, a generated crate)" ci/install.sh
step "benchmarks (one quick pass)" cargo bench -p refcount-bench -- --quick
step "book" ci/book.sh
step "miri (refcount)" ci/miri.sh
step "loom (Counted's state word)" ci/loom.sh
step "thread sanitizer (refcount's stress tests)" ci/tsan.sh

summary

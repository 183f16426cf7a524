#!/usr/bin/env bash
# Everything that crosses the FFI, under valgrind: the worked examples, the tests of
# both wrapper crates, and the tests of a freshly generated crate. Any leak (definite
# or indirect), invalid read or write, or double free fails the step.
# Installs valgrind when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

command -v valgrind >/dev/null || apt_install valgrind
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="valgrind --leak-check=full \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
--error-exitcode=1 --quiet"

echo "-- the examples"
cargo run -q -p dog-cxx --example walk
cargo run -q -p dog-dynamic --example dynamic_walk

echo "-- the wrapper crates' tests"
cargo test -q -p dog-cxx -p dog-dynamic --tests

echo "-- a generated crate's tests"
# Outside the kit's folder, so that it is not taken for a member of its workspace.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
CARGO_NAME="${CARGO_NAME:-ci}" cargo run -q -p new-wrapper -- "$scratch/generated" --no-build --no-ci >/dev/null
CARGO_TARGET_DIR="$PWD/target/template-e2e" cargo test -q --offline --tests \
    --manifest-path "$scratch/generated/Cargo.toml"

#!/usr/bin/env bash
# Everything that crosses the FFI, under valgrind: the worked examples, the tests of
# both wrapper crates, and the tests of freshly generated crates (the sample's, four
# other libraries', from answers and from their headers, three installed C++ ones',
# jsoncpp, tinyxml2 and poppler-cpp, and three installed C ones', sqlite3, cairo and
# jansson, each linked and loaded). Any leak (definite or indirect), invalid read or write, or
# double free fails the step.
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

# Outside the kit's folder, so that they are not taken for members of its workspace.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The generators themselves run without valgrind: only the generated code is checked.
generate() { env -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER cargo run -q "$@"; }

echo "-- a generated crate's tests (the sample)"
generate -p new-wrapper -- "$scratch/generated" --no-build --no-ci \
    --refcount-path "$PWD/crates/refcount" 2>/dev/null
crates=("$scratch/generated")

echo "-- the tests of crates generated for other libraries, answered and read"
while read -r crate; do
    crates+=("$crate")
done < <(generate -p template-tests --bin test-crates -- "$scratch/others" 2>/dev/null)

for crate in "${crates[@]}"; do
    echo "   $(basename "$crate")"
    CARGO_TARGET_DIR="$PWD/target/template-e2e" cargo test -q --offline --tests \
        --manifest-path "$crate/Cargo.toml"
done

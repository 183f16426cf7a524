#!/usr/bin/env bash
# Instructions per operation, for every contender of the benchmarks, counted by
# callgrind: exact and repeatable, unlike timings. Prints a table with the ratio to
# the raw FFI calls. Usage: bash crates/refcount-bench/instructions.sh [N]
# Builds in CARGO_TARGET_DIR if it is set, else in the workspace's `target`.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20000}

cargo build -q --release -p refcount-bench --example instructions
bin=${CARGO_TARGET_DIR:-target}/release/examples/instructions

# Instructions of a whole run of `OP` `N` times.
count() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" 2>/dev/null
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}

# The program's own start and end, and the loop's cost for N iterations: both are
# subtracted from every operation.
start=$(count nothing 0)
loop=$(( $(count nothing "$n") - start ))

echo "| operation | contender | instructions/op | ratio to raw |"
echo "|---|---|---:|---:|"
baseline="" group_seen=""
while IFS=$'\t' read -r group op label; do
    per_op=$(( ($(count "$op" "$n") - start - loop) / n ))
    if [ "$group" != "$group_seen" ]; then
        baseline=$per_op
        group_seen=$group
    fi
    ratio=$(awk -v a="$per_op" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')
    echo "| ${group//_/ + } | $label | $per_op | $ratio |"
done < <("$bin" --list)

#!/usr/bin/env bash
# A loom model check of `Counted`'s state word (crates/refcount/tests/loom.rs): every
# interleaving of close, lease, keep, clone, drop and weak upgrades that loom reaches,
# on up to 3 threads.
set -euo pipefail
cd "$(dirname "$0")/.."

# `--cfg loom` changes every crate's build: a target folder of its own (inside
# CARGO_TARGET_DIR, if set) keeps the normal build's artefacts.
RUSTFLAGS="--cfg loom" cargo test -p refcount --test loom --release \
    --target-dir "${CARGO_TARGET_DIR:-target}/loom"

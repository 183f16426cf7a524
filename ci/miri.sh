#!/usr/bin/env bash
# The refcount crate's tests under Miri: undefined behaviour, leaks and data races
# in the handles. Its tests simulate native objects in Rust, so Miri sees everything.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly miri --version >/dev/null 2>&1; then
    rustup component add miri --toolchain nightly
fi
# Miri builds its own standard library from the sources.
if ! rustup +nightly component list --installed 2>/dev/null | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain nightly
fi
# A target folder of its own (inside CARGO_TARGET_DIR, if set): Miri's artefacts
# never mix with the normal build's.
MIRIFLAGS="${MIRIFLAGS:-} -Zmiri-strict-provenance" \
    cargo +nightly miri test -p refcount --target-dir "${CARGO_TARGET_DIR:-target}/miri"

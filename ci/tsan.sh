#!/usr/bin/env bash
# ThreadSanitizer over the refcount crate's thread stress tests (nightly, with the
# standard library rebuilt instrumented): a data race in the handles fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup +nightly component list --installed 2>/dev/null | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain nightly
fi
target=$(rustc -vV | sed -n 's/^host: //p')
# A target folder of its own (inside CARGO_TARGET_DIR, if set): instrumented
# artefacts never mix with the normal build's.
RUSTFLAGS="-Zsanitizer=thread" RUSTDOCFLAGS="-Zsanitizer=thread" \
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    cargo +nightly test -Zbuild-std --target "$target" --target-dir "${CARGO_TARGET_DIR:-target}/tsan" \
    -p refcount --features leak-check --test threads --test borrowed --test handles

#!/usr/bin/env bash
# The book: every include resolves, it builds without an error, every internal link
# and #anchor points somewhere, and its Rust samples compile and pass (`mdbook test`,
# linked against the kit's crates). Installs mdbook when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

MDBOOK_VERSION=0.5.4
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
    cargo install mdbook --version "$MDBOOK_VERSION" --locked --no-default-features --features search
fi
command -v python3 >/dev/null || apt_install python3

echo "--> includes"
python3 book/check.py includes book/src

echo "--> build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mdbook build book 2>&1 | tee "$log"
# mdbook logs a missing include as an error, yet succeeds.
if grep -q "ERROR" "$log"; then
    echo "mdbook build logged an error"
    exit 1
fi

echo "--> links"
python3 book/check.py links book/book

echo "--> samples"
# The samples use refcount, dog-cxx and dog-dynamic. They are built in a target folder
# of their own, and exactly the libraries of this build are handed to rustdoc: two
# versions of one crate in its search path fail with E0464.
target=target/book
mkdir -p "$target"
cargo build -p refcount -p dog-cxx -p dog-dynamic --features refcount/leak-check \
    --target-dir "$target" --message-format=json-render-diagnostics >"$target/artifacts.json"
python3 book/check.py libs "$target/artifacts.json" "$target/lib"
mdbook test book -L "$target/lib"

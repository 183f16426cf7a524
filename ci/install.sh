#!/usr/bin/env bash
# The kit as its users get it: installed, not checked out.
#
# Packages refcount, refcount-build and new-wrapper (`cargo package`), puts them with
# every crate they depend on into a local registry (a directory source that replaces
# crates.io), `cargo install`s new-wrapper from it into a temporary root, and runs
# it in an empty folder outside the checkout, with the checkout hidden (a private
# mount namespace mounts an empty folder over it), as the README's first two
# commands do: `cargo install new-wrapper --locked`, then `new-wrapper xml-wrapper
# --pkg-config tinyxml2 --header tinyxml2.h`, which reads the installed header,
# generates a crate that depends on refcount and refcount-build by version, builds it
# against the packaged crates only and runs its tests and its tour. A program written
# against the generated API (crates/template-tests/real/tinyxml2.rs) then runs in it.
# Nothing is fetched: cargo runs offline.
#
# Prints the package sizes and how long the install and the generated crate took.
set -euo pipefail
cd "$(dirname "$0")/.."
kit=$PWD

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
registry="$scratch/registry"
export CARGO_NAME="wrapper author" CARGO_EMAIL="author@example.invalid"

echo "-- cargo package (refcount, refcount-build, new-wrapper)"
# Verified: each package is built from its packaged files alone, the later ones
# against the earlier ones' packages (cargo packages a workspace's crates together).
# In the kit's target folder, where the verification finds the dependencies built.
# (--allow-dirty: a developer runs it before committing; CI's clone is clean.)
rm -f target/package/*.crate
if ! cargo package --locked --allow-dirty -p refcount -p refcount-build -p new-wrapper \
    >"$scratch/package.log" 2>&1; then
    cat "$scratch/package.log" >&2
    exit 1
fi
# The tests stay in the checkout: cargo's note of each is no news.
grep -v "^warning: ignoring test" "$scratch/package.log" | grep -E "Packag|Verif|warning" || true
packages=(target/package/refcount-[0-9]*.crate target/package/refcount-build-[0-9]*.crate
    target/package/new-wrapper-[0-9]*.crate)
for crate in "${packages[@]}"; do
    files=$(tar -tzf "$crate")
    printf '   %-28s %6d bytes, %3d files\n' "$(basename "$crate")" "$(stat -c %s "$crate")" \
        "$(grep -c . <<<"$files")"
    # What users build, and nothing else: no tests, test libraries or benchmarks.
    if grep -E '^[^/]+/(tests|libraries|benches|examples)/' <<<"$files"; then
        echo "$(basename "$crate") holds files its users do not need (above)" >&2
        exit 1
    fi
done

echo "-- the local registry: the three packages and what they depend on"
# Every crate of the kit's lock file, as cargo's registry cache has them (the kit's
# build has fetched them; those of other platforms are fetched here).
cargo vendor --locked --versioned-dirs "$registry" >/dev/null 2>"$scratch/vendor.log" || {
    cat "$scratch/vendor.log" >&2
    exit 1
}
for crate in "${packages[@]}"; do
    name=$(basename "$crate" .crate)
    tar -xzf "$crate" -C "$registry"
    # A directory source checks each package against its checksum file.
    printf '{"files":{},"package":"%s"}\n' "$(sha256sum "$crate" | cut -d' ' -f1)" \
        >"$registry/$name/.cargo-checksum.json"
done
echo "   $(find "$registry" -mindepth 1 -maxdepth 1 -type d | wc -l) crates"

# A user's cargo home: crates.io is the local registry, and nothing goes online.
home="$scratch/cargo-home"
mkdir -p "$home"
cat >"$home/config.toml" <<EOF
[source.crates-io]
replace-with = "kit-registry"

[source.kit-registry]
directory = "$registry"

[net]
offline = true
EOF

# What the user types, from an empty folder outside the checkout.
user="$scratch/user"
mkdir -p "$user/tests"
sed 's/the_wrapper/xml_wrapper/g' crates/template-tests/real/tinyxml2.rs >"$user/tests/program.rs"
cat >"$scratch/as-a-user.sh" <<'EOF'
set -euo pipefail
cd "$USER_DIR"
if [ -e "$KIT/Cargo.toml" ]; then
    echo "   (no mount namespace here: the checkout stays visible)"
else
    echo "   the checkout is out of reach: $KIT is an empty folder"
fi
start=$SECONDS
echo "-- cargo install new-wrapper --locked (from the local registry)"
cargo install new-wrapper --locked --quiet --root "$USER_DIR/root"
export PATH="$USER_DIR/root/bin:$PATH"
installed=$((SECONDS - start))
echo "   installed in ${installed} s: $(command -v new-wrapper) ($(new-wrapper --version))"

echo "-- new-wrapper xml-wrapper --pkg-config tinyxml2 --header tinyxml2.h"
new-wrapper xml-wrapper --pkg-config tinyxml2 --header tinyxml2.h >new-wrapper.out 2>&1 || {
    cat new-wrapper.out
    exit 1
}
tail -n 1 new-wrapper.out
grep -q "tests passed" new-wrapper.out || { echo "no test of the generated crate ran" >&2; exit 1; }
echo "   generated, built and tested in $((SECONDS - start - installed)) s"

echo "-- a program written against the generated API"
cp tests/program.rs xml-wrapper/tests/program.rs
(cd xml-wrapper && cargo test --quiet --test program)
echo "   from cargo install to a passing crate: $((SECONDS - start)) s"

echo "-- new-wrapper my-wrapper (the sample, from the carried template)"
new-wrapper my-wrapper >sample.out 2>&1 || { cat sample.out; exit 1; }
tail -n 1 sample.out
grep -q "tests passed" sample.out || { echo "no test of the sample's crate ran" >&2; exit 1; }
EOF

run_as_user() {
    local env=(env -u CARGO_TARGET_DIR -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER
        CARGO_HOME="$home" KIT="$kit" USER_DIR="$user")
    if unshare --mount --propagation private true 2>/dev/null; then
        mkdir -p "$scratch/nothing"
        unshare --mount --propagation private \
            sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' \
            "$scratch/nothing" "$kit" "${env[@]}" bash "$scratch/as-a-user.sh"
    else
        "${env[@]}" bash "$scratch/as-a-user.sh"
    fi
}
run_as_user

echo "-- what the user got depends on the packaged crates, by version"
version=$(cargo metadata --format-version 1 --no-deps |
    grep -o '"name":"new-wrapper","version":"[^"]*"' | cut -d'"' -f8)
for generated in xml-wrapper my-wrapper; do
    manifest="$user/$generated/Cargo.toml"
    grep -q "^refcount = { version = \"$version\"" "$manifest" || {
        echo "$generated does not take refcount $version by version:" >&2
        cat "$manifest" >&2
        exit 1
    }
    if grep -n 'path *=' "$manifest"; then
        echo "$generated depends on a path" >&2
        exit 1
    fi
    lock="$user/$generated/Cargo.lock"
    for package in refcount refcount-build; do
        grep -A2 "^name = \"$package\"$" "$lock" | grep -q '^source = "registry+' || {
            echo "$package does not come from the registry in $lock" >&2
            exit 1
        }
    done
done
if grep -rqF "$kit" "$user/root/bin/new-wrapper" "$user/xml-wrapper" "$user/my-wrapper" \
    --exclude-dir=target; then
    echo "the installed command or the generated crate names the checkout ($kit)" >&2
    exit 1
fi
echo "   refcount and refcount-build $version, from the registry; no path into the checkout"

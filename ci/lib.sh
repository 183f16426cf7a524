# Shared by the CI scripts: timed steps and a summary.
# shellcheck shell=bash

STEPS=()
CI_START=$SECONDS

# step NAME COMMAND...: runs COMMAND, records how long it took, stops at the first failure.
step() {
    local name=$1
    shift
    echo
    echo "==> $name"
    local start=$SECONDS
    if ! "$@"; then
        echo "FAILED: $name (after $((SECONDS - start)) s)"
        summary
        exit 1
    fi
    STEPS+=("$(printf '%5d s  %s' $((SECONDS - start)) "$name")")
}

summary() {
    echo
    echo "==> summary"
    printf '%s\n' "${STEPS[@]}"
    echo "total: $((SECONDS - CI_START)) s"
}

# apt_install PACKAGE...: installs Debian packages once (`apt-get update` first).
apt_install() {
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

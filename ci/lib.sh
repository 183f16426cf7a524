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

# apt_install PACKAGE...: installs Debian packages once (`apt-get update` first),
# through sudo unless already root (GitHub's runners run as a user with sudo).
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    if [ -z "${APT_UPDATED:-}" ]; then
        $sudo apt-get update -qq
        APT_UPDATED=1
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

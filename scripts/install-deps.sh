#!/bin/sh
# Installs, from Debian's packages, everything needed to build mapihttp, run mapidump, build the
# Wireshark plugin and run the whole test suite. Idempotent: packages already present are skipped,
# and nothing is done (not even `apt-get update`) when all of them are there.
set -eu

PACKAGES="
build-essential
cmake
pkg-config
clang
libclang-rt-14-dev
libpcap-dev
libssl-dev
libglib2.0-dev
wireshark-dev
libwireshark-dev
tshark
tcpdump
valgrind
python3
xxd
util-linux
iproute2
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages:$missing; run this script as root (or with sudo)" >&2
    exit 2
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing

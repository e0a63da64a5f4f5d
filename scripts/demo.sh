#!/bin/sh
# README command 1: installs what is missing, builds, and decodes the bundled demo: an Execute request
# (RopLogon, RopGetPropertiesSpecific, RopSetColumns, RopRelease; compressed and obfuscated, with an
# auxiliary block) and its response, as mapidump shows them.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-deps.sh"
cmake -S . -B build
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
echo "== mapidump --hex --raw-request Execute captures/raw/execute_request.hex --raw-response Execute captures/raw/execute_response.hex"
exec ./build/offline/mapidump --hex \
    --raw-request Execute captures/raw/execute_request.hex \
    --raw-response Execute captures/raw/execute_response.hex

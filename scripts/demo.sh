#!/bin/sh
# README command 1: installs what is missing, builds, and decodes the bundled demo capture: an Outlook
# session over TLS 1.3 (captures/tls13-aes128gcm.pcap, with its key log), shown as one line per MAPI/HTTP
# message, then as the session's timeline, then the full tree of one Execute exchange.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-deps.sh"
cmake -S . -B build
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
md=./build/offline/mapidump
cap=captures/tls13-aes128gcm.pcap
keys=captures/tls13-aes128gcm.keys
echo "== $md -k $keys $cap"
"$md" -k "$keys" "$cap"
echo
echo "== $md -k $keys --sessions $cap"
"$md" -k "$keys" --sessions "$cap"
echo
echo "== $md -k $keys -V --rop RopGetPropertiesSpecific $cap"
exec "$md" -k "$keys" -V --rop RopGetPropertiesSpecific "$cap"

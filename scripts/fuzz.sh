#!/bin/sh
# Runs one libFuzzer harness by hand, longer than the test suite does (docs/fuzzing.md): builds it in
# the fuzz build directory (clang, ASan + UBSan; configured when missing), then tests/fuzz/run.sh runs
# its crash-regression inputs and fuzzes from its seeds with its dictionary. The corpus grows across
# runs in BUILD/fuzz-campaign/HARNESS/corpus; crashing inputs land in BUILD/fuzz-campaign/HARNESS/artifacts.
# Usage: scripts/fuzz.sh                                   (lists the harnesses)
#        scripts/fuzz.sh HARNESS [SECONDS [LIBFUZZER_FLAG...]]   (default 600 s; e.g. -runs=10000000)
# Environment: MAPIHTTP_FUZZ_BUILD (default build-fuzz), JOBS (build jobs, default 2).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAPIHTTP_FUZZ_BUILD:-$root/build-fuzz}

list() {
    cat <<'LIST'
harnesses (docs/fuzzing.md has their input formats):
  body     request and response bodies of the 24 request types; byte 0 selects type and mode
  rops     ROP input/output buffers through one session: [kind][u16 length][buffer] records
  lz77     RPC_HEADER_EXT chains: LZ77 and XOR payloads, output checked against SizeActual
  aux      auxiliary blocks, or AuxiliaryBufferSize + AuxiliaryBuffer; byte 0 selects
  http     mapidump's HTTP/1.1 parser, input fed in chunks with gaps
  tls      mapidump's TLS record layer and decryption, both directions, with gaps
  capture  the whole mapidump pipeline on a capture file (pcap or pcapng)
LIST
}

if [ $# -eq 0 ]; then
    list
    exit 0
fi
harness=$1
shift
case $harness in
body | rops | lz77 | aux) dir=tests/fuzz ;;
http | tls | capture) dir=tests/offline ;;
*) echo "fuzz.sh: unknown harness '$harness'" >&2; list >&2; exit 2 ;;
esac
seconds=${1:-600}
[ $# -gt 0 ] && shift

if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang cmake -S "$root" -B "$build" -DMAPIHTTP_WERROR=ON -DMAPIHTTP_FUZZ=ON -DMAPIHTTP_PLUGIN=OFF
fi
cmake --build "$build" -j"${JOBS:-2}" --target "fuzz_$harness"
exec sh "$root/tests/fuzz/run.sh" fuzz "$harness" "$build/$dir/fuzz_$harness" \
    "$build/fuzz-campaign/$harness" "$seconds" "$@"

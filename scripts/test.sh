#!/bin/sh
# README command 2: installs what is missing, builds, and runs the whole test suite three ways:
#   1. a -Werror build and every test (unit, golden, command line; vector tests skip when
#      ../shared/vectors is absent, saying so);
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer (any report fails the run);
#   3. the libFuzzer harnesses (docs/fuzzing.md: body, rops, lz77, aux, http, tls, capture): each one's
#      crash-regression inputs, then a bounded fuzzing run of MAPIHTTP_FUZZ_SECONDS each (default 40),
#      two at a time (about 3 minutes after the build).
# Run from anywhere, as root on a fresh Debian 12 (or as a user when the packages are installed).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-deps.sh"
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${MAPIHTTP_FUZZ_SECONDS:-40}

echo "== 1/3: build with -Werror and run the tests"
cmake -S . -B build -DMAPIHTTP_WERROR=ON
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== 2/3: build with AddressSanitizer + UndefinedBehaviorSanitizer and run the tests"
cmake -S . -B build-asan -DMAPIHTTP_WERROR=ON -DMAPIHTTP_SANITIZE=ON
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")

echo "== 3/3: the fuzz harnesses: regression inputs, then ${fuzz_seconds} s of fuzzing each"
CC=clang cmake -S . -B build-fuzz -DMAPIHTTP_WERROR=ON -DMAPIHTTP_FUZZ=ON -DMAPIHTTP_PLUGIN=OFF \
    -DMAPIHTTP_FUZZ_SECONDS="$fuzz_seconds"
cmake --build build-fuzz -j"$jobs" --target fuzz_body fuzz_rops fuzz_lz77 fuzz_aux fuzz_http fuzz_tls fuzz_capture
(cd build-fuzz && ctest --output-on-failure -j"$jobs" -R '^fuzz\.')

echo "== all tests passed"

#!/bin/sh
# README command 2: installs what is missing, builds, and runs the whole test suite four ways:
#   1. a -Werror build and every test (unit, golden, command line; vector tests skip when
#      ../shared/vectors is absent, saying so);
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer (any report fails the run);
#   3. the same tests of a normal build under Valgrind's memcheck (any error or leak fails the run; the
#      plugin's tshark tests are left out);
#   4. the libFuzzer harnesses (docs/fuzzing.md: body, rops, lz77, aux, http, tls, capture): each one's
#      crash-regression inputs, then a bounded fuzzing run of MAPIHTTP_FUZZ_SECONDS each (default 40),
#      two at a time (about 3 minutes after the build).
# Run from anywhere, as root on a fresh Debian 12 (or as a user when the packages are installed).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-deps.sh"
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${MAPIHTTP_FUZZ_SECONDS:-40}

echo "== 1/4: build with -Werror and run the tests"
cmake -S . -B build -DMAPIHTTP_WERROR=ON
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== 2/4: build with AddressSanitizer + UndefinedBehaviorSanitizer and run the tests"
cmake -S . -B build-asan -DMAPIHTTP_WERROR=ON -DMAPIHTTP_SANITIZE=ON
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")

echo "== 3/4: the tests of a normal build under Valgrind (memcheck): no error, no leak"
# The unit and layer test executables run under valgrind as the build's test emulator
# (CMAKE_CROSSCOMPILING_EMULATOR prefixes every add_test command that is a built executable); the Python
# drivers run mapidump through MAPIHTTP_TEST_WRAPPER (tests/wrapper.py). A memcheck error or a definite or
# indirect leak makes valgrind exit 99, which fails the test, and leaves a log under build-valgrind/memcheck,
# which fails the step even where a driver does not check mapidump's exit status. Left out: the plugin
# (MAPIHTTP_PLUGIN=OFF): tshark under Valgrind is far too slow, libwireshark is not ours, and the sanitizer
# build runs the plugin's tests.
vg_logs="$root/build-valgrind/memcheck"
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect"
vg="$vg --errors-for-leak-kinds=definite,indirect --log-file=$vg_logs/%p.log"
cmake -S . -B build-valgrind -DMAPIHTTP_WERROR=ON -DMAPIHTTP_PLUGIN=OFF \
    -DCMAKE_CROSSCOMPILING_EMULATOR="$(echo "$vg" | tr ' ' ';')"
cmake --build build-valgrind -j"$jobs"
rm -rf "$vg_logs" && mkdir -p "$vg_logs"
vg_failed=0
(cd build-valgrind && MAPIHTTP_TEST_WRAPPER="$vg" ctest --output-on-failure -j"$jobs" -E '^plugin\.(tshark|tree_sink)') ||
    vg_failed=1
for log in "$vg_logs"/*.log; do
    if [ -s "$log" ]; then
        echo "== valgrind: $log"; cat "$log"; vg_failed=1
    fi
done
[ "$vg_failed" -eq 0 ] || { echo "== the tests failed under Valgrind (see above)"; exit 1; }

echo "== 4/4: the fuzz harnesses: regression inputs, then ${fuzz_seconds} s of fuzzing each"
CC=clang cmake -S . -B build-fuzz -DMAPIHTTP_WERROR=ON -DMAPIHTTP_FUZZ=ON -DMAPIHTTP_PLUGIN=OFF \
    -DMAPIHTTP_FUZZ_SECONDS="$fuzz_seconds"
cmake --build build-fuzz -j"$jobs" --target fuzz_body fuzz_rops fuzz_lz77 fuzz_aux fuzz_http fuzz_tls fuzz_capture
(cd build-fuzz && ctest --output-on-failure -j"$jobs" -R '^fuzz\.')

echo "== all tests passed"

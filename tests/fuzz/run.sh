#!/bin/sh
# Runs one fuzz harness (docs/fuzzing.md). First writes its seeds to WORK_DIR/seeds (make_seeds.py for
# the core decoders' harnesses, the committed corpora of tests/offline/fuzz for http and tls, the
# captures for capture), then
#   replay: runs its crash-regression inputs (tests/fuzz/regressions/HARNESS) and the seeds once each
#           through BINARY, the replay driver (driver.c) of a normal build;
#   fuzz:   runs the regression inputs once each through BINARY, the libFuzzer target, then fuzzes for
#           SECONDS (default 40) from the seeds with the harness's dictionary (tests/fuzz/dict), keeping
#           new inputs in WORK_DIR/corpus and crashing inputs in WORK_DIR/artifacts; extra arguments go
#           to libFuzzer (e.g. -runs=10000000, -jobs=2).
# Any crash, leak, sanitizer report or timeout fails the run.
# Usage: run.sh replay|fuzz HARNESS BINARY WORK_DIR [SECONDS [LIBFUZZER_FLAG...]]
set -eu
[ $# -ge 4 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
mode=$1 harness=$2 bin=$3 work=$4
shift 4
seconds=${1:-40}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
regressions=$here/regressions/$harness

rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
case $harness in
body | rops | lz77 | aux) python3 "$here/make_seeds.py" "$harness" "$work/seeds" ;;
http | tls) cp "$root/tests/offline/fuzz/corpus/$harness/"* "$work/seeds/" ;;
capture) find "$root/captures" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' \) \
             -exec cp {} "$work/seeds/" \; ;;
*) echo "run.sh: unknown harness '$harness'" >&2; exit 2 ;;
esac

case $mode in
replay)
    exec "$bin" "$regressions" "$work/seeds" ;;
fuzz)
    if [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
        echo "== $harness: crash-regression inputs"
        "$bin" "$regressions"/*
    fi
    echo "== $harness: fuzzing for $seconds s"
    exec "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" -dict="$here/dict/$harness.dict" "$@" "$work/corpus" "$work/seeds" ;;
*) echo "run.sh: mode is replay or fuzz" >&2; exit 2 ;;
esac

#!/bin/sh
# Runs the body-decoder fuzz harness: first the committed crash-regression inputs (each once), then the
# seed corpus for SECONDS (default 60). Fails on any crash, leak or sanitizer report.
# Usage: tests/fuzz/run.sh FUZZER_BINARY [SECONDS] [WORK_DIR]
set -eu
fuzzer=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=${3:-$(mktemp -d)}
mkdir -p "$work/corpus" "$work/artifacts"
python3 "$here/make_seeds.py" "$here/../golden/inputs" "$here/../golden/nspi/inputs" "$here/../golden/rops/inputs" \
    "$here/../../captures/raw" "$work/corpus"
if [ -d "$here/regressions" ] && [ -n "$(ls -A "$here/regressions" 2>/dev/null)" ]; then
    "$fuzzer" -runs=0 "$here/regressions"
fi
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" -dict="$here/mapihttp.dict" "$work/corpus"

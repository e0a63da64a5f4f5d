#!/bin/sh
# Runs a libFuzzer harness whose seeds are files in a directory: first its crash-regression inputs (each
# once, when the directory exists), then a copy of the seeds for SECONDS. Fails on any crash, leak or
# sanitizer report. Usage: tests/fuzz/run_corpus.sh FUZZER SECONDS SEED_DIR WORK_DIR [REGRESSION_DIR]
set -eu
fuzzer=$1
seconds=$2
seeds=$3
work=$4
regressions=${5:-}
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
find "$seeds" -maxdepth 1 -type f -exec cp {} "$work/corpus/" \;
if [ -n "$regressions" ] && [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
    "$fuzzer" -runs=0 "$regressions"
fi
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus"

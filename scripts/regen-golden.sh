#!/bin/sh
# Rewrites the expected output of one golden case, on purpose: review the diff against the
# specification before committing it. Usage: scripts/regen-golden.sh NAME [BUILD_DIR]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 NAME [BUILD_DIR]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build}
python3 "$root/tests/golden/run.py" --mapidump "$build/offline/mapidump" --dir "$root/tests/golden" --regen "$1"
git -C "$root" diff --stat -- tests/golden || true

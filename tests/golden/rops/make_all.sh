#!/bin/sh
# Rewrites every family's golden inputs and manifest (tests/golden/rops/<family>.py).
set -eu
cd "$(dirname "$0")"
for f in *.py; do
    [ "$f" = ropgen.py ] && continue
    python3 "$f"
done

#!/bin/sh
# mapidump's benchmark: builds mapidump (Release), then bench.py with the given options (see bench.py --help);
# default: captures of 100 MB and 400 MB of MAPI/HTTP over TLS 1.3, mapidump -V and tshark -V on each.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DMAPIHTTP_PLUGIN=ON >/dev/null
cmake --build build-bench -j"$(nproc)" --target mapidump >/dev/null
plugin=
if cmake --build build-bench -j"$(nproc)" --target mapihttp_plugin >/dev/null 2>&1; then
    plugin=$(find build-bench -name mapihttp.so | head -n 1)
fi
exec python3 bench/bench.py --mapidump build-bench/offline/mapidump ${plugin:+--plugin "$plugin"} "$@"

#!/usr/bin/env python3
"""Reassembly invariants on the rewritten captures (tests/gen/pcaprw.py): reordered segments, retransmissions
(identical, or with different bytes where the first copy must win), other link layers, a pcapng with its
keys inside and standard input must all give exactly the decoded messages of the capture they came from;
a dropped segment may cost one message and nothing else. Independent of the expected files.

Usage: invariants.py --mapidump PATH --dir CAPTURES
"""
import argparse
import json
import os
import subprocess
import sys

SAME = [  # (derived, base, keys, exit status expected)
    ("plain-ooo.pcap", "plain-http.pcap", None, 0),
    ("plain-retransmit.pcap", "plain-http.pcap", None, 0),
    ("plain-conflict.pcap", "plain-http.pcap", None, 1),
    ("plain-sll.pcap", "plain-http.pcap", None, 0),
    ("plain-sll2.pcap", "plain-http.pcap", None, 0),
    ("plain-raw.pcap", "plain-http.pcap", None, 0),
    ("plain-null.pcap", "plain-http.pcap", None, 0),
    ("plain-vlan.pcap", "plain-http.pcap", None, 0),
    ("plain-qinq.pcap", "plain-http.pcap", None, 0),
    ("tls13-ooo.pcap", "tls13-aes128gcm.pcap", "tls13-aes128gcm.keys", 0),
    ("tls13-dsb.pcapng", "tls13-aes128gcm.pcap", None, 0),
    ("<tls13-aes128gcm.pcap", "tls13-aes128gcm.pcap", "tls13-aes128gcm.keys", 0),
]
ONE_LOST = [  # a segment dropped: at most one message lost or incomplete, the rest as in the base
    ("plain-gap.pcap", "plain-http.pcap", None),
    ("tls13-gap.pcap", "tls13-aes128gcm.pcap", "tls13-aes128gcm.keys"),
]


def decode(mapidump, d, capture, keys):
    stdin = capture.startswith("<")
    name = capture.lstrip("<")
    base_keys = keys or ("tls13-aes128gcm.keys" if name.startswith("tls13-") and name != "tls13-dsb.pcapng" else None)
    argv = [mapidump, "-T", "json", "-q"] + (["-k", base_keys] if base_keys else []) + ["-" if stdin else name]
    with open(os.path.join(d, name), "rb") as f:
        r = subprocess.run(argv, cwd=d, stdin=f if stdin else subprocess.DEVNULL, capture_output=True, timeout=60)
    msgs = [json.loads(l) for l in r.stdout.decode().splitlines()]
    # what was decoded, per message: the request id, the direction and the core's tree
    return [(m.get("mapidump.request_id"), m["mapidump.direction"], m.get("mapihttp"), m["mapidump.complete"])
            for m in msgs], r.returncode


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", required=True)
    p.add_argument("--dir", required=True)
    a = p.parse_args()
    mapidump = os.path.abspath(a.mapidump)
    failed = 0
    for derived, base, keys, status in SAME:
        want, _ = decode(mapidump, a.dir, base, keys)
        got, st = decode(mapidump, a.dir, derived, keys)
        # the order of messages of different connections may change with reordering: compare as sets
        ok = sorted(map(json.dumps, got)) == sorted(map(json.dumps, want)) and st == status and len(want) > 0
        failed += not ok
        print("%s %s: %d messages, exit %d (base: %d messages)" % ("ok  " if ok else "FAIL", derived, len(got), st,
                                                                    len(want)))
    for derived, base, keys in ONE_LOST:
        want, _ = decode(mapidump, a.dir, base, keys)
        got, st = decode(mapidump, a.dir, derived, keys)
        w = set(map(json.dumps, want))
        g = [json.dumps(x) for x in got]
        extra = [x for x in g if x not in w]
        missing = len(want) - (len(g) - len(extra))
        # the damaged message is either missing or shown incomplete; everything else is identical
        ok = st == 1 and len(extra) <= 1 and missing <= 2 and all('"complete": false' not in x or x in extra for x in g)
        ok = ok and all(not json.loads(x)[3] for x in extra)
        failed += not ok
        print("%s %s: %d of %d messages identical, %d damaged, exit %d" % ("ok  " if ok else "FAIL", derived,
                                                                          len(g) - len(extra), len(want), len(extra), st))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402

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
    ("tls13-ipv6-vlan.pcapng", "tls13-aes128gcm.pcap", None, 0),
    ("startup-tls13-ooo.pcap", "startup-tls13.pcap", "startup-tls13.keys", 0),
    ("mail-tls12-retransmit.pcap", "mail-tls12.pcap", "mail-tls12.keys", 0),
    ("addressbook-tls13-ipv6-qinq.pcapng", "addressbook-tls13.pcap", "addressbook-tls13.keys", 0),
]
ONE_LOST = [  # a segment dropped: one message lost or incomplete, all the others whole
    ("plain-gap.pcap", "plain-http.pcap", None),
    ("plain-gap-headers.pcap", "plain-http.pcap", None),
    ("tls13-gap.pcap", "tls13-aes128gcm.pcap", "tls13-aes128gcm.keys"),
    ("mail-tls12-gap.pcap", "mail-tls12.pcap", "mail-tls12.keys"),
]


def decode(mapidump, d, capture, keys):
    stdin = capture.startswith("<")
    name = capture.lstrip("<")
    base_keys = keys or ("tls13-aes128gcm.keys" if name.startswith("tls13-") and name != "tls13-dsb.pcapng" else None)
    argv = [mapidump, "-T", "json", "-q"] + (["-k", base_keys] if base_keys else []) + ["-" if stdin else name]
    with open(os.path.join(d, name), "rb") as f:
        r = subprocess.run(wrapper.command(argv), cwd=d, stdin=f if stdin else subprocess.DEVNULL, capture_output=True,
                           timeout=wrapper.timeout(60))
    msgs = [json.loads(l) for l in r.stdout.decode().splitlines()]
    # what was decoded, per message: the request id, the direction, the core's tree, whole or not, problems
    return [(m.get("mapidump.request_id"), m["mapidump.direction"], m.get("mapihttp"), m["mapidump.complete"],
             m.get("mapidump.problems", 0)) for m in msgs], r.returncode


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
        # every message of the base is there again, by request id and direction, whole and without problems,
        # except at most one (the one the hole fell into): missing, or incomplete. Trees after the damaged
        # message may differ (session context built from it), so they are not compared.
        got_by = {}
        for rid, direction, tree, complete, problems in got:
            got_by.setdefault((rid, direction), []).append((complete, problems))
        damaged = 0
        for rid, direction, tree, complete, problems in want:
            g = got_by.get((rid, direction), [])
            if not g or not g[0][0]:
                damaged += 1
            elif g[0][1] != 0 and problems == 0:
                damaged += 1
        ok = st == 1 and 0 < damaged <= 1 and len(got) >= len(want) - 1
        failed += not ok
        print("%s %s: %d of %d messages whole, %d damaged or missing, exit %d" % ("ok  " if ok else "FAIL", derived,
                                                                                len(want) - damaged, len(want),
                                                                                damaged, st))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

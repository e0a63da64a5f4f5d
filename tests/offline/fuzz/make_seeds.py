#!/usr/bin/env python3
"""Writes seed inputs for the HTTP and TLS fuzz harnesses from the committed captures: the TCP payload
of each direction of a connection, in the harnesses' input formats (see fuzz_http.c, fuzz_tls.c).

Usage: make_seeds.py [OUT_DIR]   (default: tests/offline/fuzz/corpus)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "tests", "gen"))
import pcaprw  # noqa: E402


def streams(capture):
    """Per connection, the payload segments in capture order: [(direction, bytes)]."""
    _, pkts = pcaprw.read_pcap(capture)
    conns = {}
    for p in pkts:
        q = pcaprw.Pkt(p[2])
        if not q.payload:
            continue
        c = conns.setdefault(q.key(), {"client": (q.src, q.sport), "segs": []})
        c["segs"].append((0 if (q.src, q.sport) == c["client"] else 1, q.payload))
    return list(conns.values())


def http_seed(segs, direction):
    out = bytearray([0])
    for d, data in segs:
        if d != direction:
            continue
        for i in range(0, len(data), 64):
            part = data[i:i + 64]
            out.append((len(part) - 1) % 64 if len(part) < 64 else 63)
            out += part
    return bytes(out)


def tls_seed(segs):
    out = bytearray()
    for d, data in segs:
        for i in range(0, len(data), 8 * 0x7E + 1):
            part = data[i:i + 8 * 0x7E + 1]
            k = (len(part) - 1) // 8
            out.append(d << 7 | k)
            out += part[:k * 8 + 1]
    return bytes(out)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")
    for sub in ("http", "tls"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for i, c in enumerate(streams(os.path.join(ROOT, "captures", "plain-http.pcap"))):
        for d in (0, 1):
            with open(os.path.join(out, "http", "plain-%d-%s" % (i, "req" if d == 0 else "resp")), "wb") as f:
                f.write(http_seed(c["segs"], d))
    for name in ("tls13-aes128gcm", "tls12-ecdhe-aes128cbc-sha256-mte"):
        for i, c in enumerate(streams(os.path.join(ROOT, "captures", name + ".pcap"))):
            with open(os.path.join(out, "tls", "%s-%d" % (name, i)), "wb") as f:
                f.write(tls_seed(c["segs"]))


if __name__ == "__main__":
    main()

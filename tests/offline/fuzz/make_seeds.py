#!/usr/bin/env python3
"""Writes seed inputs for the HTTP and TLS fuzz harnesses from the committed captures: the TCP payload
of each direction of a connection, in the harnesses' input formats (see fuzz_http.c, fuzz_tls.c); a
TLS seed carries the key-log lines of its connection and the start of its stream.

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


def tls_pieces(segs):
    """The tls harness's pieces: [c][k * 8 + 1 bytes], bit 7 of c the direction, k < 0x7F."""
    out = bytearray()
    for d, data in segs:
        i = 0
        while i < len(data):
            k = min((len(data) - i - 1) // 8, 0x7E)
            out.append(d << 7 | k)
            out += data[i:i + k * 8 + 1]
            i += k * 8 + 1
    return bytes(out)


def client_random(segs):
    """The ClientHello's random (RFC 8446 4.1.2, RFC 5246 7.4.1.2): record header (5 bytes), handshake
    header (4), legacy_version (2), then 32 bytes; None when the client's first bytes are not one."""
    first = next((data for d, data in segs if d == 0), b"")
    if len(first) < 43 or first[0] != 0x16 or first[5] != 0x01:
        return None
    return first[11:43]


def tls_seed(segs, keylog_text, limit):
    """A 2-byte length and the key log lines of the connection's client random, then its first `limit`
    payload bytes (the handshake and the first records) as pieces."""
    rnd = client_random(segs)
    if rnd is None:
        return None
    want = rnd.hex()
    lines = "".join(l + "\n" for l in keylog_text.splitlines()
                    if len(l.split()) == 3 and l.split()[1].lower() == want)
    kept, n = [], 0
    for d, data in segs:
        if n >= limit:
            break
        kept.append((d, data[:limit - n]))
        n += len(kept[-1][1])
    key = lines.encode()
    return len(key).to_bytes(2, "little") + key + tls_pieces(kept)


# one capture per TLS version and cipher suite mapidump decrypts, key exchange and MAC order, key update
TLS_CAPTURES = ("tls13-aes128gcm", "tls13-aes256gcm", "tls13-chacha20", "tls13-aes128ccm", "tls13-keyupdate",
                "tls12-ecdhe-aes128gcm", "tls12-ecdhe-aes256gcm", "tls12-ecdhe-chacha20", "tls12-rsa-aes128gcm",
                "tls12-ecdhe-aes128cbc-sha-etm", "tls12-ecdhe-aes128cbc-sha256-mte",
                "tls12-ecdhe-aes256cbc-sha384-etm", "tls12-rsa-aes256cbc-sha-mte", "tls12-resume-ticket")
TLS_SEED_BYTES = 6000


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")
    for sub in ("http", "tls"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for i, c in enumerate(streams(os.path.join(ROOT, "captures", "plain-http.pcap"))):
        for d in (0, 1):
            with open(os.path.join(out, "http", "plain-%d-%s" % (i, "req" if d == 0 else "resp")), "wb") as f:
                f.write(http_seed(c["segs"], d))
    for old in os.listdir(os.path.join(out, "tls")):
        os.remove(os.path.join(out, "tls", old))
    for name in TLS_CAPTURES:
        with open(os.path.join(ROOT, "captures", name + ".keys")) as f:
            keys = f.read()
        for i, c in enumerate(streams(os.path.join(ROOT, "captures", name + ".pcap"))):
            seed = tls_seed(c["segs"], keys, TLS_SEED_BYTES)
            if seed is None:
                continue
            with open(os.path.join(out, "tls", "%s-%d" % (name, i)), "wb") as f:
                f.write(seed)
            break


if __name__ == "__main__":
    main()

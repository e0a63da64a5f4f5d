#!/usr/bin/env python3
"""Wraps the fuzzers' inputs into one capture for the plugin (tests/plugin/fuzz_tshark.py runs tshark on it):

  - the body fuzzer's inputs (tests/fuzz/make_seeds.py's seeds from the golden inputs, and every input kept
    below tests/fuzz/, such as its crash-regression corpus): the first byte selects the X-RequestType and
    whether the rest is a request body, a response body, a response after the meta-tags, or a request
    then its response (split at the offset in bytes 1-2), exactly as tests/fuzz/fuzz_body.c reads it;
  - every golden request/response pair (make_captures.golden_cases());
  - seeded random mutations of all of these (make_captures.damage: cut, bits flipped, bytes inserted,
    boundary values written);
  - the HTTP parser fuzzer's streams (tests/offline/fuzz/corpus/http and crashes/http) and mutations of
    them, sent as they are, one stream per connection.

Each body exchange is an HTTP POST to /mapi/emsmdb/ or /mapi/nspi/ with its X-RequestType ([MS-OXCMAPIHTTP]
2.2.3.3.9; a response-only input follows an empty request of its type), and a chunked response, on a
connection of its own to port 8765 (plain HTTP, found by Wireshark's HTTP heuristic and the plugin's), in a
session of its own (its own MapiContext cookie): the plugin starts each from nothing, as mapidump's raw mode
does. Then chains of mutated Execute exchanges share one session, to stress the session state.

fuzz.tsv lists each body exchange: tcp.stream, request type, request and response body files (written
under bodies/), origin. Everything depends only on the inputs and --seed.

Usage: make_fuzz_capture.py OUTDIR [--mutations N] [--seed S]
"""
import argparse
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "fuzz"))

import make_captures  # noqa: E402
import pcapgen  # noqa: E402
from make_seeds import TYPES  # noqa: E402  (X-RequestType values in mh_request_type order)

MAILBOX_TYPES = {"Connect", "Execute", "Disconnect", "NotificationWait", "PING"}
NSPI = "/mapi/nspi/?MailboxId=0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9@contoso.com"
META = b"PROCESSING\r\nDONE\r\n\r\n"  # what fuzz_body.c puts before a body in its meta-tags mode
BODY_FUZZ_DIR = os.path.join(ROOT, "tests", "fuzz")
HTTP_FUZZ_DIRS = [os.path.join(ROOT, "tests", "offline", "fuzz", d, "http") for d in ("corpus", "crashes")]
CHAINS, CHAIN_LENGTH = 10, 20


def from_selector(data):
    """(request type, request body or None, response body or None) of a fuzz_body input."""
    if not data:
        return None
    sel, p = data[0], data[1:]
    rtype = TYPES[(sel & 0x1F) % len(TYPES)]
    mode = (sel >> 5) & 3
    if mode == 0:
        return rtype, p, None
    if mode == 1:
        return rtype, None, p
    if mode == 2:
        return rtype, None, META + p
    if len(p) < 2:
        return None
    split = (p[0] | p[1] << 8) % (len(p) - 1)
    return rtype, p[2:2 + split], p[2 + split:]


def seed_inputs(work):
    """The body fuzzer's seeds, made by its own script (tests/fuzz/make_seeds.py body) from the tests."""
    out = os.path.join(work, "seeds")
    subprocess.run([sys.executable, os.path.join(BODY_FUZZ_DIR, "make_seeds.py"), "body", out],
                   check=True, stdout=subprocess.DEVNULL)
    return [os.path.join(out, f) for f in sorted(os.listdir(out))]


def kept_inputs():
    """The body fuzzer's committed crash-regression inputs (tests/fuzz/regressions/body)."""
    d = os.path.join(BODY_FUZZ_DIR, "regressions", "body")
    return [os.path.join(d, f) for f in sorted(os.listdir(d))] if os.path.isdir(d) else []


def body_cases(work):
    cases = []  # (origin, request type, request body or None, response body or None)
    seen = set()
    for path in seed_inputs(work) + kept_inputs():
        with open(path, "rb") as f:
            c = from_selector(f.read())
        if c and c not in seen:  # the seeds come in a text and a JSON variant with the same bytes
            seen.add(c)
            cases.append((os.path.relpath(path, work if path.startswith(work) else ROOT),) + c)
    for name, rtype, req, resp in make_captures.golden_cases():
        cases.append(("golden " + name, rtype, make_captures.hexfile(req),
                      make_captures.hexfile(resp) if resp else None))
    return cases


def mutate(rng, cases, count):
    out = []
    for k in range(count):
        origin, rtype, req, resp = rng.choice(cases)
        if req is not None and (resp is None or rng.random() < 0.5):
            req = make_captures.damage(rng, req)
        else:
            resp = make_captures.damage(rng, resp or b"")
        out.append(("mutation %d of %s" % (k, origin), rtype, req, resp))
    return out


def http_stream(data):
    """(from the server?, the bytes) of an HTTP fuzzer input, read as tests/offline/fuzz/fuzz_http.c does:
    byte 0 says whether it is a response stream, then each chunk follows the byte giving its size."""
    out, pos = bytearray(), 1
    while pos < len(data):
        n = 1 + data[pos] % 64
        pos += 1
        out += data[pos:pos + n]
        pos += n
    return bool(data[0] & 1) if data else False, bytes(out)


def http_streams(rng, count):
    """The HTTP fuzzer's inputs, then mutations of them."""
    streams = []
    for d in HTTP_FUZZ_DIRS:
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                with open(os.path.join(d, f), "rb") as fh:
                    streams.append(http_stream(fh.read()))
    for _ in range(count if streams else 0):
        server, s = rng.choice(streams)
        streams.append((server, make_captures.damage(rng, s)))
    return streams


class Writer:
    def __init__(self, outdir):
        self.outdir = outdir
        self.bodies = os.path.join(outdir, "bodies")
        os.makedirs(self.bodies, exist_ok=True)
        self.pcap = pcapgen.Pcap(os.path.join(outdir, "fuzz.pcap"))
        self.clock = pcapgen.Clock()
        self.streams = 0

    def flow(self):
        n = self.streams
        self.streams += 1
        # client ports from the dynamic range (49152-65535), which no Wireshark dissector claims in place of
        # HTTP; a client address per 16000 connections keeps every (address, port) pair unique
        f = pcapgen.TcpFlow(self.pcap, self.clock, "10.0.%d.%d" % (1 + n // 16000 // 250, 10 + n // 16000 % 250),
                            make_captures.SERVER, 49152 + n % 16000, 8765)
        f.handshake()
        return f

    def exchange(self, flow, client, rtype, req, resp):
        path = make_captures.MAILBOX if rtype in MAILBOX_TYPES else NSPI
        rid, r = client.request(rtype, req if req is not None else b"", path=path)
        flow.send("c", r)
        self.clock.advance_ms(1)
        if resp is not None:
            flow.send("s", make_captures.response(rid, resp))
        self.clock.advance_ms(1)

    def save(self, n, part, body):
        if body is None:
            return "-"
        name = os.path.join("bodies", "%d.%s.bin" % (n, part))
        with open(os.path.join(self.outdir, name), "wb") as f:
            f.write(body)
        return name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--mutations", type=int, default=3000, help="mutated body exchanges (default 3000)")
    ap.add_argument("--http-mutations", type=int, default=200, help="mutated HTTP streams (default 200)")
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(a.seed)
    cases = body_cases(a.outdir)
    cases += mutate(rng, cases, a.mutations)
    w = Writer(a.outdir)
    with open(os.path.join(a.outdir, "fuzz.tsv"), "w") as tsv:
        tsv.write("# tcp.stream\trequest type\trequest body\tresponse body\torigin\n")
        for origin, rtype, req, resp in cases:
            n = w.streams
            f = w.flow()
            cl = make_captures.Client("{00000000-0000-0000-0000-%012X}" % (n + 1))
            cl.cookie = "MapiContext=fuzz%d" % n
            w.exchange(f, cl, rtype, req, resp)
            f.close()
            tsv.write("%d\t%s\t%s\t%s\t%s\n" % (n, rtype, w.save(n, "request", req if req is not None else b""),
                                                w.save(n, "response", resp), origin))
    # sessions that live on: mutated Execute exchanges after one another, on one cookie each
    executes = [c for c in cases if c[1] == "Execute" and c[2] is not None]
    for k in range(CHAINS):
        f = w.flow()
        cl = make_captures.Client("{00000000-0000-0000-1111-%012X}" % k)
        cl.cookie = "MapiContext=chain%d" % k
        for _ in range(CHAIN_LENGTH):
            _, rtype, req, resp = rng.choice(executes)
            w.exchange(f, cl, rtype, make_captures.damage(rng, req) if rng.random() < 0.5 else req,
                       make_captures.damage(rng, resp or b""))
        f.close()
    for server, s in http_streams(rng, a.http_mutations):
        f = w.flow()
        f.send("s" if server else "c", s)
        f.close()
    w.pcap.close()
    print("wrote %s: %d connections, %d body exchanges listed in fuzz.tsv"
          % (os.path.join(a.outdir, "fuzz.pcap"), w.streams, len(cases)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the plugin tests' synthetic captures (standard library only; see pcapgen.py):

  session.pcap          one MAPI session of an Outlook-like client in plain HTTP on port 8765 (no port
                        Wireshark knows: HTTP is found by its heuristic): Connect (Set-Cookie names the
                        session), Execute calls with success, a failed ROP, an unsupported ROP, a
                        non-zero X-ResponseCode, a request sent as application/octet-stream, pipelined
                        PINGs, NotificationWait on a second connection, Disconnect
  tls.pcap + tls.keys   the same session over TLS on port 443, with its NSS key log
  robust.pcap           hostile input: the bodies above damaged at random (cut, bytes flipped, bytes
                        inserted), odd header values, random request types; the plugin must show every
                        message without a dissector bug or an exception
  cases.pcap + cases.tsv
                        every request/response case of the golden manifests (tests/golden/MANIFEST,
                        tests/golden/**/*.manifest), then damaged request/response pairs (bodies in
                        damaged/), each on its own connection and in its own session, for the consistency
                        test with mapidump; cases.tsv lists each case's request type and body files

Bodies come from captures/raw/ (the demo's Execute pair), tests/golden/inputs/ and ROPs encoded here
with tests/golden/rops/ropgen.py from [MS-OXCROPS]; HTTP headers follow [MS-OXCMAPIHTTP] 2.2.3.

Usage: make_captures.py OUTDIR
"""
import os
import random
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "golden", "rops"))

import pcapgen  # noqa: E402
from ropgen import u8, u16, u32, u64, tags, utf16z, execute_request, execute_response  # noqa: E402

CLIENT, SERVER = "10.0.0.10", "10.0.0.1"
DAMAGED_CASES = 120
MAILBOX = "/mapi/emsmdb/?MailboxId=0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9@contoso.com"
CLIENT_INFO = "{2A2E5C0B-5A60-4E3F-8E0A-3D2F8E6C1B47}"
START_TIME = "Tue, 04 Feb 2014 12:34:56 GMT"


def hexfile(path):
    with open(path if os.path.isabs(path) else os.path.join(ROOT, path)) as f:
        return bytes.fromhex("".join(f.read().split()))


def meta(body, elapsed=3, code=0):
    """[MS-OXCMAPIHTTP] 2.2.7 / 2.2.2.2: PROCESSING, DONE, the additional headers, then the body."""
    return ("PROCESSING\r\nDONE\r\nX-ResponseCode: %d\r\nX-ElapsedTime: %d\r\nX-StartTime: %s\r\n\r\n"
            % (code, elapsed, START_TIME)).encode() + body


class Client:
    """A MAPI/HTTP client's requests: X-RequestId counts up ([MS-OXCMAPIHTTP] 2.2.3.3.2)."""

    def __init__(self, guid):
        self.guid, self.counter, self.cookie = guid, 0, None

    def request(self, rtype, body, path=MAILBOX, content_type="application/mapi-http"):
        self.counter += 1
        rid = "%s:%d" % (self.guid, self.counter)
        h = [("Host", "mail.contoso.com"), ("Content-Type", content_type), ("X-RequestType", rtype),
             ("X-RequestId", rid), ("X-ClientInfo", CLIENT_INFO + ":1"),
             ("X-ClientApplication", "Outlook/16.0.4266.1001"), ("User-Agent", "Microsoft Office/16.0")]
        if self.cookie:
            h.append(("Cookie", self.cookie))
        return rid, pcapgen.http_request("POST", path, h, body)


def response(rid, body, extra=(), content_type="application/mapi-http", code=0, chunks=2):
    h = [("Content-Type", content_type), ("X-RequestId", rid), ("X-ResponseCode", str(code)),
         ("X-ServerApplication", "Exchange/15.02.1118.021"), ("X-PendingPeriod", "15000"),
         ("X-ExpirationInfo", "1800000")] + list(extra)
    return pcapgen.http_response(200, "OK", h, body, chunks)


# ---- bodies ----

def gps_rops():
    """[MS-OXCROPS] 2.2.8.3: RopGetPropertiesSpecific on handle index 0, three tags."""
    return u8(0x07) + u8(0) + u8(0) + u16(0) + u16(1) + u16(3) + tags(0x0037001F, 0x0E080003, 0x0E060040)


def gps_row():
    """2.2.8.3.2: StandardPropertyRow of the three columns (PtypString, PtypInteger32, PtypTime)."""
    return u8(0x00) + utf16z("Quarterly report") + u32(48213) + u64((1391517296 + 11644473600) * 10**7)


def execute_with_failure():
    """RopGetPropertiesSpecific answered with ReturnValue ecAccessDenied (0x80070005): the failure
    response is RopId, InputHandleIndex, ReturnValue (2.2.8.3.2)."""
    req = execute_request(gps_rops(), (0x00000045,))
    resp = execute_response(u8(0x07) + u8(0) + u32(0x80070005), (0x00000045,))
    return req, resp


def execute_with_success():
    req = execute_request(gps_rops(), (0x00000045,))
    resp = execute_response(u8(0x07) + u8(0) + u32(0) + gps_row(), (0x00000045,))
    return req, resp


def execute_unsupported():
    """RopRelease (2.2.15.3) then RopId 0xC0, which [MS-OXCROPS] 2.2.2 reserves: the list stops there."""
    req = execute_request(u8(0x01) + u8(0) + u8(0) + u8(0xC0) + u8(0) + u8(0) + u8(0), (0x00000012,))
    resp = execute_response(b"", (0x00000012,))
    return req, resp


def execute_release():
    req = execute_request(u8(0x01) + u8(0) + u8(0), (0x00000045,))
    resp = execute_response(b"", (0x00000045,))
    return req, resp


def notification_wait():
    """[MS-OXCMAPIHTTP] 2.2.4.4: request Flags + empty aux; response StatusCode, ErrorCode,
    EventPending (1: an event is pending), AuxiliaryBufferSize."""
    return u32(0) + u32(0), u32(0) + u32(0) + u32(1) + u32(0)


def disconnect():
    """2.2.4.3: request AuxiliaryBufferSize; response StatusCode, ErrorCode, AuxiliaryBufferSize."""
    return u32(0), u32(0) + u32(0) + u32(0)


# ---- the session scenario ----

def session(pcap, clock, channel_for, port):
    """One MAPI session over three connections; channel_for(flow) makes a plain or TLS channel."""
    cl = Client("{E2EA6C1C-E61B-49E9-9CFB-38184F907552}")

    def exchange(ch, rtype, req_body, resp_body, ms, **kw):
        rid, req = cl.request(rtype, req_body, **{k: v for k, v in kw.items() if k in ("path", "content_type")})
        ch.send("c", req)
        clock.advance_ms(ms)
        extra = kw.get("extra", ())
        ch.send("s", response(rid, resp_body, extra, kw.get("resp_type", "application/mapi-http"),
                              kw.get("code", 0)))
        clock.advance_ms(2)

    f1 = pcapgen.TcpFlow(pcap, clock, CLIENT, SERVER, 50001, port)
    f1.handshake()
    c1 = channel_for(f1)
    # Connect: no cookie yet; the response names the session ([MS-OXCMAPIHTTP] 2.2.3.2.3)
    exchange(c1, "Connect", hexfile("tests/golden/inputs/connect_request.hex"),
             hexfile("tests/golden/inputs/connect_response.hex"), 25,
             extra=[("Set-Cookie", "MapiContext=7b6f2c1e5d4a3b29; path=/mapi/emsmdb/; secure; HttpOnly"),
                    ("Set-Cookie", "MapiSequence=1; path=/mapi/emsmdb/; secure; HttpOnly"),
                    ("Set-Cookie", "sid=5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0; path=/; secure; HttpOnly")])
    cl.cookie = "MapiContext=7b6f2c1e5d4a3b29; MapiSequence=1; sid=5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    # the demo's Execute: RopLogon, RopGetPropertiesSpecific, RopSetColumns x2, RopRelease (LZ77 + XOR)
    exchange(c1, "Execute", hexfile("captures/raw/execute_request.hex"),
             hexfile("captures/raw/execute_response.hex"), 40)
    req, resp = execute_with_success()
    exchange(c1, "Execute", req, meta(resp), 12)
    req, resp = execute_with_failure()
    exchange(c1, "Execute", req, meta(resp), 8)
    req, resp = execute_unsupported()
    exchange(c1, "Execute", req, meta(resp), 6)
    # sent with another Content-Type: found by the heuristic (path + X-RequestType)
    req, resp = execute_release()
    exchange(c1, "Execute", req, meta(resp), 5, content_type="application/octet-stream",
             resp_type="application/octet-stream")
    # a request the server refuses: X-ResponseCode 10 (Context Not Found), diagnostic text as body
    req, _ = execute_release()
    exchange(c1, "Execute", req, meta(b"The session context was not found.", code=10), 3, code=10)

    # pipelined PINGs: two requests in one segment, two responses in one segment
    f3 = pcapgen.TcpFlow(pcap, clock, CLIENT, SERVER, 50003, port)
    f3.handshake()
    c3 = channel_for(f3)
    rid1, p1 = cl.request("PING", b"")
    rid2, p2 = cl.request("PING", b"")
    c3.send("c", p1 + p2)
    clock.advance_ms(4)
    c3.send("s", response(rid1, meta(b"", 0), chunks=1) + response(rid2, meta(b"", 0), chunks=1))
    f3.close()

    # NotificationWait on its own connection: same session (same cookies)
    f2 = pcapgen.TcpFlow(pcap, clock, CLIENT, SERVER, 50002, port)
    f2.handshake()
    c2 = channel_for(f2)
    nw_req, nw_resp = notification_wait()
    rid, req = cl.request("NotificationWait", nw_req)
    c2.send("c", req)
    clock.advance_ms(300)
    body = b"PROCESSING\r\nPENDING\r\nPENDING\r\nDONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 300\r\n" \
           b"X-StartTime: " + START_TIME.encode() + b"\r\n\r\n" + nw_resp
    c2.send("s", response(rid, body, chunks=4))
    # a second NotificationWait, still waiting when the capture ends: cut before DONE
    rid, req = cl.request("NotificationWait", nw_req)
    c2.send("c", req)
    clock.advance_ms(50)
    c2.send("s", response(rid, b"PROCESSING\r\nPENDING\r\n", chunks=1))

    d_req, d_resp = disconnect()
    exchange(c1, "Disconnect", d_req, meta(d_resp), 4)
    f1.close()
    f2.close()


def write_session(outdir):
    p = pcapgen.Pcap(os.path.join(outdir, "session.pcap"))
    session(p, pcapgen.Clock(), pcapgen.PlainChannel, 8765)
    p.close()


def write_tls(outdir):
    keys = os.path.join(outdir, "tls.keys")
    if os.path.exists(keys):
        os.unlink(keys)
    cert = os.path.join(HERE, "tls", "server.pem")
    p = pcapgen.Pcap(os.path.join(outdir, "tls.pcap"))
    session(p, pcapgen.Clock(), lambda f: pcapgen.TlsChannel(f, cert, cert, keys), 443)
    p.close()


# ---- the golden cases, for the consistency test ----

def manifests():
    gold = os.path.join(ROOT, "tests", "golden")
    found = [os.path.join(gold, "MANIFEST")]
    for d, _, files in sorted(os.walk(gold)):
        found += [os.path.join(d, f) for f in sorted(files) if f.endswith(".manifest")]
    return [m for m in found if os.path.exists(m)]


def golden_cases():
    """(name, manifest dir, request type, request file or None, response file or None) for every
    manifest line that decodes a request, or a request and its response, in raw mode."""
    out = []
    for m in manifests():
        base = os.path.dirname(m)
        for line in open(m):
            if not line.strip() or line.startswith("#"):
                continue
            name, _, args = line.rstrip("\n").split("\t")
            a = shlex.split(args)
            if "--hex" not in a or "--raw-request" not in a:
                continue  # a response without its request has no HTTP exchange to stand in
            i = a.index("--raw-request")
            rtype, req = a[i + 1], os.path.join(base, a[i + 2])
            resp = None
            if "--raw-response" in a:
                j = a.index("--raw-response")
                if a[j + 1] != rtype:
                    continue
                resp = os.path.join(base, a[j + 2])
            out.append((name, rtype, req, resp))
    return out


def write_cases(outdir):
    p = pcapgen.Pcap(os.path.join(outdir, "cases.pcap"))
    clock = pcapgen.Clock()
    with open(os.path.join(outdir, "cases.tsv"), "w") as tsv:
        tsv.write("# case\trequest type\trequest body (hex file)\tresponse body (hex file or -)\n")
        for n, (name, rtype, req, resp) in enumerate(golden_cases()):
            flow = pcapgen.TcpFlow(p, clock, CLIENT, SERVER, 20000 + n, 8765)
            flow.handshake()
            # each case its own session: its own cookie, as mapidump's raw mode starts from nothing
            cl = Client("{00000000-0000-0000-0000-%012X}" % (n + 1))
            cl.cookie = "MapiContext=case%d" % n
            rid, r = cl.request(rtype, hexfile(req))
            flow.send("c", r)
            clock.advance_ms(1)
            if resp:
                flow.send("s", response(rid, hexfile(resp)))
            flow.close()
            clock.advance_ms(10)
            tsv.write("%s\t%s\t%s\t%s\n" % (name, rtype, os.path.relpath(req, ROOT),
                                            os.path.relpath(resp, ROOT) if resp else "-"))
        # damaged bodies too: problems must be reported alike (their bodies are written beside)
        rng = random.Random(7)
        bodies = all_bodies()
        ddir = os.path.join(outdir, "damaged")
        os.makedirs(ddir, exist_ok=True)
        base = len(golden_cases())
        for k in range(DAMAGED_CASES):
            n = base + k
            rtype = rng.choice(["Execute", "Execute", "Execute", "Connect", "Disconnect", "NotificationWait"])
            files = []
            for part in ("request", "response"):
                path = os.path.join(ddir, "%d.%s.hex" % (k, part))
                with open(path, "w") as f:
                    f.write(damage(rng, rng.choice(bodies)).hex())
                files.append(path)
            flow = pcapgen.TcpFlow(p, clock, CLIENT, SERVER, 20000 + n, 8765)
            flow.handshake()
            cl = Client("{00000000-0000-0000-0000-%012X}" % (n + 1))
            cl.cookie = "MapiContext=case%d" % n
            rid, r = cl.request(rtype, hexfile(files[0]))
            flow.send("c", r)
            clock.advance_ms(1)
            flow.send("s", response(rid, hexfile(files[1])))
            flow.close()
            tsv.write("damaged-%d\t%s\t%s\t%s\n" % (k, rtype, files[0], files[1]))
    p.close()


# ---- hostile input ----

def all_bodies():
    bodies = [hexfile(os.path.relpath(p, ROOT)) for p in
              [os.path.join(ROOT, "captures", "raw", f) for f in sorted(os.listdir(os.path.join(ROOT, "captures", "raw")))]
              if p.endswith(".hex")]
    for _, _, req, resp in golden_cases():
        bodies.append(hexfile(os.path.relpath(req, ROOT)))
        if resp:
            bodies.append(hexfile(os.path.relpath(resp, ROOT)))
    for make in (execute_with_success, execute_with_failure, execute_unsupported):
        bodies += list(make())
    return bodies


def damage(rng, body):
    b = bytearray(body)
    for _ in range(rng.randint(1, 4)):
        what = rng.randrange(4)
        if what == 0 and b:
            del b[rng.randrange(len(b)):]
        elif what == 1 and b:
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        elif what == 2:
            at = rng.randint(0, len(b))
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif b:
            at = rng.randrange(len(b))
            b[at:at + 4] = rng.choice([b"\xff\xff\xff\xff", b"\0\0\0\0", b"\xff\xff", b"\x7f"])
    return bytes(b)


TYPES = ["Connect", "Execute", "Disconnect", "NotificationWait", "PING", "Bind", "QueryRows", "Bogus", ""]
ODD = ["", " ", "{not-a-guid}:x", "\t12\t", "99999999999999999999", "-1", "0x10", "\u00e9t\u00e9", "a=b; c", ";;;="]


def write_robust(outdir, count=300):
    rng = random.Random(4)  # fixed: the same capture every run
    bodies = all_bodies()
    p = pcapgen.Pcap(os.path.join(outdir, "robust.pcap"))
    clock = pcapgen.Clock()
    flow = None
    for n in range(count):
        if n % 20 == 0:
            if flow:
                flow.close()
            flow = pcapgen.TcpFlow(p, clock, CLIENT, SERVER, 30000 + n, 8765)
            flow.handshake()
        cl = Client("{%08X-0000-0000-0000-000000000000}" % n)
        cl.cookie = rng.choice([None, "MapiContext=r%d" % (n % 7), "sid=%s" % rng.choice(ODD), rng.choice(ODD)])
        rtype = rng.choice(TYPES)
        rid, req = cl.request(rtype, damage(rng, rng.choice(bodies)),
                              content_type=rng.choice(["application/mapi-http", "application/octet-stream"]))
        flow.send("c", req)
        clock.advance_ms(1)
        extra = []
        if rng.random() < 0.3:
            extra.append(("Set-Cookie", rng.choice(ODD) + "; path=/"))
        body = damage(rng, rng.choice(bodies))
        if rng.random() < 0.5:
            body = meta(body, code=rng.choice([0, 0, 10, 1]))
        code = rng.choice([0, 0, 0, 2, 10])
        resp = pcapgen.http_response(200, "OK", [("Content-Type", "application/mapi-http"),
                                                 ("X-RequestId", rng.choice([rid, rid, rng.choice(ODD)])),
                                                 ("X-ResponseCode", rng.choice([str(code), rng.choice(ODD)])),
                                                 ("X-PendingPeriod", rng.choice(["15000", rng.choice(ODD)]))] + extra,
                                     body, rng.randint(1, 3))
        flow.send("s", resp)
    flow.close()
    p.close()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    write_session(outdir)
    write_tls(outdir)
    write_cases(outdir)
    write_robust(outdir)


if __name__ == "__main__":
    main()

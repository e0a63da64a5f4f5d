#!/usr/bin/env python3
"""Writes a large capture of MAPI/HTTP over TLS, with its NSS key log, for bench/run.sh.

The TLS is real (Python's ssl, i.e. OpenSSL, through memory BIOs: TLS 1.3 or 1.2 handshakes, AEAD records,
the key log written by OpenSSL); the MAPI/HTTP bodies come from the test generator's encoder (tests/gen);
TCP/IP framing is written here (Ethernet, IPv4, TCP with 1448-byte segments and acknowledgements), so that a
capture of hundreds of megabytes takes seconds and has no packet a recording tool dropped.

Usage: gen_bench.py OUT.pcap KEYLOG --mb SIZE [--tls 1.2|1.3] [--connections N] [--seed S]
"""
import argparse
import os
import random
import ssl
import struct
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "gen"))
import mapienc as M  # noqa: E402
import scenarios  # noqa: E402
from httpsim import head_bytes, chunk  # noqa: E402
from pcaprw import csum  # noqa: E402

MSS = 1448


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.t = 1714557600 * 1000000
        self.bytes = 24

    def packet(self, frame, dt=20):
        self.t += dt
        rec = struct.pack("<IIII", self.t // 1000000, self.t % 1000000, len(frame), len(frame)) + frame
        self.f.write(rec)
        self.bytes += len(rec)


class Tcp:
    """One TCP connection between two endpoints; segments and acknowledgements as a stack would send them."""

    def __init__(self, pcap, cport, ip_c=b"\x0a\x00\x00\x02", ip_s=b"\x0a\x00\x00\x01", sport=443):
        self.p = pcap
        self.ep = [(ip_c, cport), (ip_s, sport)]
        self.seq = [random.getrandbits(32), random.getrandbits(32)]
        self.ipid = 1
        self.seg(0, b"", 0x02)
        self.seq[0] += 1
        self.seg(1, b"", 0x12)
        self.seq[1] += 1
        self.seg(0, b"", 0x10)

    def seg(self, d, payload, flags=0x18):
        (sip, sp), (dip, dp) = self.ep[d], self.ep[1 - d]
        tcp = struct.pack("!HHIIBBHHH", sp, dp, self.seq[d] & 0xFFFFFFFF, self.seq[1 - d] & 0xFFFFFFFF, 0x50, flags,
                          65535, 0, 0) + payload
        tcp = tcp[:16] + struct.pack("!H", csum(sip + dip + struct.pack("!BBH", 0, 6, len(tcp)) + tcp)) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), self.ipid & 0xFFFF, 0x4000, 64, 6, 0, sip, dip)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        self.ipid += 1
        eth = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00" if d == 0 else b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00"
        self.p.packet(eth + ip + tcp)

    def send(self, d, data):
        for i in range(0, len(data), MSS):
            part = data[i:i + MSS]
            self.seg(d, part)
            self.seq[d] += len(part)
            if (i // MSS) % 2 == 1:
                self.seg(1 - d, b"", 0x10)  # delayed ACK: every second segment
        self.seg(1 - d, b"", 0x10)

    def close(self):
        self.seg(0, b"", 0x11)
        self.seq[0] += 1
        self.seg(1, b"", 0x11)
        self.seq[1] += 1
        self.seg(0, b"", 0x10)


class TlsPair:
    def __init__(self, cctx, sctx, tcp):
        self.tcp = tcp
        self.cin, self.cout, self.sin, self.sout = (ssl.MemoryBIO() for _ in range(4))
        self.c = cctx.wrap_bio(self.cin, self.cout, server_hostname=scenarios.HOST)
        self.s = sctx.wrap_bio(self.sin, self.sout, server_side=True)
        for _ in range(10):
            done = 0
            for side in (self.c, self.s):
                try:
                    side.do_handshake()
                    done += 1
                except ssl.SSLWantReadError:
                    pass
            self.pump()
            if done == 2:
                break
        self.pump()

    def pump(self):
        a = self.cout.read()
        if a:
            self.tcp.send(0, a)
            self.sin.write(a)
        b = self.sout.read()
        if b:
            self.tcp.send(1, b)
            self.cin.write(b)
        for side in (self.c, self.s):
            try:
                while side.read(1 << 20):
                    pass
            except (ssl.SSLWantReadError, ssl.SSLZeroReturnError):
                pass

    def client(self, data):
        self.c.write(data)
        self.pump()

    def server(self, data):
        self.s.write(data)
        self.pump()


def contexts(version, keylog):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    gen = os.path.join(HERE, "..", "tests", "gen")
    sctx.load_cert_chain(os.path.join(gen, "server-cert.pem"), os.path.join(gen, "server-key.pem"))
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    cctx.keylog_filename = keylog
    v = ssl.TLSVersion.TLSv1_3 if version == "1.3" else ssl.TLSVersion.TLSv1_2
    for c in (sctx, cctx):
        c.minimum_version = c.maximum_version = v
    return cctx, sctx


# property tags of the big GetPropertiesSpecific: strings, integers, times, binaries ([MS-OXPROPS])
TAGS = [0x0037001F, 0x1000001F, 0x0E080003, 0x0E060040, 0x0FF90102, 0x3001001F, 0x0C1A001F, 0x0E1B000B,
        0x00390040, 0x0E070003, 0x10F4000B, 0x300B0102, 0x0042001F, 0x0070001F, 0x1035001F, 0x0E170003]


def values(rng):
    out = []
    for t in TAGS:
        typ = t & 0xFFFF
        if typ == M.PT_UNICODE:
            out.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz ,.") for _ in range(rng.randrange(20, 400))))
        elif typ == M.PT_LONG:
            out.append(rng.getrandbits(31))
        elif typ == M.PT_SYSTIME:
            out.append(0x01DA000000000000 + rng.getrandbits(40))
        elif typ == M.PT_BOOLEAN:
            out.append(rng.random() < 0.5)
        else:
            out.append(bytes(rng.getrandbits(8) for _ in range(rng.randrange(16, 300))))
    return out


def templates(rng, n):
    """Execute exchanges: a GetPropertiesSpecific of many properties and a SetColumns, on several objects."""
    out = []
    for _ in range(n):
        k = rng.randrange(1, 4)
        rops = []
        resp = []
        for i in range(k):
            rops.append(M.rop_get_properties_specific_request(0, i, TAGS))
            resp.append(M.rop_get_properties_specific_response(i, TAGS, values(rng)))
        rops.append(M.rop_set_columns_request(0, k, TAGS[:8]))
        resp.append(M.rop_set_columns_response(k))
        handles = [0x41 + i for i in range(k + 1)]
        req = M.execute_request(rops, handles, aux=[M.aux_perf_requestid(1, 1)])
        body = M.execute_response(resp, handles)
        out.append((req, body))
    return out


def exchange(tls, sess, rtype, req_body, resp_body, rng):
    sess.n += 1
    rid = M.request_id(sess.client_guid, sess.n)
    h = [("Host", scenarios.HOST), ("Content-Type", "application/mapi-http"), ("X-RequestType", rtype),
         ("X-RequestId", rid), ("X-ClientInfo", M.request_id(sess.client_guid, 1)),
         ("X-ClientApplication", scenarios.CLIENT_APP), ("Cookie", "MapiContext=%s; MapiSequence=%d; sid=%s" %
                                                          (sess.context, sess.n, sess.sid)),
         ("Content-Length", str(len(req_body)))]
    tls.client(head_bytes("POST /mapi/emsmdb/?MailboxId=alice@contoso.com HTTP/1.1", h) + req_body)
    rh = [("Content-Type", "application/mapi-http"), ("X-RequestId", rid), ("X-ResponseCode", "0"),
          ("X-ServerApplication", scenarios.SERVER_APP), ("Transfer-Encoding", "chunked")]
    meta = M.meta_prefix(0, elapsed=3, start_time=scenarios.START_TIME)
    tls.server(head_bytes("HTTP/1.1 200 OK", rh) + chunk(b"PROCESSING\r\n"))
    tls.server(chunk(meta[len(b"PROCESSING\r\n"):] + resp_body) + b"0\r\n\r\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("pcap")
    p.add_argument("keylog")
    p.add_argument("--mb", type=float, default=100)
    p.add_argument("--tls", default="1.3")
    p.add_argument("--connections", type=int, default=4)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rng = random.Random(a.seed)
    random.seed(a.seed)
    if os.path.exists(a.keylog):
        os.remove(a.keylog)
    cctx, sctx = contexts(a.tls, a.keylog)
    pcap = Pcap(a.pcap)
    pool = templates(rng, 40)
    target = int(a.mb * 1e6)
    port = 50000
    while pcap.bytes < target:
        # a few connections at a time, their exchanges interleaved; each a session of its own
        conns = []
        for _ in range(a.connections):
            port += 1
            tcp = Tcp(pcap, port)
            conns.append((TlsPair(cctx, sctx, tcp), scenarios.Session(rng, "b"), tcp))
        for _ in range(200):
            for tls, sess, _tcp in conns:
                r = rng.random()
                if r < 0.9:
                    req, resp = rng.choice(pool)
                    exchange(tls, sess, "Execute", req, resp, rng)
                elif r < 0.95:
                    exchange(tls, sess, "PING", b"", b"", rng)
                else:
                    exchange(tls, sess, "NotificationWait", M.notification_wait_request(),
                             M.notification_wait_response(1), rng)
            if pcap.bytes >= target:
                break
        for _tls, _sess, tcp in conns:
            tcp.close()
    pcap.f.close()
    print("%s: %.1f MB" % (a.pcap, pcap.bytes / 1e6))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes classic pcap files of synthetic HTTP/1.1 conversations, with the Python standard library only:
Ethernet II / IPv4 / TCP with a real three-way handshake, sequence and acknowledgement numbers, segments
no larger than the MSS, and a FIN exchange; optionally TLS (the ssl module over memory BIOs, its keys
written to an NSS key log), so that Wireshark reassembles and decrypts the streams as it would real
traffic.

Everything is deterministic except TLS key material: timestamps come from a clock the caller advances,
sizes and segmentation depend only on the payloads. The plugin tests build their captures with this
module (make_captures.py); nothing here knows about MAPI.
"""
import ipaddress
import ssl
import struct

LINKTYPE_ETHERNET = 1
MSS = 1460


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Pcap:
    """A classic pcap file (microsecond timestamps, Ethernet)."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        self.count = 0

    def packet(self, ts_us, frame):
        self.f.write(struct.pack("<IIII", ts_us // 1000000, ts_us % 1000000, len(frame), len(frame)))
        self.f.write(frame)
        self.count += 1

    def close(self):
        self.f.close()


class Clock:
    """Capture time in microseconds; callers advance it between events."""

    def __init__(self, start_s=1391517296):  # 2014-02-04 12:34:56 UTC, the bodies' X-StartTime
        self.us = start_s * 1000000

    def advance_ms(self, ms):
        self.us += int(ms * 1000)


class TcpFlow:
    """One TCP connection between a client and a server, written packet by packet to a Pcap."""

    FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

    def __init__(self, pcap, clock, client, server, cport, sport, isn_c=1000, isn_s=5000):
        self.pcap, self.clock = pcap, clock
        self.ip = {"c": ipaddress.IPv4Address(client).packed, "s": ipaddress.IPv4Address(server).packed}
        self.mac = {"c": bytes.fromhex("020000000001"), "s": bytes.fromhex("020000000002")}
        self.port = {"c": cport, "s": sport}
        self.seq = {"c": isn_c, "s": isn_s}
        self.ip_id = {"c": 1, "s": 1}

    def _emit(self, d, flags, payload=b"", options=b""):
        o = "s" if d == "c" else "c"
        ack = self.seq[o] if flags & self.ACK else 0
        off = (20 + len(options)) // 4
        tcp = struct.pack("!HHIIBBHHH", self.port[d], self.port[o], self.seq[d] & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                          off << 4, flags, 65535, 0, 0) + options
        pseudo = self.ip[d] + self.ip[o] + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
        csum = _checksum(pseudo + tcp + payload)
        tcp = tcp[:16] + struct.pack("!H", csum) + tcp[18:]
        total = 20 + len(tcp) + len(payload)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, self.ip_id[d], 0x4000, 64, 6, 0, self.ip[d], self.ip[o])
        ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
        self.ip_id[d] += 1
        eth = self.mac[o] + self.mac[d] + b"\x08\x00"
        self.pcap.packet(self.clock.us, eth + ip + tcp + payload)
        self.seq[d] += len(payload) + (1 if flags & (self.SYN | self.FIN) else 0)

    def handshake(self):
        mss = struct.pack("!BBH", 2, 4, MSS)
        self._emit("c", self.SYN, options=mss)
        self.clock.advance_ms(0.2)
        self._emit("s", self.SYN | self.ACK, options=mss)
        self.clock.advance_ms(0.2)
        self._emit("c", self.ACK)

    def send(self, d, data):
        """Sends data from d ("c" or "s") in MSS-sized segments, PSH on the last; the peer ACKs."""
        for i in range(0, len(data), MSS):
            last = i + MSS >= len(data)
            self.clock.advance_ms(0.05)
            self._emit(d, self.ACK | (self.PSH if last else 0), data[i:i + MSS])
        self.clock.advance_ms(0.05)
        self._emit("s" if d == "c" else "c", self.ACK)

    def close(self):
        self.clock.advance_ms(0.2)
        self._emit("c", self.FIN | self.ACK)
        self._emit("s", self.FIN | self.ACK)
        self._emit("c", self.ACK)


class TlsChannel:
    """TLS over a TcpFlow: the ssl module runs both ends over memory BIOs and the records they produce
    are sent as TCP payload. The client's context writes the session keys to `keylog` (NSS format)."""

    def __init__(self, flow, certfile, keyfile, keylog):
        sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        sctx.load_cert_chain(certfile, keyfile)
        sctx.num_tickets = 0  # no NewSessionTicket records: fewer frames, stable numbering
        cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        # TLS 1.3 whatever the system's defaults: record sizes, and so frame numbers, stay the same
        sctx.minimum_version = cctx.minimum_version = ssl.TLSVersion.TLSv1_3
        cctx.check_hostname = False
        cctx.verify_mode = ssl.CERT_NONE
        cctx.keylog_filename = keylog
        self.flow = flow
        self.bio = {d: (ssl.MemoryBIO(), ssl.MemoryBIO()) for d in "cs"}  # (incoming, outgoing)
        self.end = {
            "c": cctx.wrap_bio(self.bio["c"][0], self.bio["c"][1], server_side=False),
            "s": sctx.wrap_bio(self.bio["s"][0], self.bio["s"][1], server_side=True),
        }
        self._handshake()

    def _flush(self, d):
        out = self.bio[d][1].read()
        if out:
            self.flow.send(d, out)
            self.bio["s" if d == "c" else "c"][0].write(out)

    def _handshake(self):
        done = {"c": False, "s": False}
        for _ in range(20):
            for d in "cs":
                if not done[d]:
                    try:
                        self.end[d].do_handshake()
                        done[d] = True
                    except ssl.SSLWantReadError:
                        pass
                self._flush(d)
            if all(done.values()):
                return
        raise RuntimeError("TLS handshake did not finish")

    def send(self, d, data):
        self.end[d].write(data)
        self._flush(d)
        # the peer reads what arrived, so its buffers stay empty
        peer = self.end["s" if d == "c" else "c"]
        got = b""
        while True:
            try:
                chunk = peer.read(65536)
            except ssl.SSLWantReadError:
                break
            if not chunk:
                break
            got += chunk
        return got


class PlainChannel:
    """The same interface as TlsChannel, without TLS."""

    def __init__(self, flow):
        self.flow = flow

    def send(self, d, data):
        self.flow.send(d, data)
        return data


def http_request(method, target, headers, body):
    head = "%s %s HTTP/1.1\r\n" % (method, target)
    head += "".join("%s: %s\r\n" % (k, v) for k, v in headers)
    head += "Content-Length: %d\r\n\r\n" % len(body)
    return head.encode("latin-1") + body


def http_response(status, reason, headers, body, chunks=2):
    """A response with Transfer-Encoding: chunked, the body split into `chunks` pieces."""
    head = "HTTP/1.1 %d %s\r\n" % (status, reason)
    head += "".join("%s: %s\r\n" % (k, v) for k, v in headers)
    head += "Transfer-Encoding: chunked\r\n\r\n"
    out = head.encode("latin-1")
    step = max(1, -(-len(body) // max(1, chunks)))
    for i in range(0, len(body), step):
        piece = body[i:i + step]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"

#!/usr/bin/env python3
"""Reading, rewriting and writing captures for the test corpus (classic pcap, libpcap file format; pcapng,
draft-ietf-opsawg-pcapng: SHB, IDB, EPB and the Decryption Secrets Block 0x0000000A with secrets type
0x544c534b). Rewrites make the TCP edge cases out of a recorded capture: segments split smaller, reordered,
retransmitted (identical or with different bytes), dropped, a connection's start cut off, the capture's end
cut inside a message (the last packet captured short, or its record cut as a killed capture program leaves
it); IPv4 rewritten as IPv6 (RFC 8200; documentation addresses, RFC 3849); and other link layers (Linux
cooked v1/v2, raw IP, BSD loopback, 802.1Q and QinQ tags) around the same IP packets.
IP and TCP checksums are recomputed (RFC 791, RFC 9293 3.1 with the IPv4/IPv6 pseudo-header).

Usage: pcaprw.py IN OUT OPERATION [ARG...]   (see OPERATIONS at the end)
"""
import struct
import sys

LINKTYPE_ETHERNET, LINKTYPE_NULL, LINKTYPE_RAW, LINKTYPE_SLL, LINKTYPE_SLL2 = 1, 0, 101, 113, 276


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic != 0xA1B2C3D4:
        raise ValueError("%s: not a little-endian microsecond pcap" % path)
    _, _, _, _, snaplen, linktype = struct.unpack("<HHiIII", data[4:24])
    pos, pkts = 24, []
    while pos + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[pos:pos + 16])
        pkts.append([sec, usec, data[pos + 16:pos + 16 + incl], orig])
        pos += 16 + incl
    return linktype, pkts


def write_pcap(path, linktype, pkts, torn=0):
    """`torn`: that many bytes of the last record missing from the file, its header still announcing them."""
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
    for sec, usec, data, orig in pkts:
        out += struct.pack("<IIII", sec, usec, len(data), max(orig, len(data))) + data
    with open(path, "wb") as f:
        f.write(out[:len(out) - torn])


def _block(btype, body):
    pad = (-len(body)) % 4
    total = 12 + len(body) + pad
    return struct.pack("<II", btype, total) + body + b"\0" * pad + struct.pack("<I", total)


def write_pcapng(path, linktype, pkts, keylog=None):
    """SHB, IDB, then a DSB with the key log (when given) before the first packet, then EPBs."""
    out = _block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += _block(0x00000001, struct.pack("<HHI", linktype, 0, 262144))
    if keylog is not None:
        out += _block(0x0000000A, struct.pack("<II", 0x544C534B, len(keylog)) + keylog)
    for sec, usec, data, orig in pkts:
        ts = sec * 1000000 + usec
        out += _block(0x00000006, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data),
                                              max(orig, len(data))) + data)
    with open(path, "wb") as f:
        f.write(out)


# ---- packets ----

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


class Pkt:
    """An Ethernet/IPv4-or-IPv6/TCP packet, editable and re-serialisable."""

    def __init__(self, frame):
        self.eth = frame[:14]
        et = struct.unpack("!H", frame[12:14])[0]
        ip = frame[14:]
        self.v6 = et == 0x86DD
        if self.v6:
            self.iph = bytearray(ip[:40])
            self.src, self.dst = bytes(ip[8:24]), bytes(ip[24:40])
            t = ip[40:40 + struct.unpack("!H", ip[4:6])[0]]
        else:
            hl = (ip[0] & 15) * 4
            self.iph = bytearray(ip[:hl])
            self.src, self.dst = bytes(ip[12:16]), bytes(ip[16:20])
            t = ip[hl:struct.unpack("!H", ip[2:4])[0]]
        thl = (t[12] >> 4) * 4
        self.tcph = bytearray(t[:thl])
        self.payload = bytes(t[thl:])

    sport = property(lambda s: struct.unpack("!H", s.tcph[0:2])[0])
    dport = property(lambda s: struct.unpack("!H", s.tcph[2:4])[0])
    flags = property(lambda s: s.tcph[13])

    @property
    def seq(self):
        return struct.unpack("!I", self.tcph[4:8])[0]

    @seq.setter
    def seq(self, v):
        self.tcph[4:8] = struct.pack("!I", v & 0xFFFFFFFF)

    def key(self):
        a, b = (self.src, self.sport), (self.dst, self.dport)
        return (min(a, b), max(a, b))

    def frame(self):
        t = bytearray(self.tcph) + self.payload
        t[16:18] = b"\0\0"
        if self.v6:
            pseudo = self.src + self.dst + struct.pack("!IxxxB", len(t), 6)
            ip = bytearray(self.iph)
            ip[4:6] = struct.pack("!H", len(t))
        else:
            pseudo = self.src + self.dst + struct.pack("!xBH", 6, len(t))
            ip = bytearray(self.iph)
            ip[2:4] = struct.pack("!H", len(ip) + len(t))
            ip[10:12] = b"\0\0"
            ip[10:12] = struct.pack("!H", csum(bytes(ip)))
        t[16:18] = struct.pack("!H", csum(pseudo + bytes(t)))
        return self.eth + bytes(ip) + bytes(t)


def flows(pkts):
    """Connection keys in order of appearance."""
    seen = []
    for p in pkts:
        k = Pkt(p[2]).key()
        if k not in seen:
            seen.append(k)
    return seen


def data_segments(pkts, flow=0, client=True):
    """Indexes of packets with payload in one direction of the flow-th connection (client = the SYN sender)."""
    keys = flows(pkts)
    k = keys[flow]
    out, client_ep = [], None
    for i, p in enumerate(pkts):
        q = Pkt(p[2])
        if q.key() != k:
            continue
        if client_ep is None:
            client_ep = (q.src, q.sport)
        if q.payload and ((q.src, q.sport) == client_ep) == client:
            out.append(i)
    return out


# ---- operations ----

def resegment(pkts, mss):
    out = []
    for sec, usec, data, orig in pkts:
        p = Pkt(data)
        if len(p.payload) <= mss:
            out.append([sec, usec, data, len(data)])
            continue
        pay, seq, k = p.payload, p.seq, 0
        fin = p.flags & 0x01
        for off in range(0, len(pay), mss):
            q = Pkt(data)
            q.payload = pay[off:off + mss]
            q.seq = seq + off
            if fin and off + mss < len(pay):
                q.tcph[13] &= ~0x01
            f = q.frame()
            out.append([sec, usec + k, f, len(f)])
            k += 1
    return out


def reorder(pkts, every=3):
    """Swaps neighbouring data segments of each direction of each connection, every `every`-th pair that
    was in flight together: no data from the other side between them (the other side could not have
    answered the later one before it was sent)."""
    pkts = [list(p) for p in pkts]
    keys = flows(pkts)
    for fl in range(len(keys)):
        for client in (True, False):
            idx = data_segments(pkts, fl, client)
            other = set(data_segments(pkts, fl, not client))
            j = 1
            while j < len(idx) - 1:
                a, b = idx[j], idx[j + 1]
                if not any(i in other for i in range(a, b)):
                    pkts[a][2], pkts[b][2] = pkts[b][2], pkts[a][2]
                    j += max(every, 2)  # pairs never overlap: a segment moves one place
                else:
                    j += 1
    return pkts


def retransmit(pkts, every=4, change=False):
    """Sends again every `every`-th data segment of each direction, two packets later; with `change`, the
    copy has different bytes (the first copy must win)."""
    out = [list(p) for p in pkts]
    inserts = []
    for fl in range(len(flows(pkts))):
        for client in (True, False):
            for j, i in enumerate(data_segments(pkts, fl, client)):
                if j % every == 2:
                    q = Pkt(pkts[i][2])
                    if change:
                        q.payload = bytes([q.payload[0] ^ 0xFF]) + q.payload[1:]
                    inserts.append((min(i + 2, len(pkts)), q.frame(), pkts[i]))
    for pos, frame, src in sorted(inserts, key=lambda x: -x[0]):
        out.insert(pos, [src[0], src[1], frame, len(frame)])
    return out


def pick(pkts, flow, client, nth):
    """A data segment of one direction of a connection: the nth (from the end when negative), or with "big"
    the middle segment of the run with the most bytes (inside the direction's largest message, whatever
    the scenario: the same operation fits captures not recorded yet)."""
    if nth == "big":
        run = max(_runs(pkts, flow, client), key=lambda r: sum(len(Pkt(pkts[i][2]).payload) for i in r))
        return run[len(run) // 2]
    return data_segments(pkts, flow, client)[int(nth)]


def drop(pkts, flow, client, nth):
    """Removes one data segment (see pick) of one direction of a connection."""
    i = pick(pkts, flow, client, nth)
    return pkts[:i] + pkts[i + 1:]


def _runs(pkts, flow, client):
    """Data segments of one direction grouped into runs with no data of the other direction between them:
    one run is (at least part of) one HTTP message."""
    mine, other = data_segments(pkts, flow, client), set(data_segments(pkts, flow, not client))
    runs = []
    for i in mine:
        if runs and not any(j in other for j in range(runs[-1][-1], i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def truncate_end(pkts, flow, client, nth, keep, mode):
    """Ends the capture inside one data segment: every packet after it dropped, and only its first `keep`
    payload bytes in the file; the segment is chosen by pick(). mode "snap": the record holds the
    short data, its original length the whole packet (a snapshot length); "torn": the record announces the
    whole packet but the file ends early (a capture program killed while writing). Returns (packets, number
    of bytes to leave out of the file's end)."""
    i = pick(pkts, flow, client, nth)
    sec, usec, data, orig = pkts[i]
    q = Pkt(data)
    headers = len(data) - len(q.payload)  # frames carrying data are never padded (longer than 60 bytes)
    if not 0 < keep < len(q.payload):
        raise ValueError("truncate: the segment has %d payload bytes, cannot keep %d" % (len(q.payload), keep))
    out = [list(p) for p in pkts[:i]]
    if mode == "snap":
        out.append([sec, usec, data[:headers + keep], len(data)])
        return out, 0
    if mode == "torn":
        out.append([sec, usec, data, len(data)])
        return out, len(q.payload) - keep
    raise ValueError(mode)


def to_ipv6(pkts, client_addr="2001:db8:a::10", server_addr="2001:db8:b::25"):
    """The same TCP segments over IPv6: each connection's client (the SYN sender) and server get the given
    addresses; Traffic Class from the TOS byte, Hop Limit from the TTL, Flow Label 0, no extension headers."""
    import ipaddress
    ca, sa = ipaddress.IPv6Address(client_addr).packed, ipaddress.IPv6Address(server_addr).packed
    clients = {}
    out = []
    for sec, usec, data, orig in pkts:
        q = Pkt(data)
        if q.v6:
            out.append([sec, usec, data, orig])
            continue
        clients.setdefault(q.key(), (q.src, q.sport))
        from_client = clients[q.key()] == (q.src, q.sport)
        tos, ttl = q.iph[1], q.iph[8]
        q.v6 = True
        q.iph = bytearray(struct.pack("!IHBB", (6 << 28) | (tos << 20), 0, 6, ttl)) + (ca + sa if from_client
                                                                                     else sa + ca)
        q.src, q.dst = (ca, sa) if from_client else (sa, ca)
        q.eth = q.eth[:12] + b"\x86\xdd"
        f = q.frame()
        out.append([sec, usec, f, len(f)])
    return out


def cut_start(pkts, flow, nth_client_segment):
    """Removes every packet of a connection before its client's nth data segment: a capture that starts
    in the middle of the connection."""
    keys = flows(pkts)
    start = data_segments(pkts, flow, True)[nth_client_segment]
    return [p for i, p in enumerate(pkts) if i >= start or Pkt(p[2]).key() != keys[flow]]


def scramble(pkts, flow):
    """The payload of one connection replaced by pseudo-random bytes of the same lengths: a connection that
    carries neither TLS nor HTTP."""
    import random
    rng = random.Random(flow)
    keys = flows(pkts)
    out = []
    for sec, usec, data, orig in pkts:
        q = Pkt(data)
        if q.key() == keys[flow] and q.payload:
            q.payload = bytes(rng.getrandbits(8) for _ in q.payload)
            data = q.frame()
        out.append([sec, usec, data, len(data)])
    return out


def relink(pkts, kind):
    """The same IP packets under another link layer."""
    out = []
    for sec, usec, data, orig in pkts:
        et, ip = data[12:14], data[14:]
        if kind == "sll":  # packet type 0 (to us), ARPHRD_ETHER 1, address length 6, address, protocol
            f = struct.pack("!HHH", 0, 1, 6) + data[6:12] + b"\0\0" + et + ip
        elif kind == "sll2":  # protocol, reserved, ifindex, ARPHRD_ETHER, packet type, address length, address
            f = et + b"\0\0" + struct.pack("!IHBB", 1, 1, 0, 6) + data[6:12] + b"\0\0" + ip
        elif kind == "raw":
            f = ip
        elif kind == "null":  # address family in the writer's (here little-endian) byte order
            f = struct.pack("<I", 2 if et == b"\x08\x00" else 10) + ip
        elif kind == "vlan":
            f = data[:12] + b"\x81\x00" + struct.pack("!H", 100) + et + ip
        elif kind == "qinq":
            f = data[:12] + b"\x88\xa8" + struct.pack("!H", 200) + b"\x81\x00" + struct.pack("!H", 100) + et + ip
        else:
            raise ValueError(kind)
        out.append([sec, usec, f, len(f)])
    linktype = {"sll": LINKTYPE_SLL, "sll2": LINKTYPE_SLL2, "raw": LINKTYPE_RAW, "null": LINKTYPE_NULL}.get(
        kind, LINKTYPE_ETHERNET)
    return linktype, out


OPERATIONS = """
  resegment MSS                  split TCP payloads into segments of at most MSS bytes
  reorder EVERY                  swap neighbouring data segments (every EVERY-th pair, all directions)
  retransmit EVERY [change]      send every EVERY-th data segment again (with different bytes: change)
  drop FLOW client|server NTH|big
                                 remove one data segment (NTH from the end when negative; big: the middle
                                 segment of the direction's largest message)
  cut FLOW NTH                   start the connection at its client's NTH data segment
  truncate FLOW client|server NTH|big KEEP snap|torn
                                 end the capture inside a data segment (chosen as drop's), KEEP of its payload
                                 bytes in the file; snap: the packet captured short, torn: its record cut
  chop BYTES                     leave the file's last BYTES bytes out (the last record cut short)
  ipv6 [CLIENT SERVER]           rewrite IPv4 as IPv6 (default 2001:db8:a::10 and 2001:db8:b::25)
  scramble FLOW                  replace a connection's payload with random bytes (not HTTP, not TLS)
  relink sll|sll2|raw|null|vlan|qinq
  pcapng [KEYLOG]                write pcapng, with the key log in a Decryption Secrets Block
"""

LINKS = {"sll": "Linux cooked capture v1", "sll2": "Linux cooked capture v2", "raw": "raw IP (no link layer)",
         "null": "BSD loopback", "vlan": "Ethernet with an 802.1Q tag (VLAN 100)",
         "qinq": "Ethernet with 802.1ad and 802.1Q tags (QinQ, VLANs 200 and 100)"}


def describe(op):
    """One operation (a list as given on the command line) in words, for captures/README.md."""
    name, a = op[0], op[1:]
    side = lambda d: "client's" if d == "client" else "server's"
    segment = lambda n: "data segment in the middle of its largest message" if n == "big" else "data segment " + n
    if name == "resegment":
        return "TCP payloads split into segments of at most %s bytes" % a[0]
    if name == "reorder":
        return "neighbouring data segments swapped (one pair in %s): out of order" % a[0]
    if name == "retransmit":
        return "one data segment in %s sent again%s" % (a[0], ", with different bytes (the first copy counts)"
                                                         if a[1:] == ["change"] else "")
    if name == "drop":
        return "connection %s: the %s %s lost" % (a[0], side(a[1]), segment(a[2]))
    if name == "cut":
        return "connection %s starts at its client's data segment %s (no handshake)" % (a[0], a[1])
    if name == "truncate":
        where = segment(a[2])
        how = ("the packet captured short (snapshot length)" if a[4] == "snap"
               else "the packet's record cut (a capture program killed while writing)")
        return "the capture ends inside connection %s's %s %s, %s payload bytes kept: %s" % (
            a[0], side(a[1]).replace("'s", ""), where, a[3], how)
    if name == "chop":
        return "the file's last %s bytes missing (its last packet record cut)" % a[0]
    if name == "ipv6":
        return "IPv4 rewritten as IPv6 (%s to %s)" % tuple(a[:2] or ["2001:db8:a::10", "2001:db8:b::25"])
    if name == "scramble":
        return "connection %s's payload replaced by random bytes (neither TLS nor HTTP)" % a[0]
    if name == "relink":
        return "link layer: " + LINKS[a[0]]
    if name == "pcapng":
        return "written as pcapng" + (", the key log in a Decryption Secrets Block" if a else "")
    raise ValueError(name)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__ + OPERATIONS)
    src, dst, op, rest = argv[1], argv[2], argv[3], argv[4:]
    lt, pkts = read_pcap(src)
    torn = 0
    if op == "resegment":
        pkts = resegment(pkts, int(rest[0]))
    elif op == "reorder":
        pkts = reorder(pkts, int(rest[0]))
    elif op == "retransmit":
        pkts = retransmit(pkts, int(rest[0]), change=len(rest) > 1 and rest[1] == "change")
    elif op == "drop":
        pkts = drop(pkts, int(rest[0]), rest[1] == "client", rest[2])
    elif op == "cut":
        pkts = cut_start(pkts, int(rest[0]), int(rest[1]))
    elif op == "truncate":
        pkts, torn = truncate_end(pkts, int(rest[0]), rest[1] == "client", rest[2], int(rest[3]), rest[4])
    elif op == "chop":
        torn = int(rest[0])
    elif op == "ipv6":
        pkts = to_ipv6(pkts, *rest[:2])
    elif op == "scramble":
        pkts = scramble(pkts, int(rest[0]))
    elif op == "relink":
        lt, pkts = relink(pkts, rest[0])
    elif op == "pcapng":
        keylog = open(rest[0], "rb").read() if rest else None
        write_pcapng(dst, lt, pkts, keylog)
        return
    else:
        sys.exit("pcaprw: unknown operation " + op + OPERATIONS)
    write_pcap(dst, lt, pkts, torn)


if __name__ == "__main__":
    main(sys.argv)

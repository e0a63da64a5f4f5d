#!/usr/bin/env python3
"""Seed corpora for the core decoders' fuzz harnesses (tests/fuzz/fuzz_*.c), written from the project's
test inputs in each harness's input format (docs/fuzzing.md):

  body  every golden body (tests/golden, tests/golden/nspi, tests/golden/rops, captures/raw) behind the
        selector byte of its request type and direction, as text and as JSON, and every request/response
        pair of the golden manifests as one "request then response" input; Disconnect, NotificationWait,
        PING and a failure response from the generator's encoders, which no golden case has;
  rops  the ROP buffers of the golden Execute pairs as [kind][u16 length][buffer] records: each pair
        alone, and every pair of a manifest in turn (one session through a whole ROP family);
  lz77  RPC_HEADER_EXT chains: golden ROP buffers compressed by the generator's own compressor
        (tests/gen/lz77enc.py), plus ../shared/vectors lz77 and openchange vectors when present;
  aux   auxiliary blocks from the generator's encoders (tests/gen/auxenc.py) and one AUX_HEADER per
        known (Version, Type) over zero bytes, alone and as AuxiliaryBufferSize + AuxiliaryBuffer,
        plus the openchange rgbAuxIn vectors when present.

Vectors in ../shared are read in place (never copied into the project) and skipped when absent.
Usage: make_seeds.py HARNESS OUT_DIR
"""
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(ROOT, "tests", "golden")
VECTORS = os.environ.get("MAPIHTTP_SHARED_VECTORS", os.path.join(ROOT, "..", "shared", "vectors"))
sys.path.insert(0, os.path.join(ROOT, "tests", "gen"))
import auxenc  # noqa: E402
import lz77enc  # noqa: E402
import mapienc  # noqa: E402
import test_auxenc  # noqa: E402  (its cases: every AUX block type with plausible values)

# X-RequestType values in the order of dissector/envelope/request_type.h (selector value = index)
TYPES = ["Connect", "Execute", "Disconnect", "NotificationWait", "PING", "Bind", "Unbind", "CompareMIds",
         "DNToMId", "GetMatches", "GetPropList", "GetProps", "GetSpecialTable", "GetTemplateInfo", "ModLinkAtt",
         "ModProps", "QueryColumns", "QueryRows", "ResolveNames", "ResortRestriction", "SeekEntries",
         "UpdateStat", "GetMailboxUrl", "GetAddressBookUrl"]
MANIFESTS = [os.path.join(GOLDEN, "MANIFEST"), os.path.join(GOLDEN, "nspi", "nspi.manifest")] + sorted(
    os.path.join(GOLDEN, "rops", f) for f in os.listdir(os.path.join(GOLDEN, "rops")) if f.endswith(".manifest"))
RPC_COMPRESSED, RPC_XORMAGIC, RPC_LAST = 1, 2, 4


def read_hex(path):
    return bytes.fromhex(open(path).read())


def cases():
    """Per manifest: [(name, request type, request body or None, response body or None)]."""
    out = []
    for m in MANIFESTS:
        base, family = os.path.dirname(m), []
        for line in open(m):
            if line.startswith("#") or not line.strip():
                continue
            name, _, args = line.rstrip("\n").split("\t")
            a = args.split()
            body = {}
            for flag in ("--raw-request", "--raw-response"):
                if flag in a:
                    i = a.index(flag)
                    body[flag] = (a[i + 1], read_hex(os.path.join(base, a[i + 2])))
            if not body:
                continue
            rtype = next(iter(body.values()))[0]
            family.append((name, rtype, body.get("--raw-request", (0, None))[1],
                           body.get("--raw-response", (0, None))[1]))
        out.append((os.path.splitext(os.path.basename(m))[0].lower(), family))
    return out


def write(out, name, data):
    with open(os.path.join(out, re.sub(r"[^A-Za-z0-9_.-]", "_", name)), "wb") as f:
        f.write(data)


def generated_cases():
    """Mailbox request types no golden case has, from the generator's encoders (tests/gen/mapienc.py)."""
    return [("gen-disconnect", "Disconnect", mapienc.disconnect_request(), mapienc.disconnect_response()),
            ("gen-notificationwait", "NotificationWait", mapienc.notification_wait_request(),
             mapienc.meta_prefix() + mapienc.notification_wait_response()),
            ("gen-ping", "PING", b"", b""),
            ("gen-failure", "Connect", None, mapienc.failure_response(0x00000005))]


def body_seeds(out):
    n = 0
    for _, family in cases() + [("generated", generated_cases())]:
        for name, rtype, req, resp in family:
            t = TYPES.index(rtype)
            for json in (0, 0x80):
                if req is not None:
                    write(out, "%s.req%d" % (name, json), bytes([t | json]) + req)
                if resp is not None:
                    write(out, "%s.resp%d" % (name, json), bytes([t | 0x20 | json]) + resp)
                if req is not None and resp is not None:
                    # the harness splits at (bytes 1-2) % (n - 1), n - 1 > len(req)
                    write(out, "%s.pair%d" % (name, json),
                          bytes([t | 0x60 | json]) + struct.pack("<H", len(req) % 65536) + req + resp)
                n += 3
    return n


def ext_payloads(buf):
    """The payloads of an RPC_HEADER_EXT chain, XOR undone; None for a compressed one."""
    pos, out = 0, []
    while pos + 8 <= len(buf):
        _, flags, size, _ = struct.unpack_from("<HHHH", buf, pos)
        p = buf[pos + 8:pos + 8 + size]
        if flags & RPC_XORMAGIC:
            p = mapienc.xor_a5(p)
        out.append(None if flags & RPC_COMPRESSED else p)
        pos += 8 + size
        if flags & RPC_LAST:
            break
    return out


def skip_meta(body):
    """The binary part of a response body (after the meta-tags, [MS-OXCMAPIHTTP] 2.2.7)."""
    if body.startswith((b"PROCESSING", b"PENDING", b"DONE")):
        end = body.find(b"\r\n\r\n")
        return body[end + 4:] if end >= 0 else b""
    return body


def rop_buffers(body, response):
    """The ROP buffers of an Execute body ([MS-OXCMAPIHTTP] 2.2.4.2): [] when it has none to offer."""
    if response:
        body = skip_meta(body)
        if len(body) < 16 or struct.unpack_from("<I", body)[0] != 0:
            return []
        at = 12  # StatusCode, ErrorCode, Flags
    else:
        at = 4  # Flags
    if len(body) < at + 4:
        return []
    size = struct.unpack_from("<I", body, at)[0]
    return [p for p in ext_payloads(body[at + 4:at + 4 + size]) if p is not None]


def rop_records(req, resp):
    rec = b""
    if req is not None:
        for p in rop_buffers(req, False)[:1]:
            rec += bytes([0x10]) + struct.pack("<H", len(p)) + p
    if resp is not None:
        ps = rop_buffers(resp, True)
        for i, p in enumerate(ps):
            rec += bytes([0x11 if i == len(ps) - 1 else 0x12]) + struct.pack("<H", len(p)) + p
    return rec


def rops_seeds(out):
    n = 0
    for family_name, family in cases():
        session = b""
        for name, rtype, req, resp in family:
            if rtype != "Execute":
                continue
            rec = rop_records(req, resp)
            if rec:
                write(out, name, rec)
                session += rec
                n += 1
        if session:
            write(out, "session-" + family_name, session)
            n += 1
    return n


def ext_header(flags, payload, size_actual):
    return struct.pack("<HHHH", 0, flags, len(payload), size_actual) + payload


def lz77_seeds(out):
    n = 0
    for _, family in cases():
        for name, rtype, req, resp in family:
            if rtype != "Execute" or n >= 400:
                continue
            for i, p in enumerate(rop_buffers(req, False) if req else []):
                c = lz77enc.compress(p)
                write(out, name + ".c", ext_header(RPC_COMPRESSED | RPC_LAST, c, len(p)))
                write(out, name + ".cx", ext_header(RPC_COMPRESSED | RPC_XORMAGIC | RPC_LAST, mapienc.xor_a5(c), len(p)))
                n += 2
    # long runs and every extended length form of [MS-XCA] 2.4.4 (nibble, byte, 16-bit)
    for size in (7, 25, 300, 4000):
        data = bytes([0x41]) * size
        write(out, "run%d" % size, ext_header(RPC_COMPRESSED | RPC_LAST, lz77enc.compress(data), size))
        n += 1
    d = os.path.join(VECTORS, "lz77")
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith("_compressed.hex"):
                plain = os.path.join(d, f.replace("_compressed", "_decompressed"))
                size = len(read_hex(plain)) if os.path.exists(plain) else 0
                if size and size < 65536:
                    write(out, "shared-" + f, ext_header(RPC_COMPRESSED | RPC_LAST, read_hex(os.path.join(d, f)), size))
                    n += 1
    d = os.path.join(VECTORS, "openchange")
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith("_EXTRACTED.hex"):
                write(out, "shared-" + f, read_hex(os.path.join(d, f)))
                n += 1
    return n


def aux_seeds(out):
    # every block type with plausible values: the encoder test's cases (tests/gen/test_auxenc.py)
    cases = test_auxenc.perf_cases() + test_auxenc.client_cases() + test_auxenc.server_cases()
    blocks = [c[0] for c in cases]
    # and one AUX_HEADER per (Version, Type) of [MS-OXCRPC] 2.2.2.2 over zero bytes (offsets 0 = absent)
    for version in (1, 2):
        for t in range(1, 0x1B):
            blocks.append(auxenc.aux_block(version, t, bytes(44)))
    n = 0
    for i, b in enumerate(blocks):
        write(out, "block%02d" % i, bytes([0x02]) + b)
        n += 1
    write(out, "all-blocks", bytes([0x02]) + b"".join(blocks))
    write(out, "field", bytes([0x03]) + auxenc.aux_buffer(blocks[:3]))
    write(out, "field-xor", bytes([0x03]) + auxenc.aux_buffer(blocks[:3], xor=True))
    n += 3
    d = os.path.join(VECTORS, "openchange")
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith("_rgbAuxIn_EXTRACTED.hex"):
                b = read_hex(os.path.join(d, f))
                write(out, "shared-" + f, bytes([0x03]) + struct.pack("<I", len(b)) + b)
                n += 1
    return n


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("body", "rops", "lz77", "aux"):
        sys.exit(__doc__)
    harness, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    globals()[harness + "_seeds"](out)
    print("wrote %d %s seeds to %s" % (len(os.listdir(out)), harness, out))


if __name__ == "__main__":
    main()

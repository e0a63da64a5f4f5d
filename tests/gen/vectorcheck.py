"""What the encoder checks against real bytes (test_vector_*.py) share: reading the vectors, the LZ77
decoding of their compressed ROP buffers (checked first on Samba's vector pairs and on the generator's
compressor), Execute request bodies around them ([MS-OXCMAPIHTTP] 2.2.4.2.1), and mapidump's JSON trees of
the ROP and auxiliary buffers of such a body.
"""
import json
import os
import struct
import subprocess
import tempfile

import lz77enc

SAMBA_PAIRS = ("samba_lzxpress_test", "samba_lzxpress2_nibble", "samba_lzxpress3", "samba_lzxpress4",
               "samba_lzxpress_fuzz_trailingflags")


def read_hex(path):
    with open(path) as f:
        return bytes.fromhex("".join(f.read().split()))


def check_decompressor(vectors):
    """Fails (AssertionError) unless lz77enc.decompress gives Samba's decompressed bytes and inverts
    lz77enc.compress."""
    d = os.path.join(vectors, "lz77")
    for name in SAMBA_PAIRS:
        want = read_hex(os.path.join(d, name + "_decompressed.hex"))
        got = lz77enc.decompress(read_hex(os.path.join(d, name + "_compressed.hex")), len(want))
        assert got == want, "LZ77 decoding of %s" % name
    sample = b"".join(b"row %d of the contents table, " % (i % 7) for i in range(400)) + bytes(range(256))
    assert lz77enc.decompress(lz77enc.compress(sample), len(sample)) == sample, "LZ77 round trip"


def decompressed_rop_buffer(rgb_in):
    """The ROP buffer of a vector's rgbIn: one compressed RPC_HEADER_EXT ([MS-OXCRPC] 2.2.2.1)."""
    version, flags, size, size_actual = struct.unpack_from("<HHHH", rgb_in)
    assert version == 0 and flags & 0x0001 and 8 + size == len(rgb_in), "not one compressed RPC_HEADER_EXT"
    real = lz77enc.decompress(rgb_in[8:8 + size], size_actual)
    assert len(real) == size_actual, "decompressed %d bytes, SizeActual %d" % (len(real), size_actual)
    return real


def difference(ours, real):
    """None when equal, else where and how two byte strings differ."""
    if ours == real:
        return None
    n = min(len(ours), len(real))
    at = next((i for i in range(n) if ours[i] != real[i]), n)
    return "differs at byte %d (ours %d bytes, the vector %d): ours %s, the vector %s" % (
        at, len(ours), len(real), ours[at:at + 16].hex(" "), real[at:at + 16].hex(" "))


def execute_body(rop_buffer_ext, aux_ext):
    """An Execute request body: Flags 0, RopBufferSize, RopBuffer, MaxRopOut, AuxiliaryBufferSize, ..."""
    return (struct.pack("<II", 0, len(rop_buffer_ext)) + rop_buffer_ext + struct.pack("<I", 0x40000) +
            struct.pack("<I", len(aux_ext)) + aux_ext)


def decode_execute(mapidump, body):
    """mapidump's JSON trees of the ROP buffer ("rops") and the auxiliary buffer ("aux") of an Execute
    request body, with offsets counted from the start of each buffer, so that a compressed buffer and an
    uncompressed one compare equal when their contents are."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(body)
        f.flush()
        r = subprocess.run([mapidump, "--raw-request", "Execute", f.name, "-T", "json"], capture_output=True,
                           text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError("mapidump exit status %d: %s" % (r.returncode, r.stderr))
    found = {}

    def rebase(n, origin):
        m = dict(n, children=[rebase(c, origin) for c in n.get("children", [])])
        if "offset" in m:
            m["offset"] -= origin
        return m

    def walk(n):
        if n.get("field") == "mapihttp.rop_buffer":
            found["rops"] = rebase(n, n["offset"])
        if n.get("label", "").startswith("De-obfuscated auxiliary buffer"):
            found["aux"] = rebase(n, n["offset"])
        for c in n.get("children", []):
            walk(c)
    for n in json.loads(r.stdout):
        walk(n)
    return found


def leaves(node, out=None):
    """(offset, length) of every field without children under node."""
    out = [] if out is None else out
    if not node.get("children"):
        out.append((node.get("offset"), node.get("length")))
    for c in node.get("children", []):
        leaves(c, out)
    return out

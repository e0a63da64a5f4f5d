#!/usr/bin/env python3
"""The message ROP encoders (ropenc_message.py, with mapienc.py and propenc.py) checked against real bytes:
the Execute request of OpenChange's vector 001 (Outlook 2007: RopRemoveAllRecipients, RopModifyRecipients,
RopSetProperties, RopSubmitMessage, RopGetPropertiesSpecific; ../shared/vectors/README.md lists its field
values). Given those values the encoders must give

1. the vector's decompressed ROP input buffer byte for byte ([MS-OXCROPS] 2.2.1; the vector's RopBuffer is
   one RPC_HEADER_EXT, [MS-OXCRPC] 2.2.2.1, compressed with LZ77, decompressed here by [MS-XCA] 2.4.4);
2. the vector's auxiliary buffer byte for byte (obfuscated with XOR 0xA5, [MS-OXCRPC] 3.1.7.2, not
   compressed: AUX_PERF_REQUESTID 2.2.2.2.1 and two AUX_PERF_BG_DEFMDB_SUCCESS 2.2.2.2.8);
3. an Execute request body that mapidump decodes exactly as it decodes the vector's: the same fields with
   the same values and offsets in the ROP buffer and the auxiliary buffer.

Usage: test_vector_message.py MAPIDUMP VECTORS_DIR (exit 77, saying why, when the vectors are absent)
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mapienc as M  # noqa: E402
import ropenc_message as R  # noqa: E402

VECTOR = "openchange/openchange_001_Outlook_2007_in_ModifyRecipients_comp"

# the field values of vector 001 (vectors/README.md; the X500DN of the RecipientRow is "Jkerihuel" in the
# bytes, with a capital J, where the README writes "jkerihuel")
COLUMNS = [0x0FFE0003, 0x39000003, 0x39FF001F, 0x39FE001F, 0x3A710003, 0x3A00001F, 0x5FFF0003, 0x5FDE0003,
           0x5FFD0003, 0x5FF6001F, 0x5FF70102, 0x5FDF0003]
DN = "/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=jkerihuel"


def encode_rop_buffer():
    entry_id = R.ab_entryid(DN, 0x00000000)
    values = [6, 0, "jkerihuel", "jkerihuel@openchange2003.local", 0, "jkerihuel", 0, 0, 1, "Julien Kerihuel",
              entry_id, 0]
    # AddressPrefixUsed 0x45: the first 69 characters of the DN are the prefix the row leaves out
    row = R.recipient_row(0x0651, COLUMNS, values, x500dn="Jkerihuel", address_prefix_used=0x45,
                          display_type=0x00, display_name="Julien Kerihuel", simple_display_name="jkerihuel")
    rops = [R.rop_remove_all_recipients_request(0, 0, reserved=0x00000001),
            R.rop_modify_recipients_request(0, 0, COLUMNS, [R.modify_recipient_row(0, 0x01, row)]),
            R.rop_set_properties_request(0, 0, [(0x003D001F, ""), (0x0E1D001F, "test")]),
            R.rop_submit_message_request(0, 0, 0x00),
            M.rop_get_properties_specific_request(0, 0, [0x65E20102], want_unicode=0)]
    return M.rop_buffer(rops, [0x00000045])


def encode_aux_blocks():
    def bg_defmdb_success(since, complete, request_id):
        return M.aux_block(1, 0x0C, M.u32(since) + M.u32(complete) + M.u16(request_id) + M.u16(0))
    return [M.aux_perf_requestid(1, 0x00A3), bg_defmdb_success(70, 0, 0x00A2), bg_defmdb_success(78, 78, 0x00A2)]


def lz77_decompress(data, size):
    """[MS-XCA] 2.4.4 plain LZ77 decompression, to SizeActual bytes: a 32-bit flag word (most significant
    bit first) says for each item whether it is a literal byte or a 16-bit match (offset/8 + 1, length % 8
    + 3, longer lengths in a shared nibble, a byte, then 16 or 32 bits)."""
    out = bytearray()
    i = flags = count = half = 0
    while len(out) < size:
        if count == 0:
            flags = struct.unpack_from("<I", data, i)[0]
            i, count = i + 4, 32
        count -= 1
        if not flags >> count & 1:
            out.append(data[i])
            i += 1
            continue
        token = struct.unpack_from("<H", data, i)[0]
        i += 2
        length, offset = token & 7, (token >> 3) + 1
        if length == 7:
            if half == 0:
                length, half = data[i] & 15, i
                i += 1
            else:
                length, half = data[half] >> 4, 0
            if length == 15:
                length = data[i]
                i += 1
                if length == 255:
                    length = struct.unpack_from("<H", data, i)[0]
                    i += 2
                    if length == 0:
                        length = struct.unpack_from("<I", data, i)[0]
                        i += 4
                    length -= 15 + 7
                length += 15
            length += 7
        for _ in range(length + 3):
            out.append(out[-offset])
    return bytes(out)


def read_hex(path):
    return bytes.fromhex(open(path).read())


def decode(mapidump, body):
    """mapidump's JSON trees of the ROP buffer and the auxiliary buffer of an Execute request body, their
    offsets counted from the start of each buffer."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(body)
        f.flush()
        r = subprocess.run([mapidump, "--raw-request", "Execute", f.name, "-T", "json"], capture_output=True,
                           text=True, timeout=60)
    if r.returncode != 0:
        raise SystemExit("mapidump exit status %d: %s" % (r.returncode, r.stderr))
    found = {}

    def rebase(n, origin):
        # an uncompressed buffer's offsets count from the body, a decompressed one's from its own start
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


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    mapidump, vectors = sys.argv[1], sys.argv[2]
    base = os.path.join(vectors, VECTOR)
    if not os.path.exists(base + "_rgbIn_EXTRACTED.hex"):
        print("skipped: the OpenChange vectors are not at %s (set MAPIHTTP_SHARED_VECTORS)" % vectors)
        return 77
    rgb_in, rgb_aux = read_hex(base + "_rgbIn_EXTRACTED.hex"), read_hex(base + "_rgbAuxIn_EXTRACTED.hex")
    failures = []

    version, flags, size, size_actual = struct.unpack_from("<HHHH", rgb_in)
    if (version, flags, 8 + size) != (0, M.RPC_COMPRESSED | M.RPC_LAST, len(rgb_in)):
        raise SystemExit("vector 001 is not one compressed RPC_HEADER_EXT")
    real = lz77_decompress(rgb_in[8:], size_actual)
    mine = encode_rop_buffer()
    if mine != real:
        at = next((i for i in range(min(len(mine), len(real))) if mine[i] != real[i]), min(len(mine), len(real)))
        failures.append("ROP buffer differs at byte %d (%d encoded, %d in the vector): %s / %s" % (
            at, len(mine), len(real), mine[at:at + 16].hex(), real[at:at + 16].hex()))
    # the decompressor itself is checked on the generator's own compressor's output
    if lz77_decompress(M.lz77enc.compress(mine), len(mine)) != mine:
        failures.append("LZ77 round trip of the encoded buffer failed")

    aux = M.aux_buffer(encode_aux_blocks(), xor=True)[4:]
    if aux != rgb_aux:
        failures.append("auxiliary buffer differs: %s / %s" % (aux.hex(), rgb_aux.hex()))

    # Execute request bodies ([MS-OXCMAPIHTTP] 2.2.4.2.1): the vector's RopBuffer as it is, and the
    # encoding in an uncompressed RPC_HEADER_EXT; Flags 0, MaxRopOut 0x10000 for both
    def body(rop_buffer, aux_buffer):
        return M.u32(0) + M.u32(len(rop_buffer)) + rop_buffer + M.u32(0x10000) + M.u32(len(aux_buffer)) + aux_buffer
    real_tree = decode(mapidump, body(rgb_in, rgb_aux))
    mine_tree = decode(mapidump, body(M.rpc_header_ext(mine), aux))
    for part in ("rops", "aux"):
        if part not in real_tree or part not in mine_tree:
            failures.append("mapidump shows no %s buffer" % part)
        elif real_tree[part] != mine_tree[part]:
            failures.append("mapidump decodes the %s buffers differently" % part)
    labels = json.dumps(mine_tree.get("rops"))
    for want in ("RopRemoveAllRecipients", "RopModifyRecipients", "Julien Kerihuel", DN, "RopSetProperties",
                 "RopSubmitMessage", "PidTagChangeKey"):
        if want not in labels:
            failures.append("the decoding does not show %r" % want)

    for f in failures:
        print("FAIL " + f)
    if not failures:
        print("ok   vector 001: ROP buffer (%d bytes) and auxiliary buffer (%d bytes) reproduced, decoded alike"
              % (len(mine), len(aux)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

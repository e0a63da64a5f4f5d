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
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auxenc as A  # noqa: E402
import mapienc as M  # noqa: E402
import ropenc_message as R  # noqa: E402
import vectorcheck as V  # noqa: E402

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
    return [A.aux_perf_requestid(1, 0x00A3), A.aux_perf_defmdb_success(70, 0, 0x00A2, variant="BG"),
            A.aux_perf_defmdb_success(78, 78, 0x00A2, variant="BG")]


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    mapidump, vectors = sys.argv[1], sys.argv[2]
    base = os.path.join(vectors, VECTOR)
    if not os.path.exists(base + "_rgbIn_EXTRACTED.hex"):
        print("skipped: the OpenChange vectors are not at %s (set MAPIHTTP_SHARED_VECTORS)" % vectors)
        return 77
    rgb_in, rgb_aux = V.read_hex(base + "_rgbIn_EXTRACTED.hex"), V.read_hex(base + "_rgbAuxIn_EXTRACTED.hex")
    failures = []
    V.check_decompressor(vectors)
    real = V.decompressed_rop_buffer(rgb_in)
    mine = encode_rop_buffer()
    diff = V.difference(mine, real)
    if diff:
        failures.append("ROP buffer " + diff)
    aux = A.aux_buffer(encode_aux_blocks(), xor=True)[4:]
    diff = V.difference(aux, rgb_aux)
    if diff:
        failures.append("auxiliary buffer " + diff)

    # Execute request bodies: the vector's RopBuffer as it is, and the encoding in an uncompressed
    # RPC_HEADER_EXT
    real_tree = V.decode_execute(mapidump, V.execute_body(rgb_in, rgb_aux))
    mine_tree = V.decode_execute(mapidump, V.execute_body(M.rpc_header_ext(mine), aux))
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

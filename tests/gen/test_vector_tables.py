#!/usr/bin/env python3
"""The table, folder and notification ROP encoders (ropenc_folder, restrenc, mapienc) checked against real
bytes: the ROP buffer Outlook 2007 sent in OpenChange's vector 002 ("Tables operations",
../shared/vectors/openchange, field values listed in its README). Given those field values, the encoders
must rebuild the decompressed ROP input buffer ([MS-OXCROPS] 2.2.1) byte for byte, and mapidump must decode
our encoding exactly as it decodes the vector (same fields, values, offsets and lengths in the
decompressed buffer).

The vector's RPC_HEADER_EXT payload is LZ77-compressed ([MS-OXCRPC] 3.1.4.11.1.2); vectorcheck.py
decompresses it, after checking its decoder on Samba's vector pairs and on the generator's compressor.

Usage: test_vector_tables.py --mapidump PATH --vectors DIR (exit 77 when DIR is absent)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mapienc as M  # noqa: E402
import restrenc as R  # noqa: E402
import ropenc_folder as F  # noqa: E402
import vectorcheck as V  # noqa: E402

BASE = "openchange/openchange_002_Outlook_2007_in_Tables_operations_comp"


def encode_vector_002():
    """Vector 002's ROP buffer from the field values of the vectors README."""
    columns = [0x67480014, 0x674A0014, 0x674D0014, 0x674E0003, 0x0037001F, 0x68340003, 0x68330048, 0x7006001F,
               0x683A0003, 0x70070003, 0x68410003, 0x68420102, 0x30080040]
    restriction = R.and_(
        R.property_(R.RELOP_EQ, 0x001A001F, "IPM.Microsoft.FolderDesign.NamedView"),
        R.bitmask(R.BMR_EQZ, 0x68340003, 0x00000001),
        R.property_(R.RELOP_EQ, 0x683A0003, 8),
        R.bitmask(R.BMR_NEZ, 0x68340003, 0x00000200),
        R.content(R.FL_FULLSTRING, 0x0000, 0x0037001F, "Messages"))
    assert len(restriction) == 152, "RestrictionDataSize %d, the vector has 152" % len(restriction)
    # the README elides the middle of the 18 tags; these are the vector's bytes 0x0130-0x0177
    folder_tags = [0x67490014, 0x0FF40003, 0x66720102, 0x36E5001F, 0x36E6001F, 0x3001001F, 0x36010003, 0x36020003,
                   0x36030003, 0x360A000B, 0x3613001F, 0x36160102, 0x36DE0003, 0x36DF0102, 0x36E00102, 0x36E10003,
                   0x36DA0102, 0x672D0003]
    rops = [F.get_contents_table_request(0, 0, 1, 0x02),
            M.rop_set_columns_request(0, 1, columns),
            F.find_row_request(0, 1, restriction),
            F.open_folder_request(0, 2, 3, M.fid(1, 0x335109)),  # bytes 01 00 00 00 00 33 51 09
            F.open_folder_request(0, 2, 4, M.fid(1, 0x273B)),
            F.register_notification_request(0, 2, 5, 0x0078, folder_id=M.fid(1, 0x273B)),
            M.rop_get_properties_specific_request(0, 4, folder_tags, want_unicode=1, size_limit=0)]
    return M.rop_buffer(rops, [0x75, 0xFFFFFFFF, 0x71, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--vectors", required=True)
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.vectors, "openchange")):
        print("skipped: no test vectors at %s (../shared/vectors is not part of the project)" % a.vectors)
        return 77
    V.check_decompressor(a.vectors)
    rgb_in = V.read_hex(os.path.join(a.vectors, BASE + "_rgbIn_EXTRACTED.hex"))
    aux_in = V.read_hex(os.path.join(a.vectors, BASE + "_rgbAuxIn_EXTRACTED.hex"))
    real = V.decompressed_rop_buffer(rgb_in)
    assert len(real) == 380, "vector 002's SizeActual"
    diff = V.difference(encode_vector_002(), real)
    if diff:
        print("FAIL: the encoding of vector 002 " + diff)
        return 1
    # the vector's Execute request as Outlook compressed it, and ours compressed by the generator, both
    # with the vector's auxiliary buffer
    tree_real = V.decode_execute(a.mapidump, V.execute_body(rgb_in, aux_in))["rops"]
    tree_ours = V.decode_execute(a.mapidump, V.execute_body(M.rpc_header_ext(encode_vector_002(), compress=True),
                                                            aux_in))["rops"]
    if tree_real != tree_ours:
        print("FAIL: mapidump decodes our encoding differently from vector 002")
        return 1
    covered = set()
    for off, n in V.leaves(tree_real):
        covered.update(range(off, off + (n or 0)))
    missing = sorted(set(range(len(real))) - covered)
    if missing:
        print("FAIL: mapidump shows no field for bytes %s of the decompressed buffer" % missing[:16])
        return 1
    print("ok: vector 002's %d-byte ROP buffer rebuilt byte for byte; mapidump decodes both the same" % len(real))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes the golden tests' input bodies (inputs/*.hex), each encoded field by field from the layout
in the specification section named beside it. Run it after changing an input; the .hex files are
committed so that the tests do not depend on this script.

Usage: tests/golden/make_inputs.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gen"))
# the generator's encoders of [MS-OXCRPC] 2.2.2 (RPC_HEADER_EXT, with its LZ77 compressor, and AUX blocks), shared
from auxenc import aux_buffer, aux_perf_processinfo, aux_perf_requestid, rpc_header_ext as rpc_ext  # noqa: E402


def u8(v): return struct.pack("<B", v)
def u16(v): return struct.pack("<H", v)
def u32(v): return struct.pack("<I", v)
def u64(v): return struct.pack("<Q", v)
def asciiz(s): return s.encode("latin-1") + b"\0"
def utf16z(s): return s.encode("utf-16-le") + b"\0\0"


def guid(text):
    """Registry-form GUID to wire bytes ([MS-DTYP] 2.3.4.2: Data1..Data3 little-endian)."""
    h = bytes.fromhex(text.strip("{}").replace("-", ""))
    return h[3::-1] + h[5:3:-1] + h[7:5:-1] + h[8:]


def rop_buffer(rops, handles):
    """[MS-OXCROPS] 2.2.1: RopSize counts itself and the RopsList; the handle table fills the rest."""
    return u16(2 + len(rops)) + rops + b"".join(u32(h) for h in handles)


def logon_request(flags, open_flags, essdn):
    """[MS-OXCROPS] 2.2.3.1.1 RopLogon request."""
    dn = asciiz(essdn)
    return u8(0xFE) + u8(0) + u8(0) + u8(flags) + u32(open_flags) + u32(0) + u16(len(dn)) + dn


def logon_private_response():
    """[MS-OXCROPS] 2.2.3.1.2 RopLogon success response for a private mailbox (166 bytes)."""
    fids = b"".join(u16(1) + bytes([0, 0, 0, 0, 0, 0xA1 + i]) for i in range(13))
    r = u8(0xFE) + u8(0) + u32(0) + u8(0x01) + fids + u8(0x07)
    r += guid("{11111111-2222-3333-4444-555555555555}") + u16(1) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}")
    r += bytes([56, 34, 12, 2, 4, 2]) + u16(2014)          # LogonTime: 12:34:56 Tuesday 4 Feb 2014
    r += u64((1391517296 + 11644473600) * 10**7)           # GwartTime: 2014-02-04T12:34:56Z (FILETIME)
    r += u32(0)
    assert len(r) == 166
    return r


def gps_request(index, tags):
    """[MS-OXCROPS] 2.2.8.3.1 RopGetPropertiesSpecific request."""
    return u8(0x07) + u8(0) + u8(index) + u16(0) + u16(1) + u16(len(tags)) + b"".join(u32(t) for t in tags)


def execute_request(rop_payload_ext, aux=b""):
    """[MS-OXCMAPIHTTP] 2.2.4.2.1 Execute request body."""
    return u32(0) + u32(len(rop_payload_ext)) + rop_payload_ext + u32(0x10000) + u32(len(aux)) + aux


def execute_response(rop_payload_ext, aux=b""):
    """[MS-OXCMAPIHTTP] 2.2.4.2.2 Execute success response body."""
    return u32(0) + u32(0) + u32(0) + u32(len(rop_payload_ext)) + rop_payload_ext + u32(len(aux)) + aux


META_DONE = b"PROCESSING\r\nPENDING\r\nDONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 15\r\nX-StartTime: Tue, 04 Feb 2014 12:34:56 GMT\r\n\r\n"


def cases():
    c = {}
    # Connect request and success response ([MS-OXCMAPIHTTP] 2.2.4.1.1, 2.2.4.1.2) with meta-tags.
    c["connect_request"] = asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice") + \
        u32(0) + u32(1252) + u32(0x0409) + u32(0x0409) + \
        aux_buffer([aux_perf_processinfo(1, "{0F0E0D0C-0B0A-0908-0706-050403020100}", "OUTLOOK.EXE")])
    c["connect_response"] = META_DONE + u32(0) + u32(0) + u32(60000) + u32(6) + u32(10000) + \
        asciiz("/o=Contoso/ou=Exchange Administrative Group") + utf16z("Alice Example") + u32(0)
    # Execute: RopLogon + RopGetPropertiesSpecific + RopRelease, compressed then obfuscated, with aux.
    rops = logon_request(0x01, 0x01000000, "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice")
    rops += gps_request(0, [0x0037001F, 0x0E080003, 0x3FDE0003])
    columns = [0x3001001F, 0x0E080003, 0x0037001F, 0x0E060040, 0x3001001F, 0x0E080003, 0x0037001F, 0x0E060040]
    rops += u8(0x12) + u8(0) + u8(1) + u8(0) + u16(len(columns)) + b"".join(u32(t) for t in columns)
    rops += u8(0x12) + u8(0) + u8(1) + u8(0) + u16(len(columns)) + b"".join(u32(t) for t in columns)
    rops += u8(0x01) + u8(0) + u8(1)
    c["execute_request"] = execute_request(
        rpc_ext(rop_buffer(rops, [0xFFFFFFFF, 0x00000045]), compress=True, xor=True),
        rpc_ext(aux_perf_requestid(1, 0x00A3), xor=True))
    resp = logon_private_response()
    resp += u8(0x07) + u8(0) + u32(0) + u8(0x01) + u8(0x00) + utf16z("Inbox") + u8(0x0A) + u32(0x8004010F) + \
        u8(0x00) + u32(65001)
    resp += (u8(0x12) + u8(1) + u32(0) + u8(0x00)) * 2   # RopSetColumns responses: TableStatus TBLSTAT_COMPLETE
    # the logon's new handle at index 0, the request's handle 0x45 (index 1) echoed back
    c["execute_response"] = META_DONE + execute_response(rpc_ext(rop_buffer(resp, [0x00000051, 0x00000045])))
    # NotificationWait response cut off while PENDING ([MS-OXCMAPIHTTP] 2.2.7).
    c["notificationwait_cut"] = b"PROCESSING\r\nPENDING\r\nPENDING\r\n"
    # Execute request whose ROP list reaches a RopId no version decodes: 0x28 is reserved ([MS-OXCROPS] 2.2.2).
    rops = u8(0x01) + u8(0) + u8(0) + u8(0x28) + u8(0) + u8(0) + u8(0) + u16(10)
    c["execute_unsupported_rop"] = execute_request(rpc_ext(rop_buffer(rops, [0x12])))
    return c


# The Execute pair is also the demo that README's first command decodes, so it lives in captures/raw.
DEMO = {"execute_request", "execute_response"}


def main():
    for name, data in cases().items():
        out = os.path.join(HERE, "..", "..", "captures", "raw") if name in DEMO else os.path.join(HERE, "inputs")
        os.makedirs(out, exist_ok=True)
        path = os.path.join(out, name + ".hex")
        with open(path, "w") as f:
            for i in range(0, len(data), 32):
                f.write(data[i:i + 32].hex(" ") + "\n")
        print("wrote %s (%d bytes)" % (os.path.relpath(path, os.path.join(HERE, "..", "..")), len(data)))


if __name__ == "__main__":
    main()

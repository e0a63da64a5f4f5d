"""Encoder for MAPI/HTTP bodies, written from the specifications (not from mapidump's decoder).

[MS-OXCMAPIHTTP] 2.2.4 request and response bodies (Connect 2.2.4.1, Execute 2.2.4.2, Disconnect 2.2.4.3,
NotificationWait 2.2.4.4), 2.2.6 PING, 2.2.7 meta-tags and 3.2.5.2 additional headers;
[MS-OXCRPC] 2.2.2 extended buffers (RPC_HEADER_EXT, auxiliary blocks) from auxenc.py;
[MS-OXCROPS] 2.2.1 ROP input/output buffers (RopSize counts itself and the RopsList; the
ServerObjectHandleTable follows), 2.2.3.1 RopLogon, 2.2.5.1 RopSetColumns, 2.2.8.3
RopGetPropertiesSpecific, 2.2.15.3 RopRelease; [MS-OXCDATA] 2.8.1 PropertyRow, 2.11.1 property values.
All integers are little-endian.
"""
import struct
import uuid

import propenc
# RPC_HEADER_EXT and the auxiliary blocks ([MS-OXCRPC] 2.2.2) are auxenc's; the names are kept here for callers
from auxenc import RPC_COMPRESSED, RPC_LAST, RPC_XORMAGIC, aux_buffer, rpc_header_ext, xor_a5  # noqa: F401

# property types ([MS-OXCDATA] 2.11.1)


def u8(v):
    return struct.pack("<B", v)


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def u64(v):
    return struct.pack("<Q", v)


def guid(g):
    """A GUID in its wire form (Data1..3 little-endian), from a uuid.UUID."""
    return g.bytes_le


def fid(replica_id, global_counter):
    """Folder ID / Message ID ([MS-OXCDATA] 2.2.1.1, 2.2.1.2): ReplicaId (little-endian), then the 6-byte
    GlobalCounter, most significant byte first."""
    return u16(replica_id) + global_counter.to_bytes(6, "big")


def asciiz(s):
    return s.encode("ascii") + b"\0"


def utf16z(s):
    return s.encode("utf-16-le") + b"\0\0"


# ---- ROPs ([MS-OXCROPS]) ----

def rop_logon_request(logon_id, out_index, essdn, flags=0x01, open_flags=0x01000C04):  # 2.2.3.1.1
    e = asciiz(essdn)
    return u8(0xFE) + u8(logon_id) + u8(out_index) + u8(flags) + u32(open_flags) + u32(0) + u16(len(e)) + e


def rop_logon_response_private(out_index, folder_ids, mailbox_guid, repl_guid, when):  # 2.2.3.1.2
    """`when` is (seconds, minutes, hour, day_of_week, day, month, year)."""
    s, mi, h, dow, d, mo, y = when
    b = u8(0xFE) + u8(out_index) + u32(0) + u8(0x01)
    b += b"".join(u64(f) for f in folder_ids)
    b += u8(0x03) + guid(mailbox_guid) + u16(0x0001) + guid(repl_guid)
    b += u8(s) + u8(mi) + u8(h) + u8(dow) + u8(d) + u8(mo) + u16(y)
    b += u64(0) + u32(0)  # GwartTime, StoreState
    return b


def rop_get_properties_specific_request(logon_id, in_index, tags, want_unicode=1, size_limit=0):  # 2.2.8.3.1
    return (u8(0x07) + u8(logon_id) + u8(in_index) + u16(size_limit) + u16(want_unicode) + u16(len(tags)) +
            b"".join(u32(t) for t in tags))


def rop_get_properties_specific_response(in_index, tags, values):  # 2.2.8.3.2, RowData [MS-OXCDATA] 2.8.1
    row = propenc.property_row(tags, values)
    return u8(0x07) + u8(in_index) + u32(0) + row


def rop_set_columns_request(logon_id, in_index, tags, flags=0x00):  # 2.2.5.1.1
    return u8(0x12) + u8(logon_id) + u8(in_index) + u8(flags) + u16(len(tags)) + b"".join(u32(t) for t in tags)


def rop_set_columns_response(in_index, table_status=0x00):  # 2.2.5.1.2
    return u8(0x12) + u8(in_index) + u32(0) + u8(table_status)


def rop_release_request(logon_id, in_index):  # 2.2.15.3.1 (no response)
    return u8(0x01) + u8(logon_id) + u8(in_index)


def rop_buffer(rops, handles):
    """ROP input/output buffer (2.2.1): RopSize (2 + RopsList), RopsList, ServerObjectHandleTable."""
    lst = b"".join(rops)
    return u16(2 + len(lst)) + lst + b"".join(u32(h) for h in handles)


# ---- request and response bodies ([MS-OXCMAPIHTTP] 2.2.4, 2.2.6) ----

def connect_request(user_dn, aux=(), flags=0, code_page=1252, lcid_sort=0x0409, lcid_string=0x0409):  # 2.2.4.1.1
    return asciiz(user_dn) + u32(flags) + u32(code_page) + u32(lcid_sort) + u32(lcid_string) + aux_buffer(list(aux))


def connect_response(dn_prefix, display_name, polls_max=60000, retry_count=6, retry_delay=10000,
                     aux=()):  # 2.2.4.1.2
    return (u32(0) + u32(0) + u32(polls_max) + u32(retry_count) + u32(retry_delay) + asciiz(dn_prefix) +
            utf16z(display_name) + aux_buffer(list(aux)))


def execute_request(rops, handles, aux=(), xor=False, flags=None, max_rop_out=0x40000, compress=False):  # 2.2.4.2.1
    """Flags (2.2.4.2.1.1): NoCompression 0x1 unless the exchange compresses, NoXorMagic 0x2 unless it
    obfuscates its ROP buffers; the client's request buffer is compressed or obfuscated the same way."""
    if flags is None:
        flags = (0 if compress else 0x00000001) | (0 if xor else 0x00000002)
    rb = rpc_header_ext(rop_buffer(rops, handles), xor=xor, compress=compress)
    return u32(flags) + u32(len(rb)) + rb + u32(max_rop_out) + aux_buffer(list(aux))


def execute_response(rops, handles, xor=False, flags=0, compress=False, aux=()):  # 2.2.4.2.2
    rb = rpc_header_ext(rop_buffer(rops, handles), xor=xor, compress=compress)
    return u32(0) + u32(0) + u32(flags) + u32(len(rb)) + rb + aux_buffer(list(aux))


def disconnect_request(aux=()):  # 2.2.4.3.1
    return aux_buffer(list(aux))


def disconnect_response(aux=()):  # 2.2.4.3.2
    return u32(0) + u32(0) + aux_buffer(list(aux))


def notification_wait_request(aux=()):  # 2.2.4.4.1: Flags (reserved, 0), AuxiliaryBufferSize, AuxiliaryBuffer
    return u32(0) + aux_buffer(list(aux))


def notification_wait_response(event_pending=1, aux=()):  # 2.2.4.4.2
    return u32(0) + u32(0) + u32(event_pending) + aux_buffer(list(aux))


def failure_response(status_code):  # 2.2.4.1.3 etc.: StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer
    return u32(status_code) + u32(0)


def meta_prefix(pending=0, elapsed=0, start_time="Wed, 01 May 2024 10:00:00 GMT"):
    """Response meta-tags (2.2.7) and additional headers (3.2.5.2) up to the binary body."""
    s = "PROCESSING\r\n" + "PENDING\r\n" * pending + "DONE\r\n"
    s += "X-ElapsedTime: %d\r\nX-StartTime: %s\r\n\r\n" % (elapsed, start_time)
    return s.encode("ascii")


def request_id(g, n):
    """X-RequestId / X-ClientInfo value "{GUID}:counter" (2.2.3.3.2)."""
    return "{%s}:%d" % (str(g).upper(), n)

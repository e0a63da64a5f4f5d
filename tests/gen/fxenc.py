"""FastTransfer streams ([MS-OXCFXICS] 2.2.4) as RopFastTransferSourceGetBuffer carries them.

- 2.2.4.1 lexical elements: a marker (2.2.4.1.4) is a property tag alone; a propValue is propType, propInfo
  (a property id, or for ids of 0x8000 and up a namedPropInfo: propertySet GUID, Kind 0x00 + dispid or
  Kind 0x01 + NUL-terminated UTF-16LE name) and the value: fixed-size types as [MS-OXCDATA] 2.11.1 except
  PtypBoolean, 2 bytes here (2.2.4.1.3); variable-size ones (PtypString, PtypString8, PtypBinary,
  PtypServerId, PtypObject) a 4-byte length then the bytes; multi-valued ones a 4-byte count then the
  values, each variable one with its own 4-byte length (2.2.4.1.1).
- 2.2.2 IDSETs: REPLID- and REPLGUID-based forms (2.2.2.4) whose GLOBSET is a list of commands (2.2.2.6:
  Push 0x01-0x06, Pop 0x50, Bitmask 0x42, Range 0x52, End 0x00); a Push that brings the stack to 6 bytes
  is a single GLOBCNT (2.2.2.6.1).
- 2.2.4.3 the ICS syntactic elements: folderChange (2.2.4.3.5), messageChange / messageChangeFull
  (2.2.4.3.13 / .14) with its messageChangeHeader, recipients (2.2.4.3.21) and attachments, deletions
  (2.2.4.3.7), state (2.2.4.3.24: the ICS state properties of 2.2.1.1 between IncrSyncStateBegin and
  IncrSyncStateEnd), contentsSync (2.2.4.3.2) and hierarchySync (2.2.4.3.16), both ending in IncrSyncEnd.

Python values as in propenc (strings, integers, bytes, GUIDs in registry form or uuid.UUID, lists).
"""
import struct

import propenc as P

# 2.2.4.1.4 markers
START_RECIP, END_TO_RECIP, NEW_ATTACH, END_ATTACH = 0x40030003, 0x40040003, 0x40000003, 0x400E0003
START_MESSAGE, END_MESSAGE = 0x400C0003, 0x400D0003
INCR_SYNC_CHG, INCR_SYNC_DEL, INCR_SYNC_END, INCR_SYNC_MESSAGE = 0x40120003, 0x40130003, 0x40140003, 0x40150003
INCR_SYNC_READ, INCR_SYNC_STATE_BEGIN, INCR_SYNC_STATE_END = 0x402F0003, 0x403A0003, 0x403B0003
MARKERS = {START_RECIP, END_TO_RECIP, NEW_ATTACH, END_ATTACH, START_MESSAGE, END_MESSAGE, INCR_SYNC_CHG,
           INCR_SYNC_DEL, INCR_SYNC_END, INCR_SYNC_MESSAGE, INCR_SYNC_READ, INCR_SYNC_STATE_BEGIN,
           INCR_SYNC_STATE_END, 0x40010003, 0x40020003, 0x40090003, 0x400A0003, 0x400B0003, 0x40100003,
           0x407D0003}  # + StartEmbed, EndEmbed, StartTopFld, StartSubFld, EndFolder, StartFAIMsg, IncrSyncChgPartial
# 2.2.4.1.5 meta-properties and the ICS state properties (2.2.1.1, 2.2.1.3)
META_FX_DEL_PROP = 0x40160003
META_IDSET_GIVEN = 0x40170003  # typed PtypInteger32 but carries PtypBinary data (3.1.5.2.1)
META_CNSET_SEEN, META_CNSET_SEEN_FAI, META_CNSET_READ = 0x67960102, 0x67DA0102, 0x67D20102
META_IDSET_DELETED, META_IDSET_NO_LONGER_IN_SCOPE = 0x67E50102, 0x40210102
META_IDSET_READ, META_IDSET_UNREAD = 0x402D0102, 0x402E0102

_VAR = (P.PT_UNICODE, P.PT_STRING8, P.PT_BINARY, P.PT_SVREID, P.PT_OBJECT)


def u32(v):
    return struct.pack("<I", v)


def marker(tag):
    return u32(tag)


def fixed(tag, value):
    """fixedPropValue whose value bytes are already encoded."""
    return u32(tag) + value


def string(tag, s):
    """varPropValue of PtypString: length (counting the terminating NULs), then UTF-16LE."""
    v = s.encode("utf-16-le") + b"\0\0"
    return u32(tag) + u32(len(v)) + v


def binary(tag, b):
    """varPropValue of PtypBinary: a 4-byte length, then the bytes (no 2-byte COUNT of its own)."""
    return u32(tag) + u32(len(b)) + b


def named_dispid(tag, set_guid, dispid, value):
    """namedPropInfo with Kind 0x00 (propertySet, dispid), then the value bytes, already encoded."""
    return u32(tag) + P.value(P.PT_CLSID, set_guid) + b"\x00" + u32(dispid) + value


def _value(ptype, v):
    if ptype & P.MV:
        base = ptype & ~P.MV
        return u32(len(v)) + b"".join(_value(base, x) for x in v)
    if ptype == P.PT_BOOLEAN:
        return struct.pack("<H", 1 if v else 0)
    if ptype in _VAR:
        b = P.value(ptype, v)
        if ptype in (P.PT_BINARY, P.PT_SVREID, P.PT_OBJECT):
            b = b[2:]  # propenc writes ROP buffers' 2-byte COUNT; the stream has a 4-byte length instead
        return u32(len(b)) + b
    return P.value(ptype, v)


def prop(tag, v, name=None):
    """propValue (2.2.4.1): `name` is required for ids of 0x8000 and up: (propertySet, dispid int) or
    (propertySet, name str)."""
    out = u32(tag)
    if (tag >> 16) >= 0x8000:
        pset, n = name
        out += P.value(P.PT_CLSID, pset)
        if isinstance(n, int):
            out += b"\x00" + u32(n)
        else:
            out += b"\x01" + n.encode("utf-16-le") + b"\0\0"
    return out + _value(tag & 0xFFFF, v)


def prop_list(props):
    """propList (2.2.4.3.20): (tag, value) or (tag, value, name) items."""
    return b"".join(prop(*p) for p in props)


# ---- 2.2.2 IDSETs and GLOBSETs ----

def push(b):
    return struct.pack("<B", len(b)) + b


POP, END = b"\x50", b"\x00"


def bitmask(start, mask):
    return b"\x42" + struct.pack("<BB", start, mask)


def rng(low, high):
    return b"\x52" + low + high


def globcnt(v):
    """2.2.2.5 GLOBCNT: 6 bytes, most significant first."""
    return v.to_bytes(6, "big")


def xid(set_guid, local_id):
    """2.2.2.2 XID: NamespaceGuid then LocalId (bytes, here 6: a GLOBCNT)."""
    return P.value(P.PT_CLSID, set_guid) + local_id


def globset(ranges):
    """A GLOBSET (2.2.2.6) of (low, high) GLOBCNT ranges, ascending: per range a Push of the bytes low and high
    share, a Range of the rest (or, when they are equal, a Push of all 6: a singleton), a Pop; then End."""
    out = b""
    for low, high in ranges:
        lo, hi = globcnt(low), globcnt(high)
        n = 0
        while n < 6 and lo[n] == hi[n]:
            n += 1
        if n == 6:
            out += push(lo)
            continue
        if n:
            out += push(lo[:n])
        out += rng(lo[n:], hi[n:])
        if n:
            out += POP
    return out + END


def runs(values):
    """The (low, high) runs of consecutive integers in `values`, ascending: the ranges globset() takes."""
    out = []
    for v in sorted(set(values)):
        if out and out[-1][1] == v - 1:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def idset_replguid(repl_guid, ranges):  # 2.2.2.4.2
    return P.value(P.PT_CLSID, repl_guid) + globset(ranges)


def idset_replid(replid, ranges):  # 2.2.2.4.1
    return struct.pack("<H", replid) + globset(ranges)


# ---- 2.2.4.3 ICS elements ----

def state(idset_given, cnset_seen, cnset_seen_fai=None, cnset_read=None):
    """state (2.2.4.3.24): MetaTagIdsetGiven and MetaTagCnsetSeen (hierarchy and contents), plus
    MetaTagCnsetSeenFAI and MetaTagCnsetRead for a contents synchronisation (2.2.1.1)."""
    out = marker(INCR_SYNC_STATE_BEGIN) + binary(META_IDSET_GIVEN, idset_given) + binary(META_CNSET_SEEN, cnset_seen)
    if cnset_seen_fai is not None:
        out += binary(META_CNSET_SEEN_FAI, cnset_seen_fai)
    if cnset_read is not None:
        out += binary(META_CNSET_READ, cnset_read)
    return out + marker(INCR_SYNC_STATE_END)


def folder_change(props):
    """folderChange (2.2.4.3.5): IncrSyncChg, then the folder's propList (its header properties
    PidTagParentSourceKey, PidTagSourceKey, PidTagLastModificationTime, PidTagChangeKey,
    PidTagPredecessorChangeList, PidTagDisplayName first, 3.2.5.9.1)."""
    return marker(INCR_SYNC_CHG) + prop_list(props)


def recipient(props):  # 2.2.4.3.21
    return marker(START_RECIP) + prop_list(props) + marker(END_TO_RECIP)


def attachment(props):  # 2.2.4.3.1: NewAttach, PidTagAttachNumber first, attachmentContent, EndAttach
    return marker(NEW_ATTACH) + prop_list(props) + marker(END_ATTACH)


def message_change(header, props, recipients=(), attachments=()):
    """messageChangeFull (2.2.4.3.14): IncrSyncChg messageChangeHeader IncrSyncMessage messageContent, whose
    messageChildren (2.2.4.3.19) put MetaTagFXDelProp before the recipients and before the attachments."""
    out = marker(INCR_SYNC_CHG) + prop_list(header) + marker(INCR_SYNC_MESSAGE) + prop_list(props)
    # MetaTagFXDelProp's value names PidTagMessageRecipients, then PidTagMessageAttachments
    out += fixed(META_FX_DEL_PROP, u32(0x0E12000D)) + b"".join(recipient(r) for r in recipients)
    out += fixed(META_FX_DEL_PROP, u32(0x0E13000D)) + b"".join(attachment(a) for a in attachments)
    return out


def deletions(idset_deleted):  # 2.2.4.3.7: IncrSyncDel, then MetaTagIdsetDeleted (REPLID-based)
    return marker(INCR_SYNC_DEL) + binary(META_IDSET_DELETED, idset_deleted)


def contents_sync(changes, final_state, dels=None):  # 2.2.4.3.2
    return b"".join(changes) + (dels or b"") + final_state + marker(INCR_SYNC_END)


def hierarchy_sync(changes, final_state, dels=None):  # 2.2.4.3.16
    return b"".join(changes) + (dels or b"") + final_state + marker(INCR_SYNC_END)


# ---- where a server may end a TransferBuffer ----

_FIXED_SIZE = {P.PT_SHORT: 2, P.PT_LONG: 4, P.PT_FLOAT: 4, P.PT_DOUBLE: 8, P.PT_CURRENCY: 8, P.PT_APPTIME: 8,
               P.PT_ERROR: 4, P.PT_BOOLEAN: 2, P.PT_I8: 8, P.PT_SYSTIME: 8, P.PT_CLSID: 16}


def cuts(stream):
    """Where the stream may be split between two buffers (2.2.4.1): (element boundaries, positions inside
    the bytes of a variable-size value); never inside a marker, a property tag, a named property's
    propInfo, a length, a count or a fixed-size value. Walks a stream this module wrote."""
    between, inside = {0}, set()
    i = 0
    while i < len(stream):
        tag = struct.unpack_from("<I", stream, i)[0]
        i += 4
        if tag not in MARKERS:
            ptype = P.PT_BINARY if tag == META_IDSET_GIVEN else tag & 0xFFFF
            if (tag >> 16) >= 0x8000:
                kind = stream[i + 16]
                i += 17
                if kind == 0x00:
                    i += 4
                else:
                    while stream[i:i + 2] != b"\0\0":
                        i += 2
                    i += 2
            if ptype & P.MV:
                n = struct.unpack_from("<I", stream, i)[0]
                i += 4
                for _ in range(n):
                    i = _skip_value(stream, i, ptype & ~P.MV, None)
            else:
                i = _skip_value(stream, i, ptype, inside)
        between.add(i)
    return between, inside


def _skip_value(stream, i, ptype, inside):
    if ptype in _FIXED_SIZE:
        return i + _FIXED_SIZE[ptype]
    n = struct.unpack_from("<I", stream, i)[0]
    if inside is not None:
        inside.update(range(i + 5, i + 4 + n))
    return i + 4 + n


def buffers(stream, buffer_size):
    """The TransferBuffers a server fills from `stream`: each as full as `buffer_size` allows, ending where
    the stream may be split (cuts())."""
    between, inside = cuts(stream)
    allowed = between | inside | {len(stream)}
    out, start = [], 0
    while start < len(stream):
        end = min(start + buffer_size, len(stream))
        while end not in allowed:
            end -= 1
        if end == start:
            raise ValueError("an element of the stream does not fit in %d bytes" % buffer_size)
        out.append(stream[start:end])
        start = end
    return out or [b""]


def splits_inside_value(stream, bufs):
    """Whether some buffer ends inside a variable-size value (the case a reader must reassemble)."""
    inside = cuts(stream)[1]
    pos = 0
    for b in bufs[:-1]:
        pos += len(b)
        if pos in inside:
            return True
    return False

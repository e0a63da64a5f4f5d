"""Property values as ROP buffers carry them ([MS-OXCDATA] 2.11): PropertyValue (2.11.1, the value alone,
its type given elsewhere), TaggedPropertyValue (2.11.4), TypedPropertyValue (2.11.3), FlaggedPropertyValue
(2.11.6) and the PropertyRow of a table or of RopGetPropertiesSpecific (2.8.1: StandardPropertyRow or
FlaggedPropertyRow). Property types are [MS-OXCDATA] 2.11.1 PropertyType values.

Python values: integers for the integer, time and error types (PtypTime is the FILETIME count), bool for
PtypBoolean, float for PtypFloating32/64, str for the string types, bytes for PtypBinary, a GUID in registry
form ("{...}") or uuid.UUID for PtypGuid, and lists for the multi-valued types.
"""
import struct
import uuid

PT_SHORT, PT_LONG, PT_FLOAT, PT_DOUBLE, PT_CURRENCY, PT_APPTIME = 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007
PT_ERROR, PT_BOOLEAN, PT_OBJECT, PT_I8, PT_STRING8, PT_UNICODE = 0x000A, 0x000B, 0x000D, 0x0014, 0x001E, 0x001F
PT_SYSTIME, PT_CLSID, PT_SVREID, PT_SRESTRICT, PT_ACTIONS, PT_BINARY = 0x0040, 0x0048, 0x00FB, 0x00FD, 0x00FE, 0x0102
PT_NULL, PT_UNSPECIFIED, MV = 0x0001, 0x0000, 0x1000

_FIXED = {PT_SHORT: "<h", PT_LONG: "<i", PT_FLOAT: "<f", PT_DOUBLE: "<d", PT_CURRENCY: "<q", PT_APPTIME: "<d",
          PT_ERROR: "<I", PT_I8: "<q", PT_SYSTIME: "<Q"}


def _guid(g):
    if isinstance(g, uuid.UUID):
        return g.bytes_le
    return uuid.UUID(g.strip("{}")).bytes_le


def _fixed(fmt, v):
    if fmt in ("<i", "<h", "<q") and v >= 0 and v >= 1 << (struct.calcsize(fmt) * 8 - 1):
        fmt = fmt.upper()  # an unsigned spelling of the same bits (0x8004010F as PtypErrorCode, ...)
    return struct.pack(fmt, v)


def value(ptype, v, wide=False):
    """PropertyValue (2.11.1): the value alone. Inside ROP buffers PtypBinary carries a 16-bit byte count
    and the multi-valued types a 32-bit value count (2.11.1: the COUNT widths in ROP buffers); with `wide`
    (extended rules, address book restrictions: 2.11.1.1) the byte count is 32 bits too."""
    if ptype & MV:
        base = ptype & ~MV
        return struct.pack("<I", len(v)) + b"".join(value(base, x, wide) for x in v)
    if ptype in _FIXED:
        return _fixed(_FIXED[ptype], v)
    if ptype == PT_BOOLEAN:
        return b"\x01" if v else b"\x00"
    if ptype == PT_UNICODE:
        return v.encode("utf-16-le") + b"\0\0"
    if ptype == PT_STRING8:
        return v.encode("latin-1") + b"\0"
    if ptype == PT_CLSID:
        return _guid(v)
    if ptype in (PT_BINARY, PT_SVREID, PT_OBJECT):
        return struct.pack("<I" if wide else "<H", len(v)) + v
    if ptype == PT_NULL:
        return b""
    raise ValueError("property type 0x%04X is not encoded here" % ptype)


def tagged(tag, v, wide=False):
    """TaggedPropertyValue (2.11.4): PropertyTag then PropertyValue."""
    return struct.pack("<I", tag) + value(tag & 0xFFFF, v, wide)


def typed(ptype, v, wide=False):
    """TypedPropertyValue (2.11.3): PropertyType then PropertyValue."""
    return struct.pack("<H", ptype) + value(ptype, v, wide)


def property_row(tags, values, errors=None):
    """PropertyRow (2.8.1) for the columns `tags`. Without `errors` a StandardPropertyRow (Flag 0x00, each
    value as its column's type); with `errors` (a dict column index -> error code), a FlaggedPropertyRow
    (Flag 0x01) whose values are FlaggedPropertyValues (2.11.6: 0x00 value, 0x0A error code)."""
    if not errors:
        return b"\x00" + b"".join(value(t & 0xFFFF, v) for t, v in zip(tags, values))
    out = b"\x01"
    for i, (t, v) in enumerate(zip(tags, values)):
        if i in errors:
            out += b"\x0A" + struct.pack("<I", errors[i])
        else:
            out += b"\x00" + value(t & 0xFFFF, v)
    return out

"""Restrictions ([MS-OXCDATA] 2.12) as ROP buffers carry them (RopFindRow, RopRestrict, search criteria,
RopSynchronizationConfigure): each function returns one Restriction structure, RestrictType first.

Counts that [MS-OXCDATA] makes 16 bits wide "in the context of ROPs" and 32 bits in extended rules
and address book structures (AndRestriction / OrRestriction RestrictCount, 2.12.1.1 / 2.12.2.1, and the
PtypBinary byte count of a TaggedValue, 2.11.1.1) take `wide=True` for the latter.
Values are TaggedPropertyValues (2.11.4) from propenc, so a restriction on a string column is written
with the Python string.
"""
import struct

import propenc

RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE, RELOP_RE = 0, 1, 2, 3, 4, 5, 6  # 2.12.5.1
RELOP_MEMBER_OF_DL = 0x64
BMR_EQZ, BMR_NEZ = 0x00, 0x01  # 2.12.7.1
FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX = 0x0000, 0x0001, 0x0002  # 2.12.4.1 FuzzyLevelLow
FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE = 0x0001, 0x0002, 0x0004  # FuzzyLevelHigh


def _count(n, wide):
    return struct.pack("<I" if wide else "<H", n)


def and_(*restricts, wide=False):  # 2.12.1 AndRestriction, RestrictType 0x00
    return b"\x00" + _count(len(restricts), wide) + b"".join(restricts)


def or_(*restricts, wide=False):  # 2.12.2 OrRestriction, 0x01
    return b"\x01" + _count(len(restricts), wide) + b"".join(restricts)


def not_(restriction):  # 2.12.3 NotRestriction, 0x02
    return b"\x02" + restriction


def content(fuzzy_low, fuzzy_high, tag, value, wide=False):
    """2.12.4 ContentRestriction, 0x03: FuzzyLevelLow, FuzzyLevelHigh, PropertyTag, TaggedValue (same tag)."""
    return b"\x03" + struct.pack("<HHI", fuzzy_low, fuzzy_high, tag) + propenc.tagged(tag, value, wide)


def property_(relop, tag, value, wide=False):  # 2.12.5 PropertyRestriction, 0x04: RelOp, PropTag, TaggedValue
    return b"\x04" + struct.pack("<BI", relop, tag) + propenc.tagged(tag, value, wide)


def compare_properties(relop, tag1, tag2):  # 2.12.6 ComparePropertiesRestriction, 0x05
    return b"\x05" + struct.pack("<BII", relop, tag1, tag2)


def bitmask(bitmap_relop, tag, mask):  # 2.12.7 BitMaskRestriction, 0x06: BitmapRelOp, PropTag, Mask
    return b"\x06" + struct.pack("<BII", bitmap_relop, tag, mask)


def size(relop, tag, size_):  # 2.12.8 SizeRestriction, 0x07: RelOp, PropTag, Size
    return b"\x07" + struct.pack("<BII", relop, tag, size_)


def exist(tag):  # 2.12.9 ExistRestriction, 0x08
    return b"\x08" + struct.pack("<I", tag)


def sub_object(subobject, restriction):  # 2.12.10 SubObjectRestriction, 0x09: Subobject, Restriction
    return b"\x09" + struct.pack("<I", subobject) + restriction


def comment(tagged_values, restriction=None, wide=False):
    """2.12.11 CommentRestriction, 0x0A: TaggedValuesCount (1 byte), TaggedValues ((tag, value) pairs),
    RestrictionPresent, Restriction."""
    out = b"\x0A" + struct.pack("<B", len(tagged_values)) + b"".join(propenc.tagged(t, v, wide) for t, v in tagged_values)
    return out + (b"\x01" + restriction if restriction is not None else b"\x00")


def count(n, sub_restriction):  # 2.12.12 CountRestriction, 0x0B: Count, SubRestriction
    return b"\x0B" + struct.pack("<I", n) + sub_restriction


def restriction_data(restriction):
    """RestrictionDataSize (2 bytes) then RestrictionData, as RopRestrict, RopFindRow and
    RopSynchronizationConfigure carry a restriction ([MS-OXCROPS] 2.2.5.3.1, 2.2.5.13.1, 2.2.13.1.1)."""
    return struct.pack("<H", len(restriction)) + restriction

#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.8 property ROPs ([MS-OXCPRPT] 2.2; rows and values per
[MS-OXCDATA] 2.8.1 and 2.11)."""
from ropgen import *

# 2.2.8.3.1: RopId, LogonId, InputHandleIndex, PropertySizeLimit, WantUnicode, PropertyTagCount, PropertyTags
gps = u8(0x07) + u8(0) + u8(0) + u16(0) + u16(1) + u16(4) + tags(0x0037001F, 0x0E080003, 0x0E1F000B, 0x30070040)
write_case("rop-RopGetPropertiesSpecific-request", gps)
# 2.2.8.3.2: RowData, a StandardPropertyRow (Flag 0x00) of the requested columns in order
row = u8(0x00) + utf16z("Quarterly report") + u32(48213) + u8(1) + u64((1391517296 + 11644473600) * 10**7)
write_case("rop-RopGetPropertiesSpecific-response", gps, u8(0x07) + u8(0) + u32(0) + row)
# a FlaggedPropertyRow (Flag 0x01): per value a flag 0x00 (value), 0x01 (none) or 0x0A (error code)
flagged = u8(0x01) + u8(0x00) + utf16z("Inbox") + u8(0x0A) + u32(0x8004010F) + u8(0x01) + u8(0x00) + \
    u64((1391517296 + 11644473600) * 10**7)
write_case("rop-RopGetPropertiesSpecific-response-flagged", gps, u8(0x07) + u8(0) + u32(0) + flagged)
write_case("rop-RopGetPropertiesSpecific-response-failure", gps, u8(0x07) + u8(0) + u32(0x80070005))
write_manifest("property")

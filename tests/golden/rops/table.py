#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.5 table ROPs ([MS-OXCTABL] 2.2.2)."""
from ropgen import *

COLUMNS = tags(0x3001001F, 0x0E080003, 0x0037001F, 0x0E060040)

# 2.2.5.1.1: RopId, LogonId, InputHandleIndex, SetColumnsFlags, PropertyTagCount, PropertyTags
set_columns = u8(0x12) + u8(0) + u8(0) + u8(0x00) + u16(4) + COLUMNS
write_case("rop-RopSetColumns-request", set_columns)
# 2.2.5.1.2: TableStatus after ReturnValue; 2.2.5.1.3 failure: nothing after it
write_case("rop-RopSetColumns-response", set_columns, u8(0x12) + u8(0) + u32(0) + u8(0x00))
write_case("rop-RopSetColumns-response-failure", set_columns, u8(0x12) + u8(0) + u32(0x80040102))
write_manifest("table")

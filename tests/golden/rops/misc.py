#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.15 other ROPs."""
from ropgen import *

# 2.2.15.3.1 RopRelease: RopId, LogonId, InputHandleIndex; it has no response
write_case("rop-RopRelease-request", u8(0x01) + u8(0) + u8(0))
write_manifest("misc")

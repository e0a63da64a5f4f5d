#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.15 other ROPs."""
from ropgen import *

# 2.2.15.3.1 RopRelease: RopId, LogonId, InputHandleIndex; it has no response
write_case("rop-RopRelease-request", u8(0x01) + u8(0) + u8(0))

# 2.2.15.1.1 RopBufferTooSmall: RopId (0xFF), SizeNeeded, RequestBuffers. The request asks for RopCommitStream
# and RopGetStreamSize on a stream (index 1); the server answered the first, then ran out of room: the
# unexecuted RopGetStreamSize request (5E 00 01) comes back as RequestBuffers, the last bytes of the RopsList.
request = u8(0x5D) + u8(0) + u8(1) + u8(0x5E) + u8(0) + u8(1)
write_case("rop-RopBufferTooSmall-response", request,
           u8(0x5D) + u8(1) + u32(0) + u8(0xFF) + u16(0x0200) + u8(0x5E) + u8(0) + u8(1),
           req_handles=(0x45, 0x46))

# 2.2.15.2.1 RopBackoff: RopId (0xF9), LogonId, Duration, BackoffRopCount, BackoffRopData (2.2.15.2.1.1
# BackoffRop: RopIdBackoff, Duration), AdditionalDataSize, AdditionalData
backoff = (u8(0xF9) + u8(0) + u32(5000) + u8(2) + u8(0x2C) + u32(1000) + u8(0x2D) + u32(2000)
           + u16(2) + b"\xaa\xbb")
write_case("rop-RopBackoff-response", response=backoff, resp_handles=(0x45,))
write_manifest("misc")

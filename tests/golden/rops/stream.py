#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.9 stream ROPs (field values per [MS-OXCPRPT] 2.2.14 - 2.2.27).

Handle tables: index 0 is a message (0x45), index 1 the stream opened on it (0x46), index 2 a second
stream (0x47); an OutputHandleIndex is unused (0xFFFFFFFF) in the request and gets its handle in the
response.
"""
from ropgen import *

MSG, STREAM, STREAM2, NONE = 0x45, 0x46, 0x47, 0xFFFFFFFF
ON_STREAM = (MSG, STREAM)
ON_TWO = (MSG, STREAM, STREAM2)

# --- 2.2.9.1 RopOpenStream ---
# 2.2.9.1.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, PropertyTag, OpenModeFlags
# (PidTagBody 0x1000001F; OpenModeFlags 0x01 ReadWrite, [MS-OXCPRPT] 2.2.14.1)
open_stream = u8(0x2B) + u8(0) + u8(0) + u8(1) + u32(0x1000001F) + u8(0x01)
write_case("rop-RopOpenStream-request", open_stream, req_handles=(MSG, NONE))
# 2.2.9.1.2 success: RopId, OutputHandleIndex, ReturnValue, StreamSize
write_case("rop-RopOpenStream-response", open_stream, u8(0x2B) + u8(1) + u32(0) + u32(1234),
           req_handles=(MSG, NONE), resp_handles=ON_STREAM)
# 2.2.9.1.3 failure: nothing after ReturnValue (ecNotFound: the property does not exist)
write_case("rop-RopOpenStream-response-failure", open_stream, u8(0x2B) + u8(1) + u32(0x8004010F),
           req_handles=(MSG, NONE), resp_handles=(MSG, NONE))

# --- 2.2.9.2 RopReadStream ---
# 2.2.9.2.1: RopId, LogonId, InputHandleIndex, ByteCount (no MaximumByteCount unless ByteCount is 0xBABE)
read_stream = u8(0x2C) + u8(0) + u8(1) + u16(0x1000)
write_case("rop-RopReadStream-request", read_stream, req_handles=ON_STREAM)
read_babe = u8(0x2C) + u8(0) + u8(1) + u16(0xBABE) + u32(0x00010000)
write_case("rop-RopReadStream-request-maximum-byte-count", read_babe, req_handles=ON_STREAM)
# 2.2.9.2.2: RopId, InputHandleIndex, ReturnValue, DataSize, Data
write_case("rop-RopReadStream-response", read_stream, u8(0x2C) + u8(1) + u32(0) + u16(5) + b"Hello",
           req_handles=ON_STREAM)
# the same single response buffer when ReturnValue is an error (StorageAccessDenied), here with no data
write_case("rop-RopReadStream-response-failure", read_stream, u8(0x2C) + u8(1) + u32(0x80030005) + u16(0),
           req_handles=ON_STREAM)

# --- 2.2.9.3 RopWriteStream ---
# 2.2.9.3.1: RopId, LogonId, InputHandleIndex, DataSize, Data
write_stream = u8(0x2D) + u8(0) + u8(1) + u16(3) + b"abc"
write_case("rop-RopWriteStream-request", write_stream, req_handles=ON_STREAM)
# 2.2.9.3.2: RopId, InputHandleIndex, ReturnValue, WrittenSize (2 bytes)
write_case("rop-RopWriteStream-response", write_stream, u8(0x2D) + u8(1) + u32(0) + u16(3), req_handles=ON_STREAM)
# a short write: ecTooBig with the bytes written so far
write_case("rop-RopWriteStream-response-failure", write_stream, u8(0x2D) + u8(1) + u32(0x80040305) + u16(2),
           req_handles=ON_STREAM)

# --- 2.2.9.4 RopWriteStreamExtended (0xA3) ---
# 2.2.9.4.1: RopId, LogonId, InputHandleIndex, DataSize, Data
write_ext = u8(0xA3) + u8(0) + u8(1) + u16(4) + b"wxyz"
write_case("rop-RopWriteStreamExtended-request", write_ext, req_handles=ON_STREAM)
# 2.2.9.4.2: RopId, InputHandleIndex, ReturnValue, WrittenSize (4 bytes)
write_case("rop-RopWriteStreamExtended-response", write_ext, u8(0xA3) + u8(1) + u32(0) + u32(4),
           req_handles=ON_STREAM)

# --- 2.2.9.5 RopCommitStream ---
# 2.2.9.5.1: RopId, LogonId, InputHandleIndex; 2.2.9.5.2: RopId, InputHandleIndex, ReturnValue
commit = u8(0x5D) + u8(0) + u8(1)
write_case("rop-RopCommitStream-request", commit, req_handles=ON_STREAM)
write_case("rop-RopCommitStream-response", commit, u8(0x5D) + u8(1) + u32(0), req_handles=ON_STREAM)

# --- 2.2.9.6 RopGetStreamSize ---
# 2.2.9.6.1: RopId, LogonId, InputHandleIndex; 2.2.9.6.2 success: StreamSize (4 bytes)
get_size = u8(0x5E) + u8(0) + u8(1)
write_case("rop-RopGetStreamSize-request", get_size, req_handles=ON_STREAM)
write_case("rop-RopGetStreamSize-response", get_size, u8(0x5E) + u8(1) + u32(0) + u32(42), req_handles=ON_STREAM)
# 2.2.9.6.3 failure: nothing after ReturnValue
write_case("rop-RopGetStreamSize-response-failure", get_size, u8(0x5E) + u8(1) + u32(0x80004005),
           req_handles=ON_STREAM)

# --- 2.2.9.7 RopSetStreamSize ---
# 2.2.9.7.1: RopId, LogonId, InputHandleIndex, StreamSize (8 bytes); 2.2.9.7.2: header only
set_size = u8(0x2F) + u8(0) + u8(1) + u64(100)
write_case("rop-RopSetStreamSize-request", set_size, req_handles=ON_STREAM)
write_case("rop-RopSetStreamSize-response", set_size, u8(0x2F) + u8(1) + u32(0), req_handles=ON_STREAM)

# --- 2.2.9.8 RopSeekStream ---
# 2.2.9.8.1: RopId, LogonId, InputHandleIndex, Origin (0x01 Current, [MS-OXCPRPT] 2.2.21.1), Offset (-2)
seek = u8(0x2E) + u8(0) + u8(1) + u8(0x01) + struct.pack("<q", -2)
write_case("rop-RopSeekStream-request", seek, req_handles=ON_STREAM)
# 2.2.9.8.2 success: NewPosition (8 bytes)
write_case("rop-RopSeekStream-response", seek, u8(0x2E) + u8(1) + u32(0) + u64(40), req_handles=ON_STREAM)
# 2.2.9.8.3 failure: nothing after ReturnValue (StorageInvalidParameter, [MS-OXCPRPT] 3.2.5.18)
write_case("rop-RopSeekStream-response-failure", seek, u8(0x2E) + u8(1) + u32(0x80030057), req_handles=ON_STREAM)

# --- 2.2.9.9 RopCopyToStream ---
# 2.2.9.9.1: RopId, LogonId, SourceHandleIndex, DestHandleIndex, ByteCount (8 bytes)
copy = u8(0x3A) + u8(0) + u8(1) + u8(2) + u64(1000)
write_case("rop-RopCopyToStream-request", copy, req_handles=ON_TWO)
# 2.2.9.9.2: RopId, SourceHandleIndex, ReturnValue, ReadByteCount, WrittenByteCount
write_case("rop-RopCopyToStream-response", copy, u8(0x3A) + u8(1) + u32(0) + u64(1000) + u64(1000),
           req_handles=ON_TWO)
# 2.2.9.9.2 again for another error: ReturnValue is "a value other than 0x00000503", counts follow
write_case("rop-RopCopyToStream-response-failure", copy, u8(0x3A) + u8(1) + u32(0x80004005) + u64(0) + u64(0),
           req_handles=ON_TWO)
# 2.2.9.9.3 null destination: ReturnValue ecDstNullObject, DestHandleIndex (4 bytes), ReadByteCount,
# WrittenByteCount
write_case("rop-RopCopyToStream-response-null-destination", copy,
           u8(0x3A) + u8(1) + u32(0x00000503) + u32(2) + u64(0) + u64(0), req_handles=ON_TWO)

# --- 2.2.9.10 RopLockRegionStream ---
# 2.2.9.10.1: RopId, LogonId, InputHandleIndex, RegionOffset, RegionSize, LockFlags; 2.2.9.10.2: header
lock = u8(0x5B) + u8(0) + u8(1) + u64(0) + u64(100) + u32(0x00000001)
write_case("rop-RopLockRegionStream-request", lock, req_handles=ON_STREAM)
write_case("rop-RopLockRegionStream-response", lock, u8(0x5B) + u8(1) + u32(0), req_handles=ON_STREAM)

# --- 2.2.9.11 RopUnlockRegionStream --- (same fields, [MS-OXCPRPT] 2.2.25.1: LockFlags as when locking)
unlock = u8(0x5C) + u8(0) + u8(1) + u64(0) + u64(100) + u32(0x00000001)
write_case("rop-RopUnlockRegionStream-request", unlock, req_handles=ON_STREAM)
write_case("rop-RopUnlockRegionStream-response", unlock, u8(0x5C) + u8(1) + u32(0), req_handles=ON_STREAM)

# --- 2.2.9.12 RopWriteAndCommitStream ---
# 2.2.9.12.1: RopId, LogonId, InputHandleIndex, DataSize, Data; 2.2.9.12.2: WrittenSize (2 bytes)
wac = u8(0x90) + u8(0) + u8(1) + u16(2) + b"hi"
write_case("rop-RopWriteAndCommitStream-request", wac, req_handles=ON_STREAM)
write_case("rop-RopWriteAndCommitStream-response", wac, u8(0x90) + u8(1) + u32(0) + u16(2), req_handles=ON_STREAM)

# --- 2.2.9.13 RopCloneStream ---
# 2.2.9.13.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex
clone = u8(0x3B) + u8(0) + u8(1) + u8(2)
write_case("rop-RopCloneStream-request", clone, req_handles=(MSG, STREAM, NONE))
# 2.2.9.13.2: RopId, OutputHandleIndex, ReturnValue
write_case("rop-RopCloneStream-response", clone, u8(0x3B) + u8(2) + u32(0), req_handles=(MSG, STREAM, NONE),
           resp_handles=ON_TWO)
write_case("rop-RopCloneStream-response-failure", clone, u8(0x3B) + u8(2) + u32(0x80040102),
           req_handles=(MSG, STREAM, NONE), resp_handles=(MSG, STREAM, NONE))

# --- a stream's life in one Execute: opened on a message, read, released (the handle notes say what each
# index refers to once RopOpenStream succeeded) ---
life = open_stream + read_stream + u8(0x01) + u8(0) + u8(1)
write_case("rop-RopOpenStream-response-then-read", life,
           u8(0x2B) + u8(1) + u32(0) + u32(5) + u8(0x2C) + u8(1) + u32(0) + u16(5) + b"Hello",
           req_handles=(MSG, NONE), resp_handles=ON_STREAM)
write_manifest("stream")

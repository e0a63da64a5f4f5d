#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.12 FastTransfer ROPs and 2.2.13 ICS ROPs (field values per
[MS-OXCFXICS] 2.2.3.1 and 2.2.3.2), with FastTransfer streams encoded from [MS-OXCFXICS] 2.2.4.1 and IDSETs
from 2.2.2.4 / 2.2.2.6.

A response whose stream needs its transfer context is given a request that creates the context first
(e.g. RopFastTransferSourceCopyTo then RopFastTransferSourceGetBuffer): the response's
ServerObjectHandleTable gives the new context's handle, and the GetBuffer response then starts its
stream."""
from ropgen import *

GUID_A = "{11111111-2222-3333-4444-555555555555}"
GUID_B = "{66666666-7777-8888-9999-AAAAAAAAAAAA}"
PSETID_COMMON = "{00062008-0000-0000-C000-000000000046}"

# [MS-OXCFXICS] 2.2.4.1 lexical elements (markers, fixed and variable propValues, named properties) and
# 2.2.2.6 GLOBSET commands / 2.2.2.2 XIDs: the capture generator's FastTransfer encoder (tests/gen/fxenc.py)
from fxenc import (START_RECIP, END_TO_RECIP, NEW_ATTACH, END_ATTACH, START_MESSAGE, END_MESSAGE,  # noqa: E402
                   INCR_SYNC_DEL, INCR_SYNC_STATE_BEGIN, INCR_SYNC_STATE_END, INCR_SYNC_END, marker, fixed,
                   string, binary, named_dispid, push, POP, END, bitmask, rng, xid)


# ---- 2.2.12 FastTransfer ROPs ----------------------------------------------------------------------
# 2.2.12.1.1: RopId 0x53, LogonId, InputHandleIndex, OutputHandleIndex, SourceOperation, CopyFlags
dest_configure = u8(0x53) + u8(0) + u8(0) + u8(1) + u8(0x03) + u8(0x01)  # CopyMessages, Move
write_case("rop-RopFastTransferDestinationConfigure-request", dest_configure, req_handles=(0x45, 0xFFFFFFFF))
# 2.2.12.1.2: RopId, OutputHandleIndex, ReturnValue
write_case("rop-RopFastTransferDestinationConfigure-response", dest_configure, u8(0x53) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x77))
write_case("rop-RopFastTransferDestinationConfigure-response-failure", dest_configure, u8(0x53) + u8(1) + u32(0x80070005),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xFFFFFFFF))

# An uploaded message (2.2.4.3 messageList: StartMessage message EndMessage), sent in the request that
# configures its context, so it starts the stream.
UPLOAD = marker(START_MESSAGE) + string(0x0037001F, "Up") + fixed(0x0E1F000B, u16(1)) + marker(END_MESSAGE)


def put_buffer(rop_id, data):
    """2.2.12.2.1 / 2.2.12.3.1: RopId, LogonId, InputHandleIndex, TransferDataSize (2 bytes, also for the
    Extended form per [MS-OXCFXICS] 2.2.3.1.2.3.1), TransferData"""
    return u8(rop_id) + u8(0) + u8(1) + u16(len(data)) + data


def put_buffer_response(used, rv=0):
    """2.2.12.2.2: TransferStatus, InProgressCount (2), TotalStepCount (2), Reserved, BufferUsedSize,
    present whatever the ReturnValue"""
    return u8(0x54) + u8(1) + u32(rv) + u16(0x0001) + u16(0) + u16(1) + u8(0) + u16(used)


def put_buffer_ext_response(used, rv=0):
    """2.2.12.3.2: as 2.2.12.2.2 with 4-byte InProgressCount and TotalStepCount"""
    return u8(0x9D) + u8(1) + u32(rv) + u16(0x0001) + u32(0) + u32(1) + u8(0) + u16(used)


configure_resp = u8(0x53) + u8(1) + u32(0)
for rop_id, name, resp in ((0x54, "RopFastTransferDestinationPutBuffer", put_buffer_response),
                           (0x9D, "RopFastTransferDestinationPutBufferExtended", put_buffer_ext_response)):
    req = dest_configure + put_buffer(rop_id, UPLOAD)
    write_case("rop-%s-request" % name, req, req_handles=(0x45, 0xFFFFFFFF))
    write_case("rop-%s-response" % name, req, configure_resp + resp(len(UPLOAD)),
               req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x77))
    # a failure still carries the fields: here the server used none of the buffer
    write_case("rop-%s-response-failure" % name, req, configure_resp + resp(0, 0x80040115),
               req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x77))
# a buffer for a context opened before the capture: its stream's start was not seen
write_case("rop-RopFastTransferDestinationPutBuffer-request-missing-context", put_buffer(0x54, UPLOAD),
           req_handles=(0x45, 0x77), status=1)

# 2.2.12.4.1: RopId, LogonId, InputHandleIndex, BufferSize, MaximumBufferSize (only with BufferSize 0xBABE)
get_buffer_babe = u8(0x4E) + u8(0) + u8(1) + u16(0xBABE) + u16(0x7FF0)
get_buffer = u8(0x4E) + u8(0) + u8(1) + u16(15480)
write_case("rop-RopFastTransferSourceGetBuffer-request", get_buffer_babe, req_handles=(0x45, 0x99))
write_case("rop-RopFastTransferSourceGetBuffer-request-buffer-size", get_buffer, req_handles=(0x45, 0x99))


def get_buffer_response(status, data, rv=0):
    """2.2.12.4.2: TransferStatus, InProgressCount, TotalStepCount, Reserved, TransferBufferSize,
    TransferBuffer"""
    return u8(0x4E) + u8(1) + u32(rv) + u16(status) + u16(1) + u16(1) + u8(0) + u16(len(data)) + data


# 2.2.12.7.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, Level, CopyFlags (4 bytes),
# SendOptions, PropertyTagCount, PropertyTags (the properties to exclude)
copy_to = u8(0x4D) + u8(0) + u8(0) + u8(1) + u8(0) + u32(0x00002000) + u8(0x01) + u16(1) + tags(0x0E080003)
copy_to_resp = u8(0x4D) + u8(1) + u32(0)

# A message's content (2.2.4.3 messageContent: propList, then recipients and attachments)
MESSAGE = (string(0x0037001F, "Hi")                               # PidTagSubject
           + fixed(0x00170003, u32(1))                            # PidTagImportance
           + fixed(0x0E1F000B, u16(1))                            # PidTagRtfInSync: 2 bytes (2.2.4.1.3)
           + named_dispid(0x8001001F, PSETID_COMMON, 0x8580,       # PidLidInternetAccountName
                          u32(10) + utf16z("acct"))
           + fixed(0x68531003, u32(2) + u32(1) + u32(2))          # PidTagScheduleInfoMonthsBusy: count, values
           + u32(0x36D81102) + u32(2) + u32(2) + b"\xab\xcd" + u32(0)  # PidTagAdditionalRenEntryIds
           + marker(START_RECIP) + string(0x3001001F, "Bob") + marker(END_TO_RECIP)
           + marker(NEW_ATTACH) + fixed(0x0E210003, u32(0)) + binary(0x37010102, b"\x01\x02\x03")
           + marker(END_ATTACH))
write_case("rop-RopFastTransferSourceGetBuffer-response", copy_to + get_buffer,
           copy_to_resp + get_buffer_response(0x0003, MESSAGE), req_handles=(0x45, 0xFFFFFFFF),
           resp_handles=(0x45, 0x99))
# the same stream in two buffers of one response, split inside PidTagSubject's value: the value is
# decoded in the second buffer, from a reassembled copy
split = 9
write_case("rop-RopFastTransferSourceGetBuffer-response-split", copy_to + get_buffer + get_buffer,
           copy_to_resp + get_buffer_response(0x0001, MESSAGE[:split]) + get_buffer_response(0x0003, MESSAGE[split:]),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x99))
# ecServerBusy: TransferBufferSize 0, no TransferBuffer, then BackoffTime
write_case("rop-RopFastTransferSourceGetBuffer-response-server-busy", get_buffer,
           u8(0x4E) + u8(1) + u32(0x00000480) + u16(0x0000) + u16(0) + u16(0) + u8(0) + u16(0) + u32(500),
           req_handles=(0x45, 0x99))
# another failure: TransferStatus Error, the fields are still there
write_case("rop-RopFastTransferSourceGetBuffer-response-failure", get_buffer,
           get_buffer_response(0x0000, b"", 0x8004010F), req_handles=(0x45, 0x99))
# a download context opened before the capture started: the stream is shown raw
write_case("rop-RopFastTransferSourceGetBuffer-response-missing-context", get_buffer,
           get_buffer_response(0x0001, MESSAGE), req_handles=(0x45, 0x99), status=1)

# ICS download (RopSynchronizationConfigure, then GetBuffer): deletions with a REPLID-based IDSET and
# the final state with REPLGUID-based ones (2.2.1.1, 2.2.1.3)
# 2.2.13.1.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, SynchronizationType, SendOptions,
# SynchronizationFlags, RestrictionDataSize, RestrictionData, SynchronizationExtraFlags,
# PropertyTagCount, PropertyTags
sync_configure = u8(0x70) + u8(0) + u8(0) + u8(1) + u8(0x01) + u8(0x01) + u16(0x0039) + u16(0) + \
    u32(0x0000000F) + u16(2) + tags(0x674A0014, 0x0E080003)
ICS = (marker(INCR_SYNC_DEL)
       # MetaTagIdsetDeleted: REPLID 0x0001; Push 5 common bytes; Bitmask StartingValue 0x01, Bitmask 0x0B
       # (values 0x01, 0x02, 0x03, 0x05); Pop; End
       + binary(0x67E50102, u16(0x0001) + push(b"\x00\x00\x00\x00\x00") + bitmask(0x01, 0x0B) + POP + END)
       + marker(INCR_SYNC_STATE_BEGIN)
       # MetaTagCnsetSeen: REPLGUID; Push 4 bytes; Range 0x0001..0x0020; Pop; End
       + binary(0x67960102, guid(GUID_A) + push(b"\x00\x00\x00\x00") + rng(b"\x00\x01", b"\x00\x20") + POP + END)
       # MetaTagIdsetGiven: typed PtypInteger32, serialized as PtypBinary (3.1.5.2.1); a Push of 6 bytes
       # is a singleton
       + binary(0x40170003, guid(GUID_B) + push(b"\x00\x00\x00\x00\x00\x07") + END)
       + marker(INCR_SYNC_STATE_END)
       + marker(INCR_SYNC_END))
write_case("rop-RopFastTransferSourceGetBuffer-response-ics", sync_configure + get_buffer,
           u8(0x70) + u8(1) + u32(0) + get_buffer_response(0x0003, ICS), req_handles=(0x45, 0xFFFFFFFF),
           resp_handles=(0x45, 0x98))

# 2.2.12.5.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, CopyFlags, SendOptions
copy_folder = u8(0x4C) + u8(0) + u8(0) + u8(1) + u8(0x10) + u8(0x03)  # CopySubfolders; ForUpload
write_case("rop-RopFastTransferSourceCopyFolder-request", copy_folder, req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopFastTransferSourceCopyFolder-response", copy_folder, u8(0x4C) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x9A))
write_case("rop-RopFastTransferSourceCopyFolder-response-failure", copy_folder, u8(0x4C) + u8(1) + u32(0x80040102),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xFFFFFFFF))

# 2.2.12.6.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, MessageIdCount, MessageIds,
# CopyFlags, SendOptions
copy_messages = u8(0x4B) + u8(0) + u8(0) + u8(1) + u16(2) + fid(1, 0xE8EDF36) + fid(1, 0xE8EDF37) + \
    u8(0x30) + u8(0x01)  # BestBody | SendEntryId; Unicode
write_case("rop-RopFastTransferSourceCopyMessages-request", copy_messages, req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopFastTransferSourceCopyMessages-response", copy_messages, u8(0x4B) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x9B))

write_case("rop-RopFastTransferSourceCopyTo-request", copy_to, req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopFastTransferSourceCopyTo-response", copy_to, copy_to_resp,
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x99))
write_case("rop-RopFastTransferSourceCopyTo-response-failure", copy_to, u8(0x4D) + u8(1) + u32(0x80070005),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xFFFFFFFF))

# 2.2.12.8.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, Level, CopyFlags (1 byte),
# SendOptions, PropertyTagCount, PropertyTags (the properties to include)
copy_properties = u8(0x69) + u8(0) + u8(0) + u8(1) + u8(1) + u8(0x01) + u8(0x01) + u16(2) + \
    tags(0x0037001F, 0x0E080003)
write_case("rop-RopFastTransferSourceCopyProperties-request", copy_properties, req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopFastTransferSourceCopyProperties-response", copy_properties, u8(0x69) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x9C))

# 2.2.12.9.1: RopId, LogonId, InputHandleIndex, Version (three 16-bit numbers)
tell_version = u8(0x86) + u8(0) + u8(0) + u16(15) + u16(1) + u16(2044)
write_case("rop-RopTellVersion-request", tell_version)
write_case("rop-RopTellVersion-response", tell_version, u8(0x86) + u8(0) + u32(0))

# ---- 2.2.13 ICS ROPs -------------------------------------------------------------------------------
write_case("rop-RopSynchronizationConfigure-request", sync_configure, req_handles=(0x45, 0xFFFFFFFF))
# RestrictionData: RestrictionDataSize bytes, here an ExistRestriction ([MS-OXCDATA] 2.12.9: RestrictType
# 0x08, PropTag), shown as bytes
sync_configure_restricted = u8(0x70) + u8(0) + u8(0) + u8(1) + u8(0x02) + u8(0x00) + u16(0x0001) + u16(5) + \
    u8(0x08) + u32(0x0037001F) + u32(0) + u16(0)
write_case("rop-RopSynchronizationConfigure-request-restriction", sync_configure_restricted,
           req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopSynchronizationConfigure-response", sync_configure, u8(0x70) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0x98))

SOURCE_KEY = xid(GUID_A, b"\x00\x00\x00\x00\x12\x34")
CHANGE_KEY = xid(GUID_B, b"\x00\x00\x00\x00\x00\x42")
# 2.2.13.2.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, ImportFlag, PropertyValueCount,
# PropertyValues (TaggedPropertyValue, [MS-OXCDATA] 2.11.4; PtypBinary with a 2-byte COUNT in ROP buffers)
import_message_change = u8(0x72) + u8(0) + u8(0) + u8(1) + u8(0x10) + u16(3) + \
    u32(0x65E00102) + u16(len(SOURCE_KEY)) + SOURCE_KEY + \
    u32(0x30080040) + u64((1391517296 + 11644473600) * 10**7) + \
    u32(0x65E20102) + u16(len(CHANGE_KEY)) + CHANGE_KEY
write_case("rop-RopSynchronizationImportMessageChange-request", import_message_change, req_handles=(0x45, 0xFFFFFFFF))
# 2.2.13.2.2: MessageId (the server sets it to 0); 2.2.13.2.3: nothing after ReturnValue
write_case("rop-RopSynchronizationImportMessageChange-response", import_message_change,
           u8(0x72) + u8(1) + u32(0) + u64(0), req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xA0))
write_case("rop-RopSynchronizationImportMessageChange-response-failure", import_message_change,
           u8(0x72) + u8(1) + u32(0x80040109), req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xFFFFFFFF))

# 2.2.13.3.1: RopId, LogonId, InputHandleIndex, MessageReadStatesSize, MessageReadStates
# (2.2.13.3.1.1 MessageReadState: MessageIdSize, MessageId, MarkAsRead)
states = u16(22) + xid(GUID_A, b"\x00\x00\x00\x00\x00\x10") + u8(1) + \
    u16(20) + xid(GUID_A, b"\x00\x00\x00\x11") + u8(0)
import_read_states = u8(0x80) + u8(0) + u8(0) + u16(len(states)) + states
write_case("rop-RopSynchronizationImportReadStateChanges-request", import_read_states)
write_case("rop-RopSynchronizationImportReadStateChanges-response", import_read_states, u8(0x80) + u8(0) + u32(0))

# 2.2.13.4.1: RopId, LogonId, InputHandleIndex, HierarchyValueCount, HierarchyValues,
# PropertyValueCount, PropertyValues
import_hierarchy = u8(0x73) + u8(0) + u8(0) + u16(2) + \
    u32(0x65E10102) + u16(len(SOURCE_KEY)) + SOURCE_KEY + \
    u32(0x65E00102) + u16(len(CHANGE_KEY)) + CHANGE_KEY + \
    u16(1) + u32(0x3001001F) + utf16z("Projects")
write_case("rop-RopSynchronizationImportHierarchyChange-request", import_hierarchy)
# 2.2.13.4.2: FolderId (the server sets it to 0); 2.2.13.4.3: nothing after ReturnValue
write_case("rop-RopSynchronizationImportHierarchyChange-response", import_hierarchy,
           u8(0x73) + u8(0) + u32(0) + u64(0))
write_case("rop-RopSynchronizationImportHierarchyChange-response-failure", import_hierarchy,
           u8(0x73) + u8(0) + u32(0x80040109))

# 2.2.13.5.1: RopId, LogonId, InputHandleIndex, ImportDeleteFlags, PropertyValueCount, PropertyValues
# (one PtypMultipleBinary of source keys: 4-byte count, then each binary with its 2-byte COUNT)
import_deletes = u8(0x74) + u8(0) + u8(0) + u8(0x02) + u16(1) + u32(0x00001102) + u32(1) + \
    u16(len(SOURCE_KEY)) + SOURCE_KEY
write_case("rop-RopSynchronizationImportDeletes-request", import_deletes)
write_case("rop-RopSynchronizationImportDeletes-response", import_deletes, u8(0x74) + u8(0) + u32(0))

# 2.2.13.6.1: RopId, LogonId, InputHandleIndex, then five size-prefixed (4 bytes) fields; the
# PredecessorChangeList ([MS-OXCFXICS] 2.2.2.3) is SizedXid structures
pcl = u8(22) + CHANGE_KEY + u8(20) + xid(GUID_A, b"\x00\x00\x00\x07")
move_fields = [xid(GUID_A, b"\x00\x00\x00\x00\x00\x01"), SOURCE_KEY, pcl,
               xid(GUID_A, b"\x00\x00\x00\x00\x00\x99"), CHANGE_KEY]
import_move = u8(0x78) + u8(0) + u8(0) + b"".join(u32(len(f)) + f for f in move_fields)
write_case("rop-RopSynchronizationImportMessageMove-request", import_move)
# 2.2.13.6.2: MessageId; 2.2.13.6.3: nothing after ReturnValue (also for NewerClientChange 0x00040821)
write_case("rop-RopSynchronizationImportMessageMove-response", import_move, u8(0x78) + u8(0) + u32(0) + u64(0))
write_case("rop-RopSynchronizationImportMessageMove-response-failure", import_move, u8(0x78) + u8(0) + u32(0x00040821))

# 2.2.13.7.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, IsContentsCollector
open_collector = u8(0x7E) + u8(0) + u8(0) + u8(1) + u8(1)
write_case("rop-RopSynchronizationOpenCollector-request", open_collector, req_handles=(0x45, 0xFFFFFFFF))
write_case("rop-RopSynchronizationOpenCollector-response", open_collector, u8(0x7E) + u8(1) + u32(0),
           req_handles=(0x45, 0xFFFFFFFF), resp_handles=(0x45, 0xA1))

# 2.2.13.8.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex
get_transfer_state = u8(0x82) + u8(0) + u8(0) + u8(1)
write_case("rop-RopSynchronizationGetTransferState-request", get_transfer_state, req_handles=(0x98, 0xFFFFFFFF))
write_case("rop-RopSynchronizationGetTransferState-response", get_transfer_state, u8(0x82) + u8(1) + u32(0),
           req_handles=(0x98, 0xFFFFFFFF), resp_handles=(0x98, 0xA2))

# 2.2.13.9.1: RopId, LogonId, InputHandleIndex, StateProperty, TransferBufferSize
state_data = guid(GUID_A) + push(b"\x00\x00\x00\x00") + rng(b"\x00\x01", b"\x00\x20") + POP + END
upload_begin = u8(0x75) + u8(0) + u8(0) + u32(0x67960102) + u32(len(state_data))
write_case("rop-RopSynchronizationUploadStateStreamBegin-request", upload_begin, req_handles=(0xA1,))
write_case("rop-RopSynchronizationUploadStateStreamBegin-response", upload_begin, u8(0x75) + u8(0) + u32(0),
           req_handles=(0xA1,))
# 2.2.13.10.1: RopId, LogonId, InputHandleIndex, StreamDataSize (4 bytes), StreamData
upload_continue = u8(0x76) + u8(0) + u8(0) + u32(len(state_data)) + state_data
write_case("rop-RopSynchronizationUploadStateStreamContinue-request", upload_continue, req_handles=(0xA1,))
write_case("rop-RopSynchronizationUploadStateStreamContinue-response", upload_continue, u8(0x76) + u8(0) + u32(0),
           req_handles=(0xA1,))
# 2.2.13.11.1: RopId, LogonId, InputHandleIndex
upload_end = u8(0x77) + u8(0) + u8(0)
write_case("rop-RopSynchronizationUploadStateStreamEnd-request", upload_end, req_handles=(0xA1,))
write_case("rop-RopSynchronizationUploadStateStreamEnd-response", upload_end, u8(0x77) + u8(0) + u32(0),
           req_handles=(0xA1,))


def long_term_id(guid_text, counter):
    """[MS-OXCDATA] 2.2.1.3.1 LongTermId: DatabaseGuid, GlobalCounter (6 bytes), Pad (2 bytes)"""
    return guid(guid_text) + counter.to_bytes(6, "big") + u16(0)


# 2.2.13.12.1: RopId, LogonId, InputHandleIndex, DataSize (covering the next two fields),
# LongTermIdRangeCount, LongTermIdRanges (MinLongTermId, MaxLongTermId)
ranges = u32(1) + long_term_id(GUID_A, 0x100) + long_term_id(GUID_A, 0x1FF)
set_midset_deleted = u8(0x93) + u8(0) + u8(0) + u16(len(ranges)) + ranges
write_case("rop-RopSetLocalReplicaMidsetDeleted-request", set_midset_deleted)
write_case("rop-RopSetLocalReplicaMidsetDeleted-response", set_midset_deleted, u8(0x93) + u8(0) + u32(0))

# 2.2.13.13.1: RopId, LogonId, InputHandleIndex, IdCount
get_local_replica_ids = u8(0x7F) + u8(0) + u8(0) + u32(100)
write_case("rop-RopGetLocalReplicaIds-request", get_local_replica_ids)
# 2.2.13.13.2: ReplGuid, GlobalCount (6 bytes); 2.2.13.13.3: nothing after ReturnValue
write_case("rop-RopGetLocalReplicaIds-response", get_local_replica_ids,
           u8(0x7F) + u8(0) + u32(0) + guid(GUID_B) + (0x1234).to_bytes(6, "big"))
write_case("rop-RopGetLocalReplicaIds-response-failure", get_local_replica_ids, u8(0x7F) + u8(0) + u32(0x80040109))

write_manifest("fxics")

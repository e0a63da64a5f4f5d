#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.7 transport ROPs (field values per [MS-OXOMSG] 2.2.5 and 2.2.4.4;
property values per [MS-OXCDATA] 2.11.4)."""
from ropgen import *

H_LOGON, H_MESSAGE = 0x00000045, 0x00000060


def plain(rop_id, index=0):
    """RopId, LogonId, InputHandleIndex: the whole request of RopSetSpooler (2.2.7.4.1), RopGetAddressTypes
    (2.2.7.3.1), RopTransportSend (2.2.7.6.1) and RopGetTransportFolder (2.2.7.8.1), and the start of the
    others."""
    return u8(rop_id) + u8(0) + u8(index)


def header(rop_id, rv=0, index=0):
    """RopId, InputHandleIndex, ReturnValue of every response here."""
    return u8(rop_id) + u8(index) + u32(rv)


# 2.2.7.1.1 RopSubmitMessage: ..., SubmitFlags ([MS-OXOMSG] 2.2.5.1.1: 0x00 None); 2.2.7.1.2: nothing more
submit = plain(0x32, 1) + u8(0x00)
write_case("rop-RopSubmitMessage-request", submit, req_handles=(H_LOGON, H_MESSAGE))
write_case("rop-RopSubmitMessage-response", submit, header(0x32, 0, 1), req_handles=(H_LOGON, H_MESSAGE))
write_case("rop-RopSubmitMessage-response-failure", submit, header(0x32, 0x80040607, 1),
           req_handles=(H_LOGON, H_MESSAGE))

# 2.2.7.2.1 RopAbortSubmit: ..., FolderId, MessageId; 2.2.7.2.2: nothing more (ecUnableToAbort on failure)
abort = plain(0x34) + fid(1, 0x0003B479CA47) + fid(1, 0x0003B7E65FA7)
write_case("rop-RopAbortSubmit-request", abort)
write_case("rop-RopAbortSubmit-response", abort, header(0x34))
write_case("rop-RopAbortSubmit-response-failure", abort, header(0x34, 0x80040114))

# 2.2.7.3.2 RopGetAddressTypes: AddressTypeCount, AddressTypeSize (bytes of AddressTypes), AddressTypes
# (NUL-terminated strings)
types = asciiz("SMTP") + asciiz("EX")
address_types = plain(0x49)
write_case("rop-RopGetAddressTypes-request", address_types)
write_case("rop-RopGetAddressTypes-response", address_types, header(0x49) + u16(2) + u16(len(types)) + types)
write_case("rop-RopGetAddressTypes-response-failure", address_types, header(0x49, 0x80040102))

# 2.2.7.4 RopSetSpooler
write_case("rop-RopSetSpooler-request", plain(0x47))
write_case("rop-RopSetSpooler-response", plain(0x47), header(0x47))
write_case("rop-RopSetSpooler-response-failure", plain(0x47), header(0x47, 0x80040102))

# 2.2.7.5.1 RopSpoolerLockMessage: ..., MessageId, LockState ([MS-OXOMSG] 2.2.5.3.1: 0x02 lstFinished)
lock = plain(0x48) + fid(1, 0x2001) + u8(0x02)
write_case("rop-RopSpoolerLockMessage-request", lock)
write_case("rop-RopSpoolerLockMessage-response", lock, header(0x48))
write_case("rop-RopSpoolerLockMessage-response-failure", lock, header(0x48, 0x80040102))

# 2.2.7.6.2 RopTransportSend: NoPropertiesReturned, and when it is zero PropertyValueCount and PropertyValues
# (TaggedPropertyValue, [MS-OXCDATA] 2.11.4: PropertyTag, then the value of its type)
send = plain(0x4A, 1)
values = u32(0x0037001F) + utf16z("Hello") + u32(0x0E070003) + u32(0x00000009)
write_case("rop-RopTransportSend-request", send, req_handles=(H_LOGON, H_MESSAGE))
write_case("rop-RopTransportSend-response", send, header(0x4A, 0, 1) + u8(0) + u16(2) + values,
           req_handles=(H_LOGON, H_MESSAGE))
write_case("rop-RopTransportSend-response-no-properties", send, header(0x4A, 0, 1) + u8(1),
           req_handles=(H_LOGON, H_MESSAGE))
write_case("rop-RopTransportSend-response-failure", send, header(0x4A, 0x80040607, 1),
           req_handles=(H_LOGON, H_MESSAGE))

# 2.2.7.7.1 RopTransportNewMail: ..., MessageId, FolderId, MessageClass (NUL-terminated), MessageFlags
# (4 bytes, [MS-OXOMSG] 2.2.5.5.1; [MS-OXCMSG] 2.2.1.6: mfHasAttach 0x10 | mfUnmodified 0x02)
new_mail = plain(0x51) + fid(1, 0x2001) + fid(1, 0xA5) + asciiz("IPM.Note") + u32(0x00000012)
write_case("rop-RopTransportNewMail-request", new_mail)
write_case("rop-RopTransportNewMail-response", new_mail, header(0x51))
write_case("rop-RopTransportNewMail-response-failure", new_mail, header(0x51, 0x80040102))

# 2.2.7.8.2 RopGetTransportFolder: FolderId
write_case("rop-RopGetTransportFolder-request", plain(0x6D))
write_case("rop-RopGetTransportFolder-response", plain(0x6D), header(0x6D) + fid(1, 0xB3))
write_case("rop-RopGetTransportFolder-response-failure", plain(0x6D), header(0x6D, 0x8004010F))

# 2.2.7.9.1 RopOptionsData: ..., AddressType (NUL-terminated), WantWin32
options = plain(0x6F) + asciiz("SMTP") + u8(1)
write_case("rop-RopOptionsData-request", options)
# 2.2.7.9.2: Reserved (0x01), OptionsInfoSize, OptionsInfo, HelpFileSize, and when HelpFileSize is nonzero
# HelpFile and HelpFileName
write_case("rop-RopOptionsData-response", options, header(0x6F) + u8(0x01) + u16(0) + u16(0))
write_case("rop-RopOptionsData-response-help-file", options,
           header(0x6F) + u8(0x01) + u16(2) + bytes([0xAB, 0xCD]) + u16(4) + bytes([1, 2, 3, 4]) + asciiz("smtp.hlp"))
write_case("rop-RopOptionsData-response-failure", options, header(0x6F, 0x80040102))
write_manifest("transport")

#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.3 logon and store ROPs (fields per [MS-OXCSTOR] 2.2.1)."""
from ropgen import *

ESSDN = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice"


def logon_request(flags, open_flags, essdn=ESSDN):
    """2.2.3.1.1: RopId, LogonId, OutputHandleIndex, LogonFlags, OpenFlags, StoreState, EssdnSize, Essdn."""
    dn = asciiz(essdn) if essdn is not None else b""
    return u8(0xFE) + u8(0) + u8(0) + u8(flags) + u32(open_flags) + u32(0) + u16(len(dn)) + dn


FIDS = b"".join(fid(1, 0xA1 + i) for i in range(13))

# private mailbox: 2.2.3.1.2 (166 bytes)
private = u8(0xFE) + u8(0) + u32(0) + u8(0x01) + FIDS + u8(0x01) + guid("{11111111-2222-3333-4444-555555555555}") + \
    u16(1) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}") + bytes([56, 34, 12, 2, 4, 2]) + u16(2014) + \
    u64((1391517296 + 11644473600) * 10**7) + u32(0)
assert len(private) == 166
write_case("rop-RopLogon-request", logon_request(0x01, 0x01000000))
write_case("rop-RopLogon-response", logon_request(0x01, 0x01000000), private,
           req_handles=(0xFFFFFFFF,), resp_handles=(0x00000051,))
# public folders: 2.2.3.1.3 (145 bytes), decided by the request's LogonFlags (Private clear)
public = u8(0xFE) + u8(0) + u32(0) + u8(0x00) + FIDS + u16(2) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}") + \
    guid("{00000000-0000-0000-0000-000000000000}")
assert len(public) == 145
write_case("rop-RopLogon-response-public", logon_request(0x00, 0x01000002, None), public,
           req_handles=(0xFFFFFFFF,), resp_handles=(0x00000052,))
# redirect: 2.2.3.1.4 ecWrongServer with ServerNameSize (counting the NUL) and ServerName
write_case("rop-RopLogon-response-redirect", logon_request(0x01, 0x01000000),
           u8(0xFE) + u8(0) + u32(0x00000478) + u8(0x01) + u8(11) + asciiz("mbx2.local"),
           req_handles=(0xFFFFFFFF,), resp_handles=(0xFFFFFFFF,))
# failure: 2.2.3.1.5, nothing after ReturnValue
write_case("rop-RopLogon-response-failure", logon_request(0x01, 0x01000000),
           u8(0xFE) + u8(0) + u32(0x000003EB), req_handles=(0xFFFFFFFF,), resp_handles=(0xFFFFFFFF,))


# Every other store ROP answers with InputHandleIndex; the failure forms (2.2.3.x.3) have nothing after
# ReturnValue. The logon handle 0x00000045 sits at index 0 of the request's handle table.
def store_case(name, request, success, failure=0x8004010F):
    """rop-<name>-request, rop-<name>-response and, with `failure`, rop-<name>-response-failure."""
    rop_id = request[0]
    write_case("rop-%s-request" % name, request)
    write_case("rop-%s-response" % name, request, u8(rop_id) + u8(0) + u32(0) + success)
    if failure is not None:
        write_case("rop-%s-response-failure" % name, request, u8(rop_id) + u8(0) + u32(failure))


def ltid(database_guid, counter):
    """[MS-OXCDATA] 2.2.1.3.1 LongTermID: DatabaseGuid, GlobalCounter (6 bytes, most significant first), Pad 0."""
    return guid(database_guid) + counter.to_bytes(6, "big") + u16(0)


DB = "{12345678-9ABC-DEF0-1122-334455667788}"
FILETIME_2014 = u64((1391517296 + 11644473600) * 10**7)  # 2014-02-04T12:34:56Z

# 2.2.3.2.1 RopGetReceiveFolder: RopId, LogonId, InputHandleIndex, MessageClass (null-terminated ASCII);
# 2.2.3.2.2: FolderId, ExplicitMessageClass (the class, or its base class, the folder is set for)
store_case("RopGetReceiveFolder", u8(0x27) + u8(0) + u8(0) + asciiz("IPM.Note.Custom"),
           fid(1, 0xA5) + asciiz("IPM"), failure=0x80004005)

# 2.2.3.3.1 RopSetReceiveFolder: FolderId, MessageClass; 2.2.3.3.2: nothing after ReturnValue (one
# response buffer for success and failure)
store_case("RopSetReceiveFolder", u8(0x26) + u8(0) + u8(0) + fid(1, 0xA5) + asciiz("IPM.Note"), b"",
           failure=0x80070057)

# 2.2.3.4.1 RopGetReceiveFolderTable: no fields; 2.2.3.4.2: RowCount (4 bytes), Rows. [MS-OXCSTOR]
# 2.2.1.4.2: rows of PidTagFolderId (PtypInteger64), PidTagMessageClass (PtypString8),
# PidTagLastModificationTime (PtypTime), each a StandardPropertyRow or a FlaggedPropertyRow ([MS-OXCDATA]
# 2.8.1): the second row here is flagged, its time replaced by the error ecNotFound (flag 0x0A).
rows = u8(0x00) + fid(1, 0xA5) + asciiz("") + FILETIME_2014 + \
    u8(0x01) + u8(0x00) + fid(1, 0xA5) + u8(0x00) + asciiz("IPM.Note") + u8(0x0A) + u32(0x8004010F)
store_case("RopGetReceiveFolderTable", u8(0x68) + u8(0) + u8(0), u32(2) + rows)

# 2.2.3.5.1 RopGetStoreState: no fields; 2.2.3.5.2: StoreState ([MS-OXCSTOR] 2.2.1.5.2: STORE_HAS_SEARCHES)
store_case("RopGetStoreState", u8(0x7B) + u8(0) + u8(0), u32(0x01000000))

SERVERS = asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=PF1") + \
    asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=PF2")
# 2.2.3.6.1 RopGetOwningServers: FolderId; 2.2.3.6.2: OwningServersCount, CheapServersCount, OwningServers
store_case("RopGetOwningServers", u8(0x42) + u8(0) + u8(0) + fid(2, 0x1234),
           u16(2) + u16(1) + SERVERS)

# 2.2.3.7.1 RopPublicFolderIsGhosted: FolderId; 2.2.3.7.2: IsGhosted, then ServersCount,
# CheapServersCount and Servers only when IsGhosted is nonzero
ghosted_request = u8(0x45) + u8(0) + u8(0) + fid(2, 0x1234)
store_case("RopPublicFolderIsGhosted", ghosted_request, u8(1) + u16(2) + u16(1) + SERVERS)
write_case("rop-RopPublicFolderIsGhosted-response-not-ghosted", ghosted_request, u8(0x45) + u8(0) + u32(0) + u8(0))

# 2.2.3.8.1 RopLongTermIdFromId: ObjectId (8 bytes); 2.2.3.8.2: LongTermId (24 bytes)
store_case("RopLongTermIdFromId", u8(0x43) + u8(0) + u8(0) + fid(1, 0xA5), ltid(DB, 0xA5))

# 2.2.3.9.1 RopIdFromLongTermId: LongTermId; 2.2.3.9.2: ObjectId
store_case("RopIdFromLongTermId", u8(0x44) + u8(0) + u8(0) + ltid(DB, 0xA5), fid(1, 0xA5))

# 2.2.3.10.1 RopGetPerUserLongTermIds: DatabaseGuid; 2.2.3.10.2: LongTermIdCount, LongTermIds
store_case("RopGetPerUserLongTermIds", u8(0x60) + u8(0) + u8(0) + guid(DB),
           u16(2) + ltid(DB, 0x1234) + ltid(DB, 0x1235))

# 2.2.3.11.1 RopGetPerUserGuid: LongTermId; 2.2.3.11.2: DatabaseGuid
store_case("RopGetPerUserGuid", u8(0x61) + u8(0) + u8(0) + ltid(DB, 0x1234), guid(DB))

# 2.2.3.12.1 RopReadPerUserInformation: FolderId (a LongTermID), Reserved, DataOffset, MaxDataSize;
# 2.2.3.12.2: HasFinished, DataSize, Data
store_case("RopReadPerUserInformation",
           u8(0x63) + u8(0) + u8(0) + ltid(DB, 0x1234) + u8(0) + u32(0) + u16(4096),
           u8(1) + u16(6) + bytes.fromhex("0102030405ff"))


def write_per_user(data_offset, repl_guid=b""):
    """2.2.3.13.1 RopWritePerUserInformation: FolderId (a LongTermID), HasFinished, DataOffset, DataSize,
    Data, and ReplGuid when DataOffset is 0 and the logon is a private mailbox logon."""
    data = bytes.fromhex("0a0b0c0d")
    return u8(0x64) + u8(0) + u8(0) + ltid(DB, 0x1234) + u8(1) + u32(data_offset) + u16(len(data)) + data + \
        repl_guid


# DataOffset 0x100: no ReplGuid whatever the logon; 2.2.3.13.2: nothing after ReturnValue
store_case("RopWritePerUserInformation", write_per_user(0x100), b"", failure=0x80070005)
# DataOffset 0 after a private mailbox logon (RopLogon in the same request, LogonFlags Private): ReplGuid
write_case("rop-RopWritePerUserInformation-request-private",
           logon_request(0x01, 0x01000000) + write_per_user(0, guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}")),
           req_handles=(0xFFFFFFFF,))
# DataOffset 0 after a public folders logon: no ReplGuid
write_case("rop-RopWritePerUserInformation-request-public",
           logon_request(0x00, 0x01000002, None) + write_per_user(0), req_handles=(0xFFFFFFFF,))
# DataOffset 0 and no RopLogon seen for LogonId 0: whether ReplGuid follows is unknown, so the rest is raw
write_case("rop-RopWritePerUserInformation-request-missing-context",
           write_per_user(0, guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}")), status=1)
write_manifest("store")

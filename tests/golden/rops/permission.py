#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.10 permission ROPs ([MS-OXCPERM] 2.2: ModifyFlags 2.2.2.1,
PermissionData 2.2.2.1.1, PidTagMemberRights 2.2.7, PidTagMemberId 2.2.5 with the reserved ids of 2.2.6,
PidTagEntryId 2.2.4 holding an Address Book EntryID of [MS-OXCDATA] 2.2.5.2)."""
from ropgen import *
from ropenc_message import ab_entryid  # [MS-OXCDATA] 2.2.5.2, Type 0: a local mail user


def tagged(tag, value):
    """[MS-OXCDATA] 2.11.4 TaggedPropertyValue."""
    return u32(tag) + value


def binary(data):
    """PtypBinary in a ROP buffer: 16-bit COUNT then the bytes ([MS-OXCDATA] 2.11.1.1)."""
    return u16(len(data)) + data


def permission_data(flags, *values):
    """[MS-OXCROPS] 2.2.10.1.1.1: PermissionDataFlags, PropertyValueCount, PropertyValues."""
    return u8(flags) + u16(len(values)) + b"".join(values)


PID_TAG_ENTRY_ID, PID_TAG_MEMBER_ID, PID_TAG_MEMBER_RIGHTS = 0x0FFF0102, 0x66710014, 0x66730003

# ---- 2.2.10.2 RopGetPermissionsTable ----
# 2.2.10.2.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, TableFlags; the [MS-OXCPERM] 4.1 example
# buffer 3E 00 00 01 02 (IncludeFreeBusy) with its handle table (HSOT 0x000001DA, 0xFFFFFFFF)
gpt = u8(0x3E) + u8(0) + u8(0) + u8(1) + u8(0x02)
assert gpt == bytes.fromhex("3E00000102")
HT = (0x000001DA, 0xFFFFFFFF)
write_case("rop-RopGetPermissionsTable-request", gpt, req_handles=HT)
# 2.2.10.2.2: RopId, OutputHandleIndex, ReturnValue; a success opens a table at OutputHandleIndex
write_case("rop-RopGetPermissionsTable-response", gpt, u8(0x3E) + u8(1) + u32(0),
           req_handles=HT, resp_handles=(0x000001DA, 0x000001DB))
write_case("rop-RopGetPermissionsTable-response-failure", gpt, u8(0x3E) + u8(1) + u32(0x80040102),
           req_handles=HT, resp_handles=(0x000001DA, 0xFFFFFFFF))

# ---- 2.2.10.1 RopModifyPermissions ----
# 2.2.10.1.1: RopId, LogonId, InputHandleIndex, ModifyFlags (IncludeFreeBusy), ModifyCount, PermissionsData:
# add user8 (PidTagEntryId + rights ReadAny|Create|EditOwned|DeleteOwned|EditAny|DeleteAny|FolderVisible|
# FreeBusyDetailed = 0x0000147B), modify the default user (member id 0) to FreeBusySimple, remove the
# anonymous user (member id -1)
rows = [
    permission_data(0x01,
                    tagged(PID_TAG_ENTRY_ID, binary(ab_entryid(
                        "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=user8"))),
                    tagged(PID_TAG_MEMBER_RIGHTS, u32(0x0000147B))),
    permission_data(0x02, tagged(PID_TAG_MEMBER_ID, u64(0)), tagged(PID_TAG_MEMBER_RIGHTS, u32(0x00000800))),
    permission_data(0x04, tagged(PID_TAG_MEMBER_ID, u64(0xFFFFFFFFFFFFFFFF))),
]
mp = u8(0x40) + u8(0) + u8(0) + u8(0x02) + u16(len(rows)) + b"".join(rows)
write_case("rop-RopModifyPermissions-request", mp)
# 2.2.10.1.2: RopId, InputHandleIndex, ReturnValue, nothing more
write_case("rop-RopModifyPermissions-response", mp, u8(0x40) + u8(0) + u32(0))
write_case("rop-RopModifyPermissions-response-failure", mp, u8(0x40) + u8(0) + u32(0x80070005))

write_manifest("permission")

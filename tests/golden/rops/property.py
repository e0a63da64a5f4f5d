#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.8 property ROPs ([MS-OXCPRPT] 2.2; rows and values per
[MS-OXCDATA] 2.8.1 and 2.11, PropertyName per 2.6.1, PropertyProblem per 2.7, EntryIDs per 2.2.4 and
2.2.5)."""
from ropgen import *
from ropenc_message import ab_entryid, one_off_entryid  # [MS-OXCDATA] 2.2.5.2, 2.2.5.1

# ---- shared encodings ----

PSETID_APPOINTMENT = "{00062002-0000-0000-C000-000000000046}"
PS_PUBLIC_STRINGS = "{00020329-0000-0000-C000-000000000046}"
PS_INTERNET_HEADERS = "{00020386-0000-0000-C000-000000000046}"
PSETID_ADDRESS = "{00062004-0000-0000-C000-000000000046}"
PS_MAPI = "{00020328-0000-0000-C000-000000000046}"
MAILBOX_GUID = "{11111111-2222-3333-4444-555555555555}"
REPL_GUID = "{66666666-7777-8888-9999-AAAAAAAAAAAA}"


def name_lid(guid_text, lid):
    """[MS-OXCDATA] 2.6.1 PropertyName, Kind 0x00: Kind, GUID, LID."""
    return u8(0x00) + guid(guid_text) + u32(lid)


def name_string(guid_text, name):
    """Kind 0x01: Kind, GUID, NameSize (bytes of Name, its two-byte terminator included), Name."""
    n = utf16z(name)
    return u8(0x01) + guid(guid_text) + u8(len(n)) + n


def name_none(guid_text):
    """Kind 0xFF: no LID and no Name (the GUID is not optional in 2.6.1)."""
    return u8(0xFF) + guid(guid_text)


def globcnt(v):
    """[MS-OXCFXICS] 2.2.2.5 GLOBCNT: 6 bytes, most significant first."""
    return v.to_bytes(6, "big")


def folder_entryid(uid, folder_type, db, counter):
    """[MS-OXCDATA] 2.2.4.1: Flags, Provider UID, FolderType, DatabaseGuid, GlobalCounter, Pad (46 bytes)."""
    e = u32(0) + uid + u16(folder_type) + guid(db) + globcnt(counter) + u16(0)
    assert len(e) == 46
    return e


def message_entryid(uid, message_type, fdb, fcounter, mdb, mcounter):
    """2.2.4.2: Flags, ProviderUID, MessageType, FolderDatabaseGuid, FolderGlobalCounter, Pad,
    MessageDatabaseGuid, MessageGlobalCounter, Pad (70 bytes)."""
    e = u32(0) + uid + u16(message_type) + guid(fdb) + globcnt(fcounter) + u16(0) + guid(mdb) + \
        globcnt(mcounter) + u16(0)
    assert len(e) == 70
    return e


PUBLIC_STORE_UID = bytes.fromhex("1A447390AA6611CD9BC800AA002FC45A")  # 2.2.4.1, public folders store
STORE_OBJECT_UID = bytes.fromhex("38A1BB1005E5101AA1BB08002B2A56C2")  # 2.2.4.3, not decoded: stays bytes


def tagged(tag, value):
    """[MS-OXCDATA] 2.11.4 TaggedPropertyValue: PropertyTag then PropertyValue."""
    return u32(tag) + value


def binary(data):
    """PtypBinary in a ROP buffer: 16-bit COUNT then the bytes (2.11.1.1)."""
    return u16(len(data)) + data


def problem(index, tag, error):
    """[MS-OXCDATA] 2.7 PropertyProblem: Index, PropertyTag, ErrorCode."""
    return u16(index) + u32(tag) + u32(error)


# ---- 2.2.8.1 RopGetPropertyIdsFromNames ----
# 2.2.8.1.1: RopId, LogonId, InputHandleIndex, Flags, PropertyNameCount, PropertyNames
NAMES = [name_lid(PSETID_APPOINTMENT, 0x8208), name_string(PS_PUBLIC_STRINGS, "Keywords"),
         name_string(PS_INTERNET_HEADERS, "X-Custom-Header")]
gpifn = u8(0x56) + u8(0) + u8(0) + u8(0x02) + u16(len(NAMES)) + b"".join(NAMES)
write_case("rop-RopGetPropertyIdsFromNames-request", gpifn)
# 2.2.8.1.2: PropertyIdCount, PropertyIds (one per name, in order)
write_case("rop-RopGetPropertyIdsFromNames-response", gpifn,
           u8(0x56) + u8(0) + u32(0) + u16(3) + u16(0x8001) + u16(0x8002) + u16(0x8003))
# ecWarnWithErrors ([MS-OXCDATA] 2.4.3): some names not mapped (0x0000), the others valid
write_case("rop-RopGetPropertyIdsFromNames-response-warning", gpifn,
           u8(0x56) + u8(0) + u32(0x00040380) + u16(3) + u16(0x8001) + u16(0x0000) + u16(0x8003))
# 2.2.8.1.3 failure: nothing after ReturnValue
write_case("rop-RopGetPropertyIdsFromNames-response-failure", gpifn, u8(0x56) + u8(0) + u32(0x80070005))
# the learnt names used later in the same response: RopGetPropertiesSpecific (2.2.8.3) on the two ids
names2 = [name_lid(PSETID_APPOINTMENT, 0x8208), name_string(PS_PUBLIC_STRINGS, "Keywords")]
gpifn2 = u8(0x56) + u8(0) + u8(0) + u8(0x00) + u16(2) + b"".join(names2)
gps_named = u8(0x07) + u8(0) + u8(0) + u16(0) + u16(1) + u16(2) + tags(0x8001001F, 0x8002101F)
row_named = u8(0x00) + utf16z("Conference Room B") + u32(2) + utf16z("Budget") + utf16z("Q3")
write_case("rop-RopGetPropertyIdsFromNames-response-names-used", gpifn2 + gps_named,
           u8(0x56) + u8(0) + u32(0) + u16(2) + u16(0x8001) + u16(0x8002) + u8(0x07) + u8(0) + u32(0) + row_named)

# ---- 2.2.8.2 RopGetNamesFromPropertyIds ----
# 2.2.8.2.1: RopId, LogonId, InputHandleIndex, PropertyIdCount, PropertyIds
gnfpi = u8(0x55) + u8(0) + u8(0) + u16(3) + u16(0x8004) + u16(0x8005) + u16(0x0037)
write_case("rop-RopGetNamesFromPropertyIds-request", gnfpi)
# 2.2.8.2.2: PropertyNameCount, PropertyNames; an id without a name gets Kind 0xFF, an id below 0x8000 its
# PS_MAPI name with the id as LID ([MS-OXCPRPT] 3.2.5.9)
write_case("rop-RopGetNamesFromPropertyIds-response", gnfpi,
           u8(0x55) + u8(0) + u32(0) + u16(3) + name_lid(PSETID_ADDRESS, 0x8080) +
           name_none("{00000000-0000-0000-0000-000000000000}") + name_lid(PS_MAPI, 0x0037))
write_case("rop-RopGetNamesFromPropertyIds-response-failure", gnfpi, u8(0x55) + u8(0) + u32(0x80040102))

# ---- 2.2.8.3 RopGetPropertiesSpecific ----
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

# ---- 2.2.8.4 RopGetPropertiesAll ----
# 2.2.8.4.1: RopId, LogonId, InputHandleIndex, PropertySizeLimit, WantUnicode
gpa = u8(0x08) + u8(0) + u8(0) + u16(0x1000) + u16(1)
write_case("rop-RopGetPropertiesAll-request", gpa)
# 2.2.8.4.2: PropertyValueCount, PropertyValues (TaggedPropertyValue). Binary values of EntryID properties
# are EntryIDs: Message (PidTagEntryId), Folder (PidTagParentEntryId, and both values of the
# PtypMultipleBinary PidTagAdditionalRenEntryIds: 32-bit value count, 16-bit byte counts), Address Book
# (PidTagSentRepresentingEntryId), One-Off (PidTagReceivedByEntryId). A Store Object EntryID (2.2.4.3,
# PidTagStoreEntryId) and a 20-byte value of PidTagTargetEntryId are not decoded kinds: they stay bytes.
# A value too large for the buffer comes as PtypErrorCode NotEnoughMemory ([MS-OXCPRPT] 2.2.3.2).
values = [
    tagged(0x0037001F, utf16z("Quarterly report")),
    tagged(0x0E080003, u32(48213)),
    tagged(0x0FFF0102, binary(message_entryid(guid(MAILBOX_GUID), 0x0007, REPL_GUID, 0xA5, REPL_GUID, 0x1234))),
    tagged(0x0E090102, binary(folder_entryid(PUBLIC_STORE_UID, 0x0003, REPL_GUID, 0xA1))),
    tagged(0x00410102, binary(ab_entryid("/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice", 0x00000000))),
    tagged(0x003F0102, binary(one_off_entryid("Bob Example", "SMTP", "bob@example.com", 0x8001))),
    tagged(0x36D81102, u32(2) + binary(folder_entryid(guid(MAILBOX_GUID), 0x0001, REPL_GUID, 0xB1)) +
           binary(folder_entryid(guid(MAILBOX_GUID), 0x0001, REPL_GUID, 0xB2))),
    tagged(0x0FFB0102, binary(u32(0) + STORE_OBJECT_UID + u8(0) + u8(0) + b"EMSMDB.DLL\0\0\0\0")),
    tagged(0x30100102, binary(bytes(range(20)))),
    tagged(0x1000000A, u32(0x8007000E)),
]
write_case("rop-RopGetPropertiesAll-response", gpa,
           u8(0x08) + u8(0) + u32(0) + u16(len(values)) + b"".join(values))
write_case("rop-RopGetPropertiesAll-response-failure", gpa, u8(0x08) + u8(0) + u32(0x8004010F))

# ---- 2.2.8.5 RopGetPropertiesList ----
# 2.2.8.5.1: RopId, LogonId, InputHandleIndex
gpl = u8(0x09) + u8(0) + u8(0)
write_case("rop-RopGetPropertiesList-request", gpl)
# 2.2.8.5.2: PropertyTagCount, PropertyTags (a named property id without a known name in this session)
write_case("rop-RopGetPropertiesList-response", gpl,
           u8(0x09) + u8(0) + u32(0) + u16(3) + tags(0x0037001F, 0x0FFF0102, 0x8001001F))
write_case("rop-RopGetPropertiesList-response-failure", gpl, u8(0x09) + u8(0) + u32(0x80040102))

# ---- 2.2.8.6 RopSetProperties ----
# 2.2.8.6.1: RopId, LogonId, InputHandleIndex, PropertyValueSize, PropertyValueCount, PropertyValues; the
# [MS-OXCPRPT] 4.2.1 example buffer: PropertyValueSize 0x0024 counts PropertyValueCount and PropertyValues
sp_values = tagged(0x003D001F, utf16z("")) + tagged(0x0E1D001F, utf16z("Hello World"))
sp = u8(0x0A) + u8(0) + u8(0) + u16(2 + len(sp_values)) + u16(2) + sp_values
assert sp == bytes.fromhex("0A0000240002001F003D0000001F001D0E480065006C006C006F00200057006F0072006C0064000000")
write_case("rop-RopSetProperties-request", sp)
# 2.2.8.6.2: PropertyProblemCount, PropertyProblems ([MS-OXCPRPT] 4.2.2 has none; here one)
write_case("rop-RopSetProperties-response", sp,
           u8(0x0A) + u8(0) + u32(0) + u16(1) + problem(1, 0x0E1D001F, 0x80040102))
write_case("rop-RopSetProperties-response-failure", sp, u8(0x0A) + u8(0) + u32(0x80070005))

# ---- 2.2.8.7 RopSetPropertiesNoReplicate (the same layout, RopId 0x79) ----
spnr_values = tagged(0x0E080003, u32(1024))
spnr = u8(0x79) + u8(0) + u8(0) + u16(2 + len(spnr_values)) + u16(1) + spnr_values
write_case("rop-RopSetPropertiesNoReplicate-request", spnr)
write_case("rop-RopSetPropertiesNoReplicate-response", spnr, u8(0x79) + u8(0) + u32(0) + u16(0))
write_case("rop-RopSetPropertiesNoReplicate-response-failure", spnr, u8(0x79) + u8(0) + u32(0x80070005))

# ---- 2.2.8.8 RopDeleteProperties ----
# 2.2.8.8.1: RopId, LogonId, InputHandleIndex, PropertyTagCount, PropertyTags
dp = u8(0x0B) + u8(0) + u8(0) + u16(2) + tags(0x0037001F, 0x1000001F)
write_case("rop-RopDeleteProperties-request", dp)
# 2.2.8.8.2: PropertyProblemCount, PropertyProblems
write_case("rop-RopDeleteProperties-response", dp,
           u8(0x0B) + u8(0) + u32(0) + u16(1) + problem(1, 0x1000001F, 0x8004010F))
write_case("rop-RopDeleteProperties-response-failure", dp, u8(0x0B) + u8(0) + u32(0x80070005))

# ---- 2.2.8.9 RopDeletePropertiesNoReplicate (RopId 0x7A) ----
dpnr = u8(0x7A) + u8(0) + u8(0) + u16(1) + tags(0x0E080003)
write_case("rop-RopDeletePropertiesNoReplicate-request", dpnr)
write_case("rop-RopDeletePropertiesNoReplicate-response", dpnr, u8(0x7A) + u8(0) + u32(0) + u16(0))
write_case("rop-RopDeletePropertiesNoReplicate-response-failure", dpnr, u8(0x7A) + u8(0) + u32(0x80070005))

# ---- 2.2.8.10 RopQueryNamedProperties ----
# 2.2.8.10.1: RopId, LogonId, InputHandleIndex, QueryFlags, HasGuid, PropertyGuid (only when HasGuid)
qnp = u8(0x5F) + u8(0) + u8(0) + u8(0x01) + u8(1) + guid(PSETID_APPOINTMENT)
write_case("rop-RopQueryNamedProperties-request", qnp)
write_case("rop-RopQueryNamedProperties-request-no-guid", u8(0x5F) + u8(0) + u8(0) + u8(0x00) + u8(0))
# 2.2.8.10.2: IdCount, PropertyIds, PropertyNames (as many as IdCount, in the same order)
write_case("rop-RopQueryNamedProperties-response", qnp,
           u8(0x5F) + u8(0) + u32(0) + u16(2) + u16(0x8001) + u16(0x8006) +
           name_lid(PSETID_APPOINTMENT, 0x8208) + name_lid(PSETID_APPOINTMENT, 0x8205))
write_case("rop-RopQueryNamedProperties-response-failure", qnp, u8(0x5F) + u8(0) + u32(0x80040102))

# ---- 2.2.8.11 RopCopyProperties ----
# 2.2.8.11.1: RopId, LogonId, SourceHandleIndex, DestHandleIndex, WantAsynchronous, CopyFlags,
# PropertyTagCount, PropertyTags
cp = u8(0x67) + u8(0) + u8(0) + u8(1) + u8(0) + u8(0x02) + u16(2) + tags(0x0037001F, 0x0E1D001F)
H2 = (0x00000045, 0x00000046)
write_case("rop-RopCopyProperties-request", cp, req_handles=H2)
# 2.2.8.11.2: PropertyProblemCount, PropertyProblems
write_case("rop-RopCopyProperties-response", cp,
           u8(0x67) + u8(0) + u32(0) + u16(1) + problem(0, 0x0037001F, 0x80040102), req_handles=H2)
# 2.2.8.11.3 null destination: ReturnValue ecDstNullObject (0x00000503), DestHandleIndex (4 bytes)
write_case("rop-RopCopyProperties-response-null-destination", cp,
           u8(0x67) + u8(0) + u32(0x00000503) + u32(1), req_handles=H2)
# 2.2.8.11.4 failure: nothing after ReturnValue
write_case("rop-RopCopyProperties-response-failure", cp, u8(0x67) + u8(0) + u32(0x80070005), req_handles=H2)

# ---- 2.2.8.12 RopCopyTo ----
# 2.2.8.12.1: RopId, LogonId, SourceHandleIndex, DestHandleIndex, WantAsynchronous, WantSubObjects,
# CopyFlags, ExcludedTagCount, ExcludedTags
ct = u8(0x39) + u8(0) + u8(0) + u8(1) + u8(0) + u8(1) + u8(0x01) + u16(1) + tags(0x0E1D001F)
write_case("rop-RopCopyTo-request", ct, req_handles=H2)
write_case("rop-RopCopyTo-response", ct, u8(0x39) + u8(0) + u32(0) + u16(0), req_handles=H2)
write_case("rop-RopCopyTo-response-null-destination", ct, u8(0x39) + u8(0) + u32(0x00000503) + u32(1),
           req_handles=H2)
write_case("rop-RopCopyTo-response-failure", ct, u8(0x39) + u8(0) + u32(0x80070005), req_handles=H2)

# ---- 2.2.8.13 RopProgress ----
# 2.2.8.13.1: RopId, LogonId, InputHandleIndex, WantCancel
pr = u8(0x50) + u8(0) + u8(0) + u8(0)
write_case("rop-RopProgress-request", pr)
# 2.2.8.13.2: LogonId, CompletedTaskCount, TotalTaskCount
write_case("rop-RopProgress-response", pr, u8(0x50) + u8(0) + u32(0) + u8(0) + u32(3) + u32(10))
write_case("rop-RopProgress-response-failure", pr, u8(0x50) + u8(0) + u32(0x80040102))

write_manifest("property")

#!/usr/bin/env python3
"""Writes the address book golden cases: request and response bodies (inputs/*.hex), each encoded field
by field from the [MS-OXCMAPIHTTP] 2.2.5.x table named beside it, and nspi.manifest. Input files are
named after their X-RequestType (TYPE.request.hex, TYPE[.variant].response.hex) so that
tests/fuzz/make_seeds.py can turn them into seeds for the body fuzzer. The .hex files and
the manifest are committed so that the tests do not depend on this script; the expected outputs are
made with run.py --regen and read line by line against the same sections before they are committed.

Usage: tests/golden/nspi/make_inputs.py
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from make_inputs import asciiz, guid, u8, u16, u32, utf16z  # noqa: E402  (tests/golden/make_inputs.py)
from auxenc import aux_buffer, aux_perf_requestid  # noqa: E402  (tests/gen, on the path make_inputs set)


def i32(v): return struct.pack("<i", v)


GUID_NSPI = "{C840A7DC-42C0-1A10-B4B9-08002B2FE182}"  # [MS-OXNSPI] 2.2.1.7
SERVER_GUID = "{5A1D2B3C-4E5F-4061-8273-94A5B6C7D8E9}"
META_DONE = b"PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 3\r\nX-StartTime: Tue, 04 Feb 2014 12:34:56 GMT\r\n\r\n"

# property tags ([MS-OXPROPS])
DISPLAY_NAME = 0x3001001F
SMTP_ADDRESS = 0x39FE001F
DISPLAY_TYPE = 0x39000003
ENTRY_ID = 0x0FFF0102
OBJECT_TYPE = 0x0FFE0003
PROXY_ADDRESSES = 0x800F101F      # PidTagAddressBookProxyAddresses, PtypMultipleString
ACCOUNT = 0x3A00001F
CONTAINER_FLAGS = 0x36000003
DEPTH = 0x30050003
AB_CONTAINER_ID = 0xFFFD0003      # PidTagAddressBookContainerId
AB_IS_MASTER = 0xFFFB000B         # PidTagAddressBookIsMaster
TEMPLATE_DATA = 0x00010102        # PidTagTemplateData
MEMBER = 0x8009000D               # PidTagAddressBookMember


def stat(sort=0, container=0, current=0, delta=0, num_pos=0, total=0, cp=1252, tl=0x409, sl=0x409):
    """[MS-OXNSPI] 2.2.8 STAT: nine 4-byte fields."""
    return u32(sort) + u32(container) + u32(current) + i32(delta) + u32(num_pos) + u32(total) + \
        u32(cp) + u32(tl) + u32(sl)


def state(s=None):
    """HasState + State."""
    return u8(0) if s is None else u8(0xFF) + s


def tags(ts):
    """[MS-OXCMAPIHTTP] 2.2.1.8 LargePropertyTagArray."""
    return u32(len(ts)) + b"".join(u32(t) for t in ts)


def mids(ms):
    """HasMinimalIds, MinimalIdCount, MinimalIds."""
    return u8(0xFF) + u32(len(ms)) + b"".join(u32(m) for m in ms)


def aux_empty():
    """AuxiliaryBufferSize 0, no AuxiliaryBuffer."""
    return u32(0)


def ok_head(error_code=0):
    """StatusCode 0 and ErrorCode of a success response body."""
    return u32(0) + u32(error_code)


def ephemeral_entry_id(mid, display_type=0):
    """[MS-OXNSPI] 2.2.9.2 EphemeralEntryID (32 bytes)."""
    return u8(0x87) + u8(0) * 3 + guid(SERVER_GUID) + u32(1) + u32(display_type) + u32(mid)


def permanent_entry_id(dn, display_type=0):
    """[MS-OXNSPI] 2.2.9.3 PermanentEntryID."""
    return u8(0x00) + u8(0) * 3 + guid(GUID_NSPI) + u32(1) + u32(display_type) + asciiz(dn)


def v_str(s):
    """2.2.1.1 AddressBookPropertyValue of a PtypString: HasValue TRUE, string."""
    return u8(0xFF) + utf16z(s)


def v_bin(b):
    """2.2.1.1 PtypBinary: HasValue TRUE, 32-bit COUNT, bytes."""
    return u8(0xFF) + u32(len(b)) + b


def v_mstr(ss):
    """2.2.1.1 PtypMultipleString: HasValue, Count, then HasValue + string for each element."""
    return u8(0xFF) + u32(len(ss)) + b"".join(u8(0xFF) + utf16z(s) for s in ss)


def tagged(tag, value):
    """2.2.1.2 AddressBookTaggedPropertyValue: PropertyType, PropertyId, AddressBookPropertyValue."""
    return u16(tag & 0xFFFF) + u16(tag >> 16) + value


def value_list(items):
    """2.2.1.3 AddressBookPropertyValueList."""
    return u32(len(items)) + b"".join(tagged(t, v) for t, v in items)


def cases():
    c = {}
    dn_alice = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice"

    # 2.2.5.1.1 Bind request: Flags, HasState, State, aux (AUX_PERF_REQUESTID);
    # 2.2.5.1.2 success: StatusCode, ErrorCode, ServerGuid, aux; behind the meta-tags of 2.2.7.
    c["Bind.request"] = u32(0) + state(stat()) + aux_buffer([aux_perf_requestid(1, 7)])
    c["Bind.response"] = META_DONE + ok_head() + guid(SERVER_GUID) + aux_empty()
    # 2.2.5.1.3 failure: StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer.
    c["Bind.failure.response"] = u32(0x80040111) + aux_empty()

    # 2.2.5.5.1 GetMatches request: Filter = AndRestriction ([MS-OXCDATA] 2.12.1.1, 32-bit count) of a
    # ContentRestriction (2.12.4.1) and a PropertyRestriction (2.12.5.1); PropertyName absent.
    content = u8(0x03) + u16(0x0002) + u16(0x0001) + u32(DISPLAY_NAME) + u32(DISPLAY_NAME) + utf16z("Al")
    prop = u8(0x04) + u8(0x04) + u32(OBJECT_TYPE) + u32(OBJECT_TYPE) + u32(6)
    flt = u8(0x00) + u32(2) + content + prop
    cols = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID]
    c["GetMatches.request"] = u32(0) + state(stat()) + u8(0) + u32(0) + u8(0xFF) + flt + u8(0) + \
        u32(50) + u8(0xFF) + tags(cols) + aux_empty()
    # 2.2.5.5.2 response: State, MinimalIds, Columns, RowCount, RowData: a standard row (2.2.1.7 Flags
    # 0x0) and a flagged row (Flags 0x1, values 2.2.1.5: Flag 0x0 value, 0xA error, 0x0, 0x1 no value).
    row1 = u8(0x00) + v_str("Alice Example") + v_str("alice@contoso.com") + u32(0) + \
        v_bin(ephemeral_entry_id(0x1A2))
    row2 = u8(0x01) + u8(0x00) + v_str("Alan Example") + u8(0x0A) + u32(0x8004010F) + \
        u8(0x00) + u32(0) + u8(0x01)
    c["GetMatches.response"] = META_DONE + ok_head() + \
        state(stat(current=0x1A2, num_pos=0, total=2)) + mids([0x1A2, 0x1A7]) + \
        u8(0xFF) + tags(cols) + u32(2) + row1 + row2 + aux_empty()

    # 2.2.5.12.1 QueryRows request: Flags fEphID, State (CurrentRec MID_BEGINNING_OF_TABLE, Delta 0),
    # ExplicitTableCount 0, RowCount, Columns.
    qcols = [DISPLAY_NAME, PROXY_ADDRESSES, ACCOUNT]
    c["QueryRows.request"] = u32(0x2) + state(stat()) + u32(0) + u32(1) + u8(0xFF) + tags(qcols) + aux_empty()
    # 2.2.5.12.2 response: State moved to the row read, Columns, one standard row with a
    # PtypMultipleString (per-element HasValue) and a PtypString whose HasValue is FALSE.
    qrow = u8(0x00) + v_str("Alice Example") + v_mstr(["SMTP:alice@contoso.com", "smtp:al@contoso.com"]) + u8(0x00)
    c["QueryRows.response"] = ok_head() + state(stat(current=0x1A2, num_pos=1, total=40)) + \
        u8(0xFF) + tags(qcols) + u32(1) + qrow + aux_empty()
    # The same response cut inside the second proxy address (without the aux size, the FALSE HasValue
    # and the last 8 bytes of "smtp:al@contoso.com"): reported as truncated.
    c["QueryRows.cut.response"] = c["QueryRows.response"][:-(4 + 1 + 8)]

    # 2.2.5.14.1 ResolveNames request: State (CodePage CP_WINUNICODE), PropertyTags, NameCount,
    # NameValues; 2.2.5.14.2 response: CodePage, ANR MinimalIds ([MS-OXNSPI] 2.2.1.9: one resolved,
    # one MID_UNRESOLVED, one MID_AMBIGUOUS), PropertyTags, RowCount, RowData (the resolved name).
    c["ResolveNames.request"] = u32(0) + state(stat(cp=0x4B0)) + u8(0xFF) + tags([DISPLAY_NAME, SMTP_ADDRESS]) + \
        u8(0xFF) + u32(3) + utf16z("alice") + utf16z("nobody") + utf16z("al") + aux_empty()
    c["ResolveNames.response"] = ok_head() + u32(0x4B0) + mids([0x1A2, 0, 1]) + u8(0xFF) + \
        tags([DISPLAY_NAME, SMTP_ADDRESS]) + u32(1) + u8(0x00) + v_str("Alice Example") + \
        v_str("alice@contoso.com") + aux_empty()

    # 2.2.5.8.1 GetSpecialTable request: Flags NspiUnicodeStrings, State, HasVersion, Version;
    # 2.2.5.8.2 response: CodePage, HasVersion, Version, HasRows, RowsCount, Rows (each a 2.2.1.3 list):
    # one address book container with the address book tags from 0xF000 and 0x8000 named.
    c["GetSpecialTable.request"] = u32(0x4) + state(stat()) + u8(0xFF) + u32(0) + aux_empty()
    gal = value_list([
        (ENTRY_ID, v_bin(permanent_entry_id("/guid=00000000000000000000000000000000", 0x100))),
        (CONTAINER_FLAGS, u32(0x9)),
        (DEPTH, u32(0)),
        (AB_CONTAINER_ID, u32(0)),
        (DISPLAY_NAME, v_str("Global Address List")),
        (AB_IS_MASTER, u8(0)),
    ])
    c["GetSpecialTable.response"] = ok_head() + u32(1252) + u8(0xFF) + u32(5) + u8(0xFF) + u32(1) + gal + aux_empty()

    # 2.2.5.10.1 ModLinkAtt request: Flags fDelete, PropertyTag PidTagAddressBookMember, MinimalId,
    # EntryIds (count, then cb + EphemeralEntryID / PermanentEntryID each, see arrays.c);
    # 2.2.5.10.2 response: StatusCode, ErrorCode, aux.
    e1 = ephemeral_entry_id(0x1A7)
    e2 = permanent_entry_id(dn_alice)
    c["ModLinkAtt.request"] = u32(0x1) + u32(MEMBER) + u32(0x1B0) + u8(0xFF) + u32(2) + \
        u32(len(e1)) + e1 + u32(len(e2)) + e2 + aux_empty()
    c["ModLinkAtt.response"] = ok_head(0x80070005) + aux_empty()

    # 2.2.5.9.1 GetTemplateInfo request: Flags TI_TEMPLATE, DisplayType DT_MAILUSER, TemplateDn absent,
    # CodePage, LocaleId; 2.2.5.9.2 response: CodePage, HasRow, Row (2.2.1.3 list with PidTagTemplateData).
    c["GetTemplateInfo.request"] = u32(0x1) + u32(0) + u8(0) + u32(1252) + u32(0x409) + aux_empty()
    c["GetTemplateInfo.response"] = ok_head() + u32(1252) + u8(0xFF) + \
        value_list([(TEMPLATE_DATA, v_bin(bytes(range(8))))]) + aux_empty()

    # 2.2.5.19.1 GetAddressBookUrl request: Flags, UserDn (UTF-16), aux; 2.2.5.19.2: ServerUrl.
    c["GetAddressBookUrl.request"] = u32(0) + utf16z(dn_alice) + aux_empty()
    c["GetAddressBookUrl.response"] = ok_head() + \
        utf16z("https://mail.contoso.com/mapi/nspi/?MailboxId=0a1b2c3d@contoso.com") + aux_empty()

    # 2.2.5.4.1 DNToMId request: Names (Count + 8-bit strings); 2.2.5.4.2: MinimalIds (0 = not found).
    c["DNToMId.request"] = u32(0) + u8(0xFF) + u32(2) + asciiz(dn_alice) + asciiz("/o=Contoso/cn=gone") + aux_empty()
    c["DNToMId.response"] = ok_head() + mids([0x1A2, 0]) + aux_empty()

    # 2.2.5.2.1 Unbind request: Reserved, aux; 2.2.5.2.2 response: StatusCode, ErrorCode, aux.
    c["Unbind.request"] = u32(0) + aux_empty()
    c["Unbind.response"] = ok_head() + aux_empty()

    # 2.2.5.3.1 CompareMIds request: Reserved, State, MinimalId1, MinimalId2; 2.2.5.3.2: Result (signed).
    c["CompareMIds.request"] = u32(0) + state(stat()) + u32(0x1A7) + u32(0x1A2) + aux_empty()
    c["CompareMIds.response"] = ok_head() + i32(1) + aux_empty()

    # 2.2.5.6.1 GetPropList request: Flags fSkipObjects, MinimalId, CodePage; 2.2.5.6.2: PropertyTags.
    c["GetPropList.request"] = u32(0x1) + u32(0x1A2) + u32(1252) + aux_empty()
    c["GetPropList.response"] = ok_head() + u8(0xFF) + tags([DISPLAY_NAME, SMTP_ADDRESS, PROXY_ADDRESSES]) + aux_empty()

    # 2.2.5.7.1 GetProps request: Flags fEphID, State (CurrentRec = the object), PropertyTags;
    # 2.2.5.7.2 response: CodePage, HasPropertyValues, PropertyValues (2.2.1.3), one a PtypErrorCode.
    c["GetProps.request"] = u32(0x2) + state(stat(current=0x1A2)) + u8(0xFF) + \
        tags([DISPLAY_NAME, SMTP_ADDRESS, 0x3A08001F]) + aux_empty()
    c["GetProps.response"] = ok_head(0x00040380) + u32(1252) + u8(0xFF) + value_list([
        (DISPLAY_NAME, v_str("Alice Example")),
        (SMTP_ADDRESS, v_str("alice@contoso.com")),
        (0x3A08000A, u32(0x8004010F)),
    ]) + aux_empty()

    # 2.2.5.11.1 ModProps request: Reserved, State, PropertyTagsToRemove (absent), PropertyValues.
    c["ModProps.request"] = u32(0) + state(stat(current=0x1A2)) + u8(0) + u8(0xFF) + \
        value_list([(0x3A08001F, v_str("+1 555 0100"))]) + aux_empty()
    c["ModProps.response"] = ok_head() + aux_empty()

    # 2.2.5.13.1 QueryColumns request: Reserved, MapiFlags NspiUnicodeProptypes; 2.2.5.13.2: Columns.
    c["QueryColumns.request"] = u32(0) + u32(0x80000000) + aux_empty()
    c["QueryColumns.response"] = ok_head() + u8(0xFF) + tags([DISPLAY_NAME, ACCOUNT, ENTRY_ID, MEMBER]) + aux_empty()

    # 2.2.5.15.1 ResortRestriction request: Reserved, State (SortTypeDisplayName), MinimalIds;
    # 2.2.5.15.2 response: State, MinimalIds sorted.
    c["ResortRestriction.request"] = u32(0) + state(stat()) + mids([0x1A7, 0x1A2]) + aux_empty()
    c["ResortRestriction.response"] = ok_head() + state(stat(total=2)) + mids([0x1A2, 0x1A7]) + aux_empty()

    # 2.2.5.16.1 SeekEntries request: Reserved, State, Target (2.2.1.2: PtypString "Al"), ExplicitTable
    # absent, Columns; 2.2.5.16.2 response: State, Columns, RowCount, RowData.
    c["SeekEntries.request"] = u32(0) + state(stat()) + u8(0xFF) + tagged(DISPLAY_NAME, v_str("Al")) + \
        u8(0) + u8(0xFF) + tags([DISPLAY_NAME]) + aux_empty()
    c["SeekEntries.response"] = ok_head() + state(stat(current=0x1A7, num_pos=1, total=40)) + u8(0xFF) + \
        tags([DISPLAY_NAME]) + u32(1) + u8(0x00) + v_str("Alan Example") + aux_empty()

    # 2.2.5.17.1 UpdateStat request: Reserved, State (Delta 3), DeltaRequested;
    # 2.2.5.17.2 response: State, HasDelta, Delta (signed).
    c["UpdateStat.request"] = u32(0) + state(stat(delta=3)) + u8(0x01) + aux_empty()
    c["UpdateStat.response"] = ok_head() + state(stat(current=0x1B3, num_pos=3, total=40)) + u8(0xFF) + \
        i32(-1) + aux_empty()

    # 2.2.5.18.1 GetMailboxUrl request: Flags, ServerDn (UTF-16); 2.2.5.18.2: ServerUrl.
    c["GetMailboxUrl.request"] = u32(0) + \
        utf16z("/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=0a1b2c3d@contoso.com") + \
        aux_empty()
    c["GetMailboxUrl.response"] = ok_head() + \
        utf16z("https://mail.contoso.com/mapi/emsmdb/?MailboxId=0a1b2c3d@contoso.com") + aux_empty()
    return c


MANIFEST = [
    # name, exit status, request type, request file, response file
    ("nspi-bind", 0, "Bind", "Bind.request", "Bind.response"),
    ("nspi-bind-failure", 0, "Bind", "Bind.request", "Bind.failure.response"),
    ("nspi-get-matches", 0, "GetMatches", "GetMatches.request", "GetMatches.response"),
    ("nspi-query-rows", 0, "QueryRows", "QueryRows.request", "QueryRows.response"),
    ("nspi-query-rows-cut", 1, "QueryRows", "QueryRows.request", "QueryRows.cut.response"),
    ("nspi-resolve-names", 0, "ResolveNames", "ResolveNames.request", "ResolveNames.response"),
    ("nspi-get-special-table", 0, "GetSpecialTable", "GetSpecialTable.request", "GetSpecialTable.response"),
    ("nspi-mod-link-att", 0, "ModLinkAtt", "ModLinkAtt.request", "ModLinkAtt.response"),
    ("nspi-get-template-info", 0, "GetTemplateInfo", "GetTemplateInfo.request", "GetTemplateInfo.response"),
    ("nspi-get-address-book-url", 0, "GetAddressBookUrl", "GetAddressBookUrl.request",
     "GetAddressBookUrl.response"),
    ("nspi-dntomid", 0, "DNToMId", "DNToMId.request", "DNToMId.response"),
    ("nspi-unbind", 0, "Unbind", "Unbind.request", "Unbind.response"),
    ("nspi-compare-mids", 0, "CompareMIds", "CompareMIds.request", "CompareMIds.response"),
    ("nspi-get-prop-list", 0, "GetPropList", "GetPropList.request", "GetPropList.response"),
    ("nspi-get-props", 0, "GetProps", "GetProps.request", "GetProps.response"),
    ("nspi-mod-props", 0, "ModProps", "ModProps.request", "ModProps.response"),
    ("nspi-query-columns", 0, "QueryColumns", "QueryColumns.request", "QueryColumns.response"),
    ("nspi-resort-restriction", 0, "ResortRestriction", "ResortRestriction.request", "ResortRestriction.response"),
    ("nspi-seek-entries", 0, "SeekEntries", "SeekEntries.request", "SeekEntries.response"),
    ("nspi-update-stat", 0, "UpdateStat", "UpdateStat.request", "UpdateStat.response"),
    ("nspi-get-mailbox-url", 0, "GetMailboxUrl", "GetMailboxUrl.request", "GetMailboxUrl.response"),
]


def main():
    out = os.path.join(HERE, "inputs")
    os.makedirs(out, exist_ok=True)
    for name, data in cases().items():
        path = os.path.join(out, name + ".hex")
        with open(path, "w") as f:
            for i in range(0, len(data), 32):
                f.write(data[i:i + 32].hex(" ") + "\n")
    with open(os.path.join(HERE, "nspi.manifest"), "w") as f:
        f.write("# Address book request/response pairs ([MS-OXCMAPIHTTP] 2.2.5), written by make_inputs.py:\n")
        f.write("# NAME<TAB>EXIT<TAB>mapidump arguments (paths relative to this directory).\n")
        for name, status, rt, req, resp in MANIFEST:
            f.write("%s\t%d\t--hex --raw-request %s inputs/%s.hex --raw-response %s inputs/%s.hex\n"
                    % (name, status, rt, req, rt, resp))
        # the same pair through the JSON sink (run.py also checks that it parses)
        f.write("nspi-get-matches-json\t0\t--hex -T json --raw-request GetMatches inputs/GetMatches.request.hex "
                "--raw-response GetMatches inputs/GetMatches.response.hex\n")
    print("wrote %d inputs and nspi.manifest" % len(cases()))


if __name__ == "__main__":
    main()

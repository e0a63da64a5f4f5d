#!/usr/bin/env python3
"""Writes the address book golden cases: request and response bodies (inputs/*.hex), each encoded field
by field from the [MS-OXCMAPIHTTP] 2.2.5.x table named beside it, and nspi.manifest. Input files are
named after their X-RequestType (TYPE.request.hex, TYPE[.variant].response.hex) so that
tests/fuzz/make_seeds.py can turn them into seeds for the body fuzzer. The .hex files and
the manifest are committed so that the tests do not depend on this script; the expected outputs are
made with run.py --regen and read line by line against the same sections before they are committed.
The bodies come from the generator's encoders (tests/gen/nspienc.py, restrenc.py, mapienc.py's aux blocks).

Usage: tests/golden/nspi/make_inputs.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "gen"))
import auxenc as A  # noqa: E402
import nspienc as N  # noqa: E402
import restrenc as R  # noqa: E402

SERVER_GUID = "{5A1D2B3C-4E5F-4061-8273-94A5B6C7D8E9}"
META_DONE = (b"PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 3\r\n"
             b"X-StartTime: Tue, 04 Feb 2014 12:34:56 GMT\r\n\r\n")

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
PHONE = 0x3A08001F                # PidTagBusinessTelephoneNumber
ERR_NOT_FOUND = 0x8004010F


def cases():
    c = {}
    dn_alice = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice"
    server_dn = "/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=0a1b2c3d@contoso.com"

    # 2.2.5.1.1 Bind request: Flags, HasState, State, aux (AUX_PERF_REQUESTID);
    # 2.2.5.1.2 success: StatusCode, ErrorCode, ServerGuid, aux; behind the meta-tags of 2.2.7.
    c["Bind.request"] = N.bind_request(N.stat(), aux=[A.aux_perf_requestid(1, 7)])
    c["Bind.response"] = META_DONE + N.bind_response(SERVER_GUID)
    # 2.2.5.1.3 failure: StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer.
    c["Bind.failure.response"] = N.failure_response(0x80040111)

    # 2.2.5.5.1 GetMatches request: Filter = AndRestriction ([MS-OXCDATA] 2.12.1.1, 32-bit count) of a
    # ContentRestriction (2.12.4.1) and a PropertyRestriction (2.12.5.1); PropertyName absent.
    flt = R.and_(R.content(R.FL_PREFIX, R.FL_IGNORECASE, DISPLAY_NAME, "Al", wide=True),
                 R.property_(R.RELOP_EQ, OBJECT_TYPE, 6, wide=True), wide=True)
    cols = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID]
    c["GetMatches.request"] = N.get_matches_request(N.stat(), 50, cols, filter_=flt)
    # 2.2.5.5.2 response: State, MinimalIds, Columns, RowCount, RowData: a standard row (2.2.1.7 Flags
    # 0x0) and a flagged row (Flags 0x1, values 2.2.1.5: Flag 0x0 value, 0xA error, 0x0, 0x1 no value).
    rows = [["Alice Example", "alice@contoso.com", N.DT_MAILUSER, N.ephemeral_entry_id(0x1A2, SERVER_GUID)],
            ["Alan Example", N.Err(ERR_NOT_FOUND), N.DT_MAILUSER, N.NO_VALUE]]
    c["GetMatches.response"] = META_DONE + N.get_matches_response(
        N.stat(current_rec=0x1A2, num_pos=0, total_recs=2), [0x1A2, 0x1A7], (cols, rows))

    # 2.2.5.12.1 QueryRows request: Flags fEphID, State (CurrentRec MID_BEGINNING_OF_TABLE, Delta 0),
    # ExplicitTableCount 0, RowCount, Columns.
    qcols = [DISPLAY_NAME, PROXY_ADDRESSES, ACCOUNT]
    c["QueryRows.request"] = N.query_rows_request(N.stat(), 1, qcols, flags=N.F_EPH_ID)
    # 2.2.5.12.2 response: State moved to the row read, Columns, one standard row with a
    # PtypMultipleString (per-element HasValue) and a PtypString whose HasValue is FALSE.
    c["QueryRows.response"] = N.query_rows_response(
        N.stat(current_rec=0x1A2, num_pos=1, total_recs=40),
        (qcols, [["Alice Example", ["SMTP:alice@contoso.com", "smtp:al@contoso.com"], None]]))
    # The same response cut inside the second proxy address (without the aux size, the FALSE HasValue
    # and the last 8 bytes of "smtp:al@contoso.com"): reported as truncated.
    c["QueryRows.cut.response"] = c["QueryRows.response"][:-(4 + 1 + 8)]

    # 2.2.5.14.1 ResolveNames request: State (CodePage CP_WINUNICODE), PropertyTags, NameCount,
    # NameValues; 2.2.5.14.2 response: CodePage, ANR MinimalIds ([MS-OXNSPI] 2.2.1.9: one resolved,
    # one MID_UNRESOLVED, one MID_AMBIGUOUS), PropertyTags, RowCount, RowData (the resolved name).
    names = [DISPLAY_NAME, SMTP_ADDRESS]
    c["ResolveNames.request"] = N.resolve_names_request(N.stat(code_page=N.CP_WINUNICODE), names,
                                                        ["alice", "nobody", "al"])
    c["ResolveNames.response"] = N.resolve_names_response(
        [0x1A2, N.MID_UNRESOLVED, N.MID_AMBIGUOUS], (names, [["Alice Example", "alice@contoso.com"]]))

    # 2.2.5.8.1 GetSpecialTable request: Flags NspiUnicodeStrings, State, HasVersion, Version;
    # 2.2.5.8.2 response: CodePage, HasVersion, Version, HasRows, RowsCount, Rows (each a 2.2.1.3 list):
    # one address book container with the address book tags from 0xF000 and 0x8000 named.
    c["GetSpecialTable.request"] = N.get_special_table_request(N.stat(), flags=N.NSPI_UNICODE_STRINGS, version=0)
    gal = [
        (ENTRY_ID, N.permanent_entry_id("/guid=00000000000000000000000000000000", N.DT_CONTAINER)),
        (CONTAINER_FLAGS, 0x9),
        (DEPTH, 0),
        (AB_CONTAINER_ID, 0),
        (DISPLAY_NAME, "Global Address List"),
        (AB_IS_MASTER, False),
    ]
    c["GetSpecialTable.response"] = N.get_special_table_response([gal], version=5)

    # 2.2.5.10.1 ModLinkAtt request: Flags fDelete, PropertyTag PidTagAddressBookMember, MinimalId,
    # EntryIds (count, then cb + EphemeralEntryID / PermanentEntryID each, see arrays.c);
    # 2.2.5.10.2 response: StatusCode, ErrorCode, aux.
    c["ModLinkAtt.request"] = N.mod_link_att_request(MEMBER, 0x1B0, [N.ephemeral_entry_id(0x1A7, SERVER_GUID),
                                                                    N.permanent_entry_id(dn_alice)], flags=N.F_DELETE)
    c["ModLinkAtt.response"] = N.mod_link_att_response(error_code=0x80070005)

    # 2.2.5.9.1 GetTemplateInfo request: Flags TI_TEMPLATE, DisplayType DT_MAILUSER, TemplateDn absent,
    # CodePage, LocaleId; 2.2.5.9.2 response: CodePage, HasRow, Row (2.2.1.3 list with PidTagTemplateData).
    c["GetTemplateInfo.request"] = N.get_template_info_request(N.DT_MAILUSER, flags=N.TI_TEMPLATE)
    c["GetTemplateInfo.response"] = N.get_template_info_response([(TEMPLATE_DATA, bytes(range(8)))])

    # 2.2.5.19.1 GetAddressBookUrl request: Flags, UserDn (UTF-16), aux; 2.2.5.19.2: ServerUrl.
    c["GetAddressBookUrl.request"] = N.get_address_book_url_request(dn_alice)
    c["GetAddressBookUrl.response"] = N.get_address_book_url_response(
        "https://mail.contoso.com/mapi/nspi/?MailboxId=0a1b2c3d@contoso.com")

    # 2.2.5.4.1 DNToMId request: Names (Count + 8-bit strings); 2.2.5.4.2: MinimalIds (0 = not found).
    c["DNToMId.request"] = N.dntomid_request([dn_alice, "/o=Contoso/cn=gone"])
    c["DNToMId.response"] = N.dntomid_response([0x1A2, 0])

    # 2.2.5.2.1 Unbind request: Reserved, aux; 2.2.5.2.2 response: StatusCode, ErrorCode, aux.
    c["Unbind.request"] = N.unbind_request()
    c["Unbind.response"] = N.unbind_response()

    # 2.2.5.3.1 CompareMIds request: Reserved, State, MinimalId1, MinimalId2; 2.2.5.3.2: Result (signed).
    c["CompareMIds.request"] = N.compare_mids_request(N.stat(), 0x1A7, 0x1A2)
    c["CompareMIds.response"] = N.compare_mids_response(1)

    # 2.2.5.6.1 GetPropList request: Flags fSkipObjects, MinimalId, CodePage; 2.2.5.6.2: PropertyTags.
    c["GetPropList.request"] = N.get_prop_list_request(0x1A2, flags=N.F_SKIP_OBJECTS, code_page=1252)
    c["GetPropList.response"] = N.get_prop_list_response([DISPLAY_NAME, SMTP_ADDRESS, PROXY_ADDRESSES])

    # 2.2.5.7.1 GetProps request: Flags fEphID, State (CurrentRec = the object), PropertyTags;
    # 2.2.5.7.2 response: CodePage, HasPropertyValues, PropertyValues (2.2.1.3), one a PtypErrorCode.
    c["GetProps.request"] = N.get_props_request(N.stat(current_rec=0x1A2), [DISPLAY_NAME, SMTP_ADDRESS, PHONE],
                                                flags=N.F_EPH_ID)
    c["GetProps.response"] = N.get_props_response([
        (DISPLAY_NAME, "Alice Example"),
        (SMTP_ADDRESS, "alice@contoso.com"),
        ((PHONE & 0xFFFF0000) | 0x000A, ERR_NOT_FOUND),
    ], error_code=0x00040380)

    # 2.2.5.11.1 ModProps request: Reserved, State, PropertyTagsToRemove (absent), PropertyValues.
    c["ModProps.request"] = N.mod_props_request(N.stat(current_rec=0x1A2), [(PHONE, "+1 555 0100")])
    c["ModProps.response"] = N.mod_props_response()

    # 2.2.5.13.1 QueryColumns request: Reserved, MapiFlags NspiUnicodeProptypes; 2.2.5.13.2: Columns.
    c["QueryColumns.request"] = N.query_columns_request(N.NSPI_UNICODE_PROPTYPES)
    c["QueryColumns.response"] = N.query_columns_response([DISPLAY_NAME, ACCOUNT, ENTRY_ID, MEMBER])

    # 2.2.5.15.1 ResortRestriction request: Reserved, State (SortTypeDisplayName), MinimalIds;
    # 2.2.5.15.2 response: State, MinimalIds sorted.
    c["ResortRestriction.request"] = N.resort_restriction_request(N.stat(), [0x1A7, 0x1A2])
    c["ResortRestriction.response"] = N.resort_restriction_response(N.stat(total_recs=2), [0x1A2, 0x1A7])

    # 2.2.5.16.1 SeekEntries request: Reserved, State, Target (2.2.1.2: PtypString "Al"), ExplicitTable
    # absent, Columns; 2.2.5.16.2 response: State, Columns, RowCount, RowData.
    c["SeekEntries.request"] = N.seek_entries_request(N.stat(), (DISPLAY_NAME, "Al"), [DISPLAY_NAME])
    c["SeekEntries.response"] = N.seek_entries_response(N.stat(current_rec=0x1A7, num_pos=1, total_recs=40),
                                                        ([DISPLAY_NAME], [["Alan Example"]]))

    # 2.2.5.17.1 UpdateStat request: Reserved, State (Delta 3), DeltaRequested;
    # 2.2.5.17.2 response: State, HasDelta, Delta (signed).
    c["UpdateStat.request"] = N.update_stat_request(N.stat(delta=3), delta_requested=0x01)
    c["UpdateStat.response"] = N.update_stat_response(N.stat(current_rec=0x1B3, num_pos=3, total_recs=40), delta=-1)

    # 2.2.5.18.1 GetMailboxUrl request: Flags, ServerDn (UTF-16); 2.2.5.18.2: ServerUrl.
    c["GetMailboxUrl.request"] = N.get_mailbox_url_request(server_dn)
    c["GetMailboxUrl.response"] = N.get_mailbox_url_response(
        "https://mail.contoso.com/mapi/emsmdb/?MailboxId=0a1b2c3d@contoso.com")
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

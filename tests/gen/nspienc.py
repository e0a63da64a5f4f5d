"""Address book (NSPI) bodies of MAPI over HTTP, written from the specifications.

[MS-OXCMAPIHTTP] 2.2.5: the request bodies (2.2.5.x.1: the type's fields, AuxiliaryBufferSize,
AuxiliaryBuffer), the success response bodies (2.2.5.x.2: StatusCode 0, ErrorCode, the type's fields,
auxiliary buffer) and the failure response body (2.2.5.x.3: StatusCode, auxiliary buffer) of all 19 request
types: Bind, Unbind, CompareMIds, DNToMId, GetMatches, GetPropList, GetProps, GetSpecialTable,
GetTemplateInfo, ModLinkAtt, ModProps, QueryColumns, QueryRows, ResolveNames, ResortRestriction,
SeekEntries, UpdateStat, GetMailboxUrl, GetAddressBookUrl.
The structures they carry: 2.2.1.1 AddressBookPropertyValue, 2.2.1.2 AddressBookTaggedPropertyValue,
2.2.1.3 AddressBookPropertyValueList, 2.2.1.4 AddressBookTypedPropertyValue, 2.2.1.5
AddressBookFlaggedPropertyValue, 2.2.1.6 AddressBookFlaggedPropertyValueWithType, 2.2.1.7
AddressBookPropertyRow, 2.2.1.8 LargePropertyTagArray; [MS-OXNSPI] 2.2.8 STAT, 2.2.9.1 MinimalEntryID,
2.2.9.2 EphemeralEntryID, 2.2.9.3 PermanentEntryID. Restrictions (GetMatches Filter) come from restrenc
with wide=True; auxiliary buffers from mapienc's aux encoders.

Values follow [MS-OXCDATA] 2.11.1 with 32-bit COUNTs, as 2.11.1 says for MAPI over HTTP 2.2.5. Python values
as propenc takes them; None is a value whose HasValue is FALSE (string, binary and multi-valued types only),
Err(code) / NO_VALUE the Flag 0xA / 0x1 of a flagged row, Typed(ptype, v) a value in a PtypUnspecified
column. Optional fields (the Has* Booleans) are None when absent. All integers are little-endian.
"""
import struct
import uuid

import auxenc as A
import mapienc as M
import propenc as P
from mapienc import asciiz, u8, u16, u32, utf16z

GUID_NSPI = "{C840A7DC-42C0-1A10-B4B9-08002B2FE182}"  # [MS-OXNSPI] 2.2.1.7, PermanentEntryID ProviderUID

TRUE, FALSE = 0xFF, 0x00  # the Has* Booleans of 2.2.5 as the address book bodies send them

# [MS-OXNSPI] 2.2.1.8 positioning Minimal Entry IDs and 2.2.1.9 ANR Minimal Entry IDs
MID_BEGINNING_OF_TABLE, MID_END_OF_TABLE, MID_CURRENT = 0x0, 0x2, 0x1
MID_UNRESOLVED, MID_AMBIGUOUS, MID_RESOLVED = 0x0, 0x1, 0x2
# [MS-OXNSPI] 2.2.1.10 SortType
SORT_TYPE_DISPLAY_NAME, SORT_TYPE_PHONETIC_DISPLAY_NAME = 0x0, 0x3
SORT_TYPE_DISPLAY_NAME_RO, SORT_TYPE_DISPLAY_NAME_W = 0x3E8, 0x3E9
CP_TELETEX, CP_WINUNICODE = 0x4F25, 0x4B0  # 2.2.1.4
# [MS-OXNSPI] 2.2.1.3 display types
DT_MAILUSER, DT_DISTLIST, DT_FORUM, DT_AGENT, DT_ORGANIZATION = 0x0, 0x1, 0x2, 0x3, 0x4
DT_PRIVATE_DISTLIST, DT_REMOTE_MAILUSER, DT_CONTAINER, DT_TEMPLATE = 0x5, 0x6, 0x100, 0x101
DT_ADDRESS_TEMPLATE, DT_SEARCH = 0x102, 0x200
# the flag bits of [MS-OXNSPI] 2.2.1 that the 2.2.5.x.1 Flags fields use (GetPropList / GetProps / QueryRows,
# GetSpecialTable, GetTemplateInfo, ModLinkAtt, QueryColumns, Bind)
F_SKIP_OBJECTS, F_EPH_ID = 0x1, 0x2
NSPI_ADDRESS_CREATION_TEMPLATES, NSPI_UNICODE_STRINGS = 0x2, 0x4
TI_TEMPLATE, TI_SCRIPT, TI_EMT, TI_HELPFILE_NAME, TI_HELPFILE_CONTENTS = 0x1, 0x4, 0x10, 0x20, 0x40
F_DELETE = 0x1
F_ANONYMOUS_LOGIN = 0x20
NSPI_UNICODE_PROPTYPES = 0x80000000
# [MS-OXCMAPIHTTP] 2.2.1.7 AddressBookPropertyRow Flags, 2.2.1.5 Flag
ROW_STANDARD, ROW_FLAGGED = 0x0, 0x1
FLAG_VALUE, FLAG_NO_VALUE, FLAG_ERROR = 0x0, 0x1, 0xA


def i32(v):
    return struct.pack("<i", v)


def guid(g):
    """A GUID in wire form from its registry form ("{...}") or a uuid.UUID."""
    return M.guid(g if isinstance(g, uuid.UUID) else uuid.UUID(g))


def boolean(b):
    return u8(TRUE if b else FALSE)


def _optional(v, encode):
    """A Has* Boolean and, when v is not None, the field it announces."""
    return u8(FALSE) if v is None else u8(TRUE) + encode(v)


# ---- [MS-OXNSPI] structures ----

def stat(sort_type=SORT_TYPE_DISPLAY_NAME, container_id=0, current_rec=MID_BEGINNING_OF_TABLE, delta=0,
         num_pos=0, total_recs=0, code_page=1252, template_locale=0x409, sort_locale=0x409):
    """2.2.8 STAT: nine 4-byte fields (Delta signed). ContainerID 0 is the Global Address List."""
    return (u32(sort_type) + u32(container_id) + u32(current_rec) + i32(delta) + u32(num_pos) +
            u32(total_recs) + u32(code_page) + u32(template_locale) + u32(sort_locale))


def ephemeral_entry_id(mid, provider_uid, display_type=DT_MAILUSER):
    """2.2.9.2 EphemeralEntryID (32 bytes): ID Type 0x87, R1-R3, ProviderUID (the server's Bind
    ServerGuid), R4 (0x00000001), Display Type, MId."""
    return u8(0x87) + u8(0) * 3 + guid(provider_uid) + u32(1) + u32(display_type) + u32(mid)


def permanent_entry_id(dn, display_type=DT_MAILUSER):
    """2.2.9.3 PermanentEntryID: ID Type 0x00, R1-R3, ProviderUID GUID_NSPI, R4, Display Type String,
    Distinguished Name (8-bit, null-terminated)."""
    return u8(0x00) + u8(0) * 3 + guid(GUID_NSPI) + u32(1) + u32(display_type) + asciiz(dn)


# ---- [MS-OXCMAPIHTTP] 2.2.1 address book structures ----

def tag_array(tags):
    """2.2.1.8 LargePropertyTagArray: PropertyTagCount, PropertyTags."""
    return u32(len(tags)) + b"".join(u32(t) for t in tags)


def mid_array(mids):
    """A count and that many MinimalEntryIDs (MinimalIdCount + MinimalIds, ExplicitTableCount +
    ExplicitTable)."""
    return u32(len(mids)) + b"".join(u32(m) for m in mids)


def _counted(ptype):
    return ptype in (P.PT_UNICODE, P.PT_STRING8, P.PT_BINARY)


def _plain(ptype, v):
    """[MS-OXCDATA] 2.11.1 value with the 32-bit COUNTs of MAPI over HTTP."""
    if ptype == P.PT_BINARY:
        return u32(len(v)) + v
    if ptype & P.MV:
        return u32(len(v)) + b"".join(_plain(ptype & ~P.MV, x) for x in v)
    return P.value(ptype, v)


def ab_value(ptype, v):
    """2.2.1.1 AddressBookPropertyValue: HasValue first for PtypString, PtypString8, PtypBinary and the
    multi-valued types (None: FALSE, no value); PtypMultipleString/String8/Binary have a HasValue in
    front of each element as well."""
    if not (ptype & P.MV) and not _counted(ptype):
        return P.value(ptype, v)
    if v is None:
        return u8(FALSE)
    base = ptype & ~P.MV
    if ptype & P.MV and _counted(base):
        return u8(TRUE) + u32(len(v)) + b"".join(_optional(x, lambda y: _plain(base, y)) for x in v)
    return u8(TRUE) + _plain(ptype, v)


def ab_tagged(tag, v):
    """2.2.1.2 AddressBookTaggedPropertyValue: PropertyType, PropertyId, AddressBookPropertyValue."""
    return u16(tag & 0xFFFF) + u16(tag >> 16) + ab_value(tag & 0xFFFF, v)


def ab_value_list(items):
    """2.2.1.3 AddressBookPropertyValueList: PropertyValueCount, (tag, value) pairs."""
    return u32(len(items)) + b"".join(ab_tagged(t, v) for t, v in items)


class Err:
    """A flagged row's value that the server could not give: Flag 0xA and a PtypErrorCode."""

    def __init__(self, code):
        self.code = code


NO_VALUE = object()  # a flagged row's value with Flag 0x1: no value


class Typed:
    """A value in a PtypUnspecified column, which carries its own PropertyType (2.2.1.4, 2.2.1.6)."""

    def __init__(self, ptype, v):
        self.ptype, self.v = ptype, v


def _row_value(col_type, v, flagged):
    head = b""
    if col_type == P.PT_UNSPECIFIED:
        head, col_type, v = u16(v.ptype), v.ptype, v.v
    if not flagged:
        return head + ab_value(col_type, v)
    if isinstance(v, Err):
        return head + u8(FLAG_ERROR) + u32(v.code)
    if v is NO_VALUE:
        return head + u8(FLAG_NO_VALUE)
    return head + u8(FLAG_VALUE) + ab_value(col_type, v)


def ab_row(columns, values, flagged=None):
    """2.2.1.7 AddressBookPropertyRow for `columns`: Flags, then one value per column. A flagged row
    (Flags 0x1, values 2.2.1.5 / 2.2.1.6) when asked or when a value is Err or NO_VALUE."""
    if flagged is None:
        flagged = any(isinstance(v, Err) or v is NO_VALUE or
                      (isinstance(v, Typed) and (isinstance(v.v, Err) or v.v is NO_VALUE)) for v in values)
    return u8(ROW_FLAGGED if flagged else ROW_STANDARD) + \
        b"".join(_row_value(c & 0xFFFF, v, flagged) for c, v in zip(columns, values))


def row_data(columns, rows):
    """RowCount and RowData: rows are lists of values (or already encoded rows, as bytes)."""
    return u32(len(rows)) + b"".join(r if isinstance(r, bytes) else ab_row(columns, r) for r in rows)


def _columns_and_rows(table):
    """HasColumnsAndRows (HasRowsAndColumns), Columns, RowCount, RowData; table is (columns, rows)."""
    return _optional(table, lambda t: tag_array(t[0]) + row_data(t[0], t[1]))


def _aux(aux):
    return A.aux_buffer(list(aux))


def _ok(error_code, fields, aux):
    """A success response body: StatusCode 0, ErrorCode ([MS-OXNSPI] 2.2.1.2), fields, auxiliary buffer."""
    return u32(0) + u32(error_code) + fields + _aux(aux)


def failure_response(status_code, aux=()):
    """2.2.5.x.3 failure response body: StatusCode (nonzero, 2.2.2.2), AuxiliaryBufferSize, AuxiliaryBuffer."""
    return u32(status_code) + _aux(aux)


# ---- [MS-OXCMAPIHTTP] 2.2.5 request and response bodies ----

def bind_request(state, flags=0, aux=()):  # 2.2.5.1.1: Flags, HasState, State
    return u32(flags) + _optional(state, bytes) + _aux(aux)


def bind_response(server_guid, error_code=0, aux=()):  # 2.2.5.1.2: ServerGuid
    return _ok(error_code, guid(server_guid), aux)


def unbind_request(reserved=0, aux=()):  # 2.2.5.2.1
    return u32(reserved) + _aux(aux)


def unbind_response(error_code=0, aux=()):  # 2.2.5.2.2
    return _ok(error_code, b"", aux)


def compare_mids_request(state, mid1, mid2, reserved=0, aux=()):  # 2.2.5.3.1
    return u32(reserved) + _optional(state, bytes) + u32(mid1) + u32(mid2) + _aux(aux)


def compare_mids_response(result, error_code=0, aux=()):  # 2.2.5.3.2: Result (signed)
    return _ok(error_code, i32(result), aux)


def dntomid_request(names, reserved=0, aux=()):
    """2.2.5.4.1: Reserved, HasNames, Names (StringsArray_r: Count, null-terminated 8-bit strings)."""
    return u32(reserved) + _optional(names, lambda n: u32(len(n)) + b"".join(asciiz(s) for s in n)) + _aux(aux)


def dntomid_response(mids, error_code=0, aux=()):  # 2.2.5.4.2: HasMinimalIds, MinimalIdCount, MinimalIds
    return _ok(error_code, _optional(mids, mid_array), aux)


def get_matches_request(state, row_count, columns, mids=None, interface_option_flags=0, filter_=None,
                        property_name=None, reserved=0, aux=()):
    """2.2.5.5.1: Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
    InterfaceOptionFlags, HasFilter, Filter (a restriction, restrenc with wide=True), HasPropertyName,
    PropertyNameGuid, PropertyNameId (property_name = (guid, id)), RowCount, HasColumns, Columns."""
    return (u32(reserved) + _optional(state, bytes) + _optional(mids, mid_array) + u32(interface_option_flags) +
            _optional(filter_, bytes) + _optional(property_name, lambda p: guid(p[0]) + u32(p[1])) +
            u32(row_count) + _optional(columns, tag_array) + _aux(aux))


def get_matches_response(state, mids, table, error_code=0, aux=()):
    """2.2.5.5.2: HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds, HasColumnsAndRows, Columns,
    RowCount, RowData; table is (columns, rows) or None."""
    return _ok(error_code, _optional(state, bytes) + _optional(mids, mid_array) + _columns_and_rows(table), aux)


def get_prop_list_request(mid, flags=F_SKIP_OBJECTS, code_page=1252, aux=()):  # 2.2.5.6.1
    return u32(flags) + u32(mid) + u32(code_page) + _aux(aux)


def get_prop_list_response(tags, error_code=0, aux=()):  # 2.2.5.6.2: HasPropertyTags, PropertyTags
    return _ok(error_code, _optional(tags, tag_array), aux)


def get_props_request(state, tags, flags=F_EPH_ID, aux=()):  # 2.2.5.7.1: Flags, HasState, State, tags
    return u32(flags) + _optional(state, bytes) + _optional(tags, tag_array) + _aux(aux)


def get_props_response(values, code_page=1252, error_code=0, aux=()):
    """2.2.5.7.2: CodePage, HasPropertyValues, PropertyValues ((tag, value) pairs); ErrorCode
    ErrorsReturned (0x00040380) when some values are PtypErrorCode."""
    return _ok(error_code, u32(code_page) + _optional(values, ab_value_list), aux)


def get_special_table_request(state, flags=NSPI_UNICODE_STRINGS, version=None, aux=()):  # 2.2.5.8.1
    return u32(flags) + _optional(state, bytes) + _optional(version, u32) + _aux(aux)


def get_special_table_response(rows, code_page=1252, version=None, error_code=0, aux=()):
    """2.2.5.8.2: CodePage, HasVersion, Version, HasRows, RowsCount, Rows (each an
    AddressBookPropertyValueList, given as its (tag, value) pairs)."""
    return _ok(error_code, u32(code_page) + _optional(version, u32) +
               _optional(rows, lambda rs: u32(len(rs)) + b"".join(ab_value_list(r) for r in rs)), aux)


def get_template_info_request(display_type, flags=TI_TEMPLATE, template_dn=None, code_page=1252,
                              locale_id=0x409, aux=()):
    """2.2.5.9.1: Flags, DisplayType, HasTemplateDn, TemplateDn (8-bit), CodePage, LocaleId."""
    return (u32(flags) + u32(display_type) + _optional(template_dn, asciiz) + u32(code_page) + u32(locale_id) +
            _aux(aux))


def get_template_info_response(row, code_page=1252, error_code=0, aux=()):  # 2.2.5.9.2: CodePage, HasRow, Row
    return _ok(error_code, u32(code_page) + _optional(row, ab_value_list), aux)


def mod_link_att_request(property_tag, mid, entry_ids, flags=0, aux=()):
    """2.2.5.10.1: Flags (fDelete), PropertyTag, MinimalId, HasEntryIds, EntryIdCount, EntryIds; each
    entry ID with its 4-byte size in front, as the BinaryArray_r of [MS-OXNSPI] 3.1.4.1.15 carries them."""
    return (u32(flags) + u32(property_tag) + u32(mid) +
            _optional(entry_ids, lambda es: u32(len(es)) + b"".join(u32(len(e)) + e for e in es)) + _aux(aux))


def mod_link_att_response(error_code=0, aux=()):  # 2.2.5.10.2
    return _ok(error_code, b"", aux)


def mod_props_request(state, values, tags_to_remove=None, reserved=0, aux=()):
    """2.2.5.11.1: Reserved, HasState, State, HasPropertyTagsToRemove, PropertyTagsToRemove,
    HasPropertyValues, PropertyValues ((tag, value) pairs)."""
    return (u32(reserved) + _optional(state, bytes) + _optional(tags_to_remove, tag_array) +
            _optional(values, ab_value_list) + _aux(aux))


def mod_props_response(error_code=0, aux=()):  # 2.2.5.11.2
    return _ok(error_code, b"", aux)


def query_columns_request(mapi_flags=NSPI_UNICODE_PROPTYPES, reserved=0, aux=()):  # 2.2.5.13.1
    return u32(reserved) + u32(mapi_flags) + _aux(aux)


def query_columns_response(columns, error_code=0, aux=()):  # 2.2.5.13.2: HasColumns, Columns
    return _ok(error_code, _optional(columns, tag_array), aux)


def query_rows_request(state, row_count, columns, explicit_table=(), flags=F_EPH_ID, aux=()):
    """2.2.5.12.1: Flags, HasState, State, ExplicitTableCount, ExplicitTable (no Has* in front),
    RowCount, HasColumns, Columns."""
    return (u32(flags) + _optional(state, bytes) + mid_array(explicit_table) + u32(row_count) +
            _optional(columns, tag_array) + _aux(aux))


def query_rows_response(state, table, error_code=0, aux=()):
    """2.2.5.12.2: HasState, State, HasColumnsAndRows, Columns, RowCount, RowData."""
    return _ok(error_code, _optional(state, bytes) + _columns_and_rows(table), aux)


def resolve_names_request(state, tags, names, reserved=0, aux=()):
    """2.2.5.14.1: Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames, NameCount,
    NameValues (null-terminated UTF-16LE)."""
    return (u32(reserved) + _optional(state, bytes) + _optional(tags, tag_array) +
            _optional(names, lambda ns: u32(len(ns)) + b"".join(utf16z(n) for n in ns)) + _aux(aux))


def resolve_names_response(mids, table, code_page=CP_WINUNICODE, error_code=0, aux=()):
    """2.2.5.14.2: CodePage, HasMinimalIds, MinimalIdCount, MinimalIds (one per name: a MID, or
    MID_UNRESOLVED / MID_AMBIGUOUS), HasRowsAndColumns, PropertyTags, RowCount, RowData (resolved names)."""
    return _ok(error_code, u32(code_page) + _optional(mids, mid_array) + _columns_and_rows(table), aux)


def resort_restriction_request(state, mids, reserved=0, aux=()):  # 2.2.5.15.1
    return u32(reserved) + _optional(state, bytes) + _optional(mids, mid_array) + _aux(aux)


def resort_restriction_response(state, mids, error_code=0, aux=()):  # 2.2.5.15.2
    return _ok(error_code, _optional(state, bytes) + _optional(mids, mid_array), aux)


def seek_entries_request(state, target, columns, explicit_table=None, reserved=0, aux=()):
    """2.2.5.16.1: Reserved, HasState, State, HasTarget, Target (an AddressBookTaggedPropertyValue, given
    as (tag, value)), HasExplicitTable, ExplicitTableCount, ExplicitTable, HasColumns, Columns."""
    return (u32(reserved) + _optional(state, bytes) + _optional(target, lambda t: ab_tagged(*t)) +
            _optional(explicit_table, mid_array) + _optional(columns, tag_array) + _aux(aux))


def seek_entries_response(state, table, error_code=0, aux=()):  # 2.2.5.16.2
    return _ok(error_code, _optional(state, bytes) + _columns_and_rows(table), aux)


def update_stat_request(state, delta_requested=0x01, reserved=0, aux=()):
    """2.2.5.17.1: Reserved, HasState, State, DeltaRequested (the byte given, nonzero: asked)."""
    return u32(reserved) + _optional(state, bytes) + u8(delta_requested) + _aux(aux)


def update_stat_response(state, delta=None, error_code=0, aux=()):  # 2.2.5.17.2: State, HasDelta, Delta
    return _ok(error_code, _optional(state, bytes) + _optional(delta, i32), aux)


def get_mailbox_url_request(server_dn, flags=0, aux=()):  # 2.2.5.18.1: Flags, ServerDn (UTF-16LE)
    return u32(flags) + utf16z(server_dn) + _aux(aux)


def get_mailbox_url_response(server_url, error_code=0, aux=()):  # 2.2.5.18.2: ServerUrl
    return _ok(error_code, utf16z(server_url), aux)


def get_address_book_url_request(user_dn, flags=0, aux=()):  # 2.2.5.19.1: Flags, UserDn (UTF-16LE)
    return u32(flags) + utf16z(user_dn) + _aux(aux)


def get_address_book_url_response(server_url, error_code=0, aux=()):  # 2.2.5.19.2: ServerUrl
    return _ok(error_code, utf16z(server_url), aux)

#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.5 table ROPs ([MS-OXCTABL] 2.2.2). Each buffer is encoded field by
field from the section named beside it. Rows ([MS-OXCDATA] 2.8.1) are decoded with the columns of the
table's last successful RopSetColumns, so the response cases that carry rows send RopSetColumns first in
the same request."""
from ropgen import *

# PidTagDisplayName (PtypString), PidTagMessageSize (PtypInteger32), PidTagSubject (PtypString),
# PidTagMessageDeliveryTime (PtypTime)
COLUMNS = tags(0x3001001F, 0x0E080003, 0x0037001F, 0x0E060040)
EC_NOT_SUPPORTED = 0x80040102
EC_NOT_FOUND = 0x8004010F
FT_2014 = 130359908960000000  # 2014-02-04T12:34:56Z as FILETIME ([MS-DTYP] 2.3.3)


def req(rop_id, *fields):
    """RopId, LogonId 0, InputHandleIndex 0, then the ROP's fields."""
    return u8(rop_id) + u8(0) + u8(0) + b"".join(fields)


def resp(rop_id, rv=0, *fields):
    """RopId, InputHandleIndex 0, ReturnValue, then the ROP's fields."""
    return u8(rop_id) + u8(0) + u32(rv) + b"".join(fields)


# [MS-OXCDATA] 2.12 restrictions (RestrictCount 16 bits in ROP buffers, 2.12.1.1) and RestrictionDataSize:
# the capture generator's encoder (tests/gen/restrenc.py)
import restrenc as R  # noqa: E402
from restrenc import restriction_data  # noqa: E402


def bookmark(b):
    """BookmarkSize (2 bytes) and Bookmark."""
    return u16(len(b)) + b


# 2.2.5.1.1 RopSetColumns: SetColumnsFlags, PropertyTagCount, PropertyTags
set_columns = req(0x12, u8(0x00), u16(4), COLUMNS)
set_columns_ok = resp(0x12, 0, u8(0x00))  # 2.2.5.1.2: TableStatus TBLSTAT_COMPLETE
write_case("rop-RopSetColumns-request", set_columns)
write_case("rop-RopSetColumns-response", set_columns, set_columns_ok)
write_case("rop-RopSetColumns-response-failure", set_columns, resp(0x12, EC_NOT_SUPPORTED))

# PropertyRows with COLUMNS ([MS-OXCDATA] 2.8.1.1 StandardPropertyRow, 2.8.1.2 FlaggedPropertyRow)
ROW1 = u8(0x00) + utf16z("Alice") + u32(1234) + utf16z("Hello") + u64(FT_2014)
ROW2 = (u8(0x01) + u8(0x00) + utf16z("Bob") + u8(0x0A) + u32(EC_NOT_FOUND) + u8(0x00) + utf16z("Re: Hello")
        + u8(0x01))  # flag 0x01: no value for PidTagMessageDeliveryTime

# 2.2.5.2.1 RopSortTable: SortTableFlags, SortOrderCount, CategoryCount, ExpandedCount, SortOrders
# ([MS-OXCDATA] 2.13.1 SortOrder: PropertyType, PropertyId, Order). One category (PidTagSubject), the
# MaximumCategory aggregate of PidTagMessageDeliveryTime, then the rows by delivery time descending.
sort_orders = (u16(0x001F) + u16(0x0037) + u8(0x00) + u16(0x0040) + u16(0x0E06) + u8(0x04)
               + u16(0x0040) + u16(0x0E06) + u8(0x01))
sort_table = req(0x13, u8(0x01), u16(3), u16(1), u16(1), sort_orders)
write_case("rop-RopSortTable-request", sort_table)
# 2.2.5.2.2: TableStatus; TBLSTAT_SORTING while the asynchronous sort runs
write_case("rop-RopSortTable-response", sort_table, resp(0x13, 0, u8(0x09)))
write_case("rop-RopSortTable-response-failure", sort_table, resp(0x13, EC_NOT_SUPPORTED))

# 2.2.5.3.1 RopRestrict: RestrictFlags, RestrictionDataSize, RestrictionData. Subject contains "hello",
# ignoring case (FL_SUBSTRING, FL_IGNORECASE).
restrict = req(0x14, u8(0x00), restriction_data(R.content(R.FL_SUBSTRING, R.FL_IGNORECASE, 0x0037001F, "hello")))
write_case("rop-RopRestrict-request", restrict)
# RestrictionDataSize 0: the restriction is removed ([MS-OXCTABL] 2.2.2.4.1)
write_case("rop-RopRestrict-request-remove", req(0x14, u8(0x00), u16(0)))
write_case("rop-RopRestrict-response", restrict, resp(0x14, 0, u8(0x00)))
write_case("rop-RopRestrict-response-failure", restrict, resp(0x14, EC_NOT_SUPPORTED))

# 2.2.5.4.1 RopQueryRows: QueryRowsFlags (Advance), ForwardRead (TRUE), RowCount 50
query_rows = req(0x15, u8(0x00), u8(0x01), u16(50))
write_case("rop-RopQueryRows-request", query_rows)
# 2.2.5.4.2: Origin (BOOKMARK_CURRENT), RowCount, RowData, decoded with the columns set just before
write_case("rop-RopQueryRows-response", set_columns + query_rows,
           set_columns_ok + resp(0x15, 0, u8(0x01), u16(2), ROW1, ROW2))
# without a RopSetColumns for the table the rows cannot be decoded: missing context, shown raw
write_case("rop-RopQueryRows-response-missing-columns", query_rows, resp(0x15, 0, u8(0x02), u16(1), ROW1), status=1)
# a failed RopSetColumns commits nothing: the rows stay undecoded
write_case("rop-RopQueryRows-response-after-failed-set-columns", set_columns + query_rows,
           resp(0x12, EC_NOT_SUPPORTED) + resp(0x15, 0, u8(0x01), u16(1), ROW1), status=1)
write_case("rop-RopQueryRows-response-failure", query_rows, resp(0x15, EC_NOT_SUPPORTED))

# 2.2.5.6 RopGetStatus / 2.2.5.5 RopAbort: no fields after InputHandleIndex; TableStatus in the response
for rop_id, name in ((0x16, "RopGetStatus"), (0x38, "RopAbort")):
    write_case("rop-%s-request" % name, req(rop_id))
    write_case("rop-%s-response" % name, req(rop_id), resp(rop_id, 0, u8(0x0E)))  # TBLSTAT_RESTRICTING
    write_case("rop-%s-response-failure" % name, req(rop_id), resp(rop_id, EC_NOT_SUPPORTED))

# 2.2.5.7 RopQueryPosition: Numerator, Denominator in the response
write_case("rop-RopQueryPosition-request", req(0x17))
write_case("rop-RopQueryPosition-response", req(0x17), resp(0x17, 0, u32(5), u32(20)))
write_case("rop-RopQueryPosition-response-failure", req(0x17), resp(0x17, EC_NOT_SUPPORTED))

# 2.2.5.8.1 RopSeekRow: Origin (BOOKMARK_END), RowCount -3 (backwards), WantRowMovedCount TRUE
seek_row = req(0x18, u8(0x02), i32(-3), u8(0x01))
write_case("rop-RopSeekRow-request", seek_row)
# 2.2.5.8.2: HasSoughtLess TRUE, RowsSought -2
write_case("rop-RopSeekRow-response", seek_row, resp(0x18, 0, u8(0x01), i32(-2)))
write_case("rop-RopSeekRow-response-failure", seek_row, resp(0x18, EC_NOT_SUPPORTED))

# 2.2.5.9.1 RopSeekRowBookmark: BookmarkSize, Bookmark, RowCount, WantRowMovedCount
BM = bytes([0x01, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00])
seek_bm = req(0x19, bookmark(BM), i32(5), u8(0x01))
write_case("rop-RopSeekRowBookmark-request", seek_bm)
# 2.2.5.9.2: RowNoLongerVisible FALSE, HasSoughtLess FALSE, RowsSought 5
write_case("rop-RopSeekRowBookmark-response", seek_bm, resp(0x19, 0, u8(0x00), u8(0x00), i32(5)))
write_case("rop-RopSeekRowBookmark-response-failure", seek_bm, resp(0x19, EC_NOT_FOUND))

# 2.2.5.10.1 RopSeekRowFractional: Numerator 1, Denominator 2; the response (2.2.5.10.2) has nothing
# after ReturnValue, whatever it is
seek_frac = req(0x1A, u32(1), u32(2))
write_case("rop-RopSeekRowFractional-request", seek_frac)
write_case("rop-RopSeekRowFractional-response", seek_frac, resp(0x1A))
write_case("rop-RopSeekRowFractional-response-failure", seek_frac, resp(0x1A, EC_NOT_SUPPORTED))

# 2.2.5.11 RopCreateBookmark: BookmarkSize and Bookmark in the response (2.2.5.11.2)
write_case("rop-RopCreateBookmark-request", req(0x1B))
write_case("rop-RopCreateBookmark-response", req(0x1B), resp(0x1B, 0, bookmark(BM)))
write_case("rop-RopCreateBookmark-response-failure", req(0x1B), resp(0x1B, EC_NOT_SUPPORTED))

# 2.2.5.12 RopQueryColumnsAll: PropertyTagCount and PropertyTags in the response (2.2.5.12.2)
write_case("rop-RopQueryColumnsAll-request", req(0x37))
write_case("rop-RopQueryColumnsAll-response", req(0x37), resp(0x37, 0, u16(3), tags(0x0037001F, 0x0E080003, 0x0FFF0102)))
write_case("rop-RopQueryColumnsAll-response-failure", req(0x37), resp(0x37, EC_NOT_SUPPORTED))

# 2.2.5.13.1 RopFindRow: FindRowFlags (forwards), RestrictionDataSize, RestrictionData, Origin, BookmarkSize,
# Bookmark. The restriction: an AND of PidTagMessageClass = "IPM.Note", the read bit (0x00000001) of
# PidTagMessageFlags set, and PidTagSubject present.
find_restriction = R.and_(R.property_(R.RELOP_EQ, 0x001A001F, "IPM.Note"),
                          R.bitmask(R.BMR_NEZ, 0x0E070003, 0x00000001),
                          R.exist(0x0037001F))
find_row = req(0x4F, u8(0x00), restriction_data(find_restriction), u8(0x00), u16(0))
write_case("rop-RopFindRow-request", find_row)
# backwards from a custom bookmark (Origin BOOKMARK_CUSTOM 0x03, [MS-OXCTABL] 2.2.2.14.1)
find_row_bm = req(0x4F, u8(0x01), restriction_data(R.exist(0x0037001F)), u8(0x03), bookmark(BM))
write_case("rop-RopFindRow-request-custom-bookmark", find_row_bm)
# 2.2.5.13.2: RowNoLongerVisible, HasRowData, RowData (one PropertyRow with the table's columns)
write_case("rop-RopFindRow-response", set_columns + find_row,
           set_columns_ok + resp(0x4F, 0, u8(0x00), u8(0x01), ROW1))
# HasRowData FALSE: no RowData, so no columns are needed
write_case("rop-RopFindRow-response-no-row", find_row, resp(0x4F, 0, u8(0x01), u8(0x00)))
write_case("rop-RopFindRow-response-failure", find_row, resp(0x4F, EC_NOT_FOUND))

# 2.2.5.14 RopFreeBookmark: BookmarkSize, Bookmark; the response (2.2.5.14.2) has nothing after ReturnValue
free_bm = req(0x89, bookmark(BM))
write_case("rop-RopFreeBookmark-request", free_bm)
write_case("rop-RopFreeBookmark-response", free_bm, resp(0x89))
write_case("rop-RopFreeBookmark-response-failure", free_bm, resp(0x89, EC_NOT_SUPPORTED))

# 2.2.5.15 RopResetTable: no fields; the response (2.2.5.15.2) has nothing after ReturnValue
write_case("rop-RopResetTable-request", req(0x81))
write_case("rop-RopResetTable-response", req(0x81), resp(0x81))
write_case("rop-RopResetTable-response-failure", req(0x81), resp(0x81, EC_NOT_SUPPORTED))
# a successful reset drops the columns ([MS-OXCTABL] 3.2.5.15): the RopQueryRows after it cannot decode rows
write_case("rop-RopResetTable-response-drops-columns", set_columns + req(0x81) + query_rows,
           set_columns_ok + resp(0x81) + resp(0x15, 0, u8(0x00), u16(1), ROW1), status=1)

# 2.2.5.16.1 RopExpandRow: MaxRowCount, CategoryId
CATEGORY = 0x0000000000000A01
expand = req(0x59, u16(10), u64(CATEGORY))
write_case("rop-RopExpandRow-request", expand)
# 2.2.5.16.2: ExpandedRowCount, RowCount, RowData with the table's columns
write_case("rop-RopExpandRow-response", set_columns + expand,
           set_columns_ok + resp(0x59, 0, u32(2), u16(1), ROW1))
write_case("rop-RopExpandRow-response-failure", expand, resp(0x59, EC_NOT_FOUND))

# 2.2.5.17 RopCollapseRow: CategoryId; CollapsedRowCount in the response
collapse = req(0x5A, u64(CATEGORY))
write_case("rop-RopCollapseRow-request", collapse)
write_case("rop-RopCollapseRow-response", collapse, resp(0x5A, 0, u32(2)))
write_case("rop-RopCollapseRow-response-failure", collapse, resp(0x5A, EC_NOT_FOUND))

# 2.2.5.18 RopGetCollapseState: RowId, RowInstanceNumber; CollapseStateSize and CollapseState in the response
STATE = bytes([0x01, 0x00, 0x0A, 0x01, 0x00, 0x00])
get_state = req(0x6B, u64(0x0000000000000A02), u32(0))
write_case("rop-RopGetCollapseState-request", get_state)
write_case("rop-RopGetCollapseState-response", get_state, resp(0x6B, 0, u16(len(STATE)), STATE))
write_case("rop-RopGetCollapseState-response-failure", get_state, resp(0x6B, EC_NOT_SUPPORTED))

# 2.2.5.19 RopSetCollapseState: CollapseStateSize, CollapseState; BookmarkSize and Bookmark in the response
set_state = req(0x6C, u16(len(STATE)), STATE)
write_case("rop-RopSetCollapseState-request", set_state)
write_case("rop-RopSetCollapseState-response", set_state, resp(0x6C, 0, bookmark(BM)))
write_case("rop-RopSetCollapseState-response-failure", set_state, resp(0x6C, EC_NOT_SUPPORTED))

write_manifest("table")

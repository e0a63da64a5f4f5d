/*
 * [MS-OXCROPS] 2.2.5 table ROPs, with the field values of [MS-OXCTABL] 2.2.2:
 *   2.2.5.1 RopSetColumns (0x12)         2.2.5.11 RopCreateBookmark (0x1B)
 *   2.2.5.2 RopSortTable (0x13)          2.2.5.12 RopQueryColumnsAll (0x37)
 *   2.2.5.3 RopRestrict (0x14)           2.2.5.13 RopFindRow (0x4F)
 *   2.2.5.4 RopQueryRows (0x15)          2.2.5.14 RopFreeBookmark (0x89)
 *   2.2.5.5 RopAbort (0x38)              2.2.5.15 RopResetTable (0x81)
 *   2.2.5.6 RopGetStatus (0x16)          2.2.5.16 RopExpandRow (0x59)
 *   2.2.5.7 RopQueryPosition (0x17)      2.2.5.17 RopCollapseRow (0x5A)
 *   2.2.5.8 RopSeekRow (0x18)            2.2.5.18 RopGetCollapseState (0x6B)
 *   2.2.5.9 RopSeekRowBookmark (0x19)    2.2.5.19 RopSetCollapseState (0x6C)
 *   2.2.5.10 RopSeekRowFractional (0x1A)
 * [MS-OXCTABL] values: 2.2.2.1.1 predefined bookmarks (and BOOKMARK_CUSTOM 0x03 of RopFindRow's Origin),
 * 2.2.2.1.3 TableStatus, 2.2.2.1.4 asynchronous flags, 2.2.2.5.1 QueryRowsFlags, 2.2.2.14.1 FindRowFlags.
 *
 * Session context: the columns of a table are the PropertyTags of its last successful RopSetColumns
 * (committed by the response, [MS-OXCTABL] 3.2.5.1), dropped by RopResetTable (3.2.5.15: the table returns
 * to its state after it was opened, and 3.1.5: columns must be set again before querying) and by
 * RopRelease. The rows of RopQueryRows, RopFindRow and RopExpandRow ([MS-OXCDATA] 2.8.1 PropertyRow)
 * are decoded with them; when they are not known the rows are shown raw with a missing-context problem.
 */
#include <stdio.h>

#include "../core/limits.h"
#include "../mapi/propvalue.h"
#include "../mapi/sortorder.h"
#include "rop_catalog.h"
#include "rop_restriction.h"

/* 2.2.2.1.4: TBL_ASYNC is the only flag; 0x00 asks for a synchronous operation */
static const mh_vs async_flags_vs[] = { { 0x00, "TBL_SYNC" }, { 0x01, "TBL_ASYNC" } };
const mh_names mh_names_table_async_flags = MH_NAMES(async_flags_vs);

static const mh_vs table_status_vs[] = {
    { 0x00, "TBLSTAT_COMPLETE" },       { 0x09, "TBLSTAT_SORTING" },    { 0x0A, "TBLSTAT_SORT_ERROR" },
    { 0x0B, "TBLSTAT_SETTING_COLS" },   { 0x0D, "TBLSTAT_SETCOL_ERROR" }, { 0x0E, "TBLSTAT_RESTRICTING" },
    { 0x0F, "TBLSTAT_RESTRICT_ERROR" },
};
const mh_names mh_names_table_status = MH_NAMES(table_status_vs);
#define TBLSTAT_SETCOL_ERROR 0x0D

/* 2.2.2.1.1 predefined bookmarks (RopSeekRow's and RopFindRow's Origin, RopQueryRows' response); RopFindRow
 * also takes BOOKMARK_CUSTOM: start at its Bookmark field (2.2.2.14.1) */
static const mh_vs bookmark_vs[] = {
    { 0x00, "BOOKMARK_BEGINNING" }, { 0x01, "BOOKMARK_CURRENT" }, { 0x02, "BOOKMARK_END" }, { 0x03, "BOOKMARK_CUSTOM" },
};
const mh_names mh_names_table_bookmark = { bookmark_vs, 3, 0, 0, NULL };
const mh_names mh_names_find_row_origin = MH_NAMES(bookmark_vs);

/* 2.2.2.5.1: Advance is the absence of NoAdvance, so the four legal combinations are named whole */
static const mh_vs query_rows_flags_vs[] = {
    { 0x00, "Advance" }, { 0x01, "NoAdvance" }, { 0x02, "Advance, EnablePackedBuffers" },
    { 0x03, "NoAdvance, EnablePackedBuffers" },
};
const mh_names mh_names_query_rows_flags = MH_NAMES(query_rows_flags_vs);

/* 2.2.2.14.1 */
static const mh_vs find_row_flags_vs[] = { { 0x00, "Forwards" }, { 0x01, "Backwards" } };
const mh_names mh_names_find_row_flags = MH_NAMES(find_row_flags_vs);

/* The request fields every table ROP starts with. */
static void table_header(mh_dec *d, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

static void header_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
}

static void table_status_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_TABLE_STATUS);
}

/* BookmarkSize (2 bytes) and Bookmark: opaque bytes the server made ([MS-OXCTABL] 2.2.2.1.2). */
static void bookmark(mh_dec *d)
{
    uint16_t n = mh_u16(d, MH_F_ROP_BOOKMARK_SIZE);
    if (mh_cur_ok(&d->c) && n) /* an empty Bookmark (RopFindRow without BOOKMARK_CUSTOM) is not shown */
        mh_bytes(d, MH_F_ROP_BOOKMARK, n);
}

static void bookmark_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    bookmark(d);
}

/* ---- columns from the session ---- */

/* The committed columns of the table at the request's InputHandleIndex; NULL after reporting a
 * missing-context problem (from `from` to the end of the list: without columns a row's size is
 * unknown). `what` names the rows ("RowData (3 rows)"). */
static const mh_object *table_columns(mh_dec *d, const mh_rop_req *r, const char *rop, const char *what, size_t from)
{
    if (!r) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, from,
                "%s response: its request was not seen, so the table and its columns are unknown; %s cannot be "
                "decoded and the rest of the list is shown raw",
                rop, what);
        return NULL;
    }
    uint32_t h = mh_rop_handle_at(d, r->in_index);
    if (h == MH_NO_HANDLE) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, from,
                "%s response: InputHandleIndex %u has no handle in the ServerObjectHandleTable, so the table's "
                "columns are unknown; %s cannot be decoded and the rest of the list is shown raw",
                rop, r->in_index, what);
        return NULL;
    }
    const mh_object *t = mh_rop_object_at(d, r->in_index);
    if (!t) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, from,
                "%s response: the columns of table handle 0x%08X are not known: no successful RopSetColumns was "
                "seen for it (the handle itself is not known: opened before the capture started, or released); %s "
                "cannot be decoded and the rest of the list is shown raw",
                rop, h, what);
        return NULL;
    }
    if (!t->has_columns) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, from,
                "%s response: the columns of table handle 0x%08X are not known: no successful RopSetColumns was "
                "seen for it since it was opened or reset; %s cannot be decoded and the rest of the list is shown raw",
                rop, h, what);
        return NULL;
    }
    return t;
}

/* `count` PropertyRows with the table's columns, in a RowData subtree. */
static void rows(mh_dec *d, const mh_rop_req *r, unsigned count, mh_field_id node, const char *rop)
{
    size_t from = mh_cur_pos(&d->c);
    if (!count)
        return;
    char what[48];
    snprintf(what, sizeof what, "RowData (%u row%s)", count, count == 1 ? "" : "s");
    const mh_object *t = table_columns(d, r, rop, what, from);
    if (!t)
        return;
    size_t start = mh_open(d, node, NULL);
    /* a row takes at least its Flag byte, so a count larger than the bytes stops on its own */
    size_t max = mh_limits[MH_LIMIT_ROWS_PER_TABLE], i;
    for (i = 0; i < count && i < max && mh_cur_ok(&d->c); i++)
        if (!mh_decode_property_row(d, t->columns, t->ncolumns))
            break;
    mh_limit_rows_cut(d, count, i, rop);
    mh_close(d, start);
}

/* ---- 2.2.5.1 RopSetColumns ---- */

static void set_columns_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    table_header(d, r);
    mh_u8(d, MH_F_SET_COLUMNS_FLAGS);
    uint16_t n = mh_u16(d, MH_F_SET_COLUMNS_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
}

/* Columns take effect only when the server accepted them ([MS-OXCTABL] 3.2.5.1): this runs on success
 * only. RopSetColumns is valid only on tables (2.2.2.2), so a handle opened before the capture becomes
 * a table object here: its rows can be decoded from now on. TBLSTAT_SETCOL_ERROR says the columns were
 * not set and the table is unusable until they are (3.1.5): the old columns are dropped too. */
static void set_columns_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)rv;
    uint8_t status = mh_u8(d, MH_F_TABLE_STATUS);
    if (!r || !mh_cur_ok(&d->c) || !d->sess)
        return;
    mh_object *t = mh_rop_object_at(d, r->in_index);
    if (!t) {
        uint32_t h = mh_rop_handle_at(d, r->in_index);
        if (h == MH_NO_HANDLE)
            return;
        t = mh_objects_put(&d->sess->objects, h);
        if (!t)
            return;
        t->kind = MH_OBJ_TABLE;
        t->logon_id = r->logon_id;
    }
    if (status == TBLSTAT_SETCOL_ERROR)
        mh_object_clear_columns(t);
    else
        mh_object_set_columns(t, r->tag_count ? &x->tags[r->tags_off] : NULL, r->tag_count);
}

/* ---- 2.2.5.2 RopSortTable ---- */

static void sort_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u8(d, MH_F_SORT_TABLE_FLAGS);
    size_t at = mh_cur_pos(&d->c);
    uint16_t count = mh_u16(d, MH_F_SORT_TABLE_SORT_ORDER_COUNT);
    uint16_t categories = mh_u16(d, MH_F_SORT_TABLE_CATEGORY_COUNT);
    uint16_t expanded = mh_u16(d, MH_F_SORT_TABLE_EXPANDED_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_sort_orders(d, count, categories, expanded, at, mh_rop_named_note);
}

/* ---- 2.2.5.3 RopRestrict ---- */

static void restrict_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u8(d, MH_F_RESTRICT_FLAGS);
    mh_rop_restriction_data(d);
}

/* ---- 2.2.5.4 RopQueryRows ---- */

static void query_rows_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u8(d, MH_F_QUERY_ROWS_FLAGS);
    mh_u8(d, MH_F_QUERY_ROWS_FORWARD_READ);
    mh_u16(d, MH_F_QUERY_ROWS_ROW_COUNT);
}

/* Responses packed after the first (Chain, [MS-OXCRPC] 3.1.4.2.1.2) are re-matched to this request by the
 * ROP buffer layer, so each is decoded with the same table's columns. */
static void query_rows_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_u8(d, MH_F_QUERY_ROWS_ORIGIN);
    uint16_t n = mh_u16(d, MH_F_QUERY_ROWS_ROW_COUNT);
    if (mh_cur_ok(&d->c))
        rows(d, r, n, MH_F_QUERY_ROWS_ROW_DATA, "RopQueryRows");
}

/* ---- 2.2.5.7 RopQueryPosition ---- */

static void query_position_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_QUERY_POSITION_NUMERATOR);
    mh_u32(d, MH_F_QUERY_POSITION_DENOMINATOR);
}

/* ---- 2.2.5.8 RopSeekRow ---- */

static void seek_row_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u8(d, MH_F_SEEK_ROW_ORIGIN);
    mh_i32(d, MH_F_SEEK_ROW_ROW_COUNT);
    mh_u8(d, MH_F_SEEK_ROW_WANT_ROW_MOVED_COUNT);
}

/* RowsSought: [MS-OXCROPS] 2.2.5.8.2 says "unsigned integer", [MS-OXCTABL] 2.2.2.9.2 "signed integer that
 * specifies the direction and number of rows": a seek backwards gives a negative count, so it is
 * shown signed. */
static void seek_row_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_SEEK_ROW_HAS_SOUGHT_LESS);
    mh_i32(d, MH_F_SEEK_ROW_ROWS_SOUGHT);
}

/* ---- 2.2.5.9 RopSeekRowBookmark ---- */

static void seek_row_bookmark_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    bookmark(d);
    mh_i32(d, MH_F_SEEK_ROW_BOOKMARK_ROW_COUNT);
    mh_u8(d, MH_F_SEEK_ROW_BOOKMARK_WANT_ROW_MOVED_COUNT);
}

static void seek_row_bookmark_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_SEEK_ROW_BOOKMARK_ROW_NO_LONGER_VISIBLE);
    mh_u8(d, MH_F_SEEK_ROW_BOOKMARK_HAS_SOUGHT_LESS);
    mh_i32(d, MH_F_SEEK_ROW_BOOKMARK_ROWS_SOUGHT);
}

/* ---- 2.2.5.10 RopSeekRowFractional ---- */

static void seek_row_fractional_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u32(d, MH_F_SEEK_ROW_FRACTIONAL_NUMERATOR);
    mh_u32(d, MH_F_SEEK_ROW_FRACTIONAL_DENOMINATOR);
}

/* ---- 2.2.5.12 RopQueryColumnsAll ---- */

static void query_columns_all_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_QUERY_COLUMNS_ALL_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, NULL, NULL); /* the available columns; they set none */
}

/* ---- 2.2.5.13 RopFindRow ---- */

static void find_row_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u8(d, MH_F_FIND_ROW_FLAGS);
    if (!mh_rop_restriction_data(d))
        return;
    mh_u8(d, MH_F_FIND_ROW_ORIGIN);
    bookmark(d); /* used when Origin is BOOKMARK_CUSTOM; present (possibly empty) in every request */
}

static void find_row_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_u8(d, MH_F_FIND_ROW_ROW_NO_LONGER_VISIBLE);
    uint8_t has_row = mh_u8(d, MH_F_FIND_ROW_HAS_ROW_DATA);
    /* RowData, one PropertyRow, is present only when HasRowData is nonzero (2.2.5.13.2) */
    if (!mh_cur_ok(&d->c) || !has_row)
        return;
    const mh_object *t = table_columns(d, r, "RopFindRow", "RowData (1 row)", mh_cur_pos(&d->c));
    if (t)
        mh_decode_property_row(d, t->columns, t->ncolumns);
}

/* ---- 2.2.5.14 RopFreeBookmark ---- */

static void free_bookmark_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    bookmark(d);
}

/* ---- 2.2.5.15 RopResetTable ---- */

/* Success only: the table is as it was when opened, without columns (see the top of the file). */
static void reset_table_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_object *t = r ? mh_rop_object_at(d, r->in_index) : NULL;
    if (t)
        mh_object_clear_columns(t);
}

/* ---- 2.2.5.16 RopExpandRow ---- */

static void expand_row_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u16(d, MH_F_EXPAND_ROW_MAX_ROW_COUNT);
    mh_u64(d, MH_F_EXPAND_ROW_CATEGORY_ID);
}

static void expand_row_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_u32(d, MH_F_EXPAND_ROW_EXPANDED_ROW_COUNT);
    uint16_t n = mh_u16(d, MH_F_EXPAND_ROW_ROW_COUNT);
    if (mh_cur_ok(&d->c))
        rows(d, r, n, MH_F_EXPAND_ROW_ROW_DATA, "RopExpandRow");
}

/* ---- 2.2.5.17 RopCollapseRow ---- */

static void collapse_row_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u64(d, MH_F_COLLAPSE_ROW_CATEGORY_ID);
}

static void collapse_row_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_COLLAPSE_ROW_COLLAPSED_ROW_COUNT);
}

/* ---- 2.2.5.18 RopGetCollapseState, 2.2.5.19 RopSetCollapseState ---- */

static void collapse_state(mh_dec *d)
{
    uint16_t n = mh_u16(d, MH_F_COLLAPSE_STATE_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_COLLAPSE_STATE, n);
}

static void get_collapse_state_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    mh_u64(d, MH_F_GET_COLLAPSE_STATE_ROW_ID);
    mh_u32(d, MH_F_GET_COLLAPSE_STATE_ROW_INSTANCE_NUMBER);
}

static void get_collapse_state_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    collapse_state(d);
}

static void set_collapse_state_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    table_header(d, r);
    collapse_state(d);
}

/* Responses that have nothing after ReturnValue use mh_rop_response_empty: RopSeekRowFractional
 * (2.2.5.10.2), RopFreeBookmark (2.2.5.14.2), RopResetTable (2.2.5.15.2, with its effect). Every other
 * failure response (x.x.x.3) has nothing after ReturnValue either. */
const mh_rop_impl mh_rops_table[] = {
    { 0x12, 0, 0, set_columns_request, set_columns_response },
    { 0x13, 0, 0, sort_table_request, table_status_response },
    { 0x14, 0, 0, restrict_request, table_status_response },
    { 0x15, 0, 0, query_rows_request, query_rows_response },
    { 0x16, 0, 0, header_request, table_status_response },            /* RopGetStatus */
    { 0x17, 0, 0, header_request, query_position_response },          /* RopQueryPosition */
    { 0x18, 0, 0, seek_row_request, seek_row_response },
    { 0x19, 0, 0, seek_row_bookmark_request, seek_row_bookmark_response },
    { 0x1A, 0, 0, seek_row_fractional_request, mh_rop_response_empty },
    { 0x1B, 0, 0, header_request, bookmark_response },                /* RopCreateBookmark */
    { 0x37, 0, 0, header_request, query_columns_all_response },       /* RopQueryColumnsAll */
    { 0x38, 0, 0, header_request, table_status_response },            /* RopAbort */
    { 0x4F, 0, 0, find_row_request, find_row_response },
    { 0x59, 0, 0, expand_row_request, expand_row_response },
    { 0x5A, 0, 0, collapse_row_request, collapse_row_response },
    { 0x6B, 0, 0, get_collapse_state_request, get_collapse_state_response },
    { 0x6C, 0, 0, set_collapse_state_request, bookmark_response },    /* RopSetCollapseState */
    { 0x81, 0, 0, header_request, reset_table_response },             /* RopResetTable */
    { 0x89, 0, 0, free_bookmark_request, mh_rop_response_empty },
};
const size_t mh_rops_table_count = sizeof mh_rops_table / sizeof mh_rops_table[0];

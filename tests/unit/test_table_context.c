/*
 * Table columns as session context ([MS-OXCTABL] 3.2.5.1 RopSetColumns, 3.2.5.15 RopResetTable;
 * [MS-OXCROPS] 2.2.5.1, 2.2.5.4, 2.2.5.13, 2.2.5.15, 2.2.15.3 RopRelease): the rows of RopQueryRows and
 * RopFindRow responses ([MS-OXCDATA] 2.8.1 PropertyRow) are decoded with the columns of the table's last
 * successful RopSetColumns, across Execute calls; a failed RopSetColumns commits nothing; RopRelease and
 * RopResetTable drop them; a second RopSetColumns replaces them; without them the rows are shown raw with
 * a missing-context problem naming the table handle. Also: responses packed after the first payload
 * ([MS-OXCRPC] 3.1.4.2.1.2) are decoded with the same columns, and RopGetRulesTable opens a table.
 * Every buffer is an Execute body ([MS-OXCMAPIHTTP] 2.2.4.2) with RPC_HEADER_EXT payloads
 * ([MS-OXCRPC] 2.2.2.1) encoded by hand.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

#define TABLE 0x00000045u

static rec_sink rec;
static mh_session sess;
static unsigned request_no;
static char request_id[64];

/* A ROP buffer ([MS-OXCROPS] 2.2.1): RopSize, RopsList, ServerObjectHandleTable. */
static void rop_buffer(bld *out, const bld *rops, const uint32_t *handles, size_t nh)
{
    b_u16(out, (uint16_t)(2 + rops->n));
    b_raw(out, rops->b, rops->n);
    for (size_t i = 0; i < nh; i++)
        b_u32(out, handles[i]);
}

/* An Execute body around `n` ROP buffers, each in its own RPC_HEADER_EXT (the last one marked Last). */
static void execute_body(bld *out, int response, const bld *payloads, size_t n)
{
    out->n = 0;
    if (response) {
        b_u32(out, 0); /* StatusCode */
        b_u32(out, 0); /* ErrorCode */
    }
    b_u32(out, 0); /* Flags */
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += 8 + payloads[i].n;
    b_u32(out, (uint32_t)total); /* RopBufferSize */
    for (size_t i = 0; i < n; i++) {
        b_u16(out, 0);                                    /* Version */
        b_u16(out, i + 1 == n ? 0x0004 : 0x0000);         /* Flags: Last on the final one */
        b_u16(out, (uint16_t)payloads[i].n);              /* Size */
        b_u16(out, (uint16_t)payloads[i].n);              /* SizeActual */
        b_raw(out, payloads[i].b, payloads[i].n);
    }
    if (!response)
        b_u32(out, 0x10000); /* MaxRopOut */
    b_u32(out, 0);           /* AuxiliaryBufferSize */
}

static int decode(int response, const bld *body)
{
    mh_header h[1] = { { "X-RequestId", 11, request_id, strlen(request_id) } };
    return rec_decode(&rec, &sess, response, MH_RT_EXECUTE, h, 1, body->b, body->n, 1, NULL);
}

/* One Execute exchange on handle table [TABLE]: returns the problems of the response. */
static int exchange(const bld *req_rops, const bld *resp_rops)
{
    static const uint32_t handles[1] = { TABLE };
    snprintf(request_id, sizeof request_id, "{6E2D3C4B-0000-0000-0000-000000000001}:%u", ++request_no);
    bld payload = { .n = 0 }, body;
    rop_buffer(&payload, req_rops, handles, 1);
    execute_body(&body, 0, &payload, 1);
    CHECK_EQ(decode(0, &body), 0);
    payload.n = 0;
    rop_buffer(&payload, resp_rops, handles, 1);
    execute_body(&body, 1, &payload, 1);
    return decode(1, &body);
}

/* 2.2.5.1.1 RopSetColumns on InputHandleIndex 0 */
static void set_columns(bld *r, const uint32_t *tags, uint16_t n)
{
    b_u8(r, 0x12); b_u8(r, 0); b_u8(r, 0);
    b_u8(r, 0x00);  /* SetColumnsFlags: TBL_SYNC */
    b_u16(r, n);    /* PropertyTagCount */
    for (uint16_t i = 0; i < n; i++)
        b_u32(r, tags[i]);
}

/* 2.2.5.1.2 / 2.2.5.1.3 */
static void set_columns_response(bld *r, uint32_t rv, uint8_t status)
{
    b_u8(r, 0x12); b_u8(r, 0); b_u32(r, rv);
    if (rv == 0)
        b_u8(r, status);
}

/* 2.2.5.4.1 RopQueryRows: QueryRowsFlags Advance, ForwardRead TRUE, RowCount 10 */
static void query_rows(bld *r)
{
    b_u8(r, 0x15); b_u8(r, 0); b_u8(r, 0);
    b_u8(r, 0x00); b_u8(r, 0x01); b_u16(r, 10);
}

/* 2.2.5.4.2: Origin BOOKMARK_CURRENT, RowCount; the rows follow */
static void query_rows_response(bld *r, uint16_t rows)
{
    b_u8(r, 0x15); b_u8(r, 0); b_u32(r, 0);
    b_u8(r, 0x01);
    b_u16(r, rows);
}

static void simple(bld *r, uint8_t rop) /* a ROP with only RopId, LogonId, InputHandleIndex */
{
    b_u8(r, rop); b_u8(r, 0); b_u8(r, 0);
}

static const uint32_t SUBJECT_ONLY[] = { 0x0037001F };            /* PidTagSubject */
static const uint32_t SIZE_AND_SUBJECT[] = { 0x0E080003, 0x0037001F }; /* PidTagMessageSize, PidTagSubject */

static void fresh(void)
{
    mh_session_free(&sess);
    mh_session_init(&sess);
}

static const char *missing(void)
{
    return rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
}

/* SetColumns in one Execute, QueryRows in the next: the rows decode with the committed columns. */
static void test_set_columns_then_query_rows(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SIZE_AND_SUBJECT, 2);
    set_columns_response(&a, 0, 0x00);
    CHECK_EQ(exchange(&q, &a), 0);

    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 2);
    b_u8(&a, 0x00); b_u32(&a, 1234); b_utf16z(&a, "Hello");  /* StandardPropertyRow */
    b_u8(&a, 0x00); b_u32(&a, 99); b_utf16z(&a, "Re: Hello");
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_row"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "1234");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hello");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 1), "99");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 1), "Re: Hello");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.query_rows.origin", 0), "BOOKMARK_CURRENT (0x01)");
    const rec_event *e = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(e && strstr(e->note, "handle 0x00000045 = table") && strstr(e->note, "(2 columns)"));
}

/* A failed RopSetColumns commits nothing: without earlier columns the rows stay undecoded; with earlier
 * columns those stay in force. TBLSTAT_SETCOL_ERROR on success drops them ([MS-OXCTABL] 3.1.5). */
static void test_failed_set_columns_does_not_commit(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SUBJECT_ONLY, 1);
    set_columns_response(&a, 0x80040102, 0); /* ecNotSupported */
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Hello");
    CHECK_EQ(exchange(&q, &a), 1);
    CHECK(missing() && strstr(missing(), "0x00000045"));
    CHECK_EQ(rec_count(&rec, "mapihttp.property_row"), 0);

    /* columns committed, then a failed RopSetColumns with other columns: the first ones still decode */
    q.n = a.n = 0;
    set_columns(&q, SUBJECT_ONLY, 1);
    set_columns_response(&a, 0, 0x00);
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    set_columns(&q, SIZE_AND_SUBJECT, 2);
    set_columns_response(&a, 0x8004010F, 0);
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Still one column");
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Still one column");
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 1);

    /* success with TBLSTAT_SETCOL_ERROR: the table has no usable columns */
    q.n = a.n = 0;
    set_columns(&q, SIZE_AND_SUBJECT, 2);
    set_columns_response(&a, 0, 0x0D);
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.table_status", 0), "TBLSTAT_SETCOL_ERROR (0x0D)");
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "x");
    CHECK_EQ(exchange(&q, &a), 1);
    CHECK(missing() && strstr(missing(), "since it was opened or reset"));
}

/* RopRelease of the table (no response buffer, [MS-OXCROPS] 2.2.15.3) forgets it and its columns. */
static void test_release_then_query_rows(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SUBJECT_ONLY, 1);
    set_columns_response(&a, 0, 0x00);
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    simple(&q, 0x01); /* RopRelease; the response's RopsList is empty */
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Hello");
    CHECK_EQ(exchange(&q, &a), 1);
    const char *m = missing();
    CHECK(m && strstr(m, "RopQueryRows") && strstr(m, "table handle 0x00000045") && strstr(m, "released"));
    const rec_event *p = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(p && p->len == 1 + 12); /* the row's bytes are shown raw */
    /* a response without rows needs no columns */
    a.n = 0;
    query_rows_response(&a, 0);
    CHECK_EQ(exchange(&q, &a), 0);
}

/* A successful RopResetTable drops the columns; a failed one keeps them. */
static void test_reset_table_drops_columns(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SUBJECT_ONLY, 1);
    set_columns_response(&a, 0, 0x00);
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    simple(&q, 0x81);
    b_u8(&a, 0x81); b_u8(&a, 0); b_u32(&a, 0x80040102); /* failed: nothing changes */
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Hello");
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hello");

    q.n = a.n = 0;
    simple(&q, 0x81);
    b_u8(&a, 0x81); b_u8(&a, 0); b_u32(&a, 0); /* 2.2.5.15.2 success */
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Hello");
    CHECK_EQ(exchange(&q, &a), 1);
    CHECK(missing() && strstr(missing(), "0x00000045") && strstr(missing(), "since it was opened or reset"));
}

/* The same table with its columns changed by a second RopSetColumns: later rows use the new ones. */
static void test_second_set_columns_replaces(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SUBJECT_ONLY, 1);
    query_rows(&q);
    set_columns_response(&a, 0, 0x00);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "one");
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "one");

    q.n = a.n = 0;
    set_columns(&q, SIZE_AND_SUBJECT, 2);
    set_columns_response(&a, 0, 0x00);
    CHECK_EQ(exchange(&q, &a), 0);
    q.n = a.n = 0;
    query_rows(&q);
    query_rows_response(&a, 1);
    b_u8(&a, 0x01);                      /* FlaggedPropertyRow */
    b_u8(&a, 0x00); b_u32(&a, 4096);
    b_u8(&a, 0x00); b_utf16z(&a, "two");
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "4096");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "two");
}

/* RopFindRow's RowData uses the columns too; without HasRowData none are needed (2.2.5.13.2). */
static void test_find_row(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    /* 2.2.5.13.1: FindRowFlags, RestrictionDataSize 5, ExistRestriction PidTagSubject, Origin, BookmarkSize */
    b_u8(&q, 0x4F); b_u8(&q, 0); b_u8(&q, 0);
    b_u8(&q, 0x00);
    b_u16(&q, 5); b_u8(&q, 0x08); b_u32(&q, 0x0037001F);
    b_u8(&q, 0x00);
    b_u16(&q, 0);
    b_u8(&a, 0x4F); b_u8(&a, 0); b_u32(&a, 0);
    b_u8(&a, 0x00); b_u8(&a, 0x01);    /* RowNoLongerVisible FALSE, HasRowData TRUE */
    b_u8(&a, 0x00); b_utf16z(&a, "Found");
    CHECK_EQ(exchange(&q, &a), 1);
    CHECK(missing() && strstr(missing(), "RopFindRow") && strstr(missing(), "0x00000045"));
    CHECK_STR(rec_value(&rec, "mapihttp.rop.find_row.has_row_data", 0), "True");

    bld sq = { .n = 0 }, sa = { .n = 0 };
    set_columns(&sq, SUBJECT_ONLY, 1);
    set_columns_response(&sa, 0, 0x00);
    CHECK_EQ(exchange(&sq, &sa), 0);
    CHECK_EQ(exchange(&q, &a), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Found");
}

/* Responses packed after the first payload (Chain, [MS-OXCRPC] 3.1.4.2.1.2) answer the last request ROP
 * again: each extra RopQueryRows response decodes with the same columns. */
static void test_packed_query_rows(void)
{
    fresh();
    bld q = { .n = 0 }, a = { .n = 0 };
    set_columns(&q, SUBJECT_ONLY, 1);
    query_rows(&q);
    static const uint32_t handles[1] = { TABLE };
    snprintf(request_id, sizeof request_id, "{6E2D3C4B-0000-0000-0000-000000000002}:%u", ++request_no);
    bld payloads[2] = { { .n = 0 }, { .n = 0 } }, body;
    rop_buffer(&payloads[0], &q, handles, 1);
    execute_body(&body, 0, payloads, 1);
    CHECK_EQ(decode(0, &body), 0);

    payloads[0].n = 0;
    set_columns_response(&a, 0, 0x00);
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "first");
    rop_buffer(&payloads[0], &a, handles, 1);
    a.n = 0;
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "second");
    rop_buffer(&payloads[1], &a, handles, 1);
    execute_body(&body, 1, payloads, 2);
    CHECK_EQ(decode(1, &body), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_row"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "first");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 1), "second");
}

/* A response whose request was not seen: rows need the request's table; zero rows do not. */
static void test_response_without_request(void)
{
    fresh();
    bld a = { .n = 0 }, payload = { .n = 0 }, body;
    static const uint32_t handles[1] = { TABLE };
    query_rows_response(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Hello");
    rop_buffer(&payload, &a, handles, 1);
    execute_body(&body, 1, &payload, 1);
    snprintf(request_id, sizeof request_id, "{6E2D3C4B-0000-0000-0000-00000000FFFF}:1");
    CHECK_EQ(decode(1, &body), 1);
    CHECK(missing() && strstr(missing(), "request was not seen"));
    CHECK_STR(rec_value(&rec, "mapihttp.rop.query_rows.row_count", 0), "1");
}

/* RopGetRulesTable opens a table at OutputHandleIndex ([MS-OXCROPS] 2.2.11.2): it takes columns and its
 * rows decode; the handle note says what opened it. */
static void test_rules_table(void)
{
    fresh();
    static const uint32_t req_handles[2] = { TABLE, 0xFFFFFFFF };
    static const uint32_t resp_handles[2] = { TABLE, 0x00000052 };
    bld q = { .n = 0 }, payload = { .n = 0 }, body;
    b_u8(&q, 0x3F); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 1); b_u8(&q, 0x40); /* GetRulesTable 0 -> 1, U */
    b_u8(&q, 0x12); b_u8(&q, 0); b_u8(&q, 1); b_u8(&q, 0x00); b_u16(&q, 1); b_u32(&q, 0x6682001F);
    b_u8(&q, 0x15); b_u8(&q, 0); b_u8(&q, 1); b_u8(&q, 0x00); b_u8(&q, 0x01); b_u16(&q, 10);
    rop_buffer(&payload, &q, req_handles, 2);
    snprintf(request_id, sizeof request_id, "{6E2D3C4B-0000-0000-0000-000000000003}:%u", ++request_no);
    execute_body(&body, 0, &payload, 1);
    CHECK_EQ(decode(0, &body), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.input_handle_index", 1);
    CHECK(e && strcmp(e->note, "output of RopGetRulesTable earlier in this request") == 0);

    bld a = { .n = 0 };
    b_u8(&a, 0x3F); b_u8(&a, 1); b_u32(&a, 0);                 /* 2.2.11.2.2 */
    b_u8(&a, 0x12); b_u8(&a, 1); b_u32(&a, 0); b_u8(&a, 0x00);
    b_u8(&a, 0x15); b_u8(&a, 1); b_u32(&a, 0); b_u8(&a, 0x02); b_u16(&a, 1);
    b_u8(&a, 0x00); b_utf16z(&a, "Move from boss");             /* PidTagRuleName */
    payload.n = 0;
    rop_buffer(&payload, &a, resp_handles, 2);
    execute_body(&body, 1, &payload, 1);
    CHECK_EQ(decode(1, &body), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Move from boss");
    e = rec_find(&rec, "mapihttp.rop.input_handle_index", 1);
    CHECK(e && strstr(e->note, "handle 0x00000052 = table") && strstr(e->note, "RopGetRulesTable") &&
          strstr(e->note, "(1 columns)"));
}

int main(void)
{
    mh_session_init(&sess);
    RUN(test_set_columns_then_query_rows);
    RUN(test_failed_set_columns_does_not_commit);
    RUN(test_release_then_query_rows);
    RUN(test_reset_table_drops_columns);
    RUN(test_second_set_columns_replaces);
    RUN(test_find_row);
    RUN(test_packed_query_rows);
    RUN(test_response_without_request);
    RUN(test_rules_table);
    mh_session_free(&sess);
    return check_report();
}

/*
 * FastTransfer streams across Execute calls ([MS-OXCFXICS] 2.2.4 in RopFastTransferSourceGetBuffer
 * responses, [MS-OXCROPS] 2.2.12.4, and RopFastTransferDestinationPutBuffer requests, 2.2.12.2), with the
 * transfer context's state kept in its server object: elements split between buffers, markers, IDSETs in
 * meta-properties, streams whose start was not seen, failed buffers that must not move the stream, and
 * the memory bound. Every stream here is encoded from the lexical structure of [MS-OXCFXICS] 2.2.4.1:
 * a propValue is propType, propId, then a fixed-size value, or a 4-byte length and the bytes.
 */
#include "builder.h"
#include "check.h"
#include "core/limits.h"
#include "mapi/fxstream.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

/* One Execute call: the request's ROPs and handles, then the response's. Returns the response's
 * problem count (the request's must be 0 unless `req_problems` is given). */
static int execute(mh_session *s, const bld *req, const uint32_t *qh, size_t nqh, const bld *resp,
                   const uint32_t *rh, size_t nrh, int *req_problems)
{
    static unsigned n;
    char rid[48];
    snprintf(rid, sizeof rid, "{00000000-0000-0000-0000-00000000FFFF}:%u", ++n);
    mh_header h[1] = { { "X-RequestId", 11, rid, strlen(rid) } };
    bld body;
    b_execute_body(&body, 0, req, qh, nqh);
    int p = rec_decode(&rec, s, 0, MH_RT_EXECUTE, h, 1, body.b, body.n, 1, NULL);
    if (req_problems)
        *req_problems = p;
    else
        CHECK_EQ(p, 0);
    if (!resp)
        return 0;
    b_execute_body(&body, 1, resp, rh, nrh);
    return rec_decode(&rec, s, 1, MH_RT_EXECUTE, h, 1, body.b, body.n, 1, NULL);
}

/* ---- ROPs ------------------------------------------------------------------------------------------ */

/* [MS-OXCROPS] 2.2.12.7.1 RopFastTransferSourceCopyTo: no properties excluded */
static void copy_to(bld *b, uint8_t in, uint8_t out)
{
    b_u8(b, 0x4D); b_u8(b, 0); b_u8(b, in); b_u8(b, out);
    b_u8(b, 0);       /* Level */
    b_u32(b, 0);      /* CopyFlags */
    b_u8(b, 0x01);    /* SendOptions: Unicode */
    b_u16(b, 0);      /* PropertyTagCount */
}

/* 2.2.12.4.1 RopFastTransferSourceGetBuffer with BufferSize 0xBABE and MaximumBufferSize */
static void get_buffer(bld *b, uint8_t in)
{
    b_u8(b, 0x4E); b_u8(b, 0); b_u8(b, in);
    b_u16(b, 0xBABE);
    b_u16(b, 0x8000);
}

/* 2.2.12.4.2: TransferStatus, InProgressCount, TotalStepCount, Reserved, TransferBufferSize,
 * TransferBuffer */
static void get_buffer_response(bld *b, uint8_t in, uint32_t rv, uint16_t status, const uint8_t *data, size_t n)
{
    b_u8(b, 0x4E); b_u8(b, in); b_u32(b, rv);
    b_u16(b, status);
    b_u16(b, 0); b_u16(b, 0); b_u8(b, 0);
    b_u16(b, (uint16_t)n);
    b_raw(b, data, n);
}

#define PARTIAL 0x0001
#define DONE 0x0003

/* ---- stream elements ([MS-OXCFXICS] 2.2.4.1) -------------------------------------------------------- */

static void marker(bld *b, uint32_t m) { b_u32(b, m); }

static void string_prop(bld *b, uint32_t tag, const char *s)
{
    b_u32(b, tag);
    b_u32(b, (uint32_t)(2 * strlen(s) + 2)); /* length counts the terminating NULs */
    b_utf16z(b, s);
}

static void int32_prop(bld *b, uint32_t tag, uint32_t v)
{
    b_u32(b, tag);
    b_u32(b, v);
}

#define START_MESSAGE 0x400C0003u
#define END_MESSAGE 0x400D0003u
#define PID_TAG_SUBJECT 0x0037001Fu
#define PID_TAG_IMPORTANCE 0x00170003u

/* CopyTo + GetBuffer: creates the download context at handle 0x99 and returns the stream's first buffer */
static int first_buffer(mh_session *s, const uint8_t *data, size_t n, uint16_t status)
{
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    copy_to(&req, 0, 1);
    get_buffer(&req, 1);
    uint32_t qh[2] = { 0x45, 0xFFFFFFFF };
    b_u8(&resp, 0x4D); b_u8(&resp, 1); b_u32(&resp, 0); /* RopFastTransferSourceCopyTo response */
    get_buffer_response(&resp, 1, 0, status, data, n);
    uint32_t rh[2] = { 0x45, 0x99 };
    return execute(s, &req, qh, 2, &resp, rh, 2, NULL);
}

/* a later GetBuffer on handle 0x99 in its own Execute call */
static int next_buffer(mh_session *s, const uint8_t *data, size_t n, uint16_t status, uint32_t rv)
{
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    get_buffer(&req, 0);
    get_buffer_response(&resp, 0, rv, status, data, n);
    uint32_t h[1] = { 0x99 };
    return execute(s, &req, h, 1, &resp, h, 1, NULL);
}

static int count_events(const char *filter, const char *value)
{
    int n = 0;
    for (size_t i = 0; i < rec.n; i++)
        n += strcmp(rec.ev[i].filter, filter) == 0 && strcmp(rec.ev[i].value, value) == 0;
    return n;
}

/* ---- tests ------------------------------------------------------------------------------------------ */

static void test_split_across_three_execute_calls(void)
{
    /* StartMessage, PidTagSubject "Hello world", PidTagImportance 2, EndMessage: 4 + 4+4+24 + 4+4 + 4 = 48
     * bytes, split at 14 (inside the subject's value) and at 42 (inside the importance's value) */
    bld st = { { 0 }, 0 };
    marker(&st, START_MESSAGE);
    string_prop(&st, PID_TAG_SUBJECT, "Hello world");
    int32_prop(&st, PID_TAG_IMPORTANCE, 2);
    marker(&st, END_MESSAGE);
    CHECK_EQ(st.n, 48);
    mh_session s;
    mh_session_init(&s);

    CHECK_EQ(first_buffer(&s, st.b, 14, PARTIAL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.marker", 0), "StartMessage (0x400C0003)");
    CHECK(rec_find(&rec, "mapihttp.value.string", 0) == NULL); /* not decoded before its end is seen */
    const rec_event *e = rec_find(&rec, "mapihttp.fx.partial", 0);
    CHECK(e && e->len == 10 && strstr(e->note, "continues in the next buffer"));
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 1 of this transfer") != NULL);

    CHECK_EQ(next_buffer(&s, st.b + 14, 28, PARTIAL, 0), 0);
    e = rec_find(&rec, "mapihttp.fx.continued", 0);
    CHECK(e && strcmp(e->note, "Element started in the previous buffer: 10 bytes there, 22 here") == 0);
    size_t cont_off = e ? e->off : 0;
    e = rec_find(&rec, "mapihttp.fx.reassembled", 0);
    CHECK(e && e->len == 32);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hello world");
    CHECK_EQ(count_events("mapihttp.value.string", "Hello world"), 1);
    e = rec_find(&rec, "mapihttp.fx.partial", 0); /* PidTagImportance's tag and 2 of its 4 value bytes */
    CHECK(e && e->len == 6 && e->off == cont_off + 22);
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 2 of this transfer (stream offset 14") != NULL);

    CHECK_EQ(next_buffer(&s, st.b + 42, 6, DONE, 0), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.property_tag", 0), "PidTagImportance (0x00170003)");
    e = rec_find(&rec, "mapihttp.fx.marker", 0);
    CHECK(e && strcmp(e->value, "EndMessage (0x400D0003)") == 0 && strcmp(e->note, "closes StartMessage") == 0);
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

static void test_element_over_three_buffers(void)
{
    /* one binary value spread over three buffers: 4 + 4 + 40 bytes, cut at 6 and 30 */
    bld st = { { 0 }, 0 };
    b_u32(&st, 0x37010102); /* PidTagAttachDataBinary */
    b_u32(&st, 40);
    for (int i = 0; i < 40; i++)
        b_u8(&st, (uint8_t)i);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, 6, PARTIAL), 0);
    CHECK_EQ(next_buffer(&s, st.b + 6, 24, PARTIAL, 0), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.fx.partial", 0);
    CHECK(e && strstr(e->note, "30 bytes so far") != NULL);
    CHECK(rec_find(&rec, "mapihttp.value.binary", 0) == NULL);
    CHECK_EQ(next_buffer(&s, st.b + 30, 18, DONE, 0), 0);
    e = rec_find(&rec, "mapihttp.fx.continued", 0);
    CHECK(e && strcmp(e->note, "Element started 2 buffers earlier: 30 bytes there, 18 here") == 0);
    e = rec_find(&rec, "mapihttp.value.binary", 0);
    CHECK(e && e->len == 40 && strncmp(e->value, "000102030405", 12) == 0);
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

static void test_markers_and_named_property(void)
{
    bld st = { { 0 }, 0 };
    marker(&st, 0x40090003); /* StartTopFld */
    marker(&st, 0x400C0003); /* StartMessage */
    /* a named property: propId 0x8001, propertySet PS_PUBLIC_STRINGS, Kind 0x01, name, PtypInteger32 */
    b_u32(&st, 0x80010003);
    static const uint8_t ps_public_strings[16] = { 0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                                   0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
    b_raw(&st, ps_public_strings, 16);
    b_u8(&st, 0x01);
    b_utf16z(&st, "Answer");
    b_u32(&st, 42);
    marker(&st, 0x400B0003); /* EndFolder does not close StartMessage */
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, st.n, DONE), 1);
    const rec_event *e = rec_find(&rec, "mapihttp.fx.marker", 1);
    CHECK(e && strcmp(e->note, "opens level 2") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.named_kind", 0), "name (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.name", 0), "Answer");
    e = rec_find(&rec, "mapihttp.fx.property_set", 0);
    CHECK(e && strcmp(e->note, "PS_PUBLIC_STRINGS") == 0);
    e = rec_find(&rec, "mapihttp.property_value", 0);
    CHECK(e && strcmp(e->note, "PS_PUBLIC_STRINGS:\"Answer\" (0x80010003)") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "42");
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "EndFolder does not close StartMessage"));
    mh_session_free(&s);
}

static void test_idsets_in_meta_properties(void)
{
    bld st = { { 0 }, 0 };
    marker(&st, 0x40130003); /* IncrSyncDel */
    /* MetaTagIdsetNoLongerInScope: REPLID 0x0002, Push 4 bytes, Range 0x0010..0x0012, Pop, End
     * ([MS-OXCFXICS] 2.2.2.4.1, 2.2.2.6) */
    b_u32(&st, 0x40210102);
    b_u32(&st, 14);
    b_u16(&st, 0x0002);
    b_u8(&st, 0x04); b_u32(&st, 0);
    b_u8(&st, 0x52); b_u8(&st, 0x00); b_u8(&st, 0x10); b_u8(&st, 0x00); b_u8(&st, 0x12);
    b_u8(&st, 0x50);
    b_u8(&st, 0x00);
    CHECK_EQ(st.n, 26);
    /* MetaTagIdsetGiven, whose tag says PtypInteger32 but whose data is PtypBinary (3.1.5.2.1): REPLGUID,
     * Push of 6 bytes (a singleton), End */
    b_u32(&st, 0x40170003);
    b_u32(&st, 24);
    for (int i = 0; i < 16; i++)
        b_u8(&st, (uint8_t)(0xA0 + i));
    b_u8(&st, 0x06); b_u8(&st, 0); b_u8(&st, 0); b_u8(&st, 0); b_u8(&st, 0); b_u8(&st, 0x01); b_u8(&st, 0x02);
    b_u8(&st, 0x00);
    marker(&st, 0x40140003); /* IncrSyncEnd */
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, st.n, DONE), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.property_tag", 0), "MetaTagIdsetNoLongerInScope (0x40210102)");
    CHECK_STR(rec_value(&rec, "mapihttp.idset.replid", 0), "0x0002");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 0), "0002-000000000010 to 0002-000000000012");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.property_tag", 1), "MetaTagIdsetGiven (0x40170003)");
    CHECK_STR(rec_value(&rec, "mapihttp.idset.replguid", 0), "{A3A2A1A0-A5A4-A7A6-A8A9-AAABACADAEAF}");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 1), "000000000102");
    CHECK(rec_find(&rec, "mapihttp.value.int32", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.marker", 1), "IncrSyncEnd (0x40140003)");
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

/* 2.2.4.1.5.1 MetaTagFXDelProp holds the tag of the property whose subobjects are deleted (here
 * PidTagMessageAttachments, 0x0E13000D); 2.2.4.1.5.2 MetaTagEcWarning holds an error code */
static void test_meta_properties_holding_a_tag_and_a_code(void)
{
    bld st = { { 0 }, 0 };
    marker(&st, START_MESSAGE);
    int32_prop(&st, 0x40160003, 0x0E13000D);
    int32_prop(&st, 0x400F0003, 0x00040380);
    marker(&st, END_MESSAGE);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, st.n, DONE), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.property_tag", 0), "MetaTagFXDelProp (0x40160003)");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.del_prop", 0), "PidTagMessageAttachments (0x0E13000D)");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.property_tag", 1), "MetaTagEcWarning (0x400F0003)");
    CHECK_STR(rec_value(&rec, "mapihttp.fx.ec_warning", 0), "ecWarnWithErrors (0x00040380)");
    CHECK(rec_find(&rec, "mapihttp.value.int32", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.marker", 1), "EndMessage (0x400D0003)");
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

static void test_start_not_seen(void)
{
    /* the download context's handle was never opened in this session: the stream is raw, and stays raw */
    bld st = { { 0 }, 0 };
    string_prop(&st, PID_TAG_SUBJECT, "x");
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(next_buffer(&s, st.b, st.n, PARTIAL, 0), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "stream's start was not seen"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == st.n); /* the buffer, shown raw */
    CHECK(rec_find(&rec, "mapihttp.fx.property_tag", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.transfer_status", 0), "Partial (0x0001)"); /* the ROP's fields are fine */

    mh_session_free(&s);

    /* a handle that is a transfer context of another kind (an ICS upload context, created by
     * RopSynchronizationOpenCollector, 2.2.13.7) is no download context */
    mh_session_init(&s);
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    b_u8(&req, 0x7E); b_u8(&req, 0); b_u8(&req, 0); b_u8(&req, 1); b_u8(&req, 1);
    get_buffer(&req, 1);
    b_u8(&resp, 0x7E); b_u8(&resp, 1); b_u32(&resp, 0);
    get_buffer_response(&resp, 1, 0, PARTIAL, st.b, st.n);
    uint32_t qh[2] = { 0x45, 0xFFFFFFFF }, rh[2] = { 0x45, 0x99 };
    CHECK_EQ(execute(&s, &req, qh, 2, &resp, rh, 2, NULL), 1);
    msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "refers to a ICS upload context, not to a FastTransfer download context"));
    mh_session_free(&s);
}

static void test_response_without_request(void)
{
    /* the GetBuffer response's request was not seen: its InputHandleIndex and the response's handle
     * table still name the transfer context ([MS-OXCROPS] 2.2.12.4.2, 2.2.1), so its buffer continues the
     * stream */
    bld st = { { 0 }, 0 };
    marker(&st, START_MESSAGE);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, st.n, PARTIAL), 0);
    bld resp = { { 0 }, 0 };
    get_buffer_response(&resp, 0, 0, PARTIAL, st.b, st.n);
    uint32_t h[1] = { 0x99 };
    bld body;
    b_execute_body(&body, 1, &resp, h, 1);
    CHECK_EQ(rec_decode(&rec, &s, 1, MH_RT_EXECUTE, NULL, 0, body.b, body.n, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.fast_transfer_source_get_buffer.transfer_buffer_size", 0), "4");
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 2 of this transfer") != NULL);
    /* the same for a handle that is no known context: the fields decode, the stream cannot be placed */
    uint32_t unknown[1] = { 0x77 };
    b_execute_body(&body, 1, &resp, unknown, 1);
    CHECK_EQ(rec_decode(&rec, &s, 1, MH_RT_EXECUTE, NULL, 0, body.b, body.n, 1, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MISSING_CONTEXT) != NULL);
    /* a request whose ROP list stopped before the GetBuffer (at a reserved RopId): the response is not
     * matched to a request ROP, but its own InputHandleIndex still finds the context */
    bld req = { { 0 }, 0 };
    b_u8(&req, 0x28); b_u8(&req, 0); b_u8(&req, 0); /* 0x28 is reserved: the list stops */
    get_buffer(&req, 1);
    bld resp2 = { { 0 }, 0 };
    get_buffer_response(&resp2, 1, 0, PARTIAL, st.b, st.n);
    uint32_t h2[2] = { 0x45, 0x99 };
    int reqp = 0;
    CHECK_EQ(execute(&s, &req, h2, 2, &resp2, h2, 2, &reqp), 0);
    CHECK_EQ(reqp, 1);
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 3 of this transfer") != NULL);
    /* with its request the same bytes decode, as the stream's next buffer */
    CHECK_EQ(next_buffer(&s, st.b, st.n, PARTIAL, 0), 0);
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 4 of this transfer") != NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.fx.marker", 0), "StartMessage (0x400C0003)");
    mh_session_free(&s);
}

static void test_server_busy_and_error_do_not_move_the_stream(void)
{
    bld st = { { 0 }, 0 };
    string_prop(&st, PID_TAG_SUBJECT, "abc");
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, 6, PARTIAL), 0);
    /* ecServerBusy: no TransferBuffer, BackoffTime ([MS-OXCROPS] 2.2.12.4.2) */
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    get_buffer(&req, 0);
    b_u8(&resp, 0x4E); b_u8(&resp, 0); b_u32(&resp, 0x00000480);
    b_u16(&resp, 0); b_u16(&resp, 0); b_u16(&resp, 0); b_u8(&resp, 0); b_u16(&resp, 0);
    b_u32(&resp, 250);
    uint32_t h[1] = { 0x99 };
    CHECK_EQ(execute(&s, &req, h, 1, &resp, h, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.return_value", 0), "ecServerBusy (0x00000480)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.fast_transfer_source_get_buffer.backoff_time", 0), "250");
    /* the retry brings the rest */
    CHECK_EQ(next_buffer(&s, st.b + 6, st.n - 6, DONE, 0), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "abc");

    /* a failed GetBuffer ends the stream: later buffers are raw */
    mh_session_free(&s);
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, 6, PARTIAL), 0);
    CHECK_EQ(next_buffer(&s, NULL, 0, 0x0000, 0x8004010F), 0);
    CHECK_EQ(next_buffer(&s, st.b + 6, st.n - 6, DONE, 0), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "stopped with ReturnValue 0x8004010F"));
    mh_session_free(&s);
}

/* ---- uploads ---------------------------------------------------------------------------------------- */

/* 2.2.12.1.1 RopFastTransferDestinationConfigure, 2.2.12.2.1 RopFastTransferDestinationPutBuffer */
static void destination_configure(bld *b)
{
    b_u8(b, 0x53); b_u8(b, 0); b_u8(b, 0); b_u8(b, 1);
    b_u8(b, 0x01); /* SourceOperation CopyTo */
    b_u8(b, 0x00);
}

static void put_buffer(bld *b, uint8_t in, const uint8_t *data, size_t n)
{
    b_u8(b, 0x54); b_u8(b, 0); b_u8(b, in);
    b_u16(b, (uint16_t)n);
    b_raw(b, data, n);
}

/* 2.2.12.2.2: the fields are there whatever the ReturnValue */
static void put_buffer_response(bld *b, uint8_t in, uint32_t rv, uint16_t used)
{
    b_u8(b, 0x54); b_u8(b, in); b_u32(b, rv);
    b_u16(b, 0x0001); b_u16(b, 0); b_u16(b, 0); b_u8(b, 0);
    b_u16(b, used);
}

/* A PutBuffer on handle 0x77: the request is decoded (its events stay in `rec` for the checks), and
 * `answer` decodes the response with ReturnValue rv afterwards. */
static unsigned upload_id;

static int upload_request(mh_session *s, const uint8_t *data, size_t n)
{
    bld req = { { 0 }, 0 }, body;
    put_buffer(&req, 0, data, n);
    uint32_t h[1] = { 0x77 };
    char rid[48];
    snprintf(rid, sizeof rid, "{00000000-0000-0000-0000-0000000000AA}:%u", ++upload_id);
    mh_header hd[1] = { { "X-RequestId", 11, rid, strlen(rid) } };
    b_execute_body(&body, 0, &req, h, 1);
    return rec_decode(&rec, s, 0, MH_RT_EXECUTE, hd, 1, body.b, body.n, 1, NULL);
}

static int answer(mh_session *s, uint32_t rv, uint16_t used)
{
    bld resp = { { 0 }, 0 }, body;
    put_buffer_response(&resp, 0, rv, used);
    uint32_t h[1] = { 0x77 };
    char rid[48];
    snprintf(rid, sizeof rid, "{00000000-0000-0000-0000-0000000000AA}:%u", upload_id);
    mh_header hd[1] = { { "X-RequestId", 11, rid, strlen(rid) } };
    b_execute_body(&body, 1, &resp, h, 1);
    return rec_decode(&rec, s, 1, MH_RT_EXECUTE, hd, 1, body.b, body.n, 1, NULL);
}

/* RopFastTransferDestinationConfigure with the stream's first PutBuffer in the same request */
static void configure_and_put(mh_session *s, const uint8_t *data, size_t n)
{
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    destination_configure(&req);
    put_buffer(&req, 1, data, n);
    b_u8(&resp, 0x53); b_u8(&resp, 1); b_u32(&resp, 0);
    put_buffer_response(&resp, 1, 0, (uint16_t)n);
    uint32_t qh[2] = { 0x45, 0xFFFFFFFF }, rh[2] = { 0x45, 0x77 };
    CHECK_EQ(execute(s, &req, qh, 2, &resp, rh, 2, NULL), 0);
}

static void test_upload_failure_does_not_commit(void)
{
    bld st = { { 0 }, 0 };
    marker(&st, START_MESSAGE);
    string_prop(&st, PID_TAG_SUBJECT, "Hi");
    marker(&st, END_MESSAGE);
    CHECK_EQ(st.n, 22);
    mh_session s;
    mh_session_init(&s);
    /* the context and the stream's first buffer in one request: the buffer is decoded with a state of
     * its own, which the context gets when the response shows the handle; that buffer ends between
     * elements here */
    configure_and_put(&s, st.b, 4);
    /* a buffer the server refuses (ecServerBusy) is decoded when sent ... */
    CHECK_EQ(upload_request(&s, st.b + 4, 10), 0);
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 2 of this transfer (stream offset 4") != NULL);
    CHECK(rec_find(&rec, "mapihttp.fx.partial", 0) != NULL);
    CHECK_EQ(answer(&s, 0x00000480, 0), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.fast_transfer_destination_put_buffer.buffer_used_size", 0), "0");
    /* ... but leaves the stream where it was: the resend of the same bytes decodes as their first sending */
    CHECK_EQ(upload_request(&s, st.b + 4, 10), 0);
    CHECK(strstr(rec_find(&rec, "mapihttp.fx", 0)->note, "buffer 2 of this transfer (stream offset 4") != NULL);
    const rec_event *e = rec_find(&rec, "mapihttp.fx.partial", 0);
    CHECK(e && e->len == 10 && strstr(e->note, "continues in the next buffer"));
    CHECK_EQ(answer(&s, 0, 10), 0);
    CHECK_EQ(upload_request(&s, st.b + 14, 8), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hi");
    e = rec_find(&rec, "mapihttp.fx.marker", 0);
    /* only the depth of the first buffer's open markers was kept, not which they are */
    CHECK(e && strcmp(e->value, "EndMessage (0x400D0003)") == 0 && e->note[0] == 0);
    CHECK_EQ(answer(&s, 0, 8), 0);
    mh_session_free(&s);

    /* a first buffer that ends inside an element: its bytes were not kept, so the rest is raw */
    mh_session_init(&s);
    configure_and_put(&s, st.b, 10);
    CHECK_EQ(upload_request(&s, st.b + 10, 12), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "ended inside an element"));
    mh_session_free(&s);
}

static void test_upload_response_not_seen(void)
{
    bld st = { { 0 }, 0 };
    marker(&st, START_MESSAGE);
    marker(&st, END_MESSAGE);
    mh_session s;
    mh_session_init(&s);
    bld req = { { 0 }, 0 }, resp = { { 0 }, 0 };
    destination_configure(&req);
    b_u8(&resp, 0x53); b_u8(&resp, 1); b_u32(&resp, 0);
    uint32_t qh[2] = { 0x45, 0xFFFFFFFF }, rh[2] = { 0x45, 0x77 };
    CHECK_EQ(execute(&s, &req, qh, 2, &resp, rh, 2, NULL), 0);
    /* a PutBuffer whose response the capture lost, then the next one: said, and taken as continuing */
    req.n = 0;
    put_buffer(&req, 0, st.b, 4);
    uint32_t h[1] = { 0x77 };
    CHECK_EQ(execute(&s, &req, h, 1, NULL, NULL, 0, NULL), 0);
    req.n = 0;
    put_buffer(&req, 0, st.b + 4, 4);
    int p = 0;
    execute(&s, &req, h, 1, NULL, NULL, 0, &p);
    CHECK_EQ(p, 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "previous upload buffer was not seen"));
    const rec_event *e = rec_find(&rec, "mapihttp.fx.marker", 0);
    CHECK(e && strcmp(e->note, "closes StartMessage") == 0);
    mh_session_free(&s);
}

static void test_memory_bound(void)
{
    size_t saved = mh_limits[MH_LIMIT_FX_PARTIAL_BYTES];
    mh_limits[MH_LIMIT_FX_PARTIAL_BYTES] = 64;
    /* a binary value of 200 bytes, longer than the bound: skipped with a problem, decoding resumes after */
    bld st = { { 0 }, 0 };
    b_u32(&st, 0x37010102);
    b_u32(&st, 200);
    for (int i = 0; i < 200; i++)
        b_u8(&st, (uint8_t)i);
    int32_prop(&st, PID_TAG_IMPORTANCE, 7);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, 40, PARTIAL), 0);
    CHECK_EQ(next_buffer(&s, st.b + 40, 40, PARTIAL, 0), 1);
    const char *msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "208 bytes, more than the memory bound of 64") && strstr(msg, "128 bytes are skipped"));
    CHECK_EQ(next_buffer(&s, st.b + 80, 100, PARTIAL, 0), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.fx.skipped", 0);
    CHECK(e && e->len == 100 && strstr(e->note, "28 bytes still to come"));
    CHECK_EQ(next_buffer(&s, st.b + 180, st.n - 180, DONE, 0), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "7");
    mh_session_free(&s);

    /* an element whose size is not known (a multiple-valued string's values) cannot be skipped */
    bld mv = { { 0 }, 0 };
    b_u32(&mv, 0x3A58101F); /* PidTagChildrensNames */
    b_u32(&mv, 10);
    for (int i = 0; i < 10; i++)
        string_prop(&mv, 0, "abcdefgh"), mv.n -= 4; /* each value: length, then the string */
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, mv.b, 50, PARTIAL), 0);
    CHECK_EQ(next_buffer(&s, mv.b + 50, 50, PARTIAL, 0), 1);
    msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "its size is not known"));
    CHECK_EQ(next_buffer(&s, mv.b + 100, mv.n - 100, DONE, 0), 1);
    msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "memory bound"));
    mh_session_free(&s);
    mh_limits[MH_LIMIT_FX_PARTIAL_BYTES] = saved;
}

static void test_done_inside_an_element(void)
{
    bld st = { { 0 }, 0 };
    string_prop(&st, PID_TAG_SUBJECT, "abc");
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, 9, DONE), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "ended (TransferStatus Done) inside an element"));
    /* nothing may follow the last buffer */
    CHECK_EQ(next_buffer(&s, st.b, 4, PARTIAL, 0), 1);
    mh_session_free(&s);
}

static void test_undecodable_element(void)
{
    /* PtypUnspecified (0x0000) has no size in a stream: the rest of the stream is raw */
    bld st = { { 0 }, 0 };
    int32_prop(&st, PID_TAG_IMPORTANCE, 1);
    b_u32(&st, 0x00370000);
    b_u32(&st, 5);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(first_buffer(&s, st.b, st.n, PARTIAL), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "1");
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "property type 0x0000"));
    CHECK_EQ(next_buffer(&s, st.b, 8, PARTIAL, 0), 1);
    msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "could not be decoded"));
    mh_session_free(&s);
}

int main(void)
{
    char why[200];
    CHECK_EQ(mh_registry_check(why, sizeof why), 0);
    RUN(test_split_across_three_execute_calls);
    RUN(test_element_over_three_buffers);
    RUN(test_markers_and_named_property);
    RUN(test_idsets_in_meta_properties);
    RUN(test_meta_properties_holding_a_tag_and_a_code);
    RUN(test_start_not_seen);
    RUN(test_response_without_request);
    RUN(test_server_busy_and_error_do_not_move_the_stream);
    RUN(test_upload_failure_does_not_commit);
    RUN(test_upload_response_not_seen);
    RUN(test_memory_bound);
    RUN(test_done_inside_an_element);
    RUN(test_undecodable_element);
    return check_report();
}

/*
 * The MAPI/HTTP envelope: X-RequestType values ([MS-OXCMAPIHTTP] 2.2.3.3.1), headers (2.2.3), response
 * meta-tags and additional headers (2.2.2.2, 2.2.7, 3.2.5.2), and the mailbox bodies of 2.2.4 (Connect,
 * Execute, Disconnect, NotificationWait) and 2.2.6 (PING), success and failure forms. Every input is
 * built field by field from the layouts of those sections.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

#define H(n, v) { n, sizeof(n) - 1, v, sizeof(v) - 1 }

static void test_request_types(void)
{
    static const char *const names[24] = {
        "Connect", "Execute", "Disconnect", "NotificationWait", "PING", "Bind", "Unbind", "CompareMIds",
        "DNToMId", "GetMatches", "GetPropList", "GetProps", "GetSpecialTable", "GetTemplateInfo", "ModLinkAtt",
        "ModProps", "QueryColumns", "QueryRows", "ResolveNames", "ResortRestriction", "SeekEntries", "UpdateStat",
        "GetMailboxUrl", "GetAddressBookUrl" };
    for (int i = 0; i < 24; i++) {
        mh_request_type t = mh_request_type_parse(names[i], strlen(names[i]));
        CHECK(t != MH_RT_UNKNOWN);
        CHECK_STR(mh_request_type_name(t), names[i]);
        CHECK_EQ(mh_request_type_is_nspi(t), i >= 5);
    }
    CHECK_EQ(mh_request_type_parse(" execute ", 9), MH_RT_EXECUTE); /* header text: case and blanks */
    CHECK_EQ(mh_request_type_parse("Executes", 8), MH_RT_UNKNOWN);
    CHECK_STR(mh_request_type_section(MH_RT_PING), "2.2.6");
}

static void test_headers(void)
{
    static const mh_header hs[] = {
        H("X-RequestType", "PING"),
        H("X-RequestId", "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456"),
        H("X-ClientInfo", "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123"),
        H("X-ClientApplication", "Outlook/15.00.0856.000"),
        H("Cookie", "MapiContext=ctx123; MapiSequence=seq-9; sid=abc"),
        H("X-DeviceInfo", "proxy-1"),
        H("X-UserIdentity", "user@example.com"),
        H("Accept", "*/*"),
    };
    mh_session sess;
    mh_session_init(&sess);
    int p = rec_decode(&rec, &sess, 0, MH_RT_UNKNOWN, hs, 8, NULL, 0, 1, NULL);
    CHECK_EQ(p, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.request_type", 0), "PING");
    CHECK_STR(rec_value(&rec, "mapihttp.request_id", 0), "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456");
    CHECK_STR(rec_value(&rec, "mapihttp.request_id.guid", 0), "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}");
    CHECK_STR(rec_value(&rec, "mapihttp.request_id.counter", 0), "123456");
    CHECK_STR(rec_value(&rec, "mapihttp.client_info", 0), "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123");
    CHECK_STR(rec_value(&rec, "mapihttp.client_application", 0), "Outlook/15.00.0856.000");
    CHECK_STR(rec_value(&rec, "mapihttp.session.context_cookie", 0), "ctx123");
    CHECK_STR(rec_value(&rec, "mapihttp.session.sequence_cookie", 0), "seq-9");
    CHECK_STR(rec_value(&rec, "mapihttp.session.sid", 0), "abc");
    CHECK_STR(rec_value(&rec, "mapihttp.device_info", 0), "proxy-1");
    CHECK_STR(rec_value(&rec, "mapihttp.user_identity", 0), "user@example.com");
    CHECK(rec_find(&rec, "mapihttp.ping", 0) != NULL);
    const rec_event *e = rec_find(&rec, "mapihttp.client_application", 0);
    CHECK(e && e->off == MH_OFF_GENERATED); /* header values are not in the body */

    static const mh_header resp[] = {
        H("X-ResponseCode", "0"),
        H("X-RequestId", "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456"),
        H("X-ServerApplication", "Exchange/15.00.0847.4040"),
        H("X-PendingPeriod", "15000"),
        H("X-ExpirationInfo", "900000"),
        H("Set-Cookie", "MapiContext=new1; path=/mapi/emsmdb; secure"),
    };
    static const uint8_t body[] = "PROCESSING\r\nDONE\r\nX-ElapsedTime: 2\r\nX-StartTime: Tue, 04 Feb 2014 12:34:56 GMT\r\n\r\n";
    mh_result res;
    p = rec_decode(&rec, &sess, 1, MH_RT_UNKNOWN, resp, 6, body, sizeof body - 1, 1, &res);
    CHECK_EQ(p, 0);
    CHECK_EQ(res.type, MH_RT_PING); /* from the pending request with the same X-RequestId */
    CHECK_STR(rec_value(&rec, "mapihttp.response_code", 0), "Success (0)");
    CHECK_STR(rec_value(&rec, "mapihttp.server_application", 0), "Exchange/15.00.0847.4040");
    CHECK_STR(rec_value(&rec, "mapihttp.pending_period", 0), "15000");
    CHECK_STR(rec_value(&rec, "mapihttp.expiration_info", 0), "900000");
    CHECK_STR(rec_value(&rec, "mapihttp.session.context_cookie", 0), "new1");
    CHECK_STR(rec_value(&rec, "mapihttp.elapsed_time", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.start_time", 0), "Tue, 04 Feb 2014 12:34:56 GMT");
    e = rec_find(&rec, "mapihttp.elapsed_time", 0);
    CHECK(e && e->off == 33 && e->len == 1); /* after "PROCESSING\r\nDONE\r\nX-ElapsedTime: " */
    mh_session_free(&sess);
}

static void test_bad_headers(void)
{
    static const mh_header hs[] = {
        H("X-RequestType", "Frobnicate"),
        H("X-RequestId", "not-a-guid:1"),
        H("X-PendingPeriod", "soon"),
    };
    int p = rec_decode(&rec, NULL, 0, MH_RT_UNKNOWN, hs, 3, (const uint8_t *)"\x01", 1, 1, NULL);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1); /* not one of the 24 request types */
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 2);   /* X-RequestId form, X-PendingPeriod not a number */
    CHECK_EQ(rec.problems[MH_PROB_MISSING_CONTEXT], 1); /* so the body cannot be decoded */
    CHECK_EQ(p, 4);
}

static void test_meta_tags(void)
{
    bld b = { { 0 }, 0 };
    b_str(&b, "PROCESSING\r\nPENDING\r\nPENDING\r\nDONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 12\r\n\r\n");
    size_t body_at = b.n;
    /* 2.2.4.4.2 NotificationWait success: StatusCode, ErrorCode, EventPending, AuxiliaryBufferSize */
    b_u32(&b, 0);
    b_u32(&b, 0);
    b_u32(&b, 1);
    b_u32(&b, 0);
    mh_result res;
    int p = rec_decode(&rec, NULL, 1, MH_RT_NOTIFICATION_WAIT, NULL, 0, b.b, b.n, 1, &res);
    CHECK_EQ(p, 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.meta_tag"), 4);
    CHECK_STR(rec_value(&rec, "mapihttp.meta_tag", 0), "PROCESSING");
    CHECK_STR(rec_value(&rec, "mapihttp.meta_tag", 1), "PENDING");
    CHECK_STR(rec_value(&rec, "mapihttp.meta_tag", 3), "DONE");
    CHECK_STR(rec_value(&rec, "mapihttp.pending_count", 0), "2");
    CHECK_EQ(res.pending_count, 2);
    CHECK(res.done_seen);
    CHECK_STR(rec_value(&rec, "mapihttp.additional_header", 0), "X-ResponseCode: 0");
    CHECK_STR(rec_value(&rec, "mapihttp.response_code", 0), "Success (0)");
    CHECK_STR(rec_value(&rec, "mapihttp.elapsed_time", 0), "12");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_wait.event_pending", 0), "0x00000001 (NotificationPending)");
    const rec_event *e = rec_find(&rec, "mapihttp.status_code", 0);
    CHECK(e && e->off == body_at);
}

static void test_cut_before_done(void)
{
    static const char body[] = "PROCESSING\r\nPENDING\r\nPEN";
    mh_result res;
    rec_decode(&rec, NULL, 1, MH_RT_NOTIFICATION_WAIT, NULL, 0, (const uint8_t *)body, sizeof body - 1, 0, &res);
    CHECK_EQ(rec_problems(&rec), 1);
    const char *msg = rec_problem(&rec, MH_PROB_TRUNCATED);
    CHECK(msg && strstr(msg, "before DONE") && strstr(msg, "1 PROCESSING, 1 PENDING"));
    CHECK(!res.done_seen);
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->off == 21 && e->len == 3); /* the partial line is the leftover */
}

static void test_bad_meta_line(void)
{
    static const char body[] = "PROCESSING\r\nWORKING\r\n";
    rec_decode(&rec, NULL, 1, MH_RT_EXECUTE, NULL, 0, (const uint8_t *)body, sizeof body - 1, 1, NULL);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
}

static void test_response_code_failure(void)
{
    /* 2.2.3.3.3: a nonzero X-ResponseCode means the body is diagnostic text */
    static const mh_header hs[] = { H("X-ResponseCode", "10"), H("Content-Type", "text/html") };
    static const char body[] = "<html>Context not found</html>";
    mh_result res;
    int p = rec_decode(&rec, NULL, 1, MH_RT_EXECUTE, hs, 2, (const uint8_t *)body, sizeof body - 1, 1, &res);
    CHECK_EQ(p, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.response_code", 0), "Context Not Found (10)");
    CHECK_STR(rec_value(&rec, "mapihttp.diagnostic_text", 0), body);
    CHECK_EQ(res.response_code, 10);
    CHECK(rec_find(&rec, "mapihttp.execute.response", 0) == NULL);
}

static void test_connect(void)
{
    bld b = { { 0 }, 0 };
    /* 2.2.4.1.1 Connect request body */
    b_asciiz(&b, "/o=Org/ou=Site/cn=Recipients/cn=user");
    b_u32(&b, 0x00000000);          /* Flags */
    b_u32(&b, 1252);                /* DefaultCodePage */
    b_u32(&b, 0x0409);              /* LcidSort */
    b_u32(&b, 0x0409);              /* LcidString */
    b_u32(&b, 0);                   /* AuxiliaryBufferSize */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_CONNECT, NULL, 0, b.b, b.n, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.connect.user_dn", 0), "/o=Org/ou=Site/cn=Recipients/cn=user");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.default_code_page", 0), "1252");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.lcid_sort", 0), "0x00000409");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");

    /* 2.2.4.1.2 success response */
    bld r = { { 0 }, 0 };
    b_u32(&r, 0);          /* StatusCode */
    b_u32(&r, 0);          /* ErrorCode */
    b_u32(&r, 60000);      /* PollsMax */
    b_u32(&r, 6);          /* RetryCount */
    b_u32(&r, 10000);      /* RetryDelay */
    b_asciiz(&r, "/o=Org/ou=Site");
    b_utf16z(&r, "User One");
    b_u32(&r, 0);
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_CONNECT, NULL, 0, r.b, r.n, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.status_code", 0), "Success (0x00000000)");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.polls_max", 0), "60000");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.retry_count", 0), "6");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.retry_delay", 0), "10000");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.dn_prefix", 0), "/o=Org/ou=Site");
    CHECK_STR(rec_value(&rec, "mapihttp.connect.display_name", 0), "User One");

    /* 2.2.4.1.3 failure response: StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer */
    bld f = { { 0 }, 0 };
    b_u32(&f, 0x80040111); /* StatusCode: LogonFailed */
    b_u32(&f, 0);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_CONNECT, NULL, 0, f.b, f.n, 1, &res), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.status_code", 0), "ecLoginFailure (0x80040111)");
    CHECK(rec_find(&rec, "mapihttp.error_code", 0) == NULL);
    CHECK_EQ(res.status_code, 0x80040111);
}

static void test_disconnect_and_ping(void)
{
    bld b = { { 0 }, 0 };
    b_u32(&b, 0); /* 2.2.4.3.1: AuxiliaryBufferSize */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_DISCONNECT, NULL, 0, b.b, b.n, 1, NULL), 0);
    CHECK(rec_find(&rec, "mapihttp.disconnect.request", 0) != NULL);
    /* 3.1.5.4 says Disconnect has no request body: an empty body is accepted too */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_DISCONNECT, NULL, 0, NULL, 0, 1, NULL), 0);
    bld r = { { 0 }, 0 };
    b_u32(&r, 0);
    b_u32(&r, 0);
    b_u32(&r, 0); /* 2.2.4.3.2 */
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_DISCONNECT, NULL, 0, r.b, r.n, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.error_code", 0), "Success (0x00000000)");
    /* 2.2.6: PING has no body; one that has is malformed */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_PING, NULL, 0, NULL, 0, 1, NULL), 0);
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_PING, NULL, 0, (const uint8_t *)"x", 1, 1, NULL), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    static const char ping_resp[] = "PROCESSING\r\nDONE\r\nX-ElapsedTime: 0\r\n\r\n";
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_PING, NULL, 0, (const uint8_t *)ping_resp, sizeof ping_resp - 1, 1, NULL), 0);
}

/* An Execute request whose RopBuffer is one uncompressed RPC_HEADER_EXT (Flags Last) holding a ROP input
 * buffer with RopRelease ([MS-OXCROPS] 2.2.15.3.1) and a one-entry handle table. */
static size_t execute_request(bld *b, uint16_t rpc_flags)
{
    b_u32(b, 0x00000003);  /* Flags: NoCompression | NoXorMagic */
    size_t size_at = b->n;
    b_u32(b, 0);           /* RopBufferSize, set below */
    size_t rop_at = b->n;
    b_u16(b, 0x0000);      /* RPC_HEADER_EXT Version */
    b_u16(b, rpc_flags);   /* Flags */
    b_u16(b, 9);           /* Size: RopSize(2) + RopRelease(3) + one handle(4) */
    b_u16(b, 9);           /* SizeActual */
    b_u16(b, 5);           /* RopSize = 2 + 3 */
    b_u8(b, 0x01);         /* RopRelease */
    b_u8(b, 0x00);         /* LogonId */
    b_u8(b, 0x00);         /* InputHandleIndex */
    b_u32(b, 0x00000045);  /* ServerObjectHandleTable[0] */
    b_put32(b, size_at, (uint32_t)(b->n - rop_at));
    b_u32(b, 0x00010000);  /* MaxRopOut */
    b_u32(b, 0);           /* AuxiliaryBufferSize */
    return rop_at;
}

static void test_execute_request(void)
{
    bld b = { { 0 }, 0 };
    execute_request(&b, 0x0004);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, b.b, b.n, 1, &res), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.execute.flags", 0), "0x00000003 (NoCompression, NoXorMagic)");
    CHECK_STR(rec_value(&rec, "mapihttp.execute.rop_buffer_size", 0), "17");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.flags", 0), "0x0004 (Last)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.rop_size", 0), "5");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 0), "RopRelease (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon_id", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.input_handle_index", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 0), "0x00000045");
    CHECK_STR(rec_value(&rec, "mapihttp.execute.max_rop_out", 0), "65536");
    CHECK_EQ(res.rop_count, 1);
    CHECK_EQ(res.rop_ids[0], 0x01);
    CHECK(rec_find(&rec, "mapihttp.buffer", 0) == NULL); /* untransformed: decoded in place */
}

static void test_execute_rpc_header_errors(void)
{
    bld b = { { 0 }, 0 };
    size_t at = execute_request(&b, 0x0000); /* no Last, and nothing after it */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, b.b, b.n, 1, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) && strstr(rec_problem(&rec, MH_PROB_MALFORMED), "Last"));

    bld v = { { 0 }, 0 };
    at = execute_request(&v, 0x0004);
    b_put16(&v, at, 0x0001); /* Version must be 0 ([MS-OXCRPC] 2.2.2.1) */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, v.b, v.n, 1, NULL), 1);
    CHECK(rec_find(&rec, "mapihttp.rop_buffer", 0) == NULL);

    bld s = { { 0 }, 0 };
    at = execute_request(&s, 0x0004);
    b_put16(&s, at + 6, 10); /* SizeActual differs from Size without Compressed */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, s.b, s.n, 1, NULL), 1);
    CHECK(rec_find(&rec, "mapihttp.rop.id", 0) != NULL); /* reported, and decoding goes on by Size */
}

static void test_execute_xor(void)
{
    bld b = { { 0 }, 0 };
    size_t at = execute_request(&b, 0x0006); /* XorMagic | Last */
    for (size_t i = at + 8; i < at + 17; i++)
        b.b[i] ^= 0xA5; /* [MS-OXCRPC] 3.1.4.1.1.3 */
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, b.b, b.n, 1, NULL), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.buffer", 0);
    CHECK(e && e->len == 9 && strcmp(e->value, "De-obfuscated ROP buffer") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 0), "0x00000045");
    e = rec_find(&rec, "mapihttp.rop_buffer.handle", 0);
    CHECK(e && e->off == 5); /* offsets are relative to the de-obfuscated buffer */
}

static void test_execute_truncated(void)
{
    bld b = { { 0 }, 0 };
    execute_request(&b, 0x0004);
    /* cut inside the handle table: reported as truncated, with what was decoded before */
    int p = rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, b.b, 22, 0, NULL);
    CHECK(p >= 1);
    CHECK(rec.problems[MH_PROB_TRUNCATED] >= 1);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 0), "RopRelease (0x01)");
    /* the same bytes as a complete body: a declared size that cannot be right is malformed */
    rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, b.b, 22, 1, NULL);
    CHECK(rec.problems[MH_PROB_MALFORMED] >= 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 0);
}

static void test_execute_response(void)
{
    /* 2.2.4.2.2: StatusCode, ErrorCode, Flags, RopBufferSize, RopBuffer, AuxiliaryBufferSize */
    bld b = { { 0 }, 0 };
    b_u32(&b, 0);
    b_u32(&b, 0);
    b_u32(&b, 0);
    b_u32(&b, 8 + 2);
    b_u16(&b, 0); b_u16(&b, 0x0004); b_u16(&b, 2); b_u16(&b, 2);
    b_u16(&b, 2);   /* RopSize: an empty RopsList, no handles */
    b_u32(&b, 0);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_EXECUTE, NULL, 0, b.b, b.n, 1, &res), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.rop_size", 0), "2");
    CHECK_EQ(res.rop_count, 0);
    /* failure form 2.2.4.2.3 */
    bld f = { { 0 }, 0 };
    b_u32(&f, 0x000004B6); /* StatusCode ecRpcFormat */
    b_u32(&f, 0);
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_EXECUTE, NULL, 0, f.b, f.n, 1, NULL), 0);
    CHECK(rec_find(&rec, "mapihttp.execute.rop_buffer_size", 0) == NULL);
    /* trailing bytes after the last field */
    b_u8(&f, 0x99);
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_EXECUTE, NULL, 0, f.b, f.n, 1, NULL), 1);
}

static void test_nspi_and_unknown(void)
{
    bld b = { { 0 }, 0 };
    b_u32(&b, 0);
    b_u32(&b, 0);
    /* a request with no request type and no header: the body cannot be decoded */
    rec_decode(&rec, NULL, 0, MH_RT_UNKNOWN, NULL, 0, b.b, b.n, 1, NULL);
    CHECK_EQ(rec.problems[MH_PROB_MISSING_CONTEXT], 1);
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->off == 0 && e->len == 8);
    /* a response without its request and no X-RequestType */
    rec_decode(&rec, NULL, 1, MH_RT_UNKNOWN, NULL, 0, b.b, b.n, 1, NULL);
    CHECK_EQ(rec.problems[MH_PROB_MISSING_CONTEXT], 1);
}

int main(void)
{
    RUN(test_request_types);
    RUN(test_headers);
    RUN(test_bad_headers);
    RUN(test_meta_tags);
    RUN(test_cut_before_done);
    RUN(test_bad_meta_line);
    RUN(test_response_code_failure);
    RUN(test_connect);
    RUN(test_disconnect_and_ping);
    RUN(test_execute_request);
    RUN(test_execute_rpc_header_errors);
    RUN(test_execute_xor);
    RUN(test_execute_truncated);
    RUN(test_execute_response);
    RUN(test_nspi_and_unknown);
    return check_report();
}

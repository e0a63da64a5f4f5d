/*
 * Address book messages through the envelope: the request type comes from X-RequestType whatever the
 * Content-Type (some clients send Bind as application/octet-stream), and a response without
 * X-RequestType is paired with its request through the session by X-RequestId ([MS-OXCMAPIHTTP]
 * 2.2.3.1.1 X-RequestType, 2.2.3.1.2 X-RequestId).
 */
#include "test_nspi_build.h"

#define H(n, v) { n, sizeof(n) - 1, v, sizeof(v) - 1 }

static void test_octet_stream_bind(void)
{
    static const mh_header hs[] = {
        H("Content-Type", "application/octet-stream"),
        H("X-RequestType", "Bind"),
        H("X-RequestId", "{0E1F2A3B-4C5D-6E7F-8091-A2B3C4D5E6F7}:1"),
    };
    /* 2.2.5.1.1 Bind request: Flags, HasState 0, AuxiliaryBufferSize 0 */
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0x00);
    b_u32(&t, 0);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_UNKNOWN, hs, 3, t.b, t.n, 1, &res), 0);
    CHECK_EQ(res.type, MH_RT_BIND);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.bind.request"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_state", 0), "False");
}

static void test_pairing(void)
{
    static const mh_header req_h[] = {
        H("X-RequestType", "GetPropList"),
        H("X-RequestId", "{0E1F2A3B-4C5D-6E7F-8091-A2B3C4D5E6F7}:2"),
    };
    static const mh_header resp_h[] = {
        H("X-RequestId", "{0E1F2A3B-4C5D-6E7F-8091-A2B3C4D5E6F7}:2"),
    };
    mh_session sess;
    mh_session_init(&sess);
    /* 2.2.5.6.1 GetPropList request: Flags, MinimalId, CodePage, aux */
    bld q = { .n = 0 };
    b_u32(&q, 0);
    b_u32(&q, 0x1A2);
    b_u32(&q, 1252);
    b_u32(&q, 0);
    CHECK_EQ(rec_decode(&rec, &sess, 0, MH_RT_UNKNOWN, req_h, 2, q.b, q.n, 1, NULL), 0);
    /* 2.2.5.6.2 response: StatusCode, ErrorCode, HasPropertyTags, PropertyTags, aux */
    bld r = { .n = 0 };
    b_u32(&r, 0);
    b_u32(&r, 0);
    b_u8(&r, 0xFF);
    b_u32(&r, 1);
    b_u32(&r, 0x3001001F);
    b_u32(&r, 0);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, &sess, 1, MH_RT_UNKNOWN, resp_h, 1, r.b, r.n, 1, &res), 0);
    CHECK_EQ(res.type, MH_RT_GET_PROP_LIST);
    CHECK_EQ(res.has_status, 1);
    CHECK_EQ(res.status_code, 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.get_prop_list.response"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 0), "PidTagDisplayName (0x3001001F)");

    /* the exchange ended with its response: the same X-RequestId no longer names a request */
    CHECK_EQ(rec_decode(&rec, &sess, 1, MH_RT_UNKNOWN, resp_h, 1, r.b, r.n, 1, &res), 1);
    CHECK_EQ(rec.problems[MH_PROB_MISSING_CONTEXT], 1);
    mh_session_free(&sess);
}

/* A failure response (2.2.5.x.3) gives its StatusCode to the front ends. */
static void test_failure_status(void)
{
    bld r = { .n = 0 };
    b_u32(&r, 0x80040111);
    b_u32(&r, 0);
    mh_result res;
    CHECK_EQ(rec_decode(&rec, NULL, 1, MH_RT_UNBIND, NULL, 0, r.b, r.n, 1, &res), 0);
    CHECK_EQ(res.has_status, 1);
    CHECK_EQ(res.status_code, 0x80040111);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.error_code"), 0);
}

int main(void)
{
    RUN(test_octet_stream_bind);
    RUN(test_pairing);
    RUN(test_failure_status);
    return check_report();
}

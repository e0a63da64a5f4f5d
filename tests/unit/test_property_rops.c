/*
 * Edges of the property ROPs ([MS-OXCROPS] 2.2.8) that the golden cases do not show: RopSetProperties'
 * PropertyValueSize, which counts PropertyValueCount and PropertyValues ([MS-OXCPRPT] 4.2.1: 0x0024 for a
 * count and 34 bytes of values), too small, too large and past the buffer; the ecDstNullObject form of
 * RopCopyTo (2.2.8.12.3: a 4-byte DestHandleIndex equal to the request's) with and without its request;
 * a TaggedPropertyValue ([MS-OXCDATA] 2.11.4) of a type 2.11.1 does not define; a PropertyName list that
 * cannot go on.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

static const uint32_t h2[2] = { 0x00000045, 0x00000046 };

static int exec(mh_session *s, int response, const bld *rops, const char *id)
{
    bld body;
    b_execute_body(&body, response, rops, h2, 2);
    mh_header h[1] = { { "X-RequestId", 11, id, id ? strlen(id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, id ? h : NULL, id ? 1 : 0, body.b, body.n, 1, NULL);
}

/* RopSetProperties with one PidTagMessageSize value and the given PropertyValueSize, then a RopRelease. */
static void set_properties(bld *r, uint16_t size, size_t extra)
{
    b_u8(r, 0x0A);
    b_u8(r, 0);
    b_u8(r, 0);
    b_u16(r, size);
    b_u16(r, 1);
    b_u32(r, 0x0E080003);
    b_u32(r, 1024);
    for (size_t i = 0; i < extra; i++)
        b_u8(r, 0xEE);
    b_u8(r, 0x01); /* RopRelease */
    b_u8(r, 0);
    b_u8(r, 1);
}

static void test_property_value_size(void)
{
    bld r = { { 0 }, 0 };
    set_properties(&r, 10, 0); /* exact: count (2) + tag (4) + value (4) */
    mh_result res;
    bld body;
    b_execute_body(&body, 0, &r, h2, 2);
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, body.b, body.n, 1, &res), 0);
    CHECK_EQ(res.rop_count, 2);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.set_properties.property_value_size", 0), "10");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "1024");

    /* too large: bytes inside the declared size after the last value are reported, the next ROP decodes */
    r.n = 0;
    set_properties(&r, 13, 3);
    CHECK_EQ(exec(NULL, 0, &r, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "3 bytes left over"));
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");

    /* too small: the value runs past the declared size (malformed, not truncated) */
    r.n = 0;
    set_properties(&r, 8, 0);
    CHECK(exec(NULL, 0, &r, NULL) >= 1);
    msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "RopSetProperties PropertyValues"));
    CHECK(rec_find(&rec, "mapihttp.value.int32", 0) == NULL);

    /* past the ROP buffer: reported once, nothing after it is decoded */
    r.n = 0;
    set_properties(&r, 200, 0);
    CHECK_EQ(exec(NULL, 0, &r, NULL), 1);
    msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "PropertyValueSize: 200 bytes declared"));
    CHECK_EQ(rec_count(&rec, "mapihttp.rop"), 1);
}

static void copy_to_request(bld *r)
{
    b_u8(r, 0x39);
    b_u8(r, 0);
    b_u8(r, 0); /* SourceHandleIndex */
    b_u8(r, 1); /* DestHandleIndex */
    b_u8(r, 0);
    b_u8(r, 0);
    b_u8(r, 0);
    b_u16(r, 0);
}

static void null_destination(bld *r, uint32_t dest)
{
    b_u8(r, 0x39);
    b_u8(r, 0);
    b_u32(r, 0x00000503);
    b_u32(r, dest);
}

static void test_null_destination(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    copy_to_request(&r);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-000000000001}:1");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.dest_handle_index", 0), "1");
    r.n = 0;
    null_destination(&r, 1);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.dest_handle_index", 0);
    CHECK(e && strcmp(e->value, "1") == 0 && e->len == 4 && strstr(e->note, "0x00000046"));
    CHECK(rec_find(&rec, "mapihttp.property_problems", 0) == NULL);
    /* a DestHandleIndex that is not the request's */
    r.n = 0;
    copy_to_request(&r);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-000000000001}:2");
    r.n = 0;
    null_destination(&r, 7);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-000000000001}:2"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "DestHandleIndex 7 is not the request's 1"));
    /* without the request the form is still known from ReturnValue */
    mh_session_free(&s);
    mh_session_init(&s);
    r.n = 0;
    null_destination(&r, 7);
    CHECK_EQ(exec(&s, 1, &r, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.dest_handle_index", 0), "7");
    /* another failure has nothing after ReturnValue (2.2.8.12.4) */
    r.n = 0;
    b_u8(&r, 0x39);
    b_u8(&r, 0);
    b_u32(&r, 0x80070005);
    CHECK_EQ(exec(&s, 1, &r, NULL), 0);
    CHECK(rec_find(&rec, "mapihttp.rop.dest_handle_index", 0) == NULL);
    mh_session_free(&s);
}

static void test_unknown_value_type(void)
{
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x08); /* RopGetPropertiesAll response, 2.2.8.4.2 */
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u16(&r, 2);
    b_u32(&r, 0x0E080003);
    b_u32(&r, 5);
    b_u32(&r, 0x12340099); /* type 0x0099: not in [MS-OXCDATA] 2.11.1, its size is unknown */
    b_u32(&r, 0);
    CHECK_EQ(exec(NULL, 1, &r, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "0x0099"));
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 2);
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 4);
}

static void test_names_stop(void)
{
    /* RopGetPropertyIdsFromNames with a Kind 0x05 name: the list cannot go on, the ROP list neither */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x56);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u16(&r, 2);
    b_u8(&r, 0x05);
    for (int i = 0; i < 20; i++)
        b_u8(&r, 0);
    b_u8(&r, 0x01); /* would be a RopRelease */
    b_u8(&r, 0);
    b_u8(&r, 0);
    mh_result res;
    bld body;
    b_execute_body(&body, 0, &r, h2, 2);
    CHECK_EQ(rec_decode(&rec, NULL, 0, MH_RT_EXECUTE, NULL, 0, body.b, body.n, 1, &res), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_name"), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 1), "0x00000046");
}

int main(void)
{
    RUN(test_property_value_size);
    RUN(test_null_destination);
    RUN(test_unknown_value_type);
    RUN(test_names_stop);
    return check_report();
}

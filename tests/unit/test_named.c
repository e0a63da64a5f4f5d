/*
 * Named property mappings as session context ([MS-OXCPRPT] 3.1.4.2, 3.2.5.9, 3.2.5.10): learnt from the
 * responses of RopGetPropertyIdsFromNames ([MS-OXCROPS] 2.2.8.1: PropertyIds pair with the request's
 * PropertyNames in order; ecWarnWithErrors 0x00040380 keeps the layout, 0x0000 marking names not mapped),
 * RopGetNamesFromPropertyIds (2.2.8.2) and RopQueryNamedProperties (2.2.8.10), per LogonId, committed
 * only when the response says they hold, and used in later Execute calls to name PropertyTags and
 * PropertyValues from 0x8000. Each request and response is an Execute body ([MS-OXCMAPIHTTP] 2.2.4.2)
 * paired by X-RequestId.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

static const uint32_t one_handle[1] = { 0x00000045 };

static int exec(mh_session *s, int response, const bld *rops, const char *request_id)
{
    bld body;
    b_execute_body(&body, response, rops, one_handle, 1);
    mh_header h[1] = { { "X-RequestId", 11, request_id, request_id ? strlen(request_id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, request_id ? h : NULL, request_id ? 1 : 0, body.b, body.n, 1,
                      NULL);
}

/* {00062002-0000-0000-C000-000000000046} PSETID_Appointment, {00020329-...} PS_PUBLIC_STRINGS,
 * {00062004-...} PSETID_Address, wire order */
static const uint8_t appointment[16] = { 0x02, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
static const uint8_t public_strings[16] = { 0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                            0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
static const uint8_t address[16] = { 0x04, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                                     0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };

static void name_lid(bld *b, const uint8_t guid[16], uint32_t lid)
{
    b_u8(b, 0x00);
    b_raw(b, guid, 16);
    b_u32(b, lid);
}

static void name_string(bld *b, const uint8_t guid[16], const char *s)
{
    b_u8(b, 0x01);
    b_raw(b, guid, 16);
    b_u8(b, (uint8_t)(2 * strlen(s) + 2));
    b_utf16z(b, s);
}

/* 2.2.8.1.1 for two names: PidLidLocation and PidNameKeywords */
static void gpifn_request(bld *r, uint8_t logon)
{
    b_u8(r, 0x56);
    b_u8(r, logon);
    b_u8(r, 0);    /* InputHandleIndex */
    b_u8(r, 0x02); /* Flags: create */
    b_u16(r, 2);
    name_lid(r, appointment, 0x8208);
    name_string(r, public_strings, "Keywords");
}

/* 2.2.8.1.2 */
static void gpifn_response(bld *r, uint32_t rv, uint16_t id1, uint16_t id2)
{
    b_u8(r, 0x56);
    b_u8(r, 0);
    b_u32(r, rv);
    b_u16(r, 2);
    b_u16(r, id1);
    b_u16(r, id2);
}

/* 2.2.8.3.1 RopGetPropertiesSpecific for two tags */
static void gps_request(bld *r, uint8_t logon, uint32_t t1, uint32_t t2)
{
    b_u8(r, 0x07);
    b_u8(r, logon);
    b_u8(r, 0);
    b_u16(r, 0);
    b_u16(r, 1);
    b_u16(r, 2);
    b_u32(r, t1);
    b_u32(r, t2);
}

static const char *note_of(const char *filter, int k)
{
    const rec_event *e = rec_find(&rec, filter, k);
    return e ? e->note : NULL;
}

static void test_learnt_then_used(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    gpifn_request(&r, 0);
    CHECK_EQ(exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000A}:1"), 0);
    r.n = 0;
    gpifn_response(&r, 0, 0x8001, 0x8002);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000A}:1"), 0);
    CHECK_STR(note_of("mapihttp.property_id", 0), "PidLidLocation");
    CHECK_STR(note_of("mapihttp.property_id", 1), "PidNameKeywords");
    const mh_named_entry *e = mh_named_get(&s.named, 0, 0x8001);
    CHECK(e && e->kind == 0x00 && e->lid == 0x8208 && memcmp(e->guid, appointment, 16) == 0);
    e = mh_named_get(&s.named, 0, 0x8002);
    CHECK(e && e->kind == 0x01 && e->name && strcmp(e->name, "Keywords") == 0);

    /* the next Execute: the request's tags and the response's row are named */
    r.n = 0;
    gps_request(&r, 0, 0x8001001F, 0x8002101F);
    CHECK_EQ(exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000A}:2"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_tag", 0), "Named property (0x8001001F)");
    CHECK_STR(note_of("mapihttp.property_tag", 0), "PidLidLocation");
    CHECK_STR(note_of("mapihttp.property_tag", 1), "PidNameKeywords");
    r.n = 0;
    b_u8(&r, 0x07);
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u8(&r, 0x00); /* StandardPropertyRow */
    b_utf16z(&r, "Room 1");
    b_u32(&r, 1);   /* PtypMultipleString: 32-bit count */
    b_utf16z(&r, "x");
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000A}:2"), 0);
    CHECK_STR(note_of("mapihttp.property_value", 0), "Named property (0x8001001F) = PidLidLocation");
    CHECK_STR(note_of("mapihttp.property_value", 1), "Named property (0x8002101F) = PidNameKeywords");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Room 1");

    /* another logon has its own ids: nothing is named there */
    r.n = 0;
    gps_request(&r, 1, 0x8001001F, 0x8002101F);
    CHECK_EQ(exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000A}:3"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_tag", 0), "Named property (0x8001001F)");
    CHECK_STR(note_of("mapihttp.property_tag", 0), "");
    mh_session_free(&s);
}

static void test_failure_and_warning(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    /* a failure (2.2.8.1.3) commits nothing */
    gpifn_request(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000B}:1");
    r.n = 0;
    b_u8(&r, 0x56);
    b_u8(&r, 0);
    b_u32(&r, 0x80070005);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000B}:1"), 0);
    CHECK_EQ(s.named.count, 0);
    /* the warning: the mapped id is committed, the 0x0000 one is not */
    r.n = 0;
    gpifn_request(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000B}:2");
    r.n = 0;
    gpifn_response(&r, 0x00040380, 0x0000, 0x8010);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000B}:2"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.return_value", 0), "ecWarnWithErrors (0x00040380)");
    CHECK_STR(note_of("mapihttp.property_id", 0), "not mapped");
    CHECK_EQ(s.named.count, 1);
    const mh_named_entry *e = mh_named_get(&s.named, 0, 0x8010);
    CHECK(e && e->kind == 0x01);
    /* a count that does not pair with the request's names: reported, nothing learnt */
    r.n = 0;
    gpifn_request(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000B}:3");
    r.n = 0;
    b_u8(&r, 0x56);
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u16(&r, 1);
    b_u16(&r, 0x8020);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000B}:3"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "PropertyIdCount 1 differs"));
    CHECK(mh_named_get(&s.named, 0, 0x8020) == NULL);
    mh_session_free(&s);
}

static void test_response_without_request(void)
{
    /* the ids decode, but which names they are cannot be known: nothing is learnt */
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    gpifn_response(&r, 0, 0x8001, 0x8002);
    CHECK_EQ(exec(&s, 1, &r, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_id", 1), "0x8002");
    CHECK_STR(note_of("mapihttp.property_id", 1), "");
    CHECK_EQ(s.named.count, 0);
    /* a request for no names enumerates registered ids ([MS-OXCPRPT] 2.2.12.2): they have no names here */
    r.n = 0;
    b_u8(&r, 0x56);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 0x00);
    b_u16(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000C}:1");
    r.n = 0;
    gpifn_response(&r, 0, 0x8001, 0x8002);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000C}:1"), 0);
    CHECK_EQ(s.named.count, 0);
    mh_session_free(&s);
}

static void test_names_from_ids(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    /* 2.2.8.2.1: three ids on logon 2 */
    b_u8(&r, 0x55);
    b_u8(&r, 2);
    b_u8(&r, 0);
    b_u16(&r, 3);
    b_u16(&r, 0x8004);
    b_u16(&r, 0x8005);
    b_u16(&r, 0x0037);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000D}:1");
    /* 2.2.8.2.2: a LID name, Kind 0xFF (no name), the PS_MAPI name of a tagged property */
    r.n = 0;
    b_u8(&r, 0x55);
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u16(&r, 3);
    name_lid(&r, address, 0x8080);
    b_u8(&r, 0xFF);
    b_raw(&r, address, 16);
    static const uint8_t ps_mapi[16] = { 0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
    name_lid(&r, ps_mapi, 0x0037);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000D}:1"), 0);
    CHECK_STR(note_of("mapihttp.property_name", 0), "PropertyName of 0x8004: PidLidEmail1DisplayName");
    CHECK_STR(note_of("mapihttp.property_name", 2), "PropertyName of 0x0037: PidTagSubject");
    CHECK_EQ(s.named.count, 1); /* not the id without a name, not the id below 0x8000 */
    const mh_named_entry *e = mh_named_get(&s.named, 2, 0x8004);
    CHECK(e && e->lid == 0x8080);
    CHECK(mh_named_get(&s.named, 0, 0x8004) == NULL);
    mh_session_free(&s);
}

static void test_query_named_properties(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    /* 2.2.8.10.1 without a GUID */
    b_u8(&r, 0x5F);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 0x00);
    b_u8(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000E}:1");
    /* 2.2.8.10.2: IdCount, PropertyIds, PropertyNames */
    r.n = 0;
    b_u8(&r, 0x5F);
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u16(&r, 2);
    b_u16(&r, 0x8030);
    b_u16(&r, 0x8031);
    name_lid(&r, appointment, 0x8205);
    name_string(&r, public_strings, "Custom");
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000E}:1"), 0);
    CHECK_STR(note_of("mapihttp.property_name", 0), "PropertyName of 0x8030: PidLidBusyStatus");
    CHECK_STR(note_of("mapihttp.property_name", 1), "PropertyName of 0x8031: PS_PUBLIC_STRINGS:\"Custom\"");
    CHECK_EQ(s.named.count, 2);
    /* used next: a PropertyProblem's tag is named too */
    r.n = 0;
    b_u8(&r, 0x0B); /* RopDeleteProperties 2.2.8.8.1 */
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u16(&r, 1);
    b_u32(&r, 0x80310003);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000E}:2");
    CHECK_STR(note_of("mapihttp.property_tag", 0), "PS_PUBLIC_STRINGS:\"Custom\"");
    r.n = 0;
    b_u8(&r, 0x0B);
    b_u8(&r, 0);
    b_u32(&r, 0);
    b_u16(&r, 1); /* one PropertyProblem ([MS-OXCDATA] 2.7) */
    b_u16(&r, 0);
    b_u32(&r, 0x80310003);
    b_u32(&r, 0x8004010F);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000E}:2"), 0);
    CHECK_STR(note_of("mapihttp.property_tag", 0), "PS_PUBLIC_STRINGS:\"Custom\"");
    CHECK_STR(rec_value(&rec, "mapihttp.property_problem.error_code", 0), "NotFound (0x8004010F)");
    mh_session_free(&s);
}

/* A new RopLogon on the same LogonId opens another store ([MS-OXCROPS] 2.2.3.1): the old mappings of
 * that LogonId no longer apply; those of other logons stay. The warning code ecWarnWithErrors is not
 * counted as a ROP failure ([MS-OXCDATA] 2.4.3). */
static void test_relogon_forgets(void)
{
    mh_session s;
    mh_session_init(&s);
    bld r = { { 0 }, 0 };
    gpifn_request(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000D}:1");
    r.n = 0;
    gpifn_response(&r, 0x00040380, 0x8001, 0x0000); /* warning: the second name was not mapped */
    mh_result res;
    bld body;
    b_execute_body(&body, 1, &r, one_handle, 1);
    mh_header h[1] = { { "X-RequestId", 11, "{00000000-0000-0000-0000-00000000000D}:1", 40 } };
    rec_decode(&rec, &s, 1, MH_RT_EXECUTE, h, 1, body.b, body.n, 1, &res);
    CHECK_EQ(res.rop_count, 1);
    CHECK_EQ(res.rop_failures, 0);
    CHECK(mh_named_get(&s.named, 0, 0x8001) != NULL);
    mh_named_put(&s.named, 1, 0x8001, appointment, 0x00, 0x8208, NULL, 0);
    /* RopLogon (2.2.3.1.1, private, no Essdn) and its failure keep the mappings ... */
    r.n = 0;
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u8(&r, 0); b_u8(&r, 0x01); b_u32(&r, 0x01000000); b_u32(&r, 0); b_u16(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000D}:2");
    r.n = 0;
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u32(&r, 0x80040111);
    exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000D}:2");
    CHECK(mh_named_get(&s.named, 0, 0x8001) != NULL);
    /* ... and a successful one (2.2.3.1.2, 166 bytes) drops those of LogonId 0 only */
    r.n = 0;
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u8(&r, 0); b_u8(&r, 0x01); b_u32(&r, 0x01000000); b_u32(&r, 0); b_u16(&r, 0);
    exec(&s, 0, &r, "{00000000-0000-0000-0000-00000000000D}:3");
    r.n = 0;
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u32(&r, 0); b_u8(&r, 0x01);
    for (int i = 0; i < 13; i++)
        b_u64(&r, 0);
    b_u8(&r, 0x01);
    for (int i = 0; i < 16 + 2 + 16 + 8 + 8 + 4; i++)
        b_u8(&r, 0);
    CHECK_EQ(exec(&s, 1, &r, "{00000000-0000-0000-0000-00000000000D}:3"), 0);
    CHECK(mh_named_get(&s.named, 0, 0x8001) == NULL);
    CHECK(mh_named_get(&s.named, 1, 0x8001) != NULL);
    mh_session_free(&s);
}

int main(void)
{
    RUN(test_learnt_then_used);
    RUN(test_failure_and_warning);
    RUN(test_response_without_request);
    RUN(test_names_from_ids);
    RUN(test_query_named_properties);
    RUN(test_relogon_forgets);
    return check_report();
}

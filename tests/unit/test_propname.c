/*
 * [MS-OXCDATA] 2.6.1 PropertyName: Kind (0x00 LID, 0x01 Name, 0xFF none), GUID (16 bytes, always), LID
 * (Kind 0x00), NameSize + Name (Kind 0x01; NameSize counts the UTF-16LE Name with its two-byte NUL). The
 * property sets are those of [MS-OXPROPS] 1.3.2 and the canonical names those of [MS-OXPROPS] section 2
 * (PidLidLocation = PSETID_Appointment LID 0x8208, PidNameKeywords = PS_PUBLIC_STRINGS "Keywords").
 */
#include "builder.h"
#include "check.h"
#include "core/dec.h"
#include "mapi/propname.h"
#include "record_sink.h"

static rec_sink rec;
static mh_arena arena;
static int problems;

/* A decoder over the bytes, events into the recording sink. */
static mh_dec over(const bld *b)
{
    mh_arena_reset(&arena);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, b->b, b->n, 1);
    return d;
}

/* {00062002-0000-0000-C000-000000000046} PSETID_Appointment, as on the wire (Data1..Data3 little-endian) */
static const uint8_t appointment[16] = { 0x02, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
/* {00020329-0000-0000-C000-000000000046} PS_PUBLIC_STRINGS */
static const uint8_t public_strings[16] = { 0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                            0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
/* {00020328-0000-0000-C000-000000000046} PS_MAPI */
static const uint8_t ps_mapi[16] = { 0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                     0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
static const uint8_t other[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static void test_lid(void)
{
    bld b = { { 0 }, 0 };
    b_u8(&b, 0x00);
    b_raw(&b, appointment, 16);
    b_u32(&b, 0x00008208);
    b_u8(&b, 0xAA); /* the next structure */
    mh_dec d = over(&b);
    mh_propname p;
    CHECK_EQ(mh_decode_property_name(&d, NULL, &p), 1);
    CHECK_EQ(mh_cur_pos(&d.c), 21);
    CHECK_EQ(p.kind, 0x00);
    CHECK_EQ(p.lid, 0x8208);
    CHECK(p.name == NULL);
    const rec_event *e = rec_find(&rec, "mapihttp.property_name", 0);
    CHECK(e && strcmp(e->note, "PropertyName: PidLidLocation") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.kind", 0), "LID (0x00)");
    e = rec_find(&rec, "mapihttp.property_name.guid", 0);
    CHECK(e && strcmp(e->value, "{00062002-0000-0000-C000-000000000046}") == 0 &&
          strcmp(e->note, "PSETID_Appointment") == 0);
    e = rec_find(&rec, "mapihttp.property_name.lid", 0);
    CHECK(e && strcmp(e->value, "0x00008208") == 0 && strcmp(e->note, "PidLidLocation") == 0 && e->off == 17);
    CHECK(rec_find(&rec, "mapihttp.property_name.name_size", 0) == NULL);
    CHECK_EQ(problems, 0);
}

static void test_name(void)
{
    bld b = { { 0 }, 0 };
    b_u8(&b, 0x01);
    b_raw(&b, public_strings, 16);
    b_u8(&b, 18); /* "Keywords": 8 UTF-16 units and the terminator */
    b_utf16z(&b, "Keywords");
    mh_dec d = over(&b);
    mh_propname p;
    CHECK_EQ(mh_decode_property_name(&d, "PropertyName of 0x8002", &p), 1);
    CHECK_EQ(mh_cur_pos(&d.c), 36);
    CHECK_EQ(p.name_len, 8);
    CHECK(p.name && memcmp(p.name, "Keywords", 8) == 0);
    const rec_event *e = rec_find(&rec, "mapihttp.property_name", 0);
    CHECK(e && strcmp(e->note, "PropertyName of 0x8002: PidNameKeywords") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.kind", 0), "Name (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.name_size", 0), "18");
    e = rec_find(&rec, "mapihttp.property_name.name", 0);
    CHECK(e && strcmp(e->value, "Keywords") == 0 && strcmp(e->note, "PidNameKeywords") == 0 && e->len == 18);
    CHECK(rec_find(&rec, "mapihttp.property_name.lid", 0) == NULL);
    CHECK_EQ(problems, 0);
}

static void test_no_name(void)
{
    /* Kind 0xFF: the GUID and nothing else (RopGetNamesFromPropertyIds for an id without a name) */
    bld b = { { 0 }, 0 };
    b_u8(&b, 0xFF);
    b_raw(&b, other, 16);
    mh_dec d = over(&b);
    mh_propname p;
    CHECK_EQ(mh_decode_property_name(&d, NULL, &p), 1);
    CHECK_EQ(mh_cur_pos(&d.c), 17);
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.kind", 0), "No property name (0xFF)");
    const rec_event *e = rec_find(&rec, "mapihttp.property_name", 0);
    CHECK(e && strcmp(e->note, "PropertyName: no property name") == 0);
}

static void test_unknown_kind_stops(void)
{
    bld b = { { 0 }, 0 };
    b_u8(&b, 0x02); /* not a Kind of 2.6.1: the rest has no known layout */
    b_raw(&b, other, 16);
    b_u32(&b, 1);
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_property_name(&d, NULL, NULL), 0);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "Kind 0x02"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->off == 1 && e->len == 20); /* everything after Kind is leftover */
    CHECK_EQ(mh_cur_left(&d.c), 0);
}

static void test_truncated_name(void)
{
    bld b = { { 0 }, 0 };
    b_u8(&b, 0x01);
    b_raw(&b, public_strings, 16);
    b_u8(&b, 20); /* 20 bytes announced, 6 present */
    b_utf16z(&b, "Ke");
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_property_name(&d, NULL, NULL), 0);
    CHECK(!mh_cur_ok(&d.c));
    CHECK_EQ(mh_check(&d, "test"), 0);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL); /* the body is complete: a size running past it */
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.name_size", 0), "20");
    CHECK(rec_find(&rec, "mapihttp.property_name.name", 0) == NULL);
}

static void test_unterminated_name(void)
{
    /* NameSize covers the name but no terminator: the size still says where the next structure starts */
    bld b = { { 0 }, 0 };
    b_u8(&b, 0x01);
    b_raw(&b, public_strings, 16);
    b_u8(&b, 4);
    b_u16(&b, 'A');
    b_u16(&b, 'B');
    b_u8(&b, 0x00); /* next */
    mh_dec d = over(&b);
    mh_propname p;
    CHECK_EQ(mh_decode_property_name(&d, NULL, &p), 1);
    CHECK_EQ(mh_cur_pos(&d.c), 22);
    CHECK_STR(rec_value(&rec, "mapihttp.property_name.name", 0), "AB");
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "not a NUL-terminated UTF-16 string"));
}

static void test_format(void)
{
    char out[200];
    mh_propname p;
    memset(&p, 0, sizeof p);
    /* PS_MAPI with a LID below 0x8000 is the tagged property of that id ([MS-OXCPRPT] 3.2.5.9) */
    p.kind = 0x00;
    memcpy(p.guid, ps_mapi, 16);
    p.lid = 0x0037;
    mh_propname_format(&p, out, sizeof out);
    CHECK_STR(out, "PidTagSubject");
    /* a LID of a known set that [MS-OXPROPS] does not name */
    memcpy(p.guid, appointment, 16);
    p.lid = 0x9999;
    mh_propname_format(&p, out, sizeof out);
    CHECK_STR(out, "PSETID_Appointment:0x9999");
    /* an unknown set: shown by its GUID */
    memcpy(p.guid, other, 16);
    mh_propname_format(&p, out, sizeof out);
    CHECK_STR(out, "{04030201-0605-0807-090A-0B0C0D0E0F10}:0x9999");
    p.kind = 0x01;
    memcpy(p.guid, public_strings, 16);
    p.name = "Not-Listed";
    p.name_len = 10;
    mh_propname_format(&p, out, sizeof out);
    CHECK_STR(out, "PS_PUBLIC_STRINGS:\"Not-Listed\"");
}

int main(void)
{
    mh_arena_init(&arena, 0);
    RUN(test_lid);
    RUN(test_name);
    RUN(test_no_name);
    RUN(test_unknown_kind_stops);
    RUN(test_truncated_name);
    RUN(test_unterminated_name);
    RUN(test_format);
    mh_arena_free(&arena);
    return check_report();
}

/*
 * Shared structures of the store and folder ROPs: [MS-OXCDATA] 2.2.1.3.1 LongTermID (DatabaseGuid 16 bytes,
 * GlobalCounter 6 bytes most significant first, Pad 2 bytes that MUST be 0) and the replica server lists
 * of [MS-OXCSTOR] 2.2.1.6.2 / 2.2.1.7.2 (null-terminated ASCII strings, the first CheapServersCount of
 * them the lowest-cost ones). Expected values are worked out from those layouts by hand.
 */
#include "builder.h"
#include "check.h"
#include "mapi/longterm.h"
#include "mapi/servers.h"
#include "record_sink.h"

static rec_sink rec;
static mh_arena arena;

static void dec_over(mh_dec *d, const bld *b)
{
    memset(d, 0, sizeof *d);
    rec_init(&rec);
    mh_cur_init(&d->c, b->b, b->n);
    d->sink = &rec.base;
    d->arena = &arena;
}

/* {01234567-89AB-CDEF-0011-223344556677} in wire order ([MS-DTYP] 2.3.4.2: Data1..Data3 little-endian) */
static void db_guid(bld *b)
{
    static const uint8_t g[16] = { 0x67, 0x45, 0x23, 0x01, 0xAB, 0x89, 0xEF, 0xCD,
                                   0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
    b_raw(b, g, 16);
}

static void test_format(void)
{
    static const uint8_t g[16] = { 0x67, 0x45, 0x23, 0x01, 0xAB, 0x89, 0xEF, 0xCD,
                                   0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
    static const uint8_t c[6] = { 0x00, 0x00, 0x0E, 0x8E, 0xDF, 0x36 };
    char out[64];
    mh_format_long_term_id(g, c, out, sizeof out);
    CHECK_STR(out, "{01234567-89AB-CDEF-0011-223344556677}-00000E8EDF36");
    char small[8];
    mh_format_long_term_id(g, c, small, sizeof small); /* cut, still terminated */
    CHECK_STR(small, "{012345");
}

static void test_decode(void)
{
    bld b = { { 0 }, 0 };
    b_u8(&b, 0xAA); /* something before it: offsets are the buffer's */
    db_guid(&b);
    b_u8(&b, 0x00); b_u8(&b, 0x00); b_u8(&b, 0x0E); b_u8(&b, 0x8E); b_u8(&b, 0xDF); b_u8(&b, 0x36);
    b_u16(&b, 0x0000);
    b_u8(&b, 0x55); /* and after it */
    mh_dec d;
    dec_over(&d, &b);
    mh_cur_u8(&d.c, "lead");
    CHECK_EQ(mh_long_term_id(&d, MH_F_LONG_TERM_ID), 1);
    CHECK_EQ(mh_cur_pos(&d.c), 25);
    const rec_event *e = rec_find(&rec, "mapihttp.long_term_id", 0);
    CHECK(e && e->is_open && e->off == 1 && e->len == 24);
    CHECK_STR(rec_value(&rec, "mapihttp.long_term_id", 0), "{01234567-89AB-CDEF-0011-223344556677}-00000E8EDF36");
    CHECK_STR(rec_value(&rec, "mapihttp.long_term_id.database_guid", 0), "{01234567-89AB-CDEF-0011-223344556677}");
    CHECK_STR(rec_value(&rec, "mapihttp.long_term_id.global_counter", 0), "00000E8EDF36");
    e = rec_find(&rec, "mapihttp.long_term_id.global_counter", 0);
    CHECK(e && e->off == 17 && e->len == 6 && e->depth == 1);
    CHECK_STR(rec_value(&rec, "mapihttp.long_term_id.pad", 0), "0x0000");
    e = rec_find(&rec, "mapihttp.long_term_id.pad", 0);
    CHECK(e && e->off == 23 && e->note[0] == 0);
    CHECK_EQ(rec.depth, 0);
    CHECK_EQ(rec_problems(&rec), 0);

    /* a nonzero Pad is shown with what the specification requires; the layout does not change */
    b.b[23] = 0x01;
    dec_over(&d, &b);
    mh_cur_u8(&d.c, "lead");
    CHECK_EQ(mh_long_term_id(&d, MH_F_READ_PER_USER_INFORMATION_FOLDER_ID), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.read_per_user_information.folder_id", 0),
              "{01234567-89AB-CDEF-0011-223344556677}-00000E8EDF36");
    e = rec_find(&rec, "mapihttp.long_term_id.pad", 0);
    CHECK(e && strcmp(e->value, "0x0001") == 0 && strcmp(e->note, "MUST be 0x0000") == 0);
}

static void test_truncated(void)
{
    bld b = { { 0 }, 0 };
    db_guid(&b);
    b_u8(&b, 0x00); b_u8(&b, 0x01); /* 18 of 24 bytes */
    mh_dec d;
    dec_over(&d, &b);
    CHECK_EQ(mh_long_term_id(&d, MH_F_LONG_TERM_ID), 0);
    CHECK_EQ(rec.n, 0); /* nothing emitted */
    CHECK(!mh_cur_ok(&d.c));
    CHECK_EQ(mh_check(&d, "LongTermID"), 0);
    const char *msg = rec_problem(&rec, MH_PROB_TRUNCATED);
    CHECK(msg && strstr(msg, "needs 24 bytes"));
}

static void test_servers(void)
{
    bld b = { { 0 }, 0 };
    b_asciiz(&b, "/o=Org/cn=PF1");
    b_asciiz(&b, "/o=Org/cn=PF2");
    b_asciiz(&b, "");
    mh_dec d;
    dec_over(&d, &b);
    CHECK_EQ(mh_decode_servers(&d, MH_F_OPEN_FOLDER_SERVERS, 3, 2), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.server"), 3);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.server", 1);
    CHECK(e && strcmp(e->value, "/o=Org/cn=PF2") == 0 && strcmp(e->note, "server 1, lowest cost") == 0);
    CHECK(e && e->off == 14 && e->len == 14); /* the terminator belongs to the string */
    e = rec_find(&rec, "mapihttp.rop.server", 2);
    CHECK(e && e->value[0] == 0 && strcmp(e->note, "server 2") == 0 && e->len == 1);
    CHECK_EQ(rec_problems(&rec), 0);
    CHECK_EQ(rec.depth, 0);

    /* CheapServersCount larger than the count: reported, the strings still decode */
    dec_over(&d, &b);
    CHECK_EQ(mh_decode_servers(&d, MH_F_GET_OWNING_SERVERS_OWNING_SERVERS, 1, 2), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.server"), 1);

    /* a string without its terminator */
    bld t = { { 0 }, 0 };
    b_str(&t, "/o=Org");
    dec_over(&d, &t);
    CHECK_EQ(mh_decode_servers(&d, MH_F_OPEN_FOLDER_SERVERS, 1, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.server"), 0);
    CHECK_EQ(rec.depth, 0);
}

int main(void)
{
    mh_arena_init(&arena, 0);
    RUN(test_format);
    RUN(test_decode);
    RUN(test_truncated);
    RUN(test_servers);
    mh_arena_free(&arena);
    return check_report();
}

/*
 * [MS-OXCFXICS] 2.2.2.4 IDSETs and 2.2.2.6 GLOBSETs: the encoding commands Push (0x01-0x06), Pop (0x50),
 * Bitmask (0x42), Range (0x52) and End (0x00) over a common byte stack of at most 6 high-order bytes
 * (decoding rules 3.1.5.4.3.2); 2.2.2.2 XID and 2.2.2.3 PredecessorChangeList. The expected GLOBCNT
 * ranges are worked out by hand from those rules in the comments.
 */
#include "builder.h"
#include "check.h"
#include "mapi/idset.h"
#include "record_sink.h"

static rec_sink rec;
static mh_arena arena;
static int problems;

/* Decodes `n` bytes with fn over a recording sink. */
static void run(const bld *b, void (*fn)(mh_dec *, size_t))
{
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, b->b, b->n, 1);
    fn(&d, b->n);
    rec.base.ops->message_end(&rec.base);
    mh_arena_reset(&arena);
}

static void replid_idset(mh_dec *d, size_t n) { mh_decode_idset(d, n, MH_IDSET_REPLID); }
static void replguid_idset(mh_dec *d, size_t n) { mh_decode_idset(d, n, MH_IDSET_REPLGUID); }
static void xid(mh_dec *d, size_t n) { mh_decode_xid(d, MH_F_XID, n); }
static void pcl(mh_dec *d, size_t n) { mh_decode_pcl(d, MH_F_XID, n); }

static void bytes(bld *b, const char *hex)
{
    uint8_t tmp[256];
    size_t n = hex2bin(hex, tmp, sizeof tmp);
    b_raw(b, tmp, n);
}

static void test_push_range_pop(void)
{
    /* REPLID 0x0001: Push 2 (00 00), Push 2 (12 34), Range 56 78 .. 56 7A, Pop, Range with 4 bytes
     * 12 35 00 00 .. 12 35 00 03, Pop, End:
     *   0000 1234 5678 .. 0000 1234 567A and 0000 1235 0000 .. 0000 1235 0003 */
    bld b = { { 0 }, 0 };
    bytes(&b, "0100 02 0000 02 1234 52 5678 567A 50 52 12350000 12350003 50 00");
    /* a second REPLID with a singleton: Push 6 bytes */
    bytes(&b, "0500 06 000000000102 00");
    run(&b, replid_idset);
    CHECK_EQ(problems, 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.globset"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.idset.replid", 0), "0x0001");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 0), "0001-000012345678 to 0001-00001234567A");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 1), "0001-000012350000 to 0001-000012350003");
    CHECK_STR(rec_value(&rec, "mapihttp.idset.replid", 1), "0x0005");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 2), "0005-000000000102");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.command", 0), "Push (0x02)");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.command", 2), "Range (0x52)");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.command", 3), "Pop (0x50)");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.low_value", 0), "5678");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.low_value", 1), "12350000");
}

static void test_bitmask(void)
{
    /* REPLGUID, Push 5 bytes 00 00 00 00 01, Bitmask StartingValue 0x10, Bitmask 0xB7 (bits 0,1,2,4,5,7):
     * 0x10; 0x11 0x12 0x13; 0x15 0x16; 0x18 -> 10..13, 15..16, 18; Pop, End */
    bld b = { { 0 }, 0 };
    bytes(&b, "00112233445566778899AABBCCDDEEFF 05 0000000001 42 10 B7 50 00");
    run(&b, replguid_idset);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.idset.replguid", 0), "{33221100-5544-7766-8899-AABBCCDDEEFF}");
    CHECK_EQ(rec_count(&rec, "mapihttp.globset.range"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 0), "000000000110 to 000000000113");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 1), "000000000115 to 000000000116");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 2), "000000000118");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.starting_value", 0), "0x10");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.bitmask", 0), "0xB7");

    /* all eight bits from 0xF7: one range 0xF7..0xFF */
    b.n = 0;
    bytes(&b, "0100 05 0000000000 42 F7 FF 50 00");
    run(&b, replid_idset);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 0), "0001-0000000000F7 to 0001-0000000000FF");
}

static void test_malformed_globsets(void)
{
    static const struct {
        const char *hex;
        const char *why;
    } cases[] = {
        { "0100 04 00000000 04 00000000 00", "makes more than the 6 bytes" },      /* 8 common bytes */
        { "0100 50 00", "Pop with nothing" },                                        /* empty stack */
        { "0100 04 00000000 42 01 01 00", "Bitmask needs 5 common bytes" },         /* 4 on the stack */
        { "0100 05 0000000000 42 F8 80 00", "passes the low-order byte" },          /* 0xF8 + 8 > 0xFF */
        { "0100 99 00", "command 0x99" },                                            /* not a command */
        { "0100 04 00000000 52 00", "GLOBSET: LowValue needs 2 bytes" },            /* runs out */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bld b = { { 0 }, 0 };
        bytes(&b, cases[i].hex);
        run(&b, replid_idset);
        const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
        CHECK(msg && strstr(msg, cases[i].why));
        if (!msg || !strstr(msg, cases[i].why))
            fprintf(stderr, "  case %zu: %s\n", i, msg ? msg : "(no problem)");
    }
    /* a range whose high value is below its low value is reported, and decoding goes on */
    bld b = { { 0 }, 0 };
    bytes(&b, "0100 04 00000000 52 0005 0003 50 00");
    run(&b, replid_idset);
    CHECK_EQ(problems, 1);
    CHECK_STR(rec_value(&rec, "mapihttp.globset.range", 0), "0001-000000000005 to 0001-000000000003");
    CHECK_STR(rec_value(&rec, "mapihttp.globset.command", 2), "Pop (0x50)");
}

static void test_xid_and_pcl(void)
{
    /* XID: NamespaceGuid (16 bytes), LocalId (1 to 8 bytes) */
    bld b = { { 0 }, 0 };
    bytes(&b, "00112233445566778899AABBCCDDEEFF 000000000042");
    run(&b, xid);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.xid.namespace_guid", 0), "{33221100-5544-7766-8899-AABBCCDDEEFF}");
    CHECK_STR(rec_value(&rec, "mapihttp.xid.local_id", 0), "000000000042");
    b.n = 0;
    bytes(&b, "00112233445566778899AABBCCDDEEFF");
    run(&b, xid);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "17 to 24 bytes"));

    /* PredecessorChangeList: SizedXid (XidSize, XID) until the bytes end */
    b.n = 0;
    bytes(&b, "14 00112233445566778899AABBCCDDEEFF 00000007 11 00112233445566778899AABBCCDDEEFF 09");
    run(&b, pcl);
    CHECK_EQ(problems, 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.xid.size"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.xid.local_id", 0), "00000007");
    CHECK_STR(rec_value(&rec, "mapihttp.xid.local_id", 1), "09");
    b.n = 0;
    bytes(&b, "20 0011");
    run(&b, pcl);
    msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "XidSize 32 runs past"));
}

int main(void)
{
    mh_arena_init(&arena, 0);
    RUN(test_push_range_pop);
    RUN(test_bitmask);
    RUN(test_malformed_globsets);
    RUN(test_xid_and_pcl);
    mh_arena_free(&arena);
    return check_report();
}

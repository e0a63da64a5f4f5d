/*
 * Real bytes from ../shared/vectors (not part of the project): the LZ77 pairs (Samba's test vectors) and
 * the Outlook 2007 EcDoRpcExt2 buffers from OpenChange. What each must decode to is stated in
 * ../shared/vectors/README.md; the checks below assert those statements. Skipped (exit 77) when the
 * directory is absent, as in a user's clone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"
#include "rops/rop_catalog.h"
#include "rpc/lz77.h"

static const char *dir;

static uint8_t *read_hex(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        check_failures++;
        *len = 0;
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    size_t got = fread(text, 1, (size_t)n, f);
    text[got] = 0;
    fclose(f);
    uint8_t *out = malloc(got / 2 + 1);
    *len = hex2bin(text, out, got / 2 + 1);
    free(text);
    return out;
}

static void lz77_pair(const char *compressed, const char *decompressed)
{
    size_t clen, dlen;
    uint8_t *c = read_hex(compressed, &clen);
    uint8_t *d = read_hex(decompressed, &dlen);
    if (!c || !d) {
        free(c);
        free(d);
        return;
    }
    uint8_t *out = malloc(dlen + 1);
    mh_span s = { c, 0, clen };
    mh_lz77_result r = mh_lz77_decompress(s, out, dlen);
    CHECK_EQ(r.status, MH_LZ77_OK);
    CHECK_EQ(r.out_len, dlen);
    int same = r.out_len == dlen && memcmp(out, d, dlen) == 0;
    if (!same)
        fprintf(stderr, "  %s: output differs\n", compressed);
    CHECK(same);
    free(c);
    free(d);
    free(out);
}

static void test_lz77_pairs(void)
{
    lz77_pair("lz77/samba_lzxpress_test_compressed.hex", "lz77/samba_lzxpress_test_decompressed.hex");
    lz77_pair("lz77/samba_lzxpress2_nibble_compressed.hex", "lz77/samba_lzxpress2_nibble_decompressed.hex");
    lz77_pair("lz77/samba_lzxpress3_compressed.hex", "lz77/samba_lzxpress3_decompressed.hex");
    lz77_pair("lz77/samba_lzxpress4_compressed.hex", "lz77/samba_lzxpress4_decompressed.hex");
    lz77_pair("lz77/samba_lzxpress_fuzz_trailingflags_compressed.hex",
              "lz77/samba_lzxpress_fuzz_trailingflags_decompressed.hex");
    /* correct only when decoding stops at SizeActual (38 bytes): the input ends with a zero flag word */
    lz77_pair("lz77/samba_lzxpress_test_oldversion_compressed.hex", "lz77/samba_lzxpress_test_decompressed.hex");
}

/* An Execute request body around rgbIn and rgbAuxIn ([MS-OXCMAPIHTTP] 2.2.4.2.1). */
static void decode_vector(const char *prefix, rec_sink *rec, mh_session *sess)
{
    char a[256], b[256];
    snprintf(a, sizeof a, "openchange/%s_rgbIn_EXTRACTED.hex", prefix);
    snprintf(b, sizeof b, "openchange/%s_rgbAuxIn_EXTRACTED.hex", prefix);
    size_t rlen, alen;
    uint8_t *rop = read_hex(a, &rlen);
    uint8_t *aux = read_hex(b, &alen);
    if (!rop || !aux) {
        free(rop);
        free(aux);
        return;
    }
    size_t n = 16 + rlen + alen;
    uint8_t *body = calloc(1, n);
    body[4] = (uint8_t)rlen;
    body[5] = (uint8_t)(rlen >> 8);
    memcpy(body + 8, rop, rlen);
    body[8 + rlen + 2] = 0x01; /* MaxRopOut 0x10000 */
    body[12 + rlen] = (uint8_t)alen;
    memcpy(body + 16 + rlen, aux, alen);
    mh_message m = { 0, MH_RT_EXECUTE, NULL, 0, body, n, 1 };
    mh_arena arena;
    mh_arena_init(&arena, 0);
    rec_init(rec);
    mh_decode_message(sess, &m, &rec->base, &arena, NULL);
    mh_arena_free(&arena);
    free(body);
    free(rop);
    free(aux);
}

static void test_openchange_001(void)
{
    static rec_sink rec;
    mh_session sess;
    mh_session_init(&sess);
    decode_vector("openchange_001_Outlook_2007_in_ModifyRecipients_comp", &rec, &sess);
    CHECK_STR(rec_value(&rec, "mapihttp.execute.rop_buffer_size", 0), "333");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.version", 0), "0x0000");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.flags", 0), "0x0005 (Compressed, Last)");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.size", 0), "325");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.size_actual", 0), "459");
    const rec_event *buf = rec_find(&rec, "mapihttp.buffer", 0);
    CHECK(buf && buf->len == 459);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.rop_size", 0), "455");
    CHECK_EQ(rec_count(&rec, "mapihttp.rop_buffer.handle"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 0), "0x00000045");
    /* the ROP list starts with RopRemoveAllRecipients (0x0D) */
    const rec_event *stop = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(stop && stop->off == 2);
    /* rgbAuxIn: XorMagic|Last, 40 bytes, then three blocks */
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.flags", 1), "0x0006 (XorMagic, Last)");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.size", 1), "40");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.type", 0), "AUX_TYPE_PERF_REQUESTID (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.session_id", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 0), "163 (0x00A3)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.type", 1), "AUX_TYPE_PERF_BG_DEFMDB_SUCCESS (0x0C)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_since_request", 0), "70");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_complete_request", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 1), "162 (0x00A2)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_since_request", 1), "78");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_complete_request", 1), "78");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 2), "162 (0x00A2)");
    CHECK_EQ(rec_count(&rec, "mapihttp.aux"), 3);
    mh_session_free(&sess);
}

/* The k-th value of a field contains `hex` ("(0x68340003)"): names come from generated tables, the values
 * from the README. */
static int value_has(const rec_sink *rec, const char *filter, int k, const char *hex)
{
    const char *v = rec_value(rec, filter, k);
    return v && strstr(v, hex) != NULL;
}

/* 002's ROPs 2 and 3 as the README states them: RopSetColumns with 13 tags, then RopFindRow (FindRowFlags
 * 0, RestrictionDataSize 152: an AND of 5 restrictions, Origin 0x00, BookmarkSize 0). The list reaches
 * them only when ROP 1, RopGetContentsTable (0x05), is decoded: until then they are not checked. */
static void check_002_find_row(const rec_sink *rec)
{
    if (!mh_rop_impl_get(0x05)) {
        fprintf(stderr, "  002: RopGetContentsTable is not decoded in this build: its RopFindRow is not checked\n");
        return;
    }
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 0), "RopGetContentsTable (0x05)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 1), "RopSetColumns (0x12)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.set_columns.property_tag_count", 0), "13");
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 2), "RopFindRow (0x4F)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.input_handle_index", 2),
              "1"); /* RopFindRow's InputHandleIndex (after SetColumns' and GetContentsTable's) */
    CHECK_STR(rec_value(rec, "mapihttp.rop.find_row.find_row_flags", 0), "Forwards (0x00)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.restriction_data_size", 0), "152");
    /* the restriction ends exactly where RestrictionDataSize says: its last value ("Messages") with it */
    const rec_event *size = rec_find(rec, "mapihttp.rop.restriction_data_size", 0);
    const rec_event *last = rec_find(rec, "mapihttp.value.string", 1);
    CHECK(size && last && last->off + last->len == size->off + 2 + 152);
    /* the AND of 5 */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 0), "AndRestriction (0x00)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_count", 0), "5");
    CHECK_EQ(rec_count(rec, "mapihttp.restriction"), 6);
    /* PROPERTY RELOP_EQ 0x001A001F "IPM.Microsoft.FolderDesign.NamedView" */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 1), "PropertyRestriction (0x04)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.relop", 0), "RELOP_EQ (0x04)");
    CHECK(value_has(rec, "mapihttp.restriction.prop_tag", 0, "(0x001A001F)"));
    CHECK_STR(rec_value(rec, "mapihttp.value.string", 0), "IPM.Microsoft.FolderDesign.NamedView");
    /* BITMASK BMR_EQZ 0x68340003 mask 0x00000001 */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 2), "BitMaskRestriction (0x06)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.bitmap_relop", 0), "BMR_EQZ (0x00)");
    CHECK(value_has(rec, "mapihttp.restriction.prop_tag", 1, "(0x68340003)"));
    CHECK_STR(rec_value(rec, "mapihttp.restriction.mask", 0), "0x00000001");
    /* PROPERTY RELOP_EQ 0x683A0003 = 8 */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 3), "PropertyRestriction (0x04)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.relop", 1), "RELOP_EQ (0x04)");
    CHECK(value_has(rec, "mapihttp.restriction.prop_tag", 2, "(0x683A0003)"));
    CHECK_STR(rec_value(rec, "mapihttp.value.int32", 0), "8");
    /* BITMASK BMR_NEZ 0x68340003 mask 0x00000200 */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 4), "BitMaskRestriction (0x06)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.bitmap_relop", 1), "BMR_NEZ (0x01)");
    CHECK(value_has(rec, "mapihttp.restriction.prop_tag", 3, "(0x68340003)"));
    CHECK_STR(rec_value(rec, "mapihttp.restriction.mask", 1), "0x00000200");
    /* CONTENT FuzzyLow 0 FuzzyHigh 0 0x0037001F "Messages" */
    CHECK_STR(rec_value(rec, "mapihttp.restriction.restrict_type", 5), "ContentRestriction (0x03)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.fuzzy_level_low", 0), "FL_FULLSTRING (0x0000)");
    CHECK_STR(rec_value(rec, "mapihttp.restriction.fuzzy_level_high", 0), "0x0000");
    CHECK(value_has(rec, "mapihttp.restriction.property_tag", 0, "(0x0037001F)"));
    CHECK_STR(rec_value(rec, "mapihttp.value.string", 1), "Messages");
    /* Origin 0x00, BookmarkSize 0, and nothing wrong up to the end of RopFindRow */
    CHECK_STR(rec_value(rec, "mapihttp.rop.find_row.origin", 0), "BOOKMARK_BEGINNING (0x00)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.bookmark_size", 0), "0");
    const rec_event *bm = rec_find(rec, "mapihttp.rop.bookmark_size", 0);
    const rec_event *p = rec_find(rec, "mapihttp.problem", 0);
    CHECK(bm && (!p || p->off >= bm->off + bm->len));
}

static void test_openchange_002(void)
{
    static rec_sink rec;
    mh_session sess;
    mh_session_init(&sess);
    decode_vector("openchange_002_Outlook_2007_in_Tables_operations_comp", &rec, &sess);
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.size", 0), "330");
    CHECK_STR(rec_value(&rec, "mapihttp.rpc_header_ext.size_actual", 0), "380");
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.rop_size", 0), "356");
    static const char *const handles[6] = { "0x00000075", "0xFFFFFFFF", "0x00000071",
                                            "0xFFFFFFFF", "0xFFFFFFFF", "0xFFFFFFFF" };
    CHECK_EQ(rec_count(&rec, "mapihttp.rop_buffer.handle"), 6);
    for (int i = 0; i < 6; i++)
        CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", i), handles[i]);
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 0), "28 (0x001C)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_since_request", 0), "82");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_complete_request", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 1), "27 (0x001B)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_since_request", 1), "79");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_complete_request", 1), "78");
    check_002_find_row(&rec);
    mh_session_free(&sess);
}

int main(int argc, char **argv)
{
    struct stat st;
    dir = argc > 1 ? argv[1] : "../shared/vectors";
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("skipped: shared test vectors not found at %s (they are not part of the project)\n", dir);
        return 77;
    }
    RUN(test_lz77_pairs);
    RUN(test_openchange_001);
    RUN(test_openchange_002);
    return check_report();
}

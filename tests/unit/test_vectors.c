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

/* 001's rgbIn decompressed: RPC_HEADER_EXT ([MS-OXCRPC] 2.2.2.1: Version, Flags, Size, SizeActual) and the
 * LZ77 payload. NULL (a failed check) when it cannot be read. */
static uint8_t *rgbin_001(size_t *actual)
{
    size_t len;
    uint8_t *in = read_hex("openchange/openchange_001_Outlook_2007_in_ModifyRecipients_comp_rgbIn_EXTRACTED.hex",
                           &len);
    if (!in || len < 8) {
        free(in);
        return NULL;
    }
    size_t size = in[4] | (size_t)in[5] << 8;
    *actual = in[6] | (size_t)in[7] << 8;
    uint8_t *buf = malloc(*actual);
    mh_span s = { in + 8, 0, size < len - 8 ? size : len - 8 };
    mh_lz77_result lr = mh_lz77_decompress(s, buf, *actual);
    CHECK_EQ(lr.status, MH_LZ77_OK);
    free(in);
    if (lr.status != MH_LZ77_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The ROP list of 001 as far as the decoders of this tree go (README, 001 items 1 and 2; offsets are in
 * the decompressed ROP buffer, where the list starts at 2 after RopSize). */
static void openchange_001_rops(rec_sink *rec)
{
    /* 1. RopRemoveAllRecipients ([MS-OXCROPS] 2.2.6.4.1) */
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 0), "RopRemoveAllRecipients (0x0D)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.logon_id", 0), "0");
    CHECK_STR(rec_value(rec, "mapihttp.rop.input_handle_index", 0), "0");
    CHECK_STR(rec_value(rec, "mapihttp.rop.remove_all_recipients.reserved", 0), "0x00000001");
    /* 2. RopModifyRecipients ([MS-OXCROPS] 2.2.6.5.1, ModifyRecipientRow 2.2.6.5.1.1, RecipientRow
     * [MS-OXCDATA] 2.8.3) */
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 1), "RopModifyRecipients (0x0E)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.input_handle_index", 1), "0");
    CHECK_STR(rec_value(rec, "mapihttp.rop.recipients.column_count", 0), "12");
    static const char *const columns[12] = { "(0x0FFE0003)", "(0x39000003)", "(0x39FF001F)", "(0x39FE001F)",
                                             "(0x3A710003)", "(0x3A00001F)", "(0x5FFF0003)", "(0x5FDE0003)",
                                             "(0x5FFD0003)", "(0x5FF6001F)", "(0x5FF70102)", "(0x5FDF0003)" };
    /* the 12 columns, then RopSetProperties' 2 tags and RopGetPropertiesSpecific's 1 */
    CHECK_EQ(rec_count(rec, "mapihttp.property_tag"), 15);
    for (int i = 0; i < 12; i++) {
        const char *v = rec_value(rec, "mapihttp.property_tag", i);
        CHECK(v && strstr(v, columns[i]));
    }
    CHECK_STR(rec_value(rec, "mapihttp.rop.modify_recipients.row_count", 0), "1");
    CHECK_EQ(rec_count(rec, "mapihttp.modify_recipient_row"), 1);
    CHECK_STR(rec_value(rec, "mapihttp.recipient.row_id", 0), "0");
    CHECK_STR(rec_value(rec, "mapihttp.recipient.recipient_type", 0), "Primary (0x01)");
    CHECK_STR(rec_value(rec, "mapihttp.recipient.recipient_row_size", 0), "340");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.recipient_flags", 0), "0x0651");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.recipient_flags.type", 0), "X500DN (0x01)");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.address_prefix_used", 0), "69 (0x45)");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.display_type", 0), "DT_MAILUSER (0x00)");
    /* The README writes this X500DN "jkerihuel"; the byte is a literal 0x4A ('J') in the compressed rgbIn
     * (offset 89, after the flag word 55 00 00 00), so the decoded value starts with a capital J. */
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.x500dn", 0), "Jkerihuel");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.display_name", 0), "Julien Kerihuel");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.simple_display_name", 0), "jkerihuel");
    CHECK_STR(rec_value(rec, "mapihttp.recipient_row.recipient_column_count", 0), "12");
    CHECK_EQ(rec_count(rec, "mapihttp.property_value"), 12 + 2); /* the row's 12 columns, SetProperties' 2 */
    /* the binary column (PidTagRecipientEntryId) is an address-book EntryID ([MS-OXCDATA] 2.2.5.2: Flags,
     * ProviderUID, Version, Type, then the NUL-terminated X500DN) with the DN the README states */
    static const char dn[] = "/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=jkerihuel";
    const rec_event *bin = rec_find(rec, "mapihttp.value.binary", 0);
    size_t actual = 0;
    uint8_t *buf = rgbin_001(&actual);
    CHECK(bin && buf && bin->len == 28 + sizeof dn && bin->off + bin->len <= actual &&
          memcmp(buf + bin->off + 28, dn, sizeof dn) == 0);
    free(buf);
    /* the row follows RopRemoveAllRecipients (7 bytes) and the RopModifyRecipients fields before it (55) */
    const rec_event *row = rec_find(rec, "mapihttp.modify_recipient_row", 0);
    CHECK(row && row->off == 2 + 7 + 55);
    row = rec_find(rec, "mapihttp.recipient_row", 0);
    CHECK(row && row->off == 2 + 7 + 55 + 7);
    /* 3. RopSetProperties ([MS-OXCROPS] 2.2.8.6.1): PropertyValueSize 22, 2 values 0x003D001F "" and
     * 0x0E1D001F "test"; it starts right after the recipient row */
    const rec_event *sp = rec_find(rec, "mapihttp.rop", 2);
    CHECK(sp && sp->off == 2 + 7 + 55 + 347);
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 2), "RopSetProperties (0x0A)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.set_properties.property_value_size", 0), "22");
    CHECK_STR(rec_value(rec, "mapihttp.rop.set_properties.property_value_count", 0), "2");
    const char *t0 = rec_value(rec, "mapihttp.property_tag", 12), *t1 = rec_value(rec, "mapihttp.property_tag", 13);
    CHECK(t0 && strstr(t0, "(0x003D001F)"));
    CHECK(t1 && strstr(t1, "(0x0E1D001F)"));
    int ns = rec_count(rec, "mapihttp.value.string"); /* the recipient row's strings come first */
    CHECK_STR(rec_value(rec, "mapihttp.value.string", ns - 2), "");
    CHECK_STR(rec_value(rec, "mapihttp.value.string", ns - 1), "test");
    /* 4. RopSubmitMessage ([MS-OXCROPS] 2.2.7.1.1), SubmitFlags 0x00 */
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 3), "RopSubmitMessage (0x32)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.submit_message.submit_flags", 0), "None (0x00)");
    /* 5. RopGetPropertiesSpecific: PropertySizeLimit 0, WantUnicode 0, 1 tag 0x65E20102 */
    CHECK_STR(rec_value(rec, "mapihttp.rop.id", 4), "RopGetPropertiesSpecific (0x07)");
    CHECK_STR(rec_value(rec, "mapihttp.rop.get_properties_specific.property_size_limit", 0), "0");
    CHECK_STR(rec_value(rec, "mapihttp.rop.get_properties_specific.want_unicode", 0), "False");
    const char *t2 = rec_value(rec, "mapihttp.property_tag", 14);
    CHECK(t2 && strstr(t2, "(0x65E20102)"));
    /* the list ends exactly at RopSize: 5 ROPs and no problem */
    CHECK_EQ(rec_count(rec, "mapihttp.rop"), 5);
    CHECK_EQ(rec_problems(rec), 0);
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
    openchange_001_rops(&rec);
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

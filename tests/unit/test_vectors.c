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
    CHECK_EQ(rec_count(rec, "mapihttp.property_tag"), 12);
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
    CHECK_EQ(rec_count(rec, "mapihttp.property_value"), 12); /* the row's 12 columns decode */
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
    /* 3. RopSetProperties is not decoded in this tree: the list stops there, right after the row */
    const rec_event *stop = rec_find(rec, "mapihttp.problem", 0);
    CHECK(stop && stop->off == 2 + 7 + 55 + 347 && stop->kind == MH_PROB_UNSUPPORTED);
    const char *msg = rec_problem(rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "RopSetProperties (0x0A) request is not decoded yet"));
    CHECK_EQ(rec_problems(rec), 1);
}

/* README 001 items 4 and 5 lie after RopSetProperties, which this tree does not decode: the vector's own
 * bytes from RopSubmitMessage to the end of the list are decoded as a ROP buffer of their own. RopSetProperties
 * starts where the list stopped and is 3 + 2 + PropertyValueSize (22) bytes long. */
static void test_openchange_001_submit(void)
{
    size_t actual = 0;
    uint8_t *buf = rgbin_001(&actual);
    CHECK(buf != NULL);
    if (!buf)
        return;
    size_t rop_size = buf[0] | (size_t)buf[1] << 8;
    size_t from = 2 + 7 + 55 + 347 + 3 + 2 + 22;
    CHECK(rop_size == 455 && from < rop_size && rop_size <= actual);
    if (rop_size != 455 || from >= rop_size || rop_size > actual) {
        free(buf);
        return;
    }
    /* Execute request body ([MS-OXCMAPIHTTP] 2.2.4.2.1) with an uncompressed RPC_HEADER_EXT (Last) */
    size_t rops = rop_size - from, handles = actual - rop_size, payload = 2 + rops + handles;
    uint8_t *body = calloc(1, 16 + 8 + payload);
    body[4] = (uint8_t)(8 + payload);
    body[10] = 0x04;
    body[12] = body[14] = (uint8_t)payload;
    body[16] = (uint8_t)(2 + rops);
    memcpy(body + 18, buf + from, rops);
    memcpy(body + 18 + rops, buf + rop_size, handles);
    body[16 + payload + 2] = 0x01; /* MaxRopOut 0x10000; AuxiliaryBufferSize 0 */
    static rec_sink rec;
    mh_message m = { 0, MH_RT_EXECUTE, NULL, 0, body, 16 + 8 + payload, 1 };
    mh_arena arena;
    mh_arena_init(&arena, 0);
    rec_init(&rec);
    mh_decode_message(NULL, &m, &rec.base, &arena, NULL);
    /* 4. RopSubmitMessage ([MS-OXCROPS] 2.2.7.1.1), SubmitFlags 0x00 */
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 0), "RopSubmitMessage (0x32)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon_id", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.input_handle_index", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.submit_message.submit_flags", 0), "None (0x00)");
    /* 5. RopGetPropertiesSpecific, and the list ends exactly at RopSize */
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopGetPropertiesSpecific (0x07)");
    const char *tag = rec_value(&rec, "mapihttp.property_tag", 0);
    CHECK(tag && strstr(tag, "(0x65E20102)"));
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_properties_specific.want_unicode", 0), "False");
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 2);
    CHECK_EQ(rec_problems(&rec), 0);
    mh_arena_free(&arena);
    free(body);
    free(buf);
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
    RUN(test_openchange_001_submit);
    RUN(test_openchange_002);
    return check_report();
}

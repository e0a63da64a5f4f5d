/*
 * [MS-XCA] 2.4 Plain LZ77 decompression bounded by SizeActual, and XOR 0xA5 ([MS-OXCRPC] 3.1.4.1.1.3).
 * The two positive vectors are the worked examples of [MS-XCA] 3.1 (compressed bytes and expected text
 * as the spec gives them); the error cases are built by hand from the bitstream rules of 2.4.4.
 */
#include <stdlib.h>

#include "check.h"
#include "record_sink.h"
#include "rpc/lz77.h"

static mh_span span_of(const uint8_t *p, size_t n)
{
    mh_span s = { p, 0, n };
    return s;
}

/* [MS-XCA] 3.1: flags 0x0000003F (26 literals, then 1-bits) + "abcdefghijklmnopqrstuvwxyz". */
static void test_spec_literals(void)
{
    uint8_t in[64];
    size_t n = hex2bin("3f000000 6162636465666768696a6b6c6d6e6f707172737475767778797a", in, sizeof in);
    uint8_t out[26];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, n), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_OK);
    CHECK_EQ(r.out_len, 26);
    CHECK(memcmp(out, "abcdefghijklmnopqrstuvwxyz", 26) == 0);
}

/* [MS-XCA] 3.1: "abc" repeated 100 times: 3 literals then one match (offset 3, length 297) whose length
 * uses the nibble (15), the extra byte (255) and the 16-bit total. */
static void test_spec_long_match(void)
{
    uint8_t in[32];
    size_t n = hex2bin("ffffff1f 616263 1700 0f ff 2601", in, sizeof in);
    uint8_t out[300];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, n), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_OK);
    CHECK_EQ(r.out_len, 300);
    int same = 1;
    for (int i = 0; i < 300; i++)
        same &= out[i] == "abc"[i % 3];
    CHECK(same);
}

/* Stopping at SizeActual: a shorter SizeActual stops inside the match without error... only when the
 * output is exactly full; a match that would write past it is an overflow. */
static void test_overflow(void)
{
    uint8_t in[32];
    size_t n = hex2bin("ffffff1f 616263 1700 0f ff 2601", in, sizeof in);
    uint8_t out[100];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, n), out, 100);
    CHECK_EQ(r.status, MH_LZ77_OVERFLOW);
    CHECK_EQ(r.out_len, 3);
    CHECK_EQ(r.in_pos, 7); /* the match token's offset in the input */
}

static void test_short_input(void)
{
    uint8_t in[64];
    size_t n = hex2bin("3f000000 6162636465666768696a6b6c6d6e6f707172737475767778797a", in, sizeof in);
    uint8_t out[40];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, n), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_SHORT); /* end marker reached with 26 of 40 bytes */
    CHECK_EQ(r.out_len, 26);
    r = mh_lz77_decompress(span_of(in, 10), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_SHORT); /* input cut inside the literals */
    CHECK_EQ(r.out_len, 6);
}

static void test_bad_offset(void)
{
    /* first item is a match (flag bit 31 set) with nothing output yet */
    uint8_t in[] = { 0x00, 0x00, 0x00, 0x80, 0x00, 0x00 };
    uint8_t out[8];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, sizeof in), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_BAD_OFFSET);
}

static void test_bad_extended_length(void)
{
    /* literal 'a', then a match with length code 7, nibble 15, byte 255, 16-bit length 5 (< 22) */
    uint8_t in[] = { 0x00, 0x00, 0x00, 0x40, 'a', 0x07, 0x00, 0x0F, 0xFF, 0x05, 0x00 };
    uint8_t out[64];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, sizeof in), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_BAD_LENGTH);
}

static void test_cut_token(void)
{
    uint8_t in[] = { 0x00, 0x00, 0x00, 0x40, 'a', 0x07 };
    uint8_t out[64];
    mh_lz77_result r = mh_lz77_decompress(span_of(in, sizeof in), out, sizeof out);
    CHECK_EQ(r.status, MH_LZ77_CUT_TOKEN);
}

static void test_zero_size(void)
{
    uint8_t out[1];
    mh_lz77_result r = mh_lz77_decompress(span_of(NULL, 0), out, 0);
    CHECK_EQ(r.status, MH_LZ77_OK);
    CHECK_EQ(r.out_len, 0);
}

static void test_xor(void)
{
    uint8_t b[] = { 0x00, 0xA5, 0xFF, 0x5A };
    mh_xor_a5(b, sizeof b);
    CHECK_EQ(b[0], 0xA5);
    CHECK_EQ(b[1], 0x00);
    CHECK_EQ(b[2], 0x5A);
    CHECK_EQ(b[3], 0xFF);
}

int main(void)
{
    RUN(test_spec_literals);
    RUN(test_spec_long_match);
    RUN(test_overflow);
    RUN(test_short_input);
    RUN(test_bad_offset);
    RUN(test_bad_extended_length);
    RUN(test_cut_token);
    RUN(test_zero_size);
    RUN(test_xor);
    return check_report();
}

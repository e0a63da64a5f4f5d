/* The bounds-checked cursor: little-endian reads, nested limits, sticky errors (truncated vs
 * malformed), sub-cursors, strings. */
#include <string.h>

#include "check.h"
#include "core/cursor.h"

static void test_le_reads(void)
{
    static const uint8_t b[] = { 0x01, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0x08, 0x07, 0x06,
                                 0x05, 0x04, 0x03, 0x02, 0x01 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    CHECK_EQ(mh_cur_u8(&c, "a"), 0x01);
    CHECK_EQ(mh_cur_u16(&c, "b"), 0x1234);
    CHECK_EQ(mh_cur_u32(&c, "c"), 0x12345678);
    CHECK_EQ(mh_cur_u64(&c, "d"), 0x0102030405060708ULL);
    CHECK(mh_cur_ok(&c));
    CHECK_EQ(mh_cur_left(&c), 0);
}

static void test_truncated_is_sticky(void)
{
    static const uint8_t b[] = { 1, 2, 3 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    CHECK_EQ(mh_cur_u16(&c, "first"), 0x0201);
    CHECK_EQ(mh_cur_u32(&c, "second"), 0);
    CHECK_EQ(c.err, MH_CUR_TRUNCATED);
    CHECK_EQ(c.err_pos, 2);
    CHECK_EQ(c.err_need, 4);
    CHECK_EQ(c.err_have, 1);
    CHECK_STR(c.err_what, "second");
    /* later reads return zero, do not move, and keep the first error */
    CHECK_EQ(mh_cur_u8(&c, "third"), 0);
    CHECK_EQ(c.pos, 2);
    CHECK_STR(c.err_what, "second");
}

static void test_complete_buffer_is_malformed(void)
{
    static const uint8_t b[] = { 1, 2, 3 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    mh_cur_set_complete(&c, 1);
    mh_cur_u32(&c, "x");
    CHECK_EQ(c.err, MH_CUR_MALFORMED);
}

static void test_nested_limits(void)
{
    static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    size_t outer = mh_cur_push(&c, 6, "outer");
    CHECK_EQ(mh_cur_left(&c), 6);
    size_t inner = mh_cur_push(&c, 2, "inner");
    CHECK_EQ(mh_cur_u16(&c, "in"), 0x0201);
    CHECK_EQ(mh_cur_left(&c), 0);
    mh_cur_pop(&c, inner);
    CHECK_EQ(mh_cur_left(&c), 4);
    /* reading past an inner limit while the buffer has more bytes: a declared size was wrong */
    mh_cur_u64(&c, "too long");
    CHECK_EQ(c.err, MH_CUR_MALFORMED);
    mh_cur_pop(&c, outer);
    CHECK_EQ(c.end, 8);
}

static void test_push_too_long(void)
{
    static const uint8_t b[] = { 1, 2 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    size_t saved = mh_cur_push(&c, 5, "structure");
    CHECK_EQ(c.err, MH_CUR_TRUNCATED);
    CHECK_EQ(c.end, 2);
    mh_cur_pop(&c, saved);
    CHECK_EQ(c.end, 2);
}

static void test_sub_cursor(void)
{
    static const uint8_t b[] = { 1, 2, 3, 4, 5, 6 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    mh_cur_u8(&c, "skip");
    mh_cursor s = mh_cur_sub(&c, 3, "block");
    CHECK_EQ(c.pos, 4);
    CHECK_EQ(s.pos, 1);
    CHECK_EQ(mh_cur_u16(&s, "a"), 0x0302);
    mh_cur_u16(&s, "past block");
    CHECK_EQ(s.err, MH_CUR_MALFORMED); /* bytes follow the block */
    CHECK(mh_cur_ok(&c));               /* the parent is unaffected */
    mh_cursor last = mh_cur_sub(&c, 2, "tail");
    mh_cur_u32(&last, "past end");
    CHECK_EQ(last.err, MH_CUR_TRUNCATED); /* nothing follows: the data ran out */
    mh_cursor clipped = mh_cur_sub(&c, 4, "beyond");
    CHECK_EQ(c.err, MH_CUR_TRUNCATED);
    CHECK_EQ(mh_cur_left(&clipped), 0);
}

static void test_strings(void)
{
    static const uint8_t a[] = { 'a', 'b', 0, 'c' };
    mh_cursor c;
    mh_cur_init(&c, a, sizeof a);
    mh_span s = mh_cur_asciiz(&c, "s");
    CHECK_EQ(s.len, 2);
    CHECK_EQ(c.pos, 3);
    mh_cur_asciiz(&c, "no terminator");
    CHECK_EQ(c.err, MH_CUR_TRUNCATED);

    /* "é€𝄞" in UTF-16LE, terminated; then an unpaired high surrogate */
    static const uint8_t u[] = { 0xE9, 0x00, 0xAC, 0x20, 0x34, 0xD8, 0x1E, 0xDD, 0x00, 0x00, 0x00, 0xD8, 0x41, 0x00 };
    mh_cur_init(&c, u, sizeof u);
    s = mh_cur_utf16z(&c, "w");
    CHECK_EQ(s.len, 8);
    char out[64];
    size_t n = mh_span_utf16_to_utf8(s, out, sizeof out);
    CHECK_STR(out, "\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E");
    CHECK_EQ(n, 9);
    mh_span rest = mh_cur_rest(&c);
    n = mh_span_utf16_to_utf8(rest, out, sizeof out);
    CHECK_STR(out, "\xEF\xBF\xBD" "A");

    static const uint8_t l[] = { 'x', 0xE9 };
    mh_cur_init(&c, l, sizeof l);
    rest = mh_cur_rest(&c);
    mh_span_latin1_to_utf8(rest, out, sizeof out);
    CHECK_STR(out, "x\xC3\xA9");
}

/* The word-at-a-time paths of mh_cur_utf16z and mh_span_utf16_to_utf8 against the unit-by-unit
 * definition: every length around the 8-byte steps, a terminator at every position, a non-ASCII unit
 * at every position, zero bytes that straddle two units, output buffers cut at every size. */
static void test_utf16_word_paths(void)
{
    uint8_t b[64];
    char out[64];
    for (size_t len = 0; len <= 24; len++) {
        /* len units 'a'.., the terminator, then more text that must not be read as part of it */
        size_t k = 0;
        for (size_t i = 0; i < len; i++) {
            b[k++] = (uint8_t)('a' + i);
            b[k++] = 0;
        }
        b[k++] = 0;
        b[k++] = 0;
        b[k++] = 'z';
        b[k++] = 0;
        mh_cursor c;
        mh_cur_init(&c, b, k);
        mh_span s = mh_cur_utf16z(&c, "w");
        CHECK(mh_cur_ok(&c));
        CHECK_EQ(s.len, 2 * len);
        CHECK_EQ(c.pos, 2 * len + 2);
        size_t n = mh_span_utf16_to_utf8(s, out, sizeof out);
        CHECK_EQ(n, len);
        for (size_t i = 0; i < len; i++)
            CHECK_EQ(out[i], (char)('a' + i));
        CHECK_EQ(out[len], 0);
        /* without the terminator the string is truncated, whatever its length */
        mh_cur_init(&c, b, 2 * len);
        mh_cur_utf16z(&c, "w");
        CHECK_EQ(c.err, MH_CUR_TRUNCATED);
    }
    /* units 0x0001 then 0x0100: bytes 01 00 00 01, a zero pair at an odd offset, which is no terminator */
    for (size_t lead = 0; lead < 8; lead++) {
        size_t k = 0;
        for (size_t i = 0; i < lead; i++) {
            b[k++] = 'x';
            b[k++] = 0;
        }
        b[k++] = 0x01;
        b[k++] = 0x00;
        b[k++] = 0x00;
        b[k++] = 0x01;
        b[k++] = 'y';
        b[k++] = 0;
        b[k++] = 0;
        b[k++] = 0;
        mh_cursor c;
        mh_cur_init(&c, b, k);
        mh_span s = mh_cur_utf16z(&c, "w");
        CHECK(mh_cur_ok(&c));
        CHECK_EQ(s.len, 2 * lead + 6);
    }
    /* one non-ASCII unit (U+00E9) at each position of a 20-unit string */
    for (size_t at = 0; at < 20; at++) {
        for (size_t i = 0; i < 20; i++) {
            b[2 * i] = i == at ? 0xE9 : (uint8_t)('A' + i);
            b[2 * i + 1] = 0;
        }
        mh_span s = { b, 0, 40 };
        size_t n = mh_span_utf16_to_utf8(s, out, sizeof out);
        CHECK_EQ(n, 21);
        size_t o = 0;
        for (size_t i = 0; i < 20; i++) {
            if (i == at) {
                CHECK_EQ((uint8_t)out[o], 0xC3);
                CHECK_EQ((uint8_t)out[o + 1], 0xA9);
                o += 2;
            } else {
                CHECK_EQ(out[o], (char)('A' + i));
                o++;
            }
        }
    }
    /* a small output buffer: as many characters as fit, then the NUL */
    for (size_t i = 0; i < 16; i++) {
        b[2 * i] = (uint8_t)('a' + i);
        b[2 * i + 1] = 0;
    }
    for (size_t cap = 1; cap <= 18; cap++) {
        mh_span s = { b, 0, 32 };
        memset(out, 0x55, sizeof out);
        size_t n = mh_span_utf16_to_utf8(s, out, cap);
        size_t want = cap - 1 < 16 ? cap - 1 : 16;
        CHECK_EQ(n, want);
        CHECK_EQ(out[n], 0);
        CHECK_EQ((uint8_t)out[cap], 0x55); /* nothing written past the buffer */
    }
}

static void test_span_bounds(void)
{
    static const uint8_t b[] = { 9, 8, 7 };
    mh_cursor c;
    mh_cur_init(&c, b, sizeof b);
    mh_span s = mh_cur_bytes(&c, 3, "all");
    CHECK_EQ(mh_span_byte(s, 2), 7);
    CHECK_EQ(mh_span_byte(s, 3), 0); /* past the end reads as zero */
    mh_span t = mh_span_sub(s, 2, 10);
    CHECK_EQ(t.len, 1);
    CHECK_EQ(mh_cur_find(&c, 7), -1);
    mh_cur_init(&c, b, sizeof b);
    CHECK_EQ(mh_cur_find(&c, 7), 2);
}

static void test_empty_and_null(void)
{
    mh_cursor c;
    mh_cur_init(&c, NULL, 10);
    CHECK_EQ(mh_cur_left(&c), 0);
    mh_cur_u8(&c, "x");
    CHECK_EQ(c.err, MH_CUR_TRUNCATED);
}

int main(void)
{
    RUN(test_le_reads);
    RUN(test_truncated_is_sticky);
    RUN(test_complete_buffer_is_malformed);
    RUN(test_nested_limits);
    RUN(test_push_too_long);
    RUN(test_sub_cursor);
    RUN(test_strings);
    RUN(test_utf16_word_paths);
    RUN(test_span_bounds);
    RUN(test_empty_and_null);
    return check_report();
}

/* Text scanning helpers for header values and meta-tag lines (see text.h). */
#include "text.h"

mh_span mh_span_of(const char *s, size_t n)
{
    mh_span sp = { (const uint8_t *)s, 0, s ? n : 0 };
    return sp;
}

mh_span mh_text_trim(mh_span s)
{
    size_t a = 0, b = s.len;
    while (a < b && (mh_span_byte(s, a) == ' ' || mh_span_byte(s, a) == '\t'))
        a++;
    while (b > a && (mh_span_byte(s, b - 1) == ' ' || mh_span_byte(s, b - 1) == '\t' ||
                     mh_span_byte(s, b - 1) == '\r' || mh_span_byte(s, b - 1) == '\n'))
        b--;
    return mh_span_sub(s, a, b - a);
}

static uint8_t lower(uint8_t c) { return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c; }

int mh_text_ieq(mh_span s, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (i >= s.len || lower(mh_span_byte(s, i)) != lower((uint8_t)lit[i]))
            return 0;
    return i == s.len;
}

int mh_text_uint(mh_span s, uint64_t *out)
{
    s = mh_text_trim(s);
    if (!s.len)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < s.len; i++) {
        uint8_t c = mh_span_byte(s, i);
        if (c < '0' || c > '9')
            return 0;
        if (v > (UINT64_MAX - (c - '0')) / 10)
            return 0;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return 1;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int mh_text_guid(mh_span s, uint8_t out[16])
{
    s = mh_text_trim(s);
    if (s.len == 38) {
        if (mh_span_byte(s, 0) != '{' || mh_span_byte(s, 37) != '}')
            return 0;
        s = mh_span_sub(s, 1, 36);
    }
    if (s.len != 36)
        return 0;
    uint8_t b[16];
    size_t k = 0;
    for (size_t i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (mh_span_byte(s, i) != '-')
                return 0;
            i++;
            continue;
        }
        int hi = hexval(mh_span_byte(s, i)), lo = hexval(mh_span_byte(s, i + 1));
        if (hi < 0 || lo < 0 || k >= 16)
            return 0;
        b[k++] = (uint8_t)(hi * 16 + lo);
        i += 2;
    }
    if (k != 16)
        return 0;
    /* registry text is big-endian per group; the wire form stores Data1..Data3 little-endian */
    const uint8_t order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
    for (int i = 0; i < 16; i++)
        out[i] = b[order[i]];
    return 1;
}

size_t mh_text_find(mh_span s, size_t from, uint8_t ch)
{
    for (size_t i = from; i < s.len; i++)
        if (mh_span_byte(s, i) == ch)
            return i;
    return s.len;
}

/* UTF-8 validation for output: strings from packets are shown only as valid text. */
#ifndef MH_UTF8_H
#define MH_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (2-4) of the valid multi-byte UTF-8 sequence at s[0..n), or 0 when it is not one (a lone
 * continuation byte, an overlong form, a surrogate, a value past U+10FFFF, or a cut sequence). */
size_t mh_utf8_seq_len(const unsigned char *s, size_t n);

/* Whether the eight bytes at p are all plain for mh_ascii_run. The tests return early, most telling
 * first: written as one expression, the compiler evaluates every test for every word (about 3% more
 * instructions for mapidump -V). */
static inline int mh_ascii_plain8(const unsigned char *p, unsigned char also)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t w = 0;
    for (int k = 0; k < 8; k++)
        w |= (uint64_t)p[k] << (8 * k);
    if (w & highs)
        return 0;
    /* with every byte below 0x80, a borrow out of a byte happens only for bytes below 0x20 */
    if ((w - 0x20 * ones) & highs & ~w)
        return 0;
    /* a byte equal to c makes w ^ (c * ones) have a zero byte */
    uint64_t del = w ^ (0x7F * ones), bsl = w ^ (0x5C * ones), oth = w ^ (also * ones);
    return !((del - ones) & ~del & highs) && !((bsl - ones) & ~bsl & highs) && !((oth - ones) & ~oth & highs);
}

/* End of the run of printable ASCII characters (0x20..0x7E) at s[i..n) that contains neither a backslash
 * nor `also` (another character the output escapes, e.g. '"' in JSON): what both sinks copy at once.
 * Inline: it runs once per string the sinks print, and each caller's `also` is a constant. */
static inline size_t mh_ascii_run(const unsigned char *s, size_t i, size_t n, unsigned char also)
{
    /* eight at a time while every byte is plain: strings are most of what -V prints */
    while (i + 8 <= n && mh_ascii_plain8(s + i, also))
        i += 8;
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F && s[i] != '\\' && s[i] != also)
        i++;
    return i;
}

#endif

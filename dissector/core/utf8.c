/* UTF-8 sequence validation (RFC 3629 section 4 syntax). */
#include "utf8.h"

#include <stdint.h>

size_t mh_utf8_seq_len(const unsigned char *s, size_t n)
{
    if (!n)
        return 0;
    unsigned char c = s[0];
    size_t len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (!len || len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define HAS_ZERO_BYTE(v) (((v) - ONES) & ~(v) & HIGHS)

size_t mh_ascii_run(const unsigned char *s, size_t i, size_t n, unsigned char also)
{
    /* eight at a time while every byte is plain: strings are most of what -V prints */
    while (i + 8 <= n) {
        uint64_t w = 0;
        for (int k = 0; k < 8; k++)
            w |= (uint64_t)s[i + k] << (8 * k);
        /* with every byte below 0x80, a borrow out of a byte happens only for bytes below 0x20 */
        if ((w & HIGHS) || ((w - 0x20 * ONES) & HIGHS & ~w) || HAS_ZERO_BYTE(w ^ (0x7F * ONES)) ||
            HAS_ZERO_BYTE(w ^ (0x5C * ONES)) || HAS_ZERO_BYTE(w ^ (also * ONES)))
            break;
        i += 8;
    }
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F && s[i] != '\\' && s[i] != also)
        i++;
    return i;
}

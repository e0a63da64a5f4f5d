/* The fixed-buffer text builder (core/strbuf.h): digits, padding, hexadecimal, cutting off at the
 * buffer's end with the NUL kept. */
#include <string.h>

#include "check.h"
#include "core/strbuf.h"

static void test_pieces(void)
{
    char b[96];
    mh_sb s = mh_sb_init(b, sizeof b);
    mh_sb_str(&s, "handle ");
    mh_sb_0x(&s, 0xAB, 8);
    mh_sb_chr(&s, ' ');
    mh_sb_dec(&s, 0, 1);
    mh_sb_chr(&s, ' ');
    mh_sb_dec(&s, 7, 4);
    mh_sb_chr(&s, ' ');
    mh_sb_dec(&s, 18446744073709551615ULL, 1);
    mh_sb_chr(&s, ' ');
    mh_sb_hex(&s, 0xFFFFFFFFFFFFFFFFULL, 2);
    mh_sb_chr(&s, ' ');
    mh_sb_hex(&s, 0x5, 1);
    CHECK_STR(b, "handle 0x000000AB 0 0007 18446744073709551615 FFFFFFFFFFFFFFFF 5");
    CHECK_EQ(s.n, strlen(b));
}

static void test_cut_off(void)
{
    char b[8];
    memset(b, 0x55, sizeof b);
    mh_sb s = mh_sb_init(b, 6);
    mh_sb_str(&s, "abc");
    mh_sb_dec(&s, 12345, 1);
    CHECK_STR(b, "abc12");
    CHECK_EQ(s.n, 5);
    mh_sb_chr(&s, 'x');
    CHECK_STR(b, "abc12");
    CHECK_EQ((uint8_t)b[6], 0x55);
    /* a zero-sized buffer is never written */
    mh_sb z = mh_sb_init(b + 7, 0);
    mh_sb_str(&z, "abc");
    CHECK_EQ(z.n, 0);
    CHECK_EQ((uint8_t)b[7], 0x55);
}

int main(void)
{
    RUN(test_pieces);
    RUN(test_cut_off);
    return check_report();
}

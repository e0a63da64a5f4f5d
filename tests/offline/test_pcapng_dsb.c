/*
 * The pcapng Decryption Secrets Block scanner (offline/pcapng_dsb.c), blocks built here from the pcapng
 * specification (SHB 0x0A0D0D0A with byte-order magic 0x1A2B3C4D, IDB 1, EPB 6, DSB 0x0000000A with secrets
 * type 0x544c534b), in both byte orders, fed whole and one byte at a time.
 */
#include <string.h>

#include "check.h"
#include "pcapng_dsb.h"

typedef struct {
    char text[256];
    int calls;
} got;

static void secrets(void *arg, const uint8_t *t, size_t n, uint64_t block)
{
    got *g = arg;
    (void)block;
    g->calls++;
    memcpy(g->text, t, n < 255 ? n : 255);
    g->text[n < 255 ? n : 255] = 0;
}

static size_t put32(uint8_t *p, uint32_t v, int be)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(be ? v >> (24 - 8 * i) : v >> (8 * i));
    return 4;
}

static size_t block(uint8_t *p, uint32_t type, const uint8_t *body, size_t n, int be)
{
    size_t pad = (4 - n % 4) % 4, total = 12 + n + pad;
    size_t o = put32(p, type, be);
    o += put32(p + o, (uint32_t)total, be);
    memcpy(p + o, body, n);
    memset(p + o + n, 0, pad);
    o += n + pad;
    return o + put32(p + o, (uint32_t)total, be);
}

static size_t file(uint8_t *f, int be, const char *keys)
{
    uint8_t b[256];
    size_t o = 0, n;
    n = put32(b, 0x1A2B3C4D, be);
    b[n++] = be ? 0 : 1, b[n++] = be ? 1 : 0, b[n++] = 0, b[n++] = 0; /* version 1.0 */
    memset(b + n, 0xFF, 8), n += 8;                                    /* section length: unknown */
    o += block(f + o, 0x0A0D0D0A, b, n, be);
    n = put32(b, be ? 0x00010000 : 1, be); /* link type 1, reserved */
    n += put32(b + n, 65535, be);
    o += block(f + o, 1, b, n, be);
    n = put32(b, 0x544c534b, be);
    n += put32(b + n, (uint32_t)strlen(keys), be);
    memcpy(b + n, keys, strlen(keys)), n += strlen(keys);
    o += block(f + o, 0x0000000A, b, n, be);
    memset(b, 0, 20);
    o += block(f + o, 6, b, 20, be);
    return o;
}

static void scan(int be, size_t step)
{
    uint8_t f[1024];
    size_t n = file(f, be, "CLIENT_RANDOM aa bb\n");
    got g;
    memset(&g, 0, sizeof g);
    md_dsb_scanner s;
    md_dsb_init(&s, secrets, &g);
    for (size_t i = 0; i < n; i += step)
        md_dsb_feed(&s, f + i, n - i < step ? n - i : step);
    CHECK_EQ(g.calls, 1);
    CHECK_STR(g.text, "CLIENT_RANDOM aa bb\n");
    CHECK_EQ(s.blocks, 4);
    md_dsb_free(&s);
}

static void both_orders(void)
{
    scan(0, 4096);
    scan(0, 1);
    scan(1, 4096);
    scan(1, 3);
}

static void classic_pcap(void)
{
    /* a classic pcap header: the scanner stays out of the way */
    uint8_t f[24] = { 0xD4, 0xC3, 0xB2, 0xA1 };
    got g;
    memset(&g, 0, sizeof g);
    md_dsb_scanner s;
    md_dsb_init(&s, secrets, &g);
    md_dsb_feed(&s, f, sizeof f);
    CHECK_EQ(g.calls, 0);
    CHECK_EQ(s.blocks, 0);
    md_dsb_free(&s);
}

int main(void)
{
    RUN(both_orders);
    RUN(classic_pcap);
    return check_report();
}

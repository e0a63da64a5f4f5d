/*
 * pcapng Decryption Secrets Block scanner (see pcapng_dsb.h). Block layout (pcapng section 3.1):
 * Block Type (4), Block Total Length (4), body, Block Total Length (4); the Section Header Block
 * (0x0A0D0D0A) has the Byte-Order Magic 0x1A2B3C4D right after its length, which fixes the byte order
 * of every block of that section. A DSB body (section 4.7): Secrets Type (4), Secrets Length (4),
 * Secrets Data padded to 32 bits, options.
 */
#include "pcapng_dsb.h"

#include <string.h>

#define SHB_TYPE 0x0A0D0D0Au
#define DSB_TYPE 0x0000000Au
#define BOM 0x1A2B3C4Du

enum { UNDECIDED, HEADER, BODY, OFF };

static uint32_t get32(const uint8_t *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

void md_dsb_init(md_dsb_scanner *s, md_secrets_fn fn, void *arg)
{
    memset(s, 0, sizeof *s);
    s->state = UNDECIDED;
    s->hdr_need = 4;
    s->fn = fn;
    s->arg = arg;
}

void md_dsb_free(md_dsb_scanner *s)
{
    md_buf_free(&s->body);
}

/* A whole DSB body is in s->body. */
static void dsb_done(md_dsb_scanner *s)
{
    const uint8_t *p = s->body.p;
    size_t n = s->body.len;
    if (n < 8) {
        s->skipped++;
        return;
    }
    uint32_t type = get32(p, s->big_endian);
    uint32_t len = get32(p + 4, s->big_endian);
    if (type != MD_DSB_SECRETS_TLS_KEYLOG || len > n - 8) {
        s->skipped++;
        return;
    }
    s->fn(s->arg, p + 8, len, s->blocks);
}

/* The header of a block is complete: decide how to treat its body. */
static void header_done(md_dsb_scanner *s)
{
    uint32_t type = get32(s->hdr, 0); /* SHB's type reads the same in both orders */
    if (type == SHB_TYPE) {
        uint32_t bom = get32(s->hdr + 8, 0);
        if (bom == BOM)
            s->big_endian = 0;
        else if (get32(s->hdr + 8, 1) == BOM)
            s->big_endian = 1;
        else {
            s->state = OFF;
            return;
        }
    } else {
        type = get32(s->hdr, s->big_endian);
    }
    uint32_t total = get32(s->hdr + 4, s->big_endian);
    if (total < 12 || total % 4 || total < s->hdr_len) {
        s->state = OFF; /* libpcap reports the damage; nothing more to find here */
        return;
    }
    s->blocks++;
    s->remaining = total - s->hdr_len;
    s->keep = type == DSB_TYPE;
    s->body.len = 0;
    if (s->keep && total > MD_DSB_MAX) {
        s->keep = 0;
        s->skipped++;
    }
    s->state = BODY;
}

void md_dsb_feed(md_dsb_scanner *s, const uint8_t *p, size_t n)
{
    while (n && s->state != OFF) {
        if (s->state == UNDECIDED || s->state == HEADER) {
            size_t take = s->hdr_need - s->hdr_len;
            if (take > n)
                take = n;
            memcpy(s->hdr + s->hdr_len, p, take);
            s->hdr_len += take;
            p += take;
            n -= take;
            if (s->hdr_len < s->hdr_need)
                continue;
            if (s->state == UNDECIDED) {
                if (get32(s->hdr, 0) != SHB_TYPE) {
                    s->state = OFF; /* classic pcap: no DSBs */
                    return;
                }
                s->state = HEADER;
            }
            if (s->hdr_need == 4) {
                /* the SHB needs its byte-order magic (12 bytes) to read its own length */
                s->hdr_need = get32(s->hdr, 0) == SHB_TYPE ? 12 : 8;
                continue;
            }
            header_done(s);
            continue;
        }
        /* BODY: the rest of the block, trailing length included */
        size_t take = s->remaining < n ? (size_t)s->remaining : n;
        if (s->keep && !md_buf_append(&s->body, p, take, MD_DSB_MAX)) {
            s->keep = 0;
            s->skipped++;
        }
        p += take;
        n -= take;
        s->remaining -= take;
        if (s->remaining == 0) {
            if (s->keep)
                dsb_done(s);
            s->state = HEADER;
            s->hdr_len = 0;
            s->hdr_need = 4;
        }
    }
}

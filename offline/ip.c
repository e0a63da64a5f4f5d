/*
 * IPv4/IPv6 and TCP header parsing (see ip.h). IPv4: IHL >= 5 words, Total Length bounds the packet
 * (Ethernet padding follows it), MF flag or a fragment offset marks a fragment. IPv6: a fixed 40-byte
 * header, then extension headers chained by Next Header: Hop-by-Hop (0), Routing (43), Destination
 * Options (60) with a length in 8-byte units not counting the first 8, Fragment (44, 8 bytes), AH (51,
 * length in 4-byte units not counting the first 8), No Next Header (59). TCP: Data Offset >= 5 words.
 * Checksums are not verified: captures taken on the sending host carry offloaded, unfilled checksums.
 */
#include "ip.h"

#include <string.h>

#define PROTO_TCP 6

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* `wire` is the TCP segment's length on the wire (header included), `n` what was captured of it. */
static md_skip tcp(const uint8_t *p, size_t n, size_t wire, md_segment *s)
{
    if (n < 20)
        return MD_SKIP_SHORT;
    size_t hl = (size_t)(p[12] >> 4) * 4;
    if (hl < 20 || hl > wire)
        return MD_SKIP_BAD;
    if (n < hl)
        return MD_SKIP_SHORT;
    s->sport = be16(p);
    s->dport = be16(p + 2);
    s->seq = be32(p + 4);
    s->ack = be32(p + 8);
    s->flags = p[13] & 0x1F;
    s->payload = p + hl;
    s->caplen = (uint32_t)(n - hl);
    s->len = (uint32_t)(wire - hl);
    return MD_SKIP_NONE;
}

static md_skip ipv4(const uint8_t *p, size_t n, md_segment *s)
{
    if (n < 20)
        return MD_SKIP_SHORT;
    size_t hl = (size_t)(p[0] & 0x0F) * 4;
    size_t total = be16(p + 2);
    if (hl < 20 || total < hl)
        return MD_SKIP_BAD;
    if (n < hl)
        return MD_SKIP_SHORT;
    if (be16(p + 6) & 0x3FFF) /* MF or a fragment offset */
        return MD_SKIP_FRAGMENT;
    if (p[9] != PROTO_TCP)
        return MD_SKIP_NOT_TCP;
    s->af = 4;
    memset(s->src, 0, sizeof s->src);
    memset(s->dst, 0, sizeof s->dst);
    memcpy(s->src, p + 12, 4);
    memcpy(s->dst, p + 16, 4);
    /* Total Length 0 is what TCP segmentation offload leaves in captures taken on the sender */
    if (total == 0)
        total = n;
    size_t cap = n < total ? n : total;
    return tcp(p + hl, cap - hl, total - hl, s);
}

static md_skip ipv6(const uint8_t *p, size_t n, md_segment *s)
{
    if (n < 40)
        return MD_SKIP_SHORT;
    size_t plen = be16(p + 4);
    uint8_t next = p[6];
    s->af = 6;
    memcpy(s->src, p + 8, 16);
    memcpy(s->dst, p + 24, 16);
    if (plen == 0) /* a jumbogram, or an offloaded length as above */
        plen = n - 40;
    size_t wire = 40 + plen;
    size_t cap = n < wire ? n : wire;
    size_t at = 40;
    for (int hops = 0; hops < 16; hops++) {
        switch (next) {
        case PROTO_TCP:
            return tcp(p + at, cap - at, wire - at, s);
        case 0: case 43: case 60: case 51: {
            if (cap - at < 8)
                return MD_SKIP_SHORT;
            size_t el = next == 51 ? ((size_t)p[at + 1] + 2) * 4 : ((size_t)p[at + 1] + 1) * 8;
            if (el > wire - at)
                return MD_SKIP_BAD;
            if (el > cap - at)
                return MD_SKIP_SHORT;
            next = p[at];
            at += el;
            break;
        }
        case 44:
            if (cap - at < 8)
                return MD_SKIP_SHORT;
            if (be16(p + at + 2) & 0xFFF9) /* offset or M: a real fragment */
                return MD_SKIP_FRAGMENT;
            next = p[at]; /* an atomic fragment: the whole packet */
            at += 8;
            break;
        default:
            return MD_SKIP_NOT_TCP;
        }
    }
    return MD_SKIP_BAD;
}

md_skip md_ip_decode(const uint8_t *ip, size_t len, md_segment *seg)
{
    if (len < 1)
        return MD_SKIP_SHORT;
    switch (ip[0] >> 4) {
    case 4:
        return ipv4(ip, len, seg);
    case 6:
        return ipv6(ip, len, seg);
    default:
        return MD_SKIP_LINK;
    }
}

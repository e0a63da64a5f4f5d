/*
 * Link layers and IP (offline/link.c, offline/ip.c), frames built here from the formats: Ethernet II with
 * 802.1Q and 802.1ad+802.1Q tags, Linux cooked v1 (protocol at offset 14) and v2 (protocol at offset 0), BSD
 * loopback; IPv4 (RFC 791: fragments skipped, Total Length trims padding) and IPv6 (RFC 8200: extension
 * headers followed to TCP); TCP header fields (RFC 9293 3.1).
 */
#include <pcap/pcap.h>
#include <string.h>

#include "check.h"
#include "ip.h"
#include "link.h"

/* IPv4 + TCP with 3 payload bytes, then 2 bytes of Ethernet padding */
static size_t ipv4(uint8_t *p, uint16_t frag)
{
    uint8_t h[] = { 0x45, 0, 0, 43, 0, 1, (uint8_t)(frag >> 8), (uint8_t)frag, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
                    /* TCP: ports 50000 -> 443, seq 0x01020304, ack 0x0A0B0C0D, offset 5, flags PSH|ACK */
                    0xC3, 0x50, 0x01, 0xBB, 1, 2, 3, 4, 10, 11, 12, 13, 0x50, 0x18, 0xFF, 0xFF, 0, 0, 0, 0,
                    'a', 'b', 'c', 0xEE, 0xEE };
    memcpy(p, h, sizeof h);
    return sizeof h;
}

static void check_segment(const uint8_t *ip, size_t n)
{
    md_segment s;
    CHECK_EQ(md_ip_decode(ip, n, &s), MD_SKIP_NONE);
    CHECK_EQ(s.af, 4);
    CHECK_EQ(s.sport, 50000);
    CHECK_EQ(s.dport, 443);
    CHECK_EQ(s.seq, 0x01020304);
    CHECK_EQ(s.ack, 0x0A0B0C0D);
    CHECK_EQ(s.flags, MD_TCP_PSH | MD_TCP_ACK);
    CHECK_EQ(s.caplen, 3); /* the padding after Total Length is not payload */
    CHECK(memcmp(s.payload, "abc", 3) == 0);
    CHECK_EQ(s.src[0], 10);
    CHECK_EQ(s.dst[3], 2);
}

static void links(void)
{
    uint8_t f[128], *ipp;
    const uint8_t *ip;
    size_t n, iplen;
    /* Ethernet with QinQ */
    memset(f, 0, 12);
    uint8_t tags[] = { 0x88, 0xA8, 0, 200, 0x81, 0x00, 0, 100, 0x08, 0x00 };
    memcpy(f + 12, tags, sizeof tags);
    n = 22 + ipv4(f + 22, 0);
    CHECK_EQ(md_link_decode(DLT_EN10MB, f, n, &ip, &iplen), MD_SKIP_NONE);
    check_segment(ip, iplen);
    /* Linux cooked v1 */
    memset(f, 0, 14);
    f[14] = 0x08, f[15] = 0x00;
    n = 16 + ipv4(f + 16, 0);
    CHECK_EQ(md_link_decode(DLT_LINUX_SLL, f, n, &ip, &iplen), MD_SKIP_NONE);
    check_segment(ip, iplen);
    /* Linux cooked v2 */
    memset(f, 0, 20);
    f[0] = 0x08, f[1] = 0x00;
    n = 20 + ipv4(f + 20, 0);
    CHECK_EQ(md_link_decode(276, f, n, &ip, &iplen), MD_SKIP_NONE);
    check_segment(ip, iplen);
    /* BSD loopback, AF_INET in little-endian */
    f[0] = 2, f[1] = f[2] = f[3] = 0;
    n = 4 + ipv4(f + 4, 0);
    CHECK_EQ(md_link_decode(DLT_NULL, f, n, &ip, &iplen), MD_SKIP_NONE);
    check_segment(ip, iplen);
    /* raw IP */
    ipp = f;
    n = ipv4(ipp, 0);
    CHECK_EQ(md_link_decode(DLT_RAW, f, n, &ip, &iplen), MD_SKIP_NONE);
    /* ARP over Ethernet: skipped */
    memset(f, 0, 14);
    f[12] = 0x08, f[13] = 0x06;
    CHECK_EQ(md_link_decode(DLT_EN10MB, f, 42, &ip, &iplen), MD_SKIP_LINK);
    /* a frame cut short */
    CHECK_EQ(md_link_decode(DLT_EN10MB, f, 10, &ip, &iplen), MD_SKIP_SHORT);
}

static void fragments(void)
{
    uint8_t f[64];
    md_segment s;
    size_t n = ipv4(f, 0x2000); /* MF */
    CHECK_EQ(md_ip_decode(f, n, &s), MD_SKIP_FRAGMENT);
    n = ipv4(f, 0x0010); /* offset 16*8 */
    CHECK_EQ(md_ip_decode(f, n, &s), MD_SKIP_FRAGMENT);
    n = ipv4(f, 0x4000); /* DF only: a whole packet */
    CHECK_EQ(md_ip_decode(f, n, &s), MD_SKIP_NONE);
}

static void ipv6_extensions(void)
{
    uint8_t p[128];
    memset(p, 0, sizeof p);
    p[0] = 0x60;
    p[4] = 0, p[5] = 8 + 8 + 20 + 2; /* payload: hop-by-hop 8, dest opts 8, TCP 20, data 2 */
    p[6] = 0;                        /* next: hop-by-hop */
    p[23] = 1, p[39] = 2;            /* ::1 -> ::2 */
    p[40] = 60, p[41] = 0;           /* hop-by-hop: next dest options, 8 bytes */
    p[48] = 6, p[49] = 0;            /* dest options: next TCP */
    uint8_t *t = p + 56;
    t[0] = 0x01, t[1] = 0xBB, t[2] = 0xC3, t[3] = 0x50, t[12] = 0x50, t[13] = 0x12; /* SYN|ACK */
    t[20] = 'h', t[21] = 'i';
    md_segment s;
    CHECK_EQ(md_ip_decode(p, 40 + 38, &s), MD_SKIP_NONE);
    CHECK_EQ(s.af, 6);
    CHECK_EQ(s.sport, 443);
    CHECK_EQ(s.flags, MD_TCP_SYN | MD_TCP_ACK);
    CHECK_EQ(s.caplen, 2);
    CHECK_EQ(s.src[15], 1);
    CHECK_EQ(s.dst[15], 2);
    /* UDP: not TCP */
    p[6] = 17;
    CHECK_EQ(md_ip_decode(p, 40 + 38, &s), MD_SKIP_NOT_TCP);
}

int main(void)
{
    RUN(links);
    RUN(fragments);
    RUN(ipv6_extensions);
    return check_report();
}

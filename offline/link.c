/*
 * Link layers (see link.h). Facts used: Ethernet II header 14 bytes, EtherType at offset 12; VLAN tags
 * (TPID 0x8100 802.1Q, 0x88A8 802.1ad, 0x9100 legacy QinQ) are 4 bytes with the inner EtherType last;
 * Linux SLL header 16 bytes with the protocol at offset 14; SLL2 header 20 bytes with the protocol at
 * offset 0; DLT_NULL/DLT_LOOP 4-byte address family.
 */
#include "link.h"

#include <pcap/pcap.h>

#define ETH_IPV4 0x0800
#define ETH_IPV6 0x86DD

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

int md_link_supported(int dlt)
{
    switch (dlt) {
    case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_RAW: case DLT_IPV4: case DLT_IPV6:
    case DLT_NULL: case DLT_LOOP:
        return 1;
    default:
        return 0;
    }
}

const char *md_link_name(int dlt)
{
    const char *n = pcap_datalink_val_to_name(dlt);
    return n ? n : "unknown";
}

/* After an EtherType: skips VLAN tags, then accepts IPv4 or IPv6. */
static md_skip ethertype(const uint8_t *p, size_t n, size_t at, uint16_t type, const uint8_t **ip, size_t *len)
{
    for (int tags = 0; type == 0x8100 || type == 0x88A8 || type == 0x9100; tags++) {
        if (tags == 8 || n - at < 4)
            return tags == 8 ? MD_SKIP_BAD : MD_SKIP_SHORT;
        type = be16(p + at + 2);
        at += 4;
    }
    if (type != ETH_IPV4 && type != ETH_IPV6)
        return MD_SKIP_LINK;
    *ip = p + at;
    *len = n - at;
    return MD_SKIP_NONE;
}

/* Raw IP: the version nibble says which. */
static md_skip raw_ip(const uint8_t *p, size_t n, size_t at, const uint8_t **ip, size_t *len)
{
    if (n <= at)
        return MD_SKIP_SHORT;
    unsigned v = p[at] >> 4;
    if (v != 4 && v != 6)
        return MD_SKIP_LINK;
    *ip = p + at;
    *len = n - at;
    return MD_SKIP_NONE;
}

md_skip md_link_decode(int dlt, const uint8_t *p, size_t n, const uint8_t **ip, size_t *len)
{
    switch (dlt) {
    case DLT_EN10MB:
        if (n < 14)
            return MD_SKIP_SHORT;
        return ethertype(p, n, 14, be16(p + 12), ip, len);
    case DLT_LINUX_SLL:
        if (n < 16)
            return MD_SKIP_SHORT;
        return ethertype(p, n, 16, be16(p + 14), ip, len);
    case DLT_LINUX_SLL2:
        if (n < 20)
            return MD_SKIP_SHORT;
        return ethertype(p, n, 20, be16(p), ip, len);
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        return raw_ip(p, n, 0, ip, len);
    case DLT_NULL:
    case DLT_LOOP:
        /* the family value differs between systems (AF_INET6 is 10, 24, 28 or 30) and DLT_NULL is in
         * the writer's byte order; the IP version nibble is unambiguous */
        if (n < 4)
            return MD_SKIP_SHORT;
        return raw_ip(p, n, 4, ip, len);
    default:
        return MD_SKIP_LINK;
    }
}

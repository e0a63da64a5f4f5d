/*
 * One TCP segment as the link and IP layers hand it to the flow table: addresses, ports, sequence
 * numbers, flags and the payload bytes that were captured. Pointers refer to libpcap's packet buffer
 * and stay valid only while that packet is being processed.
 */
#ifndef MD_PACKET_H
#define MD_PACKET_H

#include <stdint.h>

#define MD_TCP_FIN 0x01
#define MD_TCP_SYN 0x02
#define MD_TCP_RST 0x04
#define MD_TCP_PSH 0x08
#define MD_TCP_ACK 0x10

typedef struct {
    uint8_t af;              /* 4 or 6 */
    uint8_t src[16], dst[16];/* IPv4 addresses use the first 4 bytes */
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *payload;
    uint32_t caplen;         /* payload bytes captured */
    uint32_t len;            /* payload bytes on the wire (more than caplen when the snapshot cut it) */
    uint64_t ts_us;          /* capture time, microseconds since the epoch */
} md_segment;

/* Why a packet was not a TCP segment we can use; counted, never printed per packet. */
typedef enum {
    MD_SKIP_NONE,
    MD_SKIP_LINK,      /* link type or EtherType not handled (ARP, LLC, ...) */
    MD_SKIP_NOT_TCP,   /* IP but not TCP */
    MD_SKIP_FRAGMENT,  /* IP fragment (not reassembled) */
    MD_SKIP_SHORT,     /* headers cut short by the snapshot length */
    MD_SKIP_BAD,       /* impossible header values */
    MD_SKIP_COUNT
} md_skip;

#endif

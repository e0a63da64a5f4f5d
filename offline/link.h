/*
 * Link layers to IP: Ethernet (IEEE 802.3 with EtherType, 802.1Q and 802.1ad/QinQ tags), Linux cooked
 * capture v1 and v2, raw IPv4/IPv6 (DLT_RAW, DLT_IPV4, DLT_IPV6) and BSD loopback (DLT_NULL with the
 * address family in the capturing host's byte order, DLT_LOOP in network order).
 */
#ifndef MD_LINK_H
#define MD_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

/* Whether mapidump can read this DLT at all. */
int md_link_supported(int dlt);
const char *md_link_name(int dlt);

/* Finds the IP packet inside a frame: returns MD_SKIP_NONE and sets ip and len, or a skip reason. */
md_skip md_link_decode(int dlt, const uint8_t *frame, size_t caplen, const uint8_t **ip, size_t *len);

#endif

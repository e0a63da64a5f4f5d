/*
 * IPv4 (RFC 791) and IPv6 (RFC 8200) headers to a TCP segment (RFC 9293 section 3.1). IP fragments are
 * not reassembled (TCP senders avoid them with path MTU discovery): they are counted and skipped.
 */
#ifndef MD_IP_H
#define MD_IP_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

/* `ip` holds `len` captured bytes of an IP packet; fills `seg` (not its timestamp). */
md_skip md_ip_decode(const uint8_t *ip, size_t len, md_segment *seg);

#endif

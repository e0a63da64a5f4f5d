/*
 * The header map Wireshark's HTTP dissector gives subdissectors (http_message_info_t.data in HTTP/1.1:
 * lower-cased header names -> values, packet scope), and the same shape built by bodyless.c.
 */
#ifndef MHWS_HTTPHDR_H
#define MHWS_HTTPHDR_H

#include <epan/packet.h>

#include "mapihttp.h"

/* The map as the core's header list. The map does not keep the order of the message, so the headers
 * are given in name order: the tree then does not depend on hash order. NULL (n = 0) without a map. */
mh_header *mhws_headers_of(wmem_map_t *map, packet_info *pinfo, size_t *n);
/* A header's value by lower-cased name, NULL when absent (or without a map). */
const char *mhws_header(wmem_map_t *map, const char *lower_name);
/* A value without surrounding blanks, in packet scope ("" for NULL). */
const char *mhws_trimmed(packet_info *pinfo, const char *v);

#endif

/* [MS-OXCDATA] property values, rows and tag arrays in ROP buffers (see propvalue.c). */
#ifndef MH_PROPVALUE_H
#define MH_PROPVALUE_H

#include <stdint.h>

#include "../core/dec.h"
#include "../session/session.h"

/* A PropertyValue of `type`; returns 0 when decoding must stop (the problem is reported). */
int mh_decode_property_value(mh_dec *d, uint16_t type);
/* A PropertyRow whose columns are `tags`; returns 0 when decoding must stop. */
int mh_decode_property_row(mh_dec *d, const uint32_t *tags, size_t ntags);
/* `count` PropertyTag values; when x and r are given they are remembered for the response. */
int mh_decode_property_tags(mh_dec *d, uint16_t count, mh_exchange *x, mh_rop_req *r);

#endif

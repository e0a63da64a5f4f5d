/* [MS-OXCDATA] 2.13 table sorting structures (see sortorder.c). */
#ifndef MH_SORTORDER_H
#define MH_SORTORDER_H

#include <stdint.h>

#include "../core/dec.h"
#include "restriction.h"

/* A SortOrderSet (2.13.2): SortOrderCount, CategorizedCount, ExpandedCount, SortOrders. tag_note (may be
 * NULL) names the property ids from 0x8000 (mh_rop_named_note in a mailbox). Returns 1 when decoding
 * can go on, 0 when it stopped (the problem is reported). */
int mh_decode_sort_order_set(mh_dec *d, mh_tag_note_fn tag_note);
/* The SortOrders array of `count` SortOrder structures (2.13.1), for buffers that carry the three counts
 * as their own fields (RopSortTable's SortOrderCount, CategoryCount, ExpandedCount, [MS-OXCROPS]
 * 2.2.5.2.1). `categorized` and `expanded` are checked against the ranges 2.13.2 gives them; `counts_at`
 * is where the counts were read, for that report. Returns as mh_decode_sort_order_set. */
int mh_decode_sort_orders(mh_dec *d, uint16_t count, uint16_t categorized, uint16_t expanded, size_t counts_at,
                          mh_tag_note_fn tag_note);

#endif

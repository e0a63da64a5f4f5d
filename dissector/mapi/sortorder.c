/*
 * [MS-OXCDATA] 2.13 table sorting structures:
 *   2.13.1 SortOrder     PropertyType (2), PropertyId (2), Order (1): Ascending 0x00, Descending 0x01,
 *                        MaximumCategory 0x04. MultivalueFlag (0x1000) and MultivalueInstance (0x2000) of
 *                        the PropertyType are set together or not at all.
 *   2.13.2 SortOrderSet  SortOrderCount (2), CategorizedCount (2, 0..SortOrderCount), ExpandedCount (2,
 *                        0..CategorizedCount), SortOrders; at most one SortOrder names a multivalue
 *                        property.
 * A SortOrder has a fixed size, so values outside what the specification allows are reported as
 * malformed but do not stop decoding: the layout of what follows is still known.
 */
#include "sortorder.h"

#include <stdio.h>
#include <string.h>

#include "names.h"
#include "report_once.h"

#define MV_FLAG 0x1000
#define MVI_FLAG 0x2000

static const mh_vs order_vs[] = { { 0x00, "Ascending" }, { 0x01, "Descending" }, { 0x04, "MaximumCategory" } };
const mh_names mh_names_sort_order_order = MH_NAMES(order_vs);

/* One SortOrder; a read that ran out is left in the cursor (reported by mh_report_once). */
static void sort_order(mh_dec *d, mh_tag_note_fn tag_note, unsigned *multivalued)
{
    size_t start = mh_cur_pos(&d->c);
    /* PropertyType then PropertyId: the little-endian PropertyTag of the sort column */
    uint32_t tag = mh_cur_u32(&d->c, "SortOrder");
    if (!mh_cur_ok(&d->c))
        return;
    char buf[128], heading[200];
    const char *note = tag_note && (tag >> 16) >= 0x8000 ? tag_note(d, tag, buf, sizeof buf) : NULL;
    if (note)
        snprintf(heading, sizeof heading, "SortOrder: %s (0x%08X)", note, tag);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_SORT_ORDER, start, &v, note ? heading : NULL);
    uint16_t type = (uint16_t)(tag & 0xFFFF);
    mh_emit_uint(d, MH_F_PROPERTY_TYPE, start, 2, type, NULL);
    mh_emit_uint(d, MH_F_SORT_ORDER_PROPERTY_ID, start + 2, 2, tag >> 16, note);
    size_t at = mh_cur_pos(&d->c);
    uint8_t order = mh_u8(d, MH_F_SORT_ORDER_ORDER);
    if (mh_cur_ok(&d->c)) {
        /* values the layout does not depend on: reported, decoding goes on */
        if (!mh_names_find(&mh_names_sort_order_order, order))
            mh_problem(d, MH_PROB_MALFORMED, at, 1,
                       "SortOrder: Order 0x%02X is not one of the values of [MS-OXCDATA] 2.13.1", order);
        if (!(type & MV_FLAG) != !(type & MVI_FLAG))
            mh_problem(d, MH_PROB_MALFORMED, start, 2,
                       "SortOrder: PropertyType 0x%04X has only one of MultivalueFlag (0x1000) and "
                       "MultivalueInstance (0x2000); [MS-OXCDATA] 2.13.1 requires both or neither",
                       type);
        if ((type & MV_FLAG) && ++*multivalued == 2)
            mh_problem(d, MH_PROB_MALFORMED, start, 5,
                       "SortOrders: more than one SortOrder names a multivalue property ([MS-OXCDATA] 2.13.2)");
    }
    mh_close(d, start);
}

typedef struct {
    uint16_t count, categorized, expanded;
    size_t counts_at;
} counts;

static void check_counts(mh_dec *d, const counts *k)
{
    /* the counts do not change the layout: a count out of range is reported and decoding goes on */
    if (k->categorized > k->count)
        mh_problem(d, MH_PROB_MALFORMED, k->counts_at, 0,
                   "the categorized count %u is larger than SortOrderCount %u ([MS-OXCDATA] 2.13.2)",
                   k->categorized, k->count);
    if (k->expanded > k->categorized)
        mh_problem(d, MH_PROB_MALFORMED, k->counts_at, 0,
                   "ExpandedCount %u is larger than the categorized count %u ([MS-OXCDATA] 2.13.2)", k->expanded,
                   k->categorized);
}

static void sort_orders(mh_dec *d, uint16_t count, mh_tag_note_fn tag_note)
{
    size_t start = mh_open(d, MH_F_SORT_ORDERS, NULL);
    unsigned multivalued = 0;
    /* each SortOrder takes 5 bytes, so a count larger than the bytes stops on its own */
    for (uint16_t i = 0; i < count && mh_cur_ok(&d->c); i++)
        sort_order(d, tag_note, &multivalued);
    mh_close(d, start);
}

typedef struct {
    counts k;
    mh_tag_note_fn note;
} orders_arg;

static int orders_inner(mh_dec *d, const void *arg)
{
    const orders_arg *a = arg;
    check_counts(d, &a->k);
    sort_orders(d, a->k.count, a->note);
    return 1;
}

int mh_decode_sort_orders(mh_dec *d, uint16_t count, uint16_t categorized, uint16_t expanded, size_t counts_at,
                          mh_tag_note_fn tag_note)
{
    orders_arg a = { { count, categorized, expanded, counts_at }, tag_note };
    return mh_report_once(d, orders_inner, &a, "SortOrders");
}

static int set_inner(mh_dec *d, const void *arg)
{
    mh_tag_note_fn tag_note = *(const mh_tag_note_fn *)arg;
    size_t start = mh_open(d, MH_F_SORT_ORDER_SET, NULL);
    counts k;
    k.counts_at = mh_cur_pos(&d->c);
    k.count = mh_u16(d, MH_F_SORT_ORDER_SET_SORT_ORDER_COUNT);
    k.categorized = mh_u16(d, MH_F_SORT_ORDER_SET_CATEGORIZED_COUNT);
    k.expanded = mh_u16(d, MH_F_SORT_ORDER_SET_EXPANDED_COUNT);
    if (mh_cur_ok(&d->c)) {
        check_counts(d, &k);
        sort_orders(d, k.count, tag_note);
    }
    mh_close(d, start);
    return 1;
}

int mh_decode_sort_order_set(mh_dec *d, mh_tag_note_fn tag_note)
{
    return mh_report_once(d, set_inner, &tag_note, "SortOrderSet");
}

/*
 * [MS-OXCDATA] 2.13 table sorting structures, encoded by hand: 2.13.1 SortOrder (PropertyType,
 * PropertyId, Order: Ascending 0x00, Descending 0x01, MaximumCategory 0x04; MultivalueFlag and
 * MultivalueInstance together or not at all) and 2.13.2 SortOrderSet (SortOrderCount, CategorizedCount
 * 0..SortOrderCount, ExpandedCount 0..CategorizedCount, SortOrders, at most one multivalue column).
 * Values outside those rules are reported but do not stop decoding (the layout does not depend on them);
 * a SortOrderSet cut short is reported once and leaves the caller's cursor at its limit without an error.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "builder.h"
#include "check.h"
#include "core/arena.h"
#include "core/dec.h"
#include "mapi/sortorder.h"
#include "record_sink.h"

static rec_sink rec;
static int problems;
static size_t used;
static int cursor_ok;

static void sort_order(bld *t, uint16_t type, uint16_t id, uint8_t order)
{
    b_u16(t, type);
    b_u16(t, id);
    b_u8(t, order);
}

static const char *named(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    (void)d;
    snprintf(buf, n, "Test:0x%04X", (unsigned)(tag >> 16));
    return buf;
}

/* Decodes a SortOrderSet (set = 1) or a bare SortOrders array with the given counts. */
static int decode(const bld *t, int complete, mh_tag_note_fn note, int set, uint16_t count, uint16_t cat, uint16_t exp)
{
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, t->b, t->n, complete);
    int ok = set ? mh_decode_sort_order_set(&d, note) : mh_decode_sort_orders(&d, count, cat, exp, 0, note);
    used = mh_cur_pos(&d.c);
    cursor_ok = mh_cur_ok(&d.c);
    mh_arena_free(&arena);
    CHECK_EQ(rec.depth, 0);
    return ok;
}

static void test_set(void)
{
    bld t = { .n = 0 };
    b_u16(&t, 3); b_u16(&t, 1); b_u16(&t, 1);         /* SortOrderCount, CategorizedCount, ExpandedCount */
    sort_order(&t, 0x001F, 0x0037, 0x00);             /* PidTagSubject ascending (the category) */
    sort_order(&t, 0x0040, 0x0E06, 0x04);             /* PidTagMessageDeliveryTime MaximumCategory */
    sort_order(&t, 0x0040, 0x0E06, 0x01);             /* descending */
    CHECK_EQ(decode(&t, 1, NULL, 1, 0, 0, 0), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order_set.sort_order_count", 0), "3");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order_set.categorized_count", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order_set.expanded_count", 0), "1");
    CHECK_EQ(rec_count(&rec, "mapihttp.sort_order"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order", 0), "PidTagSubject (0x0037001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "PtypString (0x001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order.property_id", 0), "0x0037");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order.order", 0), "Ascending (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order.order", 1), "MaximumCategory (0x04)");
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order.order", 2), "Descending (0x01)");
    const rec_event *e = rec_find(&rec, "mapihttp.sort_order.property_id", 1);
    CHECK(e && e->off == 6 + 5 + 2 && e->len == 2);
}

static void test_empty_set(void)
{
    bld t = { .n = 0 };
    b_u16(&t, 0); b_u16(&t, 0); b_u16(&t, 0);
    CHECK_EQ(decode(&t, 1, NULL, 1, 0, 0, 0), 1);
    CHECK_EQ(used, 6);
    CHECK_EQ(problems, 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.sort_order"), 0);
}

/* 2.13.1: a multivalue column sorts by its single values: MultivalueFlag with MultivalueInstance. */
static void test_multivalue(void)
{
    bld t = { .n = 0 };
    sort_order(&t, 0x301F, 0x8001, 0x00); /* PtypMultipleString | MultivalueInstance, named property */
    CHECK_EQ(decode(&t, 1, named, 0, 1, 0, 0), 1);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "Unknown (0x301F)");
    const rec_event *e = rec_find(&rec, "mapihttp.sort_order", 0);
    CHECK(e && strcmp(e->note, "SortOrder: Test:0x8001 (0x8001301F)") == 0); /* the heading names it */
    e = rec_find(&rec, "mapihttp.sort_order.property_id", 0);
    CHECK(e && strcmp(e->note, "Test:0x8001") == 0);

    /* only one of the two bits, and a second multivalue column: reported, decoding goes on */
    t.n = 0;
    sort_order(&t, 0x101F, 0x8001, 0x00);
    sort_order(&t, 0x3003, 0x8002, 0x01);
    sort_order(&t, 0x0003, 0x0E08, 0x01);
    CHECK_EQ(decode(&t, 1, NULL, 0, 3, 0, 0), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 2);
    const char *m = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(m && strstr(m, "MultivalueInstance"));
    CHECK_EQ(rec_count(&rec, "mapihttp.sort_order"), 3);
}

static void test_bad_values_go_on(void)
{
    bld t = { .n = 0 };
    b_u16(&t, 1); b_u16(&t, 2); b_u16(&t, 3);  /* CategorizedCount > SortOrderCount, ExpandedCount > it */
    sort_order(&t, 0x0003, 0x0E08, 0x02);      /* Order 0x02 is not defined */
    CHECK_EQ(decode(&t, 1, NULL, 1, 0, 0, 0), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 3);
    CHECK_STR(rec_value(&rec, "mapihttp.sort_order.order", 0), "Unknown (0x02)");
    const char *m = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(m && strstr(m, "larger than SortOrderCount"));
}

/* Cut short: one problem, the caller's cursor at its limit and without an error (nothing to report
 * again), the SortOrders that exist shown. */
static void test_truncated(void)
{
    bld t = { .n = 0 };
    b_u16(&t, 3); b_u16(&t, 0); b_u16(&t, 0);
    sort_order(&t, 0x001F, 0x0037, 0x00);
    b_u16(&t, 0x0003);                         /* half of the second */
    CHECK_EQ(decode(&t, 0, NULL, 1, 0, 0, 0), 0);
    CHECK_EQ(problems, 1);
    CHECK(rec_problem(&rec, MH_PROB_TRUNCATED) != NULL);
    CHECK_EQ(used, t.n);
    CHECK_EQ(cursor_ok, 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.sort_order"), 1);
    /* the same bytes inside a complete buffer: a count that runs past its structure is malformed */
    CHECK_EQ(decode(&t, 1, NULL, 1, 0, 0, 0), 0);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    CHECK_EQ(problems, 1);
    /* the counts themselves cut */
    t.n = 3;
    CHECK_EQ(decode(&t, 0, NULL, 1, 0, 0, 0), 0);
    CHECK_EQ(problems, 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.sort_order"), 0);
}

int main(void)
{
    RUN(test_set);
    RUN(test_empty_set);
    RUN(test_multivalue);
    RUN(test_bad_values_go_on);
    RUN(test_truncated);
    return check_report();
}

/*
 * [MS-OXCDATA] 2.12 restrictions, each of the twelve packet formats encoded by hand from its section
 * (2.12.1.1 ... 2.12.12), with 16-bit RestrictCount (ROP buffers, wide_counts 0) and 32-bit
 * (wide_counts 1); nesting, the decoder's depth limit, an undefined RestrictType, truncation.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "builder.h"
#include "check.h"
#include "core/arena.h"
#include "core/dec.h"
#include "mapi/restriction.h"
#include "record_sink.h"

/* RestrictCount in the width of the context */
static void count(bld *t, int wide, uint32_t n)
{
    if (wide)
        b_u32(t, n);
    else
        b_u16(t, (uint16_t)n);
}
/* 2.12.9.1 ExistRestriction: RestrictType 0x08, PropTag */
static void exist(bld *t, uint32_t tag)
{
    b_u8(t, 0x08);
    b_u32(t, tag);
}

static rec_sink rec;
static mh_tag_note_fn note; /* the context's namer of tags from 0x8000, NULL unless a test sets it */
static int problems;
static size_t used; /* bytes the decoder moved past */

static const char *rec_note(const char *filter, int k)
{
    const rec_event *e = rec_find(&rec, filter, k);
    return e ? e->note : NULL;
}

/* Decodes one restriction; returns mh_decode_restriction's result. */
static int decode(const bld *t, int wide, int complete)
{
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, t->b, t->n, complete);
    d.wide_counts = (unsigned char)wide;
    int ok = mh_decode_restriction(&d, note);
    used = mh_cur_pos(&d.c);
    mh_arena_free(&arena);
    CHECK_EQ(rec.depth, 0); /* every subtree opened was closed, also when decoding stopped */
    return ok;
}

/* 2.12.1.1 AndRestriction (0x00) and 2.12.2.1 OrRestriction (0x01): RestrictCount, Restricts */
static void test_and_or(void)
{
    for (int wide = 0; wide <= 1; wide++) {
        bld t = { .n = 0 };
        b_u8(&t, 0x00);
        count(&t, wide, 2);
        exist(&t, 0x3001001F);
        b_u8(&t, 0x01);
        count(&t, wide, 1);
        exist(&t, 0x39FE001F);
        CHECK_EQ(decode(&t, wide, 1), 1);
        CHECK_EQ(used, t.n);
        CHECK_EQ(problems, 0);
        CHECK_STR(rec_value(&rec, "mapihttp.restriction", 0), "AndRestriction (0x00)");
        CHECK_STR(rec_value(&rec, "mapihttp.restriction.restrict_count", 0), "2");
        CHECK_STR(rec_value(&rec, "mapihttp.restriction", 2), "OrRestriction (0x01)");
        CHECK_STR(rec_value(&rec, "mapihttp.restriction.restrict_count", 1), "1");
        CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "PidTagDisplayName (0x3001001F)");
        CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 1), "PidTagSmtpAddress (0x39FE001F)");
        const rec_event *count_ev = rec_find(&rec, "mapihttp.restriction.restrict_count", 0);
        CHECK(count_ev && count_ev->off == 1 && count_ev->len == (wide ? 4u : 2u));
    }
    /* the same bytes read with the other width are not the same restriction */
    bld n = { .n = 0 };
    b_u8(&n, 0x00);
    b_u16(&n, 1);
    exist(&n, 0x3001001F);
    CHECK_EQ(decode(&n, 1, 1), 0); /* count 0x00300801: runs out */
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
}

/* 2.12.3.1 NotRestriction (0x02): Restriction */
static void test_not(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x02);
    exist(&t, 0x3001001F);
    CHECK_EQ(decode(&t, 1, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 0), "NotRestriction (0x02)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 1), "ExistRestriction (0x08)");
    const rec_event *inner = rec_find(&rec, "mapihttp.restriction", 1);
    const rec_event *outer = rec_find(&rec, "mapihttp.restriction", 0);
    /* the recording sink keeps where a subtree starts and how deep it is (not its closing length) */
    CHECK(inner && outer && inner->depth == outer->depth + 1 && inner->off == 1 && outer->off == 0);
}

/* 2.12.4.1 ContentRestriction (0x03): FuzzyLevelLow, FuzzyLevelHigh, PropertyTag, TaggedValue. With
 * wide_counts 0 (ROP) a PtypBinary value has a 16-bit count ([MS-OXCDATA] 2.11.1.1). */
static void test_content(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x03);
    b_u16(&t, 0x0002);     /* FL_PREFIX */
    b_u16(&t, 0x0003);     /* FL_IGNORECASE | FL_IGNORENONSPACE */
    b_u32(&t, 0x0FFF0102); /* PidTagEntryId */
    b_u32(&t, 0x0FFF0102);
    b_u16(&t, 3);
    b_u8(&t, 1);
    b_u8(&t, 2);
    b_u8(&t, 3);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.fuzzy_level_low", 0), "FL_PREFIX (0x0002)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.fuzzy_level_high", 0), "0x0003 (FL_IGNORECASE, FL_IGNORENONSPACE)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.property_tag", 0), "PidTagEntryId (0x0FFF0102)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.tagged_value", 0), "PidTagEntryId (0x0FFF0102)");
    const rec_event *b = rec_find(&rec, "mapihttp.value.binary", 0);
    CHECK(b && b->len == 3 && b->off == 15);
    CHECK_EQ(problems, 0);

    /* the same value in an address book body: 32-bit count */
    bld w = { .n = 0 };
    b_u8(&w, 0x03);
    b_u16(&w, 0x0000);
    b_u16(&w, 0x0000);
    b_u32(&w, 0x0FFF0102);
    b_u32(&w, 0x0FFF0102);
    b_u32(&w, 2);
    b_u8(&w, 9);
    b_u8(&w, 9);
    CHECK_EQ(decode(&w, 1, 1), 1);
    CHECK_EQ(used, w.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.fuzzy_level_low", 0), "FL_FULLSTRING (0x0000)");
    b = rec_find(&rec, "mapihttp.value.binary", 0);
    CHECK(b && b->len == 2 && b->off == 17);
}

/* 2.12.5.1 PropertyRestriction (0x04): RelOp, PropTag, TaggedValue */
static void test_property(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x04);
    b_u8(&t, 0x64); /* RELOP_MEMBER_OF_DL */
    b_u32(&t, 0x0FFF0102);
    b_u32(&t, 0x0FFF0102);
    b_u32(&t, 1);
    b_u8(&t, 0xCC);
    CHECK_EQ(decode(&t, 1, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.relop", 0), "RELOP_MEMBER_OF_DL (0x64)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "PidTagEntryId (0x0FFF0102)");
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction.tagged_value"), 1);

    /* PtypInteger32 value, RELOP_GE */
    bld i = { .n = 0 };
    b_u8(&i, 0x04);
    b_u8(&i, 0x03);
    b_u32(&i, 0x0E080003); /* PidTagMessageSize */
    b_u32(&i, 0x0E080003);
    b_u32(&i, 1024);
    CHECK_EQ(decode(&i, 0, 1), 1);
    CHECK_EQ(used, i.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.relop", 0), "RELOP_GE (0x03)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "1024");
}

/* 2.12.6.1 ComparePropertiesRestriction (0x05): RelOp, PropTag1, PropTag2 */
static void test_compare_properties(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x05);
    b_u8(&t, 0x05); /* RELOP_NE */
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x39FE001F);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, 10);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.relop", 0), "RELOP_NE (0x05)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag1", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag2", 0), "PidTagSmtpAddress (0x39FE001F)");
}

/* 2.12.7.1 BitMaskRestriction (0x06): BitmapRelOp, PropTag, Mask */
static void test_bitmask(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x06);
    b_u8(&t, 0x01); /* BMR_NEZ */
    b_u32(&t, 0x0E070003); /* PidTagMessageFlags */
    b_u32(&t, 0x00000001);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, 10);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.bitmap_relop", 0), "BMR_NEZ (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "PidTagMessageFlags (0x0E070003)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.mask", 0), "0x00000001");
}

/* 2.12.8.1 SizeRestriction (0x07): RelOp, PropTag, Size */
static void test_size(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x07);
    b_u8(&t, 0x00); /* RELOP_LT */
    b_u32(&t, 0x1000001F); /* PidTagBody */
    b_u32(&t, 4096);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, 10);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.relop", 0), "RELOP_LT (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.size", 0), "4096");
}

/* 2.12.9.1 ExistRestriction (0x08): PropTag */
static void test_exist(void)
{
    bld t = { .n = 0 };
    exist(&t, 0x0037001F); /* PidTagSubject */
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, 5);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.restrict_type", 0), "ExistRestriction (0x08)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "PidTagSubject (0x0037001F)");
}

/* 2.12.10.1 SubObjectRestriction (0x09): Subobject, Restriction */
static void test_subobject(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x09);
    b_u32(&t, 0x0E12000D); /* PidTagMessageRecipients */
    exist(&t, 0x3001001F);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.subobject", 0), "PidTagMessageRecipients (0x0E12000D)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 1), "ExistRestriction (0x08)");
}

/* 2.12.11.1 CommentRestriction (0x0A): TaggedValuesCount (1 byte), TaggedValues, RestrictionPresent
 * (TRUE 0x01 / FALSE 0x00), Restriction when present */
static void test_comment(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x0A);
    b_u8(&t, 2);
    b_u32(&t, 0x0037001F); /* PidTagSubject, PtypString */
    b_u16(&t, 'h');
    b_u16(&t, 'i');
    b_u16(&t, 0);
    b_u32(&t, 0x0E080003);
    b_u32(&t, 5);
    b_u8(&t, 0x01);
    exist(&t, 0x0037001F);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.tagged_values_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction.tagged_value"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "hi");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "5");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.restriction_present", 0), "TRUE (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 1), "ExistRestriction (0x08)");

    /* no restriction: ends after RestrictionPresent */
    bld f = { .n = 0 };
    b_u8(&f, 0x0A);
    b_u8(&f, 0);
    b_u8(&f, 0x00);
    b_u8(&f, 0x99); /* not part of the restriction */
    CHECK_EQ(decode(&f, 0, 1), 1);
    CHECK_EQ(used, 3);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.restriction_present", 0), "FALSE (0x00)");
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 1);

    /* RestrictionPresent 0x02 leaves the layout unknown */
    bld b = { .n = 0 };
    b_u8(&b, 0x0A);
    b_u8(&b, 0);
    b_u8(&b, 0x02);
    exist(&b, 0x0037001F);
    CHECK_EQ(decode(&b, 0, 1), 0);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == 2 && pe->len == 6);
}

/* 2.12.12 CountRestriction (0x0B): Count, SubRestriction */
static void test_count(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x0B);
    b_u32(&t, 10);
    exist(&t, 0x3001001F);
    CHECK_EQ(decode(&t, 1, 1), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.count", 0), "10");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 1), "ExistRestriction (0x08)");
}

/* Nesting: Not(Not(... Exist)) - 10 levels decode; 40 levels stop at the decoder's limit, restriction_depth,
 * whose documented default (docs/limits.md) is 32. */
#define MH_RESTRICTION_MAX_DEPTH 32
static void nest(bld *t, int levels)
{
    for (int i = 0; i < levels - 1; i++)
        b_u8(t, 0x02);
    exist(t, 0x3001001F);
}

static void test_depth(void)
{
    bld t = { .n = 0 };
    nest(&t, 10);
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 10);
    CHECK_EQ(problems, 0);

    bld limit = { .n = 0 };
    nest(&limit, MH_RESTRICTION_MAX_DEPTH);
    CHECK_EQ(decode(&limit, 0, 1), 1);
    CHECK_EQ(problems, 0);

    bld deep = { .n = 0 };
    nest(&deep, 40);
    CHECK_EQ(decode(&deep, 0, 1), 0);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), MH_RESTRICTION_MAX_DEPTH);
    const char *p = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(p && strstr(p, "decoder limit") != NULL);
    /* the leftover shown is everything from the restriction that was not decoded */
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == MH_RESTRICTION_MAX_DEPTH && pe->len == deep.n - MH_RESTRICTION_MAX_DEPTH);

    /* And of Or of Not of ... mixing counts */
    bld mix = { .n = 0 };
    b_u8(&mix, 0x00);
    b_u32(&mix, 2);
    b_u8(&mix, 0x01);
    b_u32(&mix, 2);
    exist(&mix, 1);
    b_u8(&mix, 0x02);
    exist(&mix, 2);
    b_u8(&mix, 0x09);
    b_u32(&mix, 0x0E12000D);
    exist(&mix, 3);
    CHECK_EQ(decode(&mix, 1, 1), 1);
    CHECK_EQ(used, mix.n);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 7);
    CHECK_EQ(problems, 0);
}

/* RestrictType values outside 0x00 - 0x0B: the size of the rest is unknown. */
static void test_unknown_type(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x00);
    b_u16(&t, 2);
    exist(&t, 0x3001001F);
    b_u8(&t, 0x0C);
    b_u32(&t, 0);
    CHECK_EQ(decode(&t, 0, 1), 0);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction.prop_tag"), 1);
    const char *p = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(p && strstr(p, "0x0C") != NULL);
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == 8 && pe->len == 5);
}

/* Truncation: the And promises two restrictions, the bytes end inside the second. */
static void test_truncated(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x00);
    b_u16(&t, 2);
    exist(&t, 0x3001001F);
    b_u8(&t, 0x08);
    b_u16(&t, 0x001F);
    CHECK_EQ(decode(&t, 0, 0), 0);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_EQ(problems, 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction.prop_tag"), 1);
    /* And, the first Exist, and the second one whose RestrictType was read before the bytes ended */
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 3);
    const char *p = rec_problem(&rec, MH_PROB_TRUNCATED);
    CHECK(p && strstr(p, "ExistRestriction") != NULL);

    /* an empty buffer */
    bld e = { .n = 0 };
    CHECK_EQ(decode(&e, 0, 0), 0);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 0);

    /* a PropertyRestriction whose string value has no terminator in a complete buffer */
    bld s = { .n = 0 };
    b_u8(&s, 0x04);
    b_u8(&s, 0x04);
    b_u32(&s, 0x3001001F);
    b_u32(&s, 0x3001001F);
    b_u16(&s, 'x');
    CHECK_EQ(decode(&s, 0, 1), 0);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_EQ(problems, 1);
}

/* Tags from 0x8000 are named by the caller's context, in a note; the value only says the range
 * ([MS-OXCDATA] 2.9) because the same id is a named property in a mailbox and a fixed property in the
 * address book. */
static int note_calls;
static const char *test_note(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    (void)d;
    note_calls++;
    snprintf(buf, n, "ctx-%04X", (unsigned)(tag >> 16));
    return buf;
}

static void test_tag_notes(void)
{
    bld t = { .n = 0 };
    b_u8(&t, 0x00);
    b_u16(&t, 2);
    exist(&t, 0x8009000D);
    b_u8(&t, 0x04);
    b_u8(&t, 0x04);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x8001001F);
    b_u16(&t, 0);
    note = test_note;
    note_calls = 0;
    CHECK_EQ(decode(&t, 0, 1), 1);
    note = NULL;
    CHECK_EQ(note_calls, 2); /* 0x8009 and 0x8001, not 0x3001 */
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "Named property range (0x8009000D)");
    CHECK_STR(rec_note("mapihttp.restriction.prop_tag", 0), "ctx-8009");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 1), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_note("mapihttp.restriction.prop_tag", 1), "");
    CHECK_STR(rec_note("mapihttp.restriction.tagged_value", 0), "ctx-8001");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.tagged_value.property_tag", 0), "Named property range (0x8001001F)");

    /* without a namer only the range is said */
    CHECK_EQ(decode(&t, 0, 1), 1);
    CHECK_STR(rec_note("mapihttp.restriction.prop_tag", 0), "");
}

/* The field registry has no name declared twice (the restriction and address book fields included). */
static void test_registry(void)
{
    char why[200] = "";
    CHECK_EQ(mh_registry_check(why, sizeof why), 0);
    if (why[0])
        fprintf(stderr, "%s\n", why);
}

int main(void)
{
    RUN(test_and_or);
    RUN(test_not);
    RUN(test_content);
    RUN(test_property);
    RUN(test_compare_properties);
    RUN(test_bitmask);
    RUN(test_size);
    RUN(test_exist);
    RUN(test_subobject);
    RUN(test_comment);
    RUN(test_count);
    RUN(test_depth);
    RUN(test_unknown_type);
    RUN(test_truncated);
    RUN(test_tag_notes);
    RUN(test_registry);
    return check_report();
}

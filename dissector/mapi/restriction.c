/*
 * [MS-OXCDATA] 2.12 restrictions, the packet formats (not the NDR *_r encodings of [MS-NSPI]):
 *   2.12.1.1 AndRestriction          0x00  RestrictCount, Restricts
 *   2.12.2.1 OrRestriction           0x01  RestrictCount, Restricts
 *   2.12.3.1 NotRestriction          0x02  Restriction
 *   2.12.4.1 ContentRestriction      0x03  FuzzyLevelLow, FuzzyLevelHigh, PropertyTag, TaggedValue
 *   2.12.5.1 PropertyRestriction     0x04  RelOp, PropTag, TaggedValue
 *   2.12.6.1 ComparePropertiesRestriction 0x05  RelOp, PropTag1, PropTag2
 *   2.12.7.1 BitMaskRestriction      0x06  BitmapRelOp, PropTag, Mask
 *   2.12.8.1 SizeRestriction         0x07  RelOp, PropTag, Size
 *   2.12.9.1 ExistRestriction        0x08  PropTag
 *   2.12.10.1 SubObjectRestriction   0x09  Subobject, Restriction
 *   2.12.11.1 CommentRestriction     0x0A  TaggedValuesCount, TaggedValues, RestrictionPresent, Restriction
 *   2.12.12 CountRestriction         0x0B  Count, SubRestriction
 * TaggedValue is a 2.11.4 TaggedPropertyValue. RestrictCount is "16 bits in the context of ROPs and 32
 * bits in the context of extended rules" (2.12.1.1); the address book bodies of [MS-OXCMAPIHTTP] 2.2.5
 * say only "a restriction as specified in [MS-OXCDATA] section 2.12", and use 32-bit counts everywhere
 * else, so the width follows d->wide_counts (set by the address book decoder) - a reading, not a rule
 * the specification states for MAPI/HTTP.
 */
#include "restriction.h"

#include <string.h>

#include "names.h"
#include "propvalue.h"

/* Tags named where the restriction is read: ids below 0x8000 by the field's names, ids from 0x8000 by
 * the caller's note function. [MS-OXCDATA] 2.9 gives 0x8000 - 0xFFFE to named properties, whose names
 * are per logon in a mailbox, while the address book uses the same range for fixed properties
 * ([MS-OXPROPS], e.g. PidTagAddressBookMember 0x8009); the value only says the range. */
static const char *restriction_tag_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    uint32_t id = (uint32_t)(v >> 16) & 0xFFFF;
    if (id >= 0x8000 && id <= 0xFFFE)
        return "Named property range";
    return mh_property_tag_name((uint32_t)v);
}
const mh_names mh_names_restriction_tag = { NULL, 0, 0, 0, restriction_tag_lookup };

typedef struct {
    mh_tag_note_fn note;
} ctx;

static const mh_vs restrict_type_vs[] = {
    { 0x00, "AndRestriction" },       { 0x01, "OrRestriction" },
    { 0x02, "NotRestriction" },       { 0x03, "ContentRestriction" },
    { 0x04, "PropertyRestriction" },  { 0x05, "ComparePropertiesRestriction" },
    { 0x06, "BitMaskRestriction" },   { 0x07, "SizeRestriction" },
    { 0x08, "ExistRestriction" },     { 0x09, "SubObjectRestriction" },
    { 0x0A, "CommentRestriction" },   { 0x0B, "CountRestriction" },
};
const mh_names mh_names_restrict_type = MH_NAMES_SORTED(restrict_type_vs);

/* 2.12.5.1 / 2.12.6.1: the alternate names of the relational operators */
static const mh_vs relop_vs[] = {
    { 0x00, "RELOP_LT" }, { 0x01, "RELOP_LE" }, { 0x02, "RELOP_GT" }, { 0x03, "RELOP_GE" },
    { 0x04, "RELOP_EQ" }, { 0x05, "RELOP_NE" }, { 0x64, "RELOP_MEMBER_OF_DL" },
};
const mh_names mh_names_relop = MH_NAMES_SORTED(relop_vs);

static const mh_vs bitmap_relop_vs[] = { { 0x00, "BMR_EQZ" }, { 0x01, "BMR_NEZ" } };
const mh_names mh_names_bitmap_relop = MH_NAMES(bitmap_relop_vs);

static const mh_vs fuzzy_low_vs[] = { { 0x0000, "FL_FULLSTRING" }, { 0x0001, "FL_SUBSTRING" }, { 0x0002, "FL_PREFIX" } };
const mh_names mh_names_fuzzy_level_low = MH_NAMES(fuzzy_low_vs);

static const mh_vs fuzzy_high_vs[] = {
    { 0x0001, "FL_IGNORECASE" }, { 0x0002, "FL_IGNORENONSPACE" }, { 0x0004, "FL_LOOSE" } };
const mh_names mh_names_fuzzy_level_high = MH_BITS(fuzzy_high_vs);

/* 2.12.11.1: "This field MUST contain either TRUE (0x01) or FALSE (0x00)" */
static const mh_vs present_vs[] = { { 0x00, "FALSE" }, { 0x01, "TRUE" } };
const mh_names mh_names_restriction_present = MH_NAMES(present_vs);

static int restriction(mh_dec *d, const ctx *x);

static const char *note_for(mh_dec *d, const ctx *x, uint32_t tag, char *buf, size_t n)
{
    return x->note && (tag >> 16) >= 0x8000 ? x->note(d, tag, buf, n) : NULL;
}

/* A 4-byte property tag field, with the context's note for ids from 0x8000. */
static void tag_field(mh_dec *d, const ctx *x, mh_field_id f, const char *label)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, label);
    if (!mh_cur_ok(&d->c))
        return;
    char buf[128];
    mh_emit_uint(d, f, at, 4, tag, note_for(d, x, tag, buf, sizeof buf));
}

/* Reports a read that ran out (once, naming the structure); returns 0 then. */
static int checked(mh_dec *d, uint8_t type)
{
    const char *name = mh_vs_bsearch(restrict_type_vs, sizeof restrict_type_vs / sizeof restrict_type_vs[0], type);
    return mh_check(d, name ? name : "Restriction");
}

/* 2.11.4 TaggedPropertyValue: PropertyTag, then a PropertyValue of the tag's type. */
static int tagged_value(mh_dec *d, const ctx *x, mh_field_id node, uint8_t type)
{
    size_t start = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
    if (!checked(d, type))
        return 0;
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    char buf[128];
    const char *note = note_for(d, x, tag, buf, sizeof buf);
    mh_open_at(d, node, start, &v, note);
    mh_emit_uint(d, MH_F_RESTRICT_TAGGED_VALUE_TAG, start, 4, tag, note);
    /* mh_decode_property_value reports the types it cannot decode; a read that ran out is ours */
    int ok = mh_decode_property_value(d, (uint16_t)(tag & 0xFFFF));
    if (!mh_cur_ok(&d->c))
        ok = checked(d, type);
    mh_close(d, start);
    return ok;
}

static int and_or(mh_dec *d, const ctx *x, uint8_t type)
{
    uint32_t n = d->wide_counts ? mh_u32(d, MH_F_RESTRICT_COUNT) : mh_u16(d, MH_F_RESTRICT_COUNT);
    if (!checked(d, type))
        return 0;
    size_t start = mh_open(d, MH_F_RESTRICT_RESTRICTS, NULL);
    int ok = 1;
    /* every restriction takes at least one byte, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; i < n && ok; i++)
        ok = restriction(d, x);
    mh_close(d, start);
    return ok;
}

static int comment(mh_dec *d, const ctx *x, uint8_t type)
{
    uint8_t n = mh_u8(d, MH_F_RESTRICT_TAGGED_VALUES_COUNT);
    if (!checked(d, type))
        return 0;
    size_t start = mh_open(d, MH_F_RESTRICT_TAGGED_VALUES, NULL);
    int ok = 1;
    for (unsigned i = 0; i < n && ok; i++)
        ok = tagged_value(d, x, MH_F_RESTRICT_TAGGED_VALUE, type);
    mh_close(d, start);
    if (!ok)
        return 0;
    size_t at = mh_cur_pos(&d->c);
    uint8_t present = mh_u8(d, MH_F_RESTRICT_RESTRICTION_PRESENT);
    if (!checked(d, type))
        return 0;
    if (present == 0x00)
        return 1;
    if (present != 0x01) {
        /* the byte decides whether a Restriction follows: any other value leaves the layout unknown */
        mh_stop(d, MH_PROB_MALFORMED, at, "CommentRestriction: RestrictionPresent 0x%02X is neither TRUE (0x01) "
                "nor FALSE (0x00)", present);
        return 0;
    }
    return restriction(d, x);
}

static int restriction(mh_dec *d, const ctx *x)
{
    size_t start = mh_cur_pos(&d->c);
    if (d->depth >= mh_limits[MH_LIMIT_RESTRICTION_DEPTH]) {
        mh_limit_stop(d, MH_LIMIT_RESTRICTION_DEPTH, start, "restrictions nested deeper than %zu levels are not decoded",
                      mh_limits[MH_LIMIT_RESTRICTION_DEPTH]);
        return 0;
    }
    uint8_t type = mh_cur_u8(&d->c, "RestrictType");
    if (!mh_check(d, "Restriction"))
        return 0;
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = type;
    mh_open_at(d, MH_F_RESTRICTION, start, &v, NULL);
    mh_emit_uint(d, MH_F_RESTRICT_TYPE, start, 1, type, NULL);
    d->depth++;
    int ok = 1;
    switch (type) {
    case 0x00: /* AndRestriction */
    case 0x01: /* OrRestriction */
        ok = and_or(d, x, type);
        break;
    case 0x02: /* NotRestriction */
        ok = restriction(d, x);
        break;
    case 0x03: /* ContentRestriction */
        mh_u16(d, MH_F_RESTRICT_FUZZY_LEVEL_LOW);
        mh_u16(d, MH_F_RESTRICT_FUZZY_LEVEL_HIGH);
        tag_field(d, x, MH_F_RESTRICT_PROPERTY_TAG, "PropertyTag");
        ok = checked(d, type) && tagged_value(d, x, MH_F_RESTRICT_TAGGED_VALUE, type);
        break;
    case 0x04: /* PropertyRestriction */
        mh_u8(d, MH_F_RESTRICT_RELOP);
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG, "PropTag");
        ok = checked(d, type) && tagged_value(d, x, MH_F_RESTRICT_TAGGED_VALUE, type);
        break;
    case 0x05: /* ComparePropertiesRestriction */
        mh_u8(d, MH_F_RESTRICT_RELOP);
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG1, "PropTag1");
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG2, "PropTag2");
        ok = checked(d, type);
        break;
    case 0x06: /* BitMaskRestriction */
        mh_u8(d, MH_F_RESTRICT_BITMAP_RELOP);
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG, "PropTag");
        mh_u32(d, MH_F_RESTRICT_MASK);
        ok = checked(d, type);
        break;
    case 0x07: /* SizeRestriction */
        mh_u8(d, MH_F_RESTRICT_RELOP);
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG, "PropTag");
        mh_u32(d, MH_F_RESTRICT_SIZE);
        ok = checked(d, type);
        break;
    case 0x08: /* ExistRestriction */
        tag_field(d, x, MH_F_RESTRICT_PROP_TAG, "PropTag");
        ok = checked(d, type);
        break;
    case 0x09: /* SubObjectRestriction */
        tag_field(d, x, MH_F_RESTRICT_SUBOBJECT, "Subobject");
        ok = checked(d, type) && restriction(d, x);
        break;
    case 0x0A: /* CommentRestriction */
        ok = comment(d, x, type);
        break;
    case 0x0B: /* CountRestriction */
        mh_u32(d, MH_F_RESTRICT_COUNT_LIMIT);
        ok = checked(d, type) && restriction(d, x);
        break;
    default:
        /* the type decides the layout; without it the size of the rest is unknown */
        mh_stop(d, MH_PROB_UNSUPPORTED, start,
                "RestrictType 0x%02X is not defined by [MS-OXCDATA] 2.12; the restriction's size is unknown", type);
        ok = 0;
        break;
    }
    d->depth--;
    mh_close(d, start);
    return ok;
}

int mh_decode_restriction(mh_dec *d, mh_tag_note_fn tag_note)
{
    ctx x = { tag_note };
    return restriction(d, &x);
}

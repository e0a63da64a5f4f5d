/*
 * [MS-OXCDATA] property values as ROP buffers carry them: 2.11.1 property data types (with the ROP
 * buffer COUNT widths of 2.11.1.1: 16-bit byte counts for PtypBinary, 32-bit value counts for multiple-
 * valued types), 2.11.2 PropertyValue, 2.11.3 TypedPropertyValue, 2.11.4 TaggedPropertyValue,
 * 2.11.5 FlaggedPropertyValue, 2.11.6 FlaggedPropertyValueWithType, 2.8.1 PropertyRow and 2.9
 * PropertyTag arrays.
 *
 * Context the values get: property tags from 0x8000 are named properties whose names are per logon
 * (learnt from RopGetPropertyIdsFromNames and the like, session/named.h), so PropertyTag fields and
 * PropertyValue headings carry the name as a note when the session knows it; PtypBinary values of
 * EntryID properties are also shown as an EntryID when they parse as one (entryid.c).
 */
#include "propvalue.h"

#include <stdio.h>
#include <string.h>

#include "../core/strbuf.h"
#include "../rops/rop_context.h"
#include "entryid.h"
#include "names.h"
#include "rule.h"

#define MV_FLAG 0x1000
#define MVI_FLAG 0x2000

static double f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static double f64(uint64_t u)
{
    double f;
    memcpy(&f, &u, sizeof f);
    return f;
}


/* A binary value of an EntryID property is also shown as the EntryID it holds, when it parses as one. */
static void binary_entryid(mh_dec *d, const mh_cursor *before, uint32_t n)
{
    mh_cursor c = *before;
    mh_dec e = *d;
    e.c = mh_cur_sub(&c, n, "EntryID");
    mh_decode_entryid(&e);
}

/* One value of a single-valued type; `tag` (0 when not known) is the property it belongs to. Returns 0
 * when the type cannot be decoded (reported). */
int mh_decode_fixed_value(mh_dec *d, uint16_t type)
{
    size_t at = mh_cur_pos(&d->c);
    switch (type) {
    case 0x0002: {
        int16_t v = (int16_t)mh_cur_u16(&d->c, "PtypInteger16");
        if (mh_cur_ok(&d->c))
            mh_emit_int(d, MH_F_VALUE_INT16, at, 2, v);
        return 1;
    }
    case 0x0003:
        mh_i32(d, MH_F_VALUE_INT32);
        return 1;
    case 0x0004: {
        uint32_t u = mh_cur_u32(&d->c, "PtypFloating32");
        if (mh_cur_ok(&d->c))
            mh_emit_double(d, MH_F_VALUE_FLOAT32, at, 4, f32(u));
        return 1;
    }
    case 0x0005:
    case 0x0007: {
        uint64_t u = mh_cur_u64(&d->c, type == 5 ? "PtypFloating64" : "PtypFloatingTime");
        if (mh_cur_ok(&d->c))
            mh_emit_double(d, type == 5 ? MH_F_VALUE_FLOAT64 : MH_F_VALUE_FLOATING_TIME, at, 8, f64(u));
        return 1;
    }
    case 0x0006: {
        int64_t v = (int64_t)mh_cur_u64(&d->c, "PtypCurrency");
        if (mh_cur_ok(&d->c))
            mh_emit_int(d, MH_F_VALUE_CURRENCY, at, 8, v);
        return 1;
    }
    case 0x000A:
        mh_u32(d, MH_F_VALUE_ERROR_CODE);
        return 1;
    case 0x0014: {
        int64_t v = (int64_t)mh_cur_u64(&d->c, "PtypInteger64");
        if (mh_cur_ok(&d->c))
            mh_emit_int(d, MH_F_VALUE_INT64, at, 8, v);
        return 1;
    }
    case 0x0040:
        mh_u64(d, MH_F_VALUE_TIME);
        return 1;
    case 0x0048: {
        uint8_t g[16];
        mh_guid(d, MH_F_VALUE_GUID, g);
        return 1;
    }
    }
    return 0;
}

static int single(mh_dec *d, uint16_t type, uint32_t tag)
{
    if (mh_decode_fixed_value(d, type))
        return 1;
    size_t at = mh_cur_pos(&d->c);
    switch (type) {
    case 0x0001: /* PtypNull: a placeholder without bytes */
        mh_emit_uint(d, MH_F_VALUE_NULL, at, 0, 0, NULL);
        return 1;
    case 0x000B: /* 1 byte in ROP buffers (2.11.1) */
        mh_u8(d, MH_F_VALUE_BOOLEAN);
        return 1;
    case 0x001E:
        mh_asciiz(d, MH_F_VALUE_STRING8);
        return 1;
    case 0x001F:
        mh_utf16z(d, MH_F_VALUE_STRING);
        return 1;
    case 0x00FB:   /* PtypServerId: COUNT + bytes (2.11.1.4) */
    case 0x0102: { /* PtypBinary: COUNT + bytes */
        uint32_t n = d->wide_counts ? mh_u32(d, MH_F_VALUE_COUNT) : mh_u16(d, MH_F_VALUE_COUNT);
        mh_cursor before = d->c;
        mh_bytes(d, type == 0x0102 ? MH_F_VALUE_BINARY : MH_F_VALUE_SERVER_ID, n);
        if (type == 0x0102 && tag && mh_cur_ok(&d->c) && mh_is_entryid_property(tag))
            binary_entryid(d, &before, n);
        return 1;
    }
    case 0x00FD: /* PtypRestriction ([MS-OXCDATA] 2.12) */
        return mh_decode_restriction_value(d);
    case 0x00FE: /* PtypRuleAction ([MS-OXORULE] 2.2.5) */
        return mh_decode_rule_actions(d);
    case 0x000D:
        mh_stop(d, MH_PROB_UNSUPPORTED, at,
                "PtypObject has no value encoding in ROP buffers ([MS-OXCDATA] 2.11.1.5); its size is unknown");
        return 0;
    case 0x0000:
        mh_stop(d, MH_PROB_MALFORMED, at, "a value cannot itself be PtypUnspecified");
        return 0;
    default:
        mh_stop(d, MH_PROB_UNSUPPORTED, at, "property type 0x%04X is not defined by [MS-OXCDATA] 2.11.1", type);
        return 0;
    }
}

/* A value of `type` for the property `tag` (0 when not known). */
static int value(mh_dec *d, uint16_t type, uint32_t tag)
{
    if (type & MVI_FLAG)
        type &= (uint16_t) ~(MV_FLAG | MVI_FLAG); /* a multi-value instance column holds one value */
    if (!(type & MV_FLAG))
        return single(d, type, tag) && mh_cur_ok(&d->c);
    uint16_t base = type & (uint16_t)~MV_FLAG;
    switch (base) {
    case 0x0002: case 0x0003: case 0x0004: case 0x0005: case 0x0006: case 0x0007:
    case 0x0014: case 0x001E: case 0x001F: case 0x0040: case 0x0048: case 0x0102:
        break;
    default:
        mh_stop(d, MH_PROB_UNSUPPORTED, mh_cur_pos(&d->c),
                "multiple-valued property type 0x%04X is not defined by [MS-OXCDATA] 2.11.1", type);
        return 0;
    }
    uint32_t n = mh_u32(d, MH_F_VALUE_COUNT);
    for (uint32_t i = 0; i < n && mh_cur_ok(&d->c); i++) {
        if (!single(d, base, tag))
            return 0;
    }
    return mh_cur_ok(&d->c);
}

int mh_decode_property_value(mh_dec *d, uint16_t type)
{
    return value(d, type, 0);
}

int mh_decode_property_value_of(mh_dec *d, uint32_t tag)
{
    return value(d, (uint16_t)(tag & 0xFFFF), tag);
}

/* The name of a named property (id from 0x8000) in the logon of the ROP being decoded, or NULL. An
 * unknown logon names nothing: the same id means different properties in different logons. */
static const char *named_note(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    if (!d->xchg || !d->xchg->cur_logon_known)
        return NULL;
    return mh_rop_named_note(d, tag, buf, n);
}

uint32_t mh_property_tag(mh_dec *d, mh_field_id f)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, mh_fields[f].label);
    if (!mh_cur_ok(&d->c))
        return 0;
    char note[160];
    mh_emit_uint(d, f, at, 4, tag, named_note(d, tag, note, sizeof note));
    return tag;
}

void mh_property_tag_heading(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    const char *name = mh_property_tag_name(tag);
    char note[160];
    const char *named = named_note(d, tag, note, sizeof note);
    mh_sb s = mh_sb_init(buf, n);
    if (name || (tag >> 16) >= 0x8000) {
        mh_sb_str(&s, name ? name : "Named property");
        mh_sb_str(&s, " (");
        mh_sb_0x(&s, tag, 8);
        mh_sb_chr(&s, ')');
        if (!name && named) {
            mh_sb_str(&s, " = ");
            mh_sb_str(&s, named);
        }
    } else {
        mh_sb_0x(&s, tag, 8);
    }
}

/* A PropertyValue subtree for one column of a row. */
static int row_value(mh_dec *d, uint32_t tag, int flagged)
{
    char heading[240];
    mh_property_tag_heading(d, tag, heading, sizeof heading);
    size_t start = mh_cur_pos(&d->c);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_PROPERTY_VALUE, start, &v, heading);
    uint16_t type = (uint16_t)(tag & 0xFFFF);
    int ok = 1;
    if (type == 0x0000) { /* PtypUnspecified column: the value carries its type (2.11.3 / 2.11.6) */
        type = mh_u16(d, MH_F_PROPERTY_TYPE);
        if (!mh_cur_ok(&d->c))
            ok = 0;
    }
    if (ok && flagged) {
        uint8_t flag = mh_u8(d, MH_F_PROPERTY_VALUE_FLAG);
        if (!mh_cur_ok(&d->c))
            ok = 0;
        else if (flag == 0x01)
            type = 0xFFFF; /* nothing follows */
        else if (flag == 0x0A) {
            mh_u32(d, MH_F_VALUE_ERROR_CODE);
            type = 0xFFFF;
        } else if (flag != 0x00) {
            mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c) - 1,
                    "FlaggedPropertyValue Flag 0x%02X is not 0x00, 0x01 or 0x0A", flag);
            ok = 0;
        }
    }
    if (ok && type != 0xFFFF)
        ok = value(d, type, (tag & 0xFFFF0000u) | type);
    mh_close(d, start);
    return ok && mh_cur_ok(&d->c);
}

int mh_decode_property_row(mh_dec *d, const uint32_t *tags, size_t ntags)
{
    size_t start = mh_open(d, MH_F_PROPERTY_ROW, NULL);
    uint8_t flag = mh_u8(d, MH_F_PROPERTY_ROW_FLAG);
    int ok = mh_cur_ok(&d->c);
    if (ok && flag > 1) {
        mh_stop(d, MH_PROB_MALFORMED, start, "PropertyRow Flag 0x%02X is neither 0x00 nor 0x01", flag);
        ok = 0;
    }
    for (size_t i = 0; ok && i < ntags; i++)
        ok = row_value(d, tags[i], flag == 1);
    mh_close(d, start);
    return ok;
}

int mh_decode_property_tag_array(mh_dec *d, mh_field_id node, uint16_t count, mh_exchange *x, mh_rop_req *r)
{
    size_t start = mh_open(d, node, NULL);
    for (uint16_t i = 0; i < count; i++) {
        uint32_t tag = mh_property_tag(d, MH_F_PROPERTY_TAG);
        if (!mh_cur_ok(&d->c))
            break;
        if (x && r)
            mh_exchange_add_tag(x, r, tag);
    }
    mh_close(d, start);
    return mh_cur_ok(&d->c);
}

int mh_decode_property_tags(mh_dec *d, uint16_t count, mh_exchange *x, mh_rop_req *r)
{
    return mh_decode_property_tag_array(d, MH_F_PROPERTY_TAGS, count, x, r);
}

int mh_decode_tagged_value(mh_dec *d, mh_value_hook hook, void *ctx)
{
    size_t start = mh_cur_pos(&d->c);
    mh_cursor peek = d->c;
    uint32_t tag = mh_cur_u32(&peek, "PropertyTag");
    if (!mh_cur_ok(&peek)) {
        mh_property_tag(d, MH_F_PROPERTY_TAG); /* leaves the read error for the caller's check */
        return 0;
    }
    char heading[240];
    mh_property_tag_heading(d, tag, heading, sizeof heading);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_PROPERTY_VALUE, start, &v, heading);
    mh_property_tag(d, MH_F_PROPERTY_TAG);
    int ok = hook ? hook(d, tag, ctx) : MH_HOOK_PASS;
    if (ok == MH_HOOK_PASS)
        ok = mh_decode_property_value_of(d, tag);
    mh_close(d, start);
    return ok && mh_cur_ok(&d->c);
}

int mh_decode_tagged_values(mh_dec *d, uint16_t count, mh_value_hook hook, void *ctx)
{
    size_t start = mh_open(d, MH_F_PROPERTY_VALUES, NULL);
    int ok = 1;
    for (uint16_t i = 0; ok && i < count; i++)
        ok = mh_decode_tagged_value(d, hook, ctx);
    mh_close(d, start);
    return ok;
}

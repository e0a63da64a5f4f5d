/*
 * [MS-OXCMAPIHTTP] address book property values:
 *   2.2.1.1 AddressBookPropertyValue: HasValue (1 byte, TRUE 0xFF / FALSE 0x00) when the property type
 *     is PtypString, PtypString8, PtypBinary or any PtypMultiple type, then the [MS-OXCDATA] 2.11.2.1
 *     PropertyValue unless HasValue is FALSE. For PtypMultipleString, PtypMultipleString8 and
 *     PtypMultipleBinary "there will be a HasValue (1 byte) field in front of each" element as well.
 *   2.2.1.2 AddressBookTaggedPropertyValue: PropertyType (2), PropertyId (2), AddressBookPropertyValue.
 *   2.2.1.3 AddressBookPropertyValueList: PropertyValueCount (4), AddressBookTaggedPropertyValues.
 * Values are [MS-OXCDATA] 2.11.1 encodings with 32-bit byte counts for PtypBinary (d->wide_counts, set
 * for every address book body).
 */
#include "internal.h"

#include <string.h>

#include "../mapi/propvalue.h"

#define MV_FLAG 0x1000
#define MVI_FLAG 0x2000

static int counted(uint16_t type)
{
    return type == 0x001F || type == 0x001E || type == 0x0102; /* PtypString, PtypString8, PtypBinary */
}

/* Returns 1 (present), 0 (absent) or -1 (stopped). */
static int has_value(mh_dec *d)
{
    size_t at = mh_cur_pos(&d->c);
    uint8_t v = mh_u8(d, MH_F_NSPI_HAS_VALUE);
    if (!mh_check(d, "AddressBookPropertyValue"))
        return -1;
    if (v == 0xFF || v == 0x00)
        return v == 0xFF;
    /* the byte decides whether a value follows; any other value leaves the layout unknown */
    mh_stop(d, MH_PROB_MALFORMED, at,
            "HasValue 0x%02X is neither TRUE (0xFF) nor FALSE (0x00) ([MS-OXCMAPIHTTP] 2.2.1.1)", v);
    return -1;
}

/* A PropertyValue; mh_decode_property_value reports the types it cannot decode, a short read is ours. */
static int plain(mh_dec *d, uint16_t type)
{
    int ok = mh_decode_property_value(d, type);
    if (!mh_cur_ok(&d->c))
        return mh_check(d, "AddressBookPropertyValue");
    return ok;
}

int nspi_ab_value(mh_dec *d, uint16_t type)
{
    if (type & MVI_FLAG) {
        /* MVI marks a table column that expands a multi-valued property; no address book value is one */
        mh_stop(d, MH_PROB_UNSUPPORTED, mh_cur_pos(&d->c),
                "property type 0x%04X (multi-value instance) has no AddressBookPropertyValue encoding", type);
        return 0;
    }
    if (!(type & MV_FLAG) && !counted(type))
        return plain(d, type);
    int h = has_value(d);
    if (h <= 0)
        return h == 0;
    uint16_t base = (uint16_t)(type & ~MV_FLAG);
    if (!(type & MV_FLAG) || !counted(base))
        return plain(d, type);
    /* PtypMultipleString, PtypMultipleString8, PtypMultipleBinary: Count, then HasValue + value each */
    uint32_t n = mh_u32(d, MH_F_VALUE_COUNT);
    if (!mh_check(d, "AddressBookPropertyValue"))
        return 0;
    for (uint32_t i = 0; i < n; i++) { /* each element takes at least its HasValue byte */
        h = has_value(d);
        if (h < 0 || (h == 1 && !plain(d, base)))
            return 0;
    }
    return 1;
}

int nspi_tagged_value(mh_dec *d)
{
    size_t start = mh_cur_pos(&d->c);
    /* PropertyType then PropertyId, little-endian: together the 32-bit property tag */
    uint32_t tag = mh_cur_u32(&d->c, "PropertyType");
    if (!mh_check(d, "AddressBookTaggedPropertyValue"))
        return 0;
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_NSPI_TAGGED_VALUE, start, &v, NULL);
    mh_emit_uint(d, MH_F_PROPERTY_TYPE, start, 2, tag & 0xFFFF, NULL);
    mh_emit_uint(d, MH_F_NSPI_PROPERTY_ID, start + 2, 2, tag >> 16, NULL);
    int ok = nspi_ab_value(d, (uint16_t)(tag & 0xFFFF));
    mh_close(d, start);
    return ok;
}

int nspi_value_list(mh_dec *d, const char *heading)
{
    size_t start = mh_open(d, MH_F_NSPI_VALUE_LIST, heading);
    uint32_t n = mh_u32(d, MH_F_NSPI_VALUE_LIST_COUNT);
    int ok = mh_check(d, "AddressBookPropertyValueList");
    /* each value takes at least its 4-byte tag, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; ok && i < n; i++)
        ok = nspi_tagged_value(d);
    mh_close(d, start);
    return ok;
}

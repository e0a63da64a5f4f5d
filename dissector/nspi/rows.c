/*
 * [MS-OXCMAPIHTTP] 2.2.1.7 AddressBookPropertyRow: Flags (1 byte), then one value per column of the
 * LargePropertyTagArray that goes with the rows:
 *   Flags 0x0: AddressBookPropertyValue (2.2.1.1), or AddressBookTypedPropertyValue (2.2.1.4: PropertyType,
 *     AddressBookPropertyValue) when the column's type is PtypUnspecified;
 *   Flags 0x1: AddressBookFlaggedPropertyValue (2.2.1.5: Flag, AddressBookPropertyValue unless Flag is
 *     0x1; Flag 0xA carries a PtypErrorCode), or AddressBookFlaggedPropertyValueWithType (2.2.1.6:
 *     PropertyType, Flag, value) for PtypUnspecified columns.
 * The responses that carry rows (GetMatches 2.2.5.5.2, QueryRows 2.2.5.12.2, ResolveNames 2.2.5.14.2,
 * SeekEntries 2.2.5.16.2) send the columns themselves, right before RowCount and RowData.
 */
#include "internal.h"

#include <string.h>

#include "../core/limits.h"

/* PtypNull columns take no bytes in a standard row; bound the values a body may make us show out of
 * nothing (rows x such columns), since each row costs only its Flags byte. A decoder limit. */
#define NSPI_MAX_EMPTY_VALUES 100000u

/* Returns 1 to go on, 0 stopped. */
static int row_value(mh_dec *d, uint32_t tag, int flagged)
{
    size_t start = mh_cur_pos(&d->c);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_NSPI_VALUE, start, &v, NULL);
    uint16_t type = (uint16_t)(tag & 0xFFFF);
    int ok = 1, value = 1;
    if (type == 0x0000) { /* PtypUnspecified column: the value says its type */
        type = mh_u16(d, MH_F_PROPERTY_TYPE);
        ok = mh_check(d, "AddressBookPropertyRow");
    }
    if (ok && flagged) {
        size_t at = mh_cur_pos(&d->c);
        uint8_t flag = mh_u8(d, MH_F_NSPI_VALUE_FLAG);
        ok = mh_check(d, "AddressBookPropertyRow");
        if (ok && flag == 0x01) {
            value = 0;
        } else if (ok && flag == 0x0A) {
            mh_u32(d, MH_F_VALUE_ERROR_CODE); /* a PtypErrorCode value: why the property has none */
            ok = mh_check(d, "AddressBookPropertyRow");
            value = 0;
        } else if (ok && flag != 0x00) {
            mh_stop(d, MH_PROB_MALFORMED, at, "AddressBookFlaggedPropertyValue: Flag 0x%02X is not 0x0, 0x1 or 0xA "
                    "([MS-OXCMAPIHTTP] 2.2.1.5)", flag);
            ok = 0;
        }
    }
    if (ok && value)
        ok = nspi_ab_value(d, type);
    mh_close(d, start);
    return ok;
}

static int row(mh_dec *d, const nspi_tags *cols)
{
    size_t start = mh_open(d, MH_F_NSPI_PROPERTY_ROW, NULL);
    size_t at = mh_cur_pos(&d->c);
    uint8_t flags = mh_u8(d, MH_F_NSPI_PROPERTY_ROW_FLAGS);
    int ok = mh_check(d, "AddressBookPropertyRow");
    if (ok && flags > 0x01) {
        /* the flag decides how every value is laid out */
        mh_stop(d, MH_PROB_MALFORMED, at, "AddressBookPropertyRow: Flags 0x%02X is neither 0x0 nor 0x1 "
                "([MS-OXCMAPIHTTP] 2.2.1.7)", flags);
        ok = 0;
    }
    for (uint32_t i = 0; ok && i < cols->count; i++)
        ok = row_value(d, cols->tags[i], flags == 0x01);
    mh_close(d, start);
    return ok;
}

int nspi_row_data(mh_dec *d, const nspi_tags *cols)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t n = mh_u32(d, MH_F_NSPI_ROW_COUNT);
    if (!mh_check(d, "RowCount"))
        return 0;
    uint32_t empty = 0;
    for (uint32_t i = 0; i < cols->count; i++)
        if ((cols->tags[i] & 0xFFFF) == 0x0001) /* PtypNull */
            empty++;
    if (empty && (uint64_t)n * empty > NSPI_MAX_EMPTY_VALUES) {
        mh_stop(d, MH_PROB_UNSUPPORTED, at, "RowData: %u rows of %u PtypNull columns are more empty values than "
                "this decoder shows (limit %u)", n, empty, NSPI_MAX_EMPTY_VALUES);
        return 0;
    }
    size_t start = mh_open(d, MH_F_NSPI_ROW_DATA, NULL);
    int ok = 1;
    /* each row takes at least its Flags byte, so a count larger than the bytes stops on its own */
    size_t max = mh_limits[MH_LIMIT_ROWS_PER_TABLE], i;
    for (i = 0; ok && i < n && i < max; i++)
        ok = row(d, cols);
    if (ok && mh_limit_rows_cut(d, n, i, "RowData"))
        ok = 0;
    mh_close(d, start);
    return ok;
}

int nspi_columns_and_rows(mh_dec *d, mh_field_id has, const char *cols_heading)
{
    int present;
    if (!nspi_has(d, has, &present))
        return 0;
    if (!present)
        return 1;
    nspi_tags cols;
    return nspi_tag_array(d, cols_heading, &cols) && nspi_row_data(d, &cols);
}

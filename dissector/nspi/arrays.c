/*
 * Counted arrays of the address book bodies:
 *   [MS-OXCMAPIHTTP] 2.2.1.8 LargePropertyTagArray: PropertyTagCount (4, at most 100,000), PropertyTags;
 *   MinimalIdCount + MinimalIds and ExplicitTableCount + ExplicitTable (at most 100,000, 2.2.5.12.1 and
 *     2.2.5.16.1): arrays of [MS-OXNSPI] 2.2.9.1 MinimalEntryID (4 bytes);
 *   DNToMId Names (2.2.5.4.1): a StringsArray_r ([MS-OXNSPI] 2.2.2.1) sent as Count (4) and Count
 *     null-terminated 8-bit strings;
 *   ResolveNames NameCount + NameValues (2.2.5.14.1): null-terminated UTF-16LE strings;
 *   ModLinkAtt EntryIdCount + EntryIds (2.2.5.10.1): EphemeralEntryID ([MS-OXNSPI] 2.2.9.2) or
 *     PermanentEntryID (2.2.9.3) structures.
 * The Has* Booleans in front of optional fields are 1 byte, nonzero meaning present.
 */
#include "internal.h"

/* [MS-OXCMAPIHTTP] 2.2.1.8 and 2.2.5.12.1: "The number is limited to 100,000." */
#define NSPI_ARRAY_LIMIT 100000u

int nspi_has(mh_dec *d, mh_field_id f, int *present)
{
    *present = mh_u8(d, f) != 0;
    return mh_check(d, mh_fields[f].label);
}

/* A count over the spec's limit: the array would not be one a server or client may send. */
static int over_limit(mh_dec *d, size_t at, const char *what, uint32_t n)
{
    mh_stop(d, MH_PROB_MALFORMED, at, "%s: count %u is over the limit of 100,000 ([MS-OXCMAPIHTTP] 2.2.1.8)", what, n);
    return 0;
}

int nspi_tag_array(mh_dec *d, const char *heading, nspi_tags *out)
{
    if (out) {
        out->tags = NULL;
        out->count = 0;
    }
    size_t start = mh_open(d, MH_F_NSPI_TAG_ARRAY, heading);
    size_t at = mh_cur_pos(&d->c);
    uint32_t n = mh_u32(d, MH_F_NSPI_TAG_COUNT);
    int ok = mh_check(d, heading);
    if (ok && n > NSPI_ARRAY_LIMIT)
        ok = over_limit(d, at, heading, n);
    uint32_t *tags = NULL;
    size_t keep = 0;
    if (ok && out && n) {
        /* keep only what the bytes can hold: a larger count fails on its own below */
        size_t fit = mh_cur_left(&d->c) / 4;
        keep = n < fit ? n : fit;
        tags = keep ? mh_arena_alloc(d->arena, keep * sizeof *tags) : NULL;
        if (keep && !tags) {
            mh_stop(d, MH_PROB_UNSUPPORTED, at, "%s: %zu property tags exceed the memory bound", heading, keep);
            ok = 0;
        }
    }
    for (uint32_t i = 0; ok && i < n; i++) {
        uint32_t tag = mh_u32(d, MH_F_NSPI_PROPERTY_TAG);
        if (!mh_cur_ok(&d->c))
            break;
        if (i < keep)
            tags[i] = tag;
    }
    if (ok)
        ok = mh_check(d, heading);
    mh_close(d, start);
    if (ok && out) {
        out->tags = tags;
        out->count = n;
    }
    return ok;
}

int nspi_optional_tag_array(mh_dec *d, mh_field_id has, const char *heading)
{
    int present;
    if (!nspi_has(d, has, &present))
        return 0;
    return present ? nspi_tag_array(d, heading, NULL) : 1;
}

/* A count field, then a subtree of that many Minimal Entry IDs. */
static int mid_list(mh_dec *d, mh_field_id count_field, mh_field_id node, uint32_t limit, nspi_mid_kind kind)
{
    const char *what = mh_fields[node].label;
    size_t at = mh_cur_pos(&d->c);
    uint32_t n = mh_u32(d, count_field);
    if (!mh_check(d, what))
        return 0;
    if (limit && n > limit)
        return over_limit(d, at, what, n);
    size_t start = mh_open(d, node, NULL);
    for (uint32_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        nspi_mid(d, MH_F_NSPI_MINIMAL_ID, kind);
    int ok = mh_check(d, what);
    mh_close(d, start);
    return ok;
}

int nspi_optional_mids(mh_dec *d, nspi_mid_kind kind)
{
    int present;
    if (!nspi_has(d, MH_F_NSPI_HAS_MINIMAL_IDS, &present))
        return 0;
    return present ? mid_list(d, MH_F_NSPI_MINIMAL_ID_COUNT, MH_F_NSPI_MINIMAL_IDS, 0, kind) : 1;
}

int nspi_explicit_table(mh_dec *d)
{
    return mid_list(d, MH_F_NSPI_EXPLICIT_TABLE_COUNT, MH_F_NSPI_EXPLICIT_TABLE, NSPI_ARRAY_LIMIT, NSPI_MID_PLAIN);
}

int nspi_strings8(mh_dec *d, mh_field_id node)
{
    const char *what = mh_fields[node].label;
    size_t start = mh_open(d, node, NULL);
    uint32_t n = mh_u32(d, MH_F_NSPI_STRINGS_COUNT);
    /* each string takes at least its terminator, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_asciiz(d, MH_F_NSPI_STRINGS_STRING);
    int ok = mh_check(d, what);
    mh_close(d, start);
    return ok;
}

int nspi_names16(mh_dec *d)
{
    uint32_t n = mh_u32(d, MH_F_NSPI_RN_NAME_COUNT);
    if (!mh_check(d, "NameCount"))
        return 0;
    size_t start = mh_open(d, MH_F_NSPI_RN_NAME_VALUES, NULL);
    for (uint32_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_utf16z(d, MH_F_NSPI_RN_NAME_VALUE);
    int ok = mh_check(d, "NameValues");
    mh_close(d, start);
    return ok;
}

/* The fields both entry ID structures start with: ID Type, R1, R2, R3, ProviderUID, R4. */
static void entry_id_head(mh_dec *d)
{
    uint8_t guid[16];
    mh_u8(d, MH_F_NSPI_EID_ID_TYPE);
    mh_u8(d, MH_F_NSPI_EID_R1);
    mh_u8(d, MH_F_NSPI_EID_R2);
    mh_u8(d, MH_F_NSPI_EID_R3);
    mh_guid(d, MH_F_NSPI_EID_PROVIDER_UID, guid);
    mh_u32(d, MH_F_NSPI_EID_R4);
}

/* One entry ID inside its cb bytes: the ID Type byte tells which structure it is. */
static int entry_id(mh_dec *d)
{
    size_t at = mh_cur_pos(&d->c);
    uint8_t id_type;
    if (!mh_cur_peek_u8(&d->c, 0, &id_type)) {
        mh_cur_u8(&d->c, "ID Type"); /* records why it is missing */
        return mh_check(d, "EntryId");
    }
    size_t start;
    if (id_type == 0x87) {
        start = mh_open(d, MH_F_NSPI_EPHEMERAL_ENTRY_ID, NULL);
        entry_id_head(d);
        mh_u32(d, MH_F_NSPI_EID_DISPLAY_TYPE);
        nspi_mid(d, MH_F_NSPI_EID_MID, NSPI_MID_PLAIN);
    } else if (id_type == 0x00) {
        start = mh_open(d, MH_F_NSPI_PERMANENT_ENTRY_ID, NULL);
        entry_id_head(d);
        mh_u32(d, MH_F_NSPI_EID_DISPLAY_TYPE_STRING);
        mh_asciiz(d, MH_F_NSPI_EID_DN);
    } else {
        /* the size is known (cb), so only this entry is shown raw */
        mh_stop(d, MH_PROB_UNSUPPORTED, at, "ID Type 0x%02X is neither EphemeralEntryID (0x87) nor "
                "PermanentEntryID (0x00) ([MS-OXNSPI] 2.2.9)", id_type);
        return 1;
    }
    int ok = mh_check(d, "EntryId");
    if (ok)
        mh_check_leftover(d, "EntryId"); /* bytes after the structure inside cb: shown, not fatal */
    mh_close(d, start);
    return ok;
}

/*
 * [MS-OXCMAPIHTTP] 2.2.5.10.1 calls EntryIds "an array of entry IDs, each of which is either an
 * EphemeralEntryID structure or a PermanentEntryID structure" and shows no size in front of each. The
 * NSPI method underneath ([MS-OXNSPI] 3.1.4.1.15 NspiModLinkAtt) takes a BinaryArray_r, whose Binary_r
 * entries are cb + bytes (2.2.2.3), and Microsoft's own protocol test suite for MAPI/HTTP sends each
 * entry ID as a 4-byte cb followed by the structure. This decoder follows that: cb, then the entry ID
 * inside exactly cb bytes, so an unknown ID Type costs only that entry.
 */
int nspi_entry_ids(mh_dec *d)
{
    uint32_t n = mh_u32(d, MH_F_NSPI_MLA_ENTRY_ID_COUNT);
    if (!mh_check(d, "EntryIdCount"))
        return 0;
    size_t start = mh_open(d, MH_F_NSPI_MLA_ENTRY_IDS, NULL);
    int ok = 1;
    for (uint32_t i = 0; i < n && ok; i++) {
        uint32_t cb = mh_u32(d, MH_F_NSPI_MLA_ENTRY_ID_CB);
        size_t saved = mh_cur_push(&d->c, cb, "EntryId");
        if (!mh_check(d, "EntryIds")) {
            ok = 0;
            break;
        }
        ok = entry_id(d);
        mh_cur_pop(&d->c, saved);
    }
    mh_close(d, start);
    return ok;
}

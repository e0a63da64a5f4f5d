/*
 * [MS-OXCMAPIHTTP] 2.2.5.x.1 request bodies of the 19 address book request types: the fields between
 * the start of the body and AuxiliaryBufferSize (decoded by nspi.c). Field order as the spec's tables:
 *   2.2.5.1.1  Bind              Flags, HasState, State
 *   2.2.5.2.1  Unbind            Reserved
 *   2.2.5.3.1  CompareMIds       Reserved, HasState, State, MinimalId1, MinimalId2
 *   2.2.5.4.1  DNToMId           Reserved, HasNames, Names
 *   2.2.5.5.1  GetMatches        Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
 *                                InterfaceOptionFlags, HasFilter, Filter, HasPropertyName,
 *                                PropertyNameGuid, PropertyNameId, RowCount, HasColumns, Columns
 *   2.2.5.6.1  GetPropList       Flags, MinimalId, CodePage
 *   2.2.5.7.1  GetProps          Flags, HasState, State, HasPropertyTags, PropertyTags
 *   2.2.5.8.1  GetSpecialTable   Flags, HasState, State, HasVersion, Version
 *   2.2.5.9.1  GetTemplateInfo   Flags, DisplayType, HasTemplateDn, TemplateDn, CodePage, LocaleId
 *   2.2.5.10.1 ModLinkAtt        Flags, PropertyTag, MinimalId, HasEntryIds, EntryIdCount, EntryIds
 *   2.2.5.11.1 ModProps          Reserved, HasState, State, HasPropertyTagsToRemove,
 *                                PropertyTagsToRemove, HasPropertyValues, PropertyValues
 *   2.2.5.12.1 QueryRows         Flags, HasState, State, ExplicitTableCount, ExplicitTable, RowCount,
 *                                HasColumns, Columns
 *   2.2.5.13.1 QueryColumns      Reserved, MapiFlags
 *   2.2.5.14.1 ResolveNames      Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames,
 *                                NameCount, NameValues
 *   2.2.5.15.1 ResortRestriction Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds
 *   2.2.5.16.1 SeekEntries       Reserved, HasState, State, HasTarget, Target, HasExplicitTable,
 *                                ExplicitTableCount, ExplicitTable, HasColumns, Columns
 *   2.2.5.17.1 UpdateStat        Reserved, HasState, State, DeltaRequested
 *   2.2.5.18.1 GetMailboxUrl     Flags, ServerDn (null-terminated UTF-16)
 *   2.2.5.19.1 GetAddressBookUrl Flags, UserDn (null-terminated UTF-16)
 * TemplateDn is a null-terminated 8-bit string; Filter is an [MS-OXCDATA] 2.12 restriction; Target is an
 * AddressBookTaggedPropertyValue (2.2.1.2; an older revision of the spec said PropertyValue_r, and
 * Microsoft's test suite sends the tag, a HasValue byte and the value, which is the 2.2.1.2 layout).
 */
#include "internal.h"

#include "../mapi/names.h"
#include "../mapi/restriction.h"

/* Each decoder checks the fixed fields it read (naming the body, `what`) before a structure that
 * reports its own problems. */

static int bind_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_BIND_FLAGS);
    return mh_check(d, what) && nspi_has_state(d);
}

static int unbind_request(mh_dec *d, const char *what)
{
    (void)what;
    mh_u32(d, MH_F_NSPI_RESERVED);
    return 1;
}

static int compare_mids_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d))
        return 0;
    mh_u32(d, MH_F_NSPI_CMP_MINIMAL_ID1);
    mh_u32(d, MH_F_NSPI_CMP_MINIMAL_ID2);
    return 1;
}

static int dntomid_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_HAS_NAMES, &present))
        return 0;
    return present ? nspi_strings8(d, MH_F_NSPI_DNTOMID_NAMES) : 1;
}

/* Tags from 0x8000 in an address book restriction have fixed [MS-OXPROPS] names (not named
 * properties of a mailbox logon). */
static const char *ab_tag_note(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    (void)d;
    (void)buf;
    (void)n;
    return mh_ab_property_tag_name(tag);
}

static int filter(mh_dec *d)
{
    int present;
    if (!nspi_has(d, MH_F_NSPI_GM_HAS_FILTER, &present))
        return 0;
    if (!present)
        return 1;
    size_t start = mh_open(d, MH_F_NSPI_GM_FILTER, NULL);
    int ok = mh_decode_restriction(d, ab_tag_note);
    mh_close(d, start);
    return ok;
}

static int get_matches_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d) || !nspi_optional_mids(d, NSPI_MID_PLAIN))
        return 0;
    mh_u32(d, MH_F_NSPI_GM_INTERFACE_OPTION_FLAGS);
    if (!mh_check(d, what) || !filter(d) || !nspi_has(d, MH_F_NSPI_GM_HAS_PROPERTY_NAME, &present))
        return 0;
    if (present) {
        uint8_t guid[16];
        mh_guid(d, MH_F_NSPI_GM_PROPERTY_NAME_GUID, guid);
        mh_u32(d, MH_F_NSPI_GM_PROPERTY_NAME_ID);
    }
    mh_u32(d, MH_F_NSPI_ROW_COUNT);
    return mh_check(d, what) && nspi_optional_tag_array(d, MH_F_NSPI_HAS_COLUMNS, "Columns");
}

static int get_prop_list_request(mh_dec *d, const char *what)
{
    (void)what;
    mh_u32(d, MH_F_NSPI_GPL_FLAGS);
    nspi_mid(d, MH_F_NSPI_MINIMAL_ID, NSPI_MID_PLAIN);
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    return 1;
}

static int get_props_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_GP_FLAGS);
    return mh_check(d, what) && nspi_has_state(d) &&
           nspi_optional_tag_array(d, MH_F_NSPI_HAS_PROPERTY_TAGS, "PropertyTags");
}

static int get_special_table_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_GST_FLAGS);
    if (!mh_check(d, what) || !nspi_has_state(d) || !nspi_has(d, MH_F_NSPI_GST_HAS_VERSION, &present))
        return 0;
    if (present)
        mh_u32(d, MH_F_NSPI_GST_VERSION);
    return 1;
}

static int get_template_info_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_GTI_FLAGS);
    mh_u32(d, MH_F_NSPI_GTI_DISPLAY_TYPE);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_GTI_HAS_TEMPLATE_DN, &present))
        return 0;
    if (present)
        mh_asciiz(d, MH_F_NSPI_GTI_TEMPLATE_DN);
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    mh_u32(d, MH_F_NSPI_GTI_LOCALE_ID);
    return 1;
}

static int mod_link_att_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_MLA_FLAGS);
    mh_u32(d, MH_F_NSPI_MLA_PROPERTY_TAG);
    nspi_mid(d, MH_F_NSPI_MINIMAL_ID, NSPI_MID_PLAIN);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_MLA_HAS_ENTRY_IDS, &present))
        return 0;
    return present ? nspi_entry_ids(d) : 1;
}

static int mod_props_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d) ||
        !nspi_optional_tag_array(d, MH_F_NSPI_MP_HAS_TAGS_TO_REMOVE, "PropertyTagsToRemove") ||
        !nspi_has(d, MH_F_NSPI_HAS_PROPERTY_VALUES, &present))
        return 0;
    return present ? nspi_value_list(d, "PropertyValues") : 1;
}

static int query_rows_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_QR_FLAGS);
    /* no HasExplicitTable here: ExplicitTableCount is always present */
    if (!mh_check(d, what) || !nspi_has_state(d) || !nspi_explicit_table(d))
        return 0;
    mh_u32(d, MH_F_NSPI_ROW_COUNT);
    return mh_check(d, what) && nspi_optional_tag_array(d, MH_F_NSPI_HAS_COLUMNS, "Columns");
}

static int query_columns_request(mh_dec *d, const char *what)
{
    (void)what;
    mh_u32(d, MH_F_NSPI_RESERVED);
    mh_u32(d, MH_F_NSPI_QC_MAPI_FLAGS);
    return 1;
}

static int resolve_names_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d) ||
        !nspi_optional_tag_array(d, MH_F_NSPI_HAS_PROPERTY_TAGS, "PropertyTags") ||
        !nspi_has(d, MH_F_NSPI_HAS_NAMES, &present))
        return 0;
    return present ? nspi_names16(d) : 1;
}

static int resort_restriction_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_RESERVED);
    return mh_check(d, what) && nspi_has_state(d) && nspi_optional_mids(d, NSPI_MID_PLAIN);
}

static int seek_entries_request(mh_dec *d, const char *what)
{
    int present;
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d) || !nspi_has(d, MH_F_NSPI_SE_HAS_TARGET, &present))
        return 0;
    if (present) {
        size_t start = mh_open(d, MH_F_NSPI_SE_TARGET, NULL);
        int ok = nspi_tagged_value(d);
        mh_close(d, start);
        if (!ok)
            return 0;
    }
    if (!nspi_has(d, MH_F_NSPI_HAS_EXPLICIT_TABLE, &present))
        return 0;
    if (present && !nspi_explicit_table(d))
        return 0;
    return nspi_optional_tag_array(d, MH_F_NSPI_HAS_COLUMNS, "Columns");
}

static int update_stat_request(mh_dec *d, const char *what)
{
    mh_u32(d, MH_F_NSPI_RESERVED);
    if (!mh_check(d, what) || !nspi_has_state(d))
        return 0;
    mh_u8(d, MH_F_NSPI_US_DELTA_REQUESTED);
    return 1;
}

static int get_mailbox_url_request(mh_dec *d, const char *what)
{
    (void)what;
    mh_u32(d, MH_F_NSPI_GMU_FLAGS);
    mh_utf16z(d, MH_F_NSPI_GMU_SERVER_DN);
    return 1;
}

static int get_address_book_url_request(mh_dec *d, const char *what)
{
    (void)what;
    mh_u32(d, MH_F_NSPI_GABU_FLAGS);
    mh_utf16z(d, MH_F_NSPI_GABU_USER_DN);
    return 1;
}

const nspi_fields_fn mh_nspi_request_fields[MH_RT_COUNT] = {
    [MH_RT_BIND] = bind_request,
    [MH_RT_UNBIND] = unbind_request,
    [MH_RT_COMPARE_MIDS] = compare_mids_request,
    [MH_RT_DNTOMID] = dntomid_request,
    [MH_RT_GET_MATCHES] = get_matches_request,
    [MH_RT_GET_PROP_LIST] = get_prop_list_request,
    [MH_RT_GET_PROPS] = get_props_request,
    [MH_RT_GET_SPECIAL_TABLE] = get_special_table_request,
    [MH_RT_GET_TEMPLATE_INFO] = get_template_info_request,
    [MH_RT_MOD_LINK_ATT] = mod_link_att_request,
    [MH_RT_MOD_PROPS] = mod_props_request,
    [MH_RT_QUERY_COLUMNS] = query_columns_request,
    [MH_RT_QUERY_ROWS] = query_rows_request,
    [MH_RT_RESOLVE_NAMES] = resolve_names_request,
    [MH_RT_RESORT_RESTRICTION] = resort_restriction_request,
    [MH_RT_SEEK_ENTRIES] = seek_entries_request,
    [MH_RT_UPDATE_STAT] = update_stat_request,
    [MH_RT_GET_MAILBOX_URL] = get_mailbox_url_request,
    [MH_RT_GET_ADDRESS_BOOK_URL] = get_address_book_url_request,
};

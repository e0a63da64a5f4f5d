/*
 * [MS-OXCMAPIHTTP] 2.2.5.x.2 success response bodies of the 19 address book request types: the fields
 * after StatusCode and ErrorCode and before AuxiliaryBufferSize (nspi.c decodes those and the failure
 * bodies). Field order as the spec's tables:
 *   2.2.5.1.2  Bind              ServerGuid
 *   2.2.5.2.2  Unbind            (none)
 *   2.2.5.3.2  CompareMIds       Result (signed: <0 MinimalId1 first, 0 same position, >0 MinimalId1 after)
 *   2.2.5.4.2  DNToMId           HasMinimalIds, MinimalIdCount, MinimalIds
 *   2.2.5.5.2  GetMatches        HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
 *                                HasColumnsAndRows, Columns, RowCount, RowData
 *   2.2.5.6.2  GetPropList       HasPropertyTags, PropertyTags
 *   2.2.5.7.2  GetProps          CodePage, HasPropertyValues, PropertyValues
 *   2.2.5.8.2  GetSpecialTable   CodePage, HasVersion, Version, HasRows, RowsCount, Rows (each an
 *                                AddressBookPropertyValueList)
 *   2.2.5.9.2  GetTemplateInfo   CodePage, HasRow, Row (AddressBookPropertyValueList)
 *   2.2.5.10.2 ModLinkAtt        (none)
 *   2.2.5.11.2 ModProps          (none)
 *   2.2.5.12.2 QueryRows         HasState, State, HasColumnsAndRows, Columns, RowCount, RowData
 *   2.2.5.13.2 QueryColumns      HasColumns, Columns
 *   2.2.5.14.2 ResolveNames      CodePage, HasMinimalIds, MinimalIdCount, MinimalIds (ANR Minimal Entry
 *                                IDs), HasRowsAndColumns, PropertyTags, RowCount, RowData
 *   2.2.5.15.2 ResortRestriction HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds
 *   2.2.5.16.2 SeekEntries       HasState, State, HasColumnsAndRows, Columns, RowCount, RowData
 *   2.2.5.17.2 UpdateStat        HasState, State, HasDelta, Delta (signed)
 *   2.2.5.18.2 GetMailboxUrl     ServerUrl (null-terminated UTF-16)
 *   2.2.5.19.2 GetAddressBookUrl ServerUrl (null-terminated UTF-16)
 * Rows decode with the columns the response itself carries in front of them.
 */
#include "internal.h"

static int bind_response(mh_dec *d, const char *what)
{
    (void)what;
    uint8_t guid[16];
    mh_guid(d, MH_F_NSPI_BIND_SERVER_GUID, guid);
    return 1;
}

static int no_fields(mh_dec *d, const char *what)
{
    (void)d;
    (void)what;
    return 1;
}

static int compare_mids_response(mh_dec *d, const char *what)
{
    (void)what;
    size_t at = mh_cur_pos(&d->c);
    int32_t r = (int32_t)mh_cur_u32(&d->c, "Result");
    if (mh_cur_ok(&d->c))
        mh_emit_uint(d, MH_F_NSPI_CMP_RESULT, at, 4, (uint64_t)(int64_t)r,
                     r < 0 ? "MinimalId1 precedes MinimalId2" : r == 0 ? "same position" : "MinimalId1 follows MinimalId2");
    return 1;
}

static int dntomid_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_optional_mids(d, NSPI_MID_PLAIN);
}

static int get_matches_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_has_state(d) && nspi_optional_mids(d, NSPI_MID_PLAIN) &&
           nspi_columns_and_rows(d, MH_F_NSPI_HAS_COLUMNS_AND_ROWS, "Columns");
}

static int get_prop_list_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_optional_tag_array(d, MH_F_NSPI_HAS_PROPERTY_TAGS, "PropertyTags");
}

static int get_props_response(mh_dec *d, const char *what)
{
    int present;
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_HAS_PROPERTY_VALUES, &present))
        return 0;
    return present ? nspi_value_list(d, "PropertyValues") : 1;
}

static int get_special_table_response(mh_dec *d, const char *what)
{
    int present;
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_GST_HAS_VERSION, &present))
        return 0;
    if (present)
        mh_u32(d, MH_F_NSPI_GST_VERSION);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_GST_HAS_ROWS, &present))
        return 0;
    if (!present)
        return 1;
    uint32_t n = mh_u32(d, MH_F_NSPI_GST_ROWS_COUNT);
    if (!mh_check(d, what))
        return 0;
    size_t start = mh_open(d, MH_F_NSPI_GST_ROWS, NULL);
    int ok = 1;
    /* each list takes at least its 4-byte count, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; ok && i < n; i++)
        ok = nspi_value_list(d, NULL);
    mh_close(d, start);
    return ok;
}

static int get_template_info_response(mh_dec *d, const char *what)
{
    int present;
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    if (!mh_check(d, what) || !nspi_has(d, MH_F_NSPI_GTI_HAS_ROW, &present))
        return 0;
    return present ? nspi_value_list(d, "Row") : 1;
}

static int query_rows_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_has_state(d) && nspi_columns_and_rows(d, MH_F_NSPI_HAS_COLUMNS_AND_ROWS, "Columns");
}

static int query_columns_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_optional_tag_array(d, MH_F_NSPI_HAS_COLUMNS, "Columns");
}

static int resolve_names_response(mh_dec *d, const char *what)
{
    nspi_code_page(d, MH_F_NSPI_CODE_PAGE);
    return mh_check(d, what) && nspi_optional_mids(d, NSPI_MID_ANR) &&
           nspi_columns_and_rows(d, MH_F_NSPI_RN_HAS_ROWS_AND_COLUMNS, "PropertyTags");
}

static int resort_restriction_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_has_state(d) && nspi_optional_mids(d, NSPI_MID_PLAIN);
}

static int seek_entries_response(mh_dec *d, const char *what)
{
    (void)what;
    return nspi_has_state(d) && nspi_columns_and_rows(d, MH_F_NSPI_HAS_COLUMNS_AND_ROWS, "Columns");
}

static int update_stat_response(mh_dec *d, const char *what)
{
    (void)what;
    int present;
    if (!nspi_has_state(d) || !nspi_has(d, MH_F_NSPI_US_HAS_DELTA, &present))
        return 0;
    if (present)
        mh_i32(d, MH_F_NSPI_US_DELTA);
    return 1;
}

static int server_url_response(mh_dec *d, const char *what)
{
    (void)what;
    mh_utf16z(d, MH_F_NSPI_SERVER_URL);
    return 1;
}

const nspi_fields_fn mh_nspi_response_fields[MH_RT_COUNT] = {
    [MH_RT_BIND] = bind_response,
    [MH_RT_UNBIND] = no_fields,
    [MH_RT_COMPARE_MIDS] = compare_mids_response,
    [MH_RT_DNTOMID] = dntomid_response,
    [MH_RT_GET_MATCHES] = get_matches_response,
    [MH_RT_GET_PROP_LIST] = get_prop_list_response,
    [MH_RT_GET_PROPS] = get_props_response,
    [MH_RT_GET_SPECIAL_TABLE] = get_special_table_response,
    [MH_RT_GET_TEMPLATE_INFO] = get_template_info_response,
    [MH_RT_MOD_LINK_ATT] = no_fields,
    [MH_RT_MOD_PROPS] = no_fields,
    [MH_RT_QUERY_COLUMNS] = query_columns_response,
    [MH_RT_QUERY_ROWS] = query_rows_response,
    [MH_RT_RESOLVE_NAMES] = resolve_names_response,
    [MH_RT_RESORT_RESTRICTION] = resort_restriction_response,
    [MH_RT_SEEK_ENTRIES] = seek_entries_response,
    [MH_RT_UPDATE_STAT] = update_stat_response,
    [MH_RT_GET_MAILBOX_URL] = server_url_response,
    [MH_RT_GET_ADDRESS_BOOK_URL] = server_url_response,
};

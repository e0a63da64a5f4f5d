/*
 * [MS-OXCROPS] 2.2.4.4 RopSetSearchCriteria (0x30) and 2.2.4.5 RopGetSearchCriteria (0x31), with the
 * values of [MS-OXCFOLD] 2.2.1.4.1 (SearchFlags of the request) and 2.2.1.5 (UseUnicode,
 * IncludeRestriction, IncludeFolders; the SearchFlags that describe the search's state):
 *   SetSearchCriteria request   RestrictionDataSize, RestrictionData, FolderIdCount, FolderIds,
 *                               SearchFlags; the response has nothing after ReturnValue (2.2.4.4.2).
 *   GetSearchCriteria request   UseUnicode, IncludeRestriction, IncludeFolders
 *   GetSearchCriteria response  RestrictionDataSize, RestrictionData, LogonId, FolderIdCount, FolderIds,
 *                               SearchFlags (2.2.4.5.2; [MS-OXCFOLD] 2.2.1.5.2 leaves LogonId out of its
 *                               list of fields, [MS-OXCROPS] places it after RestrictionData).
 */
#include "../mapi/ids.h"
#include "rop_catalog.h"
#include "rop_restriction.h"

static const mh_vs set_search_flags_vs[] = {
    { 0x00000001, "STOP_SEARCH" },            { 0x00000002, "RESTART_SEARCH" },
    { 0x00000004, "RECURSIVE_SEARCH" },       { 0x00000008, "SHALLOW_SEARCH" },
    { 0x00010000, "CONTENT_INDEXED_SEARCH" }, { 0x00020000, "NON_CONTENT_INDEXED_SEARCH" },
    { 0x00040000, "STATIC_SEARCH" },
};
const mh_names mh_names_set_search_flags = MH_BITS(set_search_flags_vs);

static const mh_vs get_search_flags_vs[] = {
    { 0x00000001, "SEARCH_RUNNING" },  { 0x00000002, "SEARCH_REBUILD" },      { 0x00000004, "SEARCH_RECURSIVE" },
    { 0x00001000, "SEARCH_COMPLETE" }, { 0x00002000, "SEARCH_PARTIAL" },      { 0x00010000, "SEARCH_STATIC" },
    { 0x00020000, "SEARCH_MAYBE_STATIC" }, { 0x01000000, "CI_TOTALLY" },      { 0x08000000, "TWIR_TOTALLY" },
};
const mh_names mh_names_get_search_flags = MH_BITS(get_search_flags_vs);

/* FolderIdCount and the FolderIds ([MS-OXCDATA] 2.2.1.1). */
static void folder_ids(mh_dec *d, mh_field_id count_field, mh_field_id node)
{
    uint16_t n = mh_u16(d, count_field);
    if (!mh_cur_ok(&d->c) || !n) /* 0: the folders of the last search ([MS-OXCFOLD] 2.2.1.4.1), or none asked */
        return;
    size_t start = mh_open(d, node, NULL);
    for (uint16_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_close(d, start);
}

static void set_search_criteria_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    if (!mh_rop_restriction_data(d))
        return;
    folder_ids(d, MH_F_SET_SEARCH_CRITERIA_FOLDER_ID_COUNT, MH_F_SET_SEARCH_CRITERIA_FOLDER_IDS);
    mh_u32(d, MH_F_SET_SEARCH_CRITERIA_SEARCH_FLAGS);
}

static void get_search_criteria_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_GET_SEARCH_CRITERIA_USE_UNICODE);
    mh_u8(d, MH_F_GET_SEARCH_CRITERIA_INCLUDE_RESTRICTION);
    mh_u8(d, MH_F_GET_SEARCH_CRITERIA_INCLUDE_FOLDERS);
}

static void get_search_criteria_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    if (!mh_rop_restriction_data(d))
        return;
    mh_u8(d, MH_F_ROP_LOGON_ID);
    folder_ids(d, MH_F_GET_SEARCH_CRITERIA_FOLDER_ID_COUNT, MH_F_GET_SEARCH_CRITERIA_FOLDER_IDS);
    mh_u32(d, MH_F_GET_SEARCH_CRITERIA_SEARCH_FLAGS);
}

const mh_rop_impl mh_rops_search[] = {
    { 0x30, 0, 0, set_search_criteria_request, mh_rop_response_empty },
    { 0x31, 0, 0, get_search_criteria_request, get_search_criteria_response },
};
const size_t mh_rops_search_count = sizeof mh_rops_search / sizeof mh_rops_search[0];

/*
 * Value names of the address book bodies:
 *   ErrorCode: [MS-OXNSPI] 2.2.1.2 permitted error codes (generated table), other values by their
 *     [MS-OXCDATA] 2.4 names;
 *   SortType: [MS-OXNSPI] 2.2.1.10 table sort orders; CodePage: 2.2.1.4 required code pages;
 *   CurrentRec: 2.2.1.8 positioning Minimal Entry IDs; ResolveNames MinimalIds: 2.2.1.9 ANR Minimal
 *     Entry IDs; ContainerID 0: the Global Address List ([MS-OXOABK] 2.2.2.3);
 *   display types: [MS-OXNSPI] 2.2.1.3; EntryID ID Type: 2.2.9.2 (0x87) and 2.2.9.3 (0x00);
 *   HasValue: [MS-OXCMAPIHTTP] 2.2.1.1 (TRUE 0xFF, FALSE 0x00);
 *   the flag bits the server honours for each request type ([MS-OXCMAPIHTTP] 2.2.5.x.1 "The server
 *     MUST ignore values other than the bit flags ..."), named as [MS-OXNSPI] 2.2.1.x names them.
 * Minimal Entry IDs are mostly plain object ids, so their few spec-named values are shown as notes
 * rather than as value names (a value-name table would call every other id "Unknown").
 */
#include "internal.h"

#include "../generated/tables.h"

static const char *nspi_error_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    const char *name = mh_vs_bsearch(mh_nspi_error_vs, mh_nspi_error_vs_count, v);
    return name ? name : mh_vs_bsearch(mh_error_code_vs, mh_error_code_vs_count, v);
}
const mh_names mh_names_nspi_error_code = { NULL, 0, 0, 0, nspi_error_lookup };

static const mh_vs sort_type_vs[] = {
    { 0x00000000, "SortTypeDisplayName" },
    { 0x00000003, "SortTypePhoneticDisplayName" },
    { 0x000003E8, "SortTypeDisplayName_RO" },
    { 0x000003E9, "SortTypeDisplayName_W" },
};
const mh_names mh_names_nspi_sort_type = MH_NAMES_SORTED(sort_type_vs);

static const mh_vs display_type_vs[] = {
    { 0x00000000, "DT_MAILUSER" },   { 0x00000001, "DT_DISTLIST" },         { 0x00000002, "DT_FORUM" },
    { 0x00000003, "DT_AGENT" },      { 0x00000004, "DT_ORGANIZATION" },     { 0x00000005, "DT_PRIVATE_DISTLIST" },
    { 0x00000006, "DT_REMOTE_MAILUSER" }, { 0x00000100, "DT_CONTAINER" },   { 0x00000101, "DT_TEMPLATE" },
    { 0x00000102, "DT_ADDRESS_TEMPLATE" }, { 0x00000200, "DT_SEARCH" },
};
const mh_names mh_names_nspi_display_type = MH_NAMES_SORTED(display_type_vs);

static const mh_vs id_type_vs[] = { { 0x00, "PermanentEntryID" }, { 0x87, "EphemeralEntryID" } };
const mh_names mh_names_nspi_id_type = MH_NAMES(id_type_vs);

static const mh_vs has_value_vs[] = { { 0x00, "FALSE" }, { 0xFF, "TRUE" } };
const mh_names mh_names_nspi_has_value = MH_NAMES(has_value_vs);

static const mh_vs bind_flags_vs[] = { { 0x00000020, "fAnonymousLogin" } };
const mh_names mh_names_nspi_bind_flags = MH_BITS(bind_flags_vs);

static const mh_vs get_prop_list_flags_vs[] = { { 0x00000001, "fSkipObjects" } };
const mh_names mh_names_nspi_get_prop_list_flags = MH_BITS(get_prop_list_flags_vs);

/* GetProps and QueryRows */
static const mh_vs get_props_flags_vs[] = { { 0x00000001, "fSkipObjects" }, { 0x00000002, "fEphID" } };
const mh_names mh_names_nspi_get_props_flags = MH_BITS(get_props_flags_vs);

static const mh_vs get_special_table_flags_vs[] = {
    { 0x00000002, "NspiAddressCreationTemplates" }, { 0x00000004, "NspiUnicodeStrings" } };
const mh_names mh_names_nspi_get_special_table_flags = MH_BITS(get_special_table_flags_vs);

static const mh_vs get_template_info_flags_vs[] = {
    { 0x00000001, "TI_TEMPLATE" },      { 0x00000004, "TI_SCRIPT" },
    { 0x00000010, "TI_EMT" },           { 0x00000020, "TI_HELPFILE_NAME" },
    { 0x00000040, "TI_HELPFILE_CONTENTS" },
};
const mh_names mh_names_nspi_get_template_info_flags = MH_BITS(get_template_info_flags_vs);

static const mh_vs mod_link_att_flags_vs[] = { { 0x00000001, "fDelete" } };
const mh_names mh_names_nspi_mod_link_att_flags = MH_BITS(mod_link_att_flags_vs);

static const mh_vs query_columns_flags_vs[] = { { 0x80000000, "NspiUnicodeProptypes" } };
const mh_names mh_names_nspi_query_columns_flags = MH_BITS(query_columns_flags_vs);

static const char *mid_note(uint32_t v, nspi_mid_kind kind)
{
    switch (kind) {
    case NSPI_MID_POSITION:
        return v == 0 ? "MID_BEGINNING_OF_TABLE" : v == 1 ? "MID_CURRENT" : v == 2 ? "MID_END_OF_TABLE" : NULL;
    case NSPI_MID_ANR:
        return v == 0 ? "MID_UNRESOLVED" : v == 1 ? "MID_AMBIGUOUS" : v == 2 ? "MID_RESOLVED" : NULL;
    case NSPI_MID_CONTAINER:
        return v == 0 ? "Global Address List" : NULL;
    case NSPI_MID_PLAIN:
        break;
    }
    return NULL;
}

static uint32_t noted_u32(mh_dec *d, mh_field_id f, const char *(*note)(uint32_t, nspi_mid_kind), nspi_mid_kind k)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t v = mh_cur_u32(&d->c, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        mh_emit_uint(d, f, at, 4, v, note(v, k));
    return v;
}

uint32_t nspi_mid(mh_dec *d, mh_field_id f, nspi_mid_kind kind)
{
    return noted_u32(d, f, mid_note, kind);
}

static const char *code_page_note(uint32_t v, nspi_mid_kind kind)
{
    (void)kind;
    return v == 0x000004B0 ? "CP_WINUNICODE" : v == 0x00004F25 ? "CP_TELETEX" : NULL;
}

uint32_t nspi_code_page(mh_dec *d, mh_field_id f)
{
    return noted_u32(d, f, code_page_note, NSPI_MID_PLAIN);
}

/* [MS-OXCROPS] 2.2.5 table ROPs: 2.2.5.1 RopSetColumns ([MS-OXCTABL] 2.2.2.1.3 TableStatus,
 * 2.2.2.2.1 SetColumnsFlags). */
#include "../mapi/propvalue.h"
#include "rop_catalog.h"

static const mh_vs set_columns_flags_vs[] = { { 0x00, "TBL_SYNC" }, { 0x01, "TBL_ASYNC" } };
const mh_names mh_names_set_columns_flags = MH_NAMES(set_columns_flags_vs);

static const mh_vs table_status_vs[] = {
    { 0x00, "TBLSTAT_COMPLETE" },       { 0x09, "TBLSTAT_SORTING" },    { 0x0A, "TBLSTAT_SORT_ERROR" },
    { 0x0B, "TBLSTAT_SETTING_COLS" },   { 0x0D, "TBLSTAT_SETCOL_ERROR" }, { 0x0E, "TBLSTAT_RESTRICTING" },
    { 0x0F, "TBLSTAT_RESTRICT_ERROR" },
};
const mh_names mh_names_table_status = MH_NAMES(table_status_vs);

static void set_columns_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SET_COLUMNS_FLAGS);
    uint16_t n = mh_u16(d, MH_F_SET_COLUMNS_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
}

/* Columns take effect only when the server accepted them ([MS-OXCTABL] 3.2.5.1): commit on success. */
static void set_columns_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)rv;
    mh_u8(d, MH_F_TABLE_STATUS);
    if (!r || !mh_cur_ok(&d->c))
        return;
    mh_object *t = mh_rop_object_at(d, r->in_index);
    if (t)
        mh_object_set_columns(t, r->tag_count ? &x->tags[r->tags_off] : NULL, r->tag_count);
}

const mh_rop_impl mh_rops_table[] = {
    { 0x12, 0, 0, set_columns_request, set_columns_response },
};
const size_t mh_rops_table_count = sizeof mh_rops_table / sizeof mh_rops_table[0];

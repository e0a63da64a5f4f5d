/* The ROP catalogue: RopId names from the generated [MS-OXCROPS] 2.2.2 table, decoders from the family
 * files, indexed once by RopId. */
#include "rop_catalog.h"

#include "../generated/tables.h"

static const char *rop_id_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    if (v > 0xFF)
        return NULL;
    return mh_rop_ids[v].name ? mh_rop_ids[v].name : "Reserved";
}
const mh_names mh_names_rop_id = { NULL, 0, 0, 0, rop_id_lookup };

static const struct {
    const mh_rop_impl *impl;
    const size_t *count;
} families[] = {
    { mh_rops_misc, &mh_rops_misc_count },
    { mh_rops_store, &mh_rops_store_count },
    { mh_rops_folder, &mh_rops_folder_count },
    { mh_rops_table, &mh_rops_table_count },
    { mh_rops_property, &mh_rops_property_count },
    { mh_rops_stream, &mh_rops_stream_count },
    { mh_rops_notify, &mh_rops_notify_count },
    { mh_rops_message, &mh_rops_message_count },
    { mh_rops_transport, &mh_rops_transport_count },
    { mh_rops_permission, &mh_rops_permission_count },
    { mh_rops_fasttransfer, &mh_rops_fasttransfer_count },
    { mh_rops_ics, &mh_rops_ics_count },
    { mh_rops_rule, &mh_rops_rule_count },
    { mh_rops_search, &mh_rops_search_count },
};

static const mh_rop_impl *index_by_id[256];
static int indexed;

static void build_index(void)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < *families[f].count; i++)
            index_by_id[families[f].impl[i].id] = &families[f].impl[i];
    indexed = 1;
}

const mh_rop_impl *mh_rop_impl_get(uint8_t id)
{
    if (!indexed)
        build_index();
    return index_by_id[id];
}

const char *mh_rop_name(uint8_t id) { return mh_rop_ids[id].name; }
const char *mh_rop_section(uint8_t id) { return mh_rop_ids[id].section; }
int mh_rop_has_request(uint8_t id) { return mh_rop_ids[id].name && mh_rop_ids[id].has_request; }
int mh_rop_has_response(uint8_t id) { return mh_rop_ids[id].name && mh_rop_ids[id].has_response; }

void mh_rop_response_empty(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)d;
    (void)x;
    (void)r;
    (void)rv;
}

uint8_t mh_rop_logon_id(mh_dec *d, mh_rop_req *r)
{
    uint8_t v = mh_u8(d, MH_F_ROP_LOGON_ID);
    if (r)
        r->logon_id = v;
    return v;
}

uint32_t mh_rop_handle_index_field(mh_dec *d, mh_field_id f, size_t width)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t v = width == 1 ? mh_cur_u8(&d->c, mh_fields[f].label) : mh_cur_u32(&d->c, mh_fields[f].label);
    if (!mh_cur_ok(&d->c))
        return 0;
    char note[160] = "";
    if (v <= 0xFF)
        mh_rop_describe_index(d, (uint8_t)v, note, sizeof note);
    mh_emit_uint(d, f, at, width, v, note[0] ? note : NULL);
    return v;
}

static uint8_t handle_index(mh_dec *d, mh_field_id f) { return (uint8_t)mh_rop_handle_index_field(d, f, 1); }

uint8_t mh_rop_input_handle_index(mh_dec *d, mh_rop_req *r)
{
    uint8_t v = handle_index(d, MH_F_ROP_INPUT_HANDLE_INDEX);
    if (r)
        r->in_index = v;
    return v;
}

uint8_t mh_rop_output_handle_index(mh_dec *d, mh_rop_req *r)
{
    uint8_t v = handle_index(d, MH_F_ROP_OUTPUT_HANDLE_INDEX);
    if (r)
        r->out_index = v;
    return v;
}

uint8_t mh_rop_response_handle_index(mh_dec *d, int output)
{
    return handle_index(d, output ? MH_F_ROP_OUTPUT_HANDLE_INDEX : MH_F_ROP_INPUT_HANDLE_INDEX);
}

uint8_t mh_rop_response_source_index(mh_dec *d)
{
    return handle_index(d, MH_F_SOURCE_HANDLE_INDEX);
}

void mh_rop_source_dest(mh_dec *d, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    uint8_t src = handle_index(d, MH_F_SOURCE_HANDLE_INDEX);
    uint8_t dst = handle_index(d, MH_F_DEST_HANDLE_INDEX);
    if (r) {
        r->in_index = src;
        r->u32a = dst;
    }
}

int mh_rop_null_dest_index(mh_dec *d, const mh_rop_req *r)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t dst = mh_rop_handle_index_field(d, MH_F_DEST_HANDLE_INDEX, 4);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (r && dst != r->u32a)
        mh_problem(d, MH_PROB_MALFORMED, at, 4,
                   "%s: the ecDstNullObject response's DestHandleIndex %u is not the request's %u, which it MUST repeat",
                   mh_rop_name(r->rop_id), dst, (unsigned)r->u32a);
    return 1;
}

uint8_t mh_rop_response_index(mh_dec *d, mh_rop_req *r)
{
    uint8_t v = handle_index(d, MH_F_ROP_RESPONSE_HANDLE_INDEX);
    if (r)
        r->out_index = v;
    return v;
}

/*
 * [MS-OXCROPS] 2.2.10 permission ROPs, with the field semantics of [MS-OXCPERM] 2.2:
 * 2.2.10.1 RopModifyPermissions (ModifyFlags of [MS-OXCPERM] 2.2.2.1, PermissionData rows of 2.2.2.1.1)
 * and 2.2.10.2 RopGetPermissionsTable (TableFlags of [MS-OXCPERM] 2.2.1.1), which opens a Table object on
 * the folder's permissions list at OutputHandleIndex.
 */
#include "../mapi/permission.h"
#include "rop_catalog.h"

static const mh_vs modify_flags_vs[] = { { 0x01, "ReplaceRows" }, { 0x02, "IncludeFreeBusy" } };
const mh_names mh_names_modify_permissions_flags = MH_BITS(modify_flags_vs);

static const mh_vs table_flags_vs[] = { { 0x02, "IncludeFreeBusy" } };
const mh_names mh_names_permissions_table_flags = MH_BITS(table_flags_vs);

static void modify_permissions_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_MP_MODIFY_FLAGS);
    uint16_t n = mh_u16(d, MH_F_MP_MODIFY_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_MP_PERMISSIONS_DATA, NULL);
    for (uint16_t i = 0; i < n; i++)
        if (!mh_decode_permission_data(d))
            break;
    mh_close(d, start);
}

static void get_permissions_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    uint8_t in = mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_GPT_TABLE_FLAGS);
    /* the table lists the permissions of the input folder: it gets the folder's id when that is known */
    mh_object *folder = mh_cur_ok(&d->c) && r ? mh_rop_object_at(d, in) : NULL;
    if (folder && folder->kind == MH_OBJ_FOLDER)
        r->id1 = folder->folder_id;
}

const mh_rop_impl mh_rops_permission[] = {
    { 0x3E, MH_ROP_RESP_OUTPUT, MH_OBJ_TABLE, get_permissions_table_request, mh_rop_response_empty },
    { 0x40, 0, 0, modify_permissions_request, mh_rop_response_empty },
};
const size_t mh_rops_permission_count = sizeof mh_rops_permission / sizeof mh_rops_permission[0];

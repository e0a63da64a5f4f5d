/*
 * [MS-OXCROPS] 2.2.11 rule ROPs ([MS-OXORULE] 2.2.1 - 2.2.3):
 *   2.2.11.1 RopModifyRules (0x41)                  ModifyRulesFlag (R 0x01: replace the rule set,
 *            [MS-OXORULE] 2.2.1.1), RulesCount, RulesData (RuleData, [MS-OXORULE] 2.2.1.3); the response
 *            has nothing after ReturnValue (2.2.11.1.2).
 *   2.2.11.2 RopGetRulesTable (0x3F)                TableFlags (U 0x40: Unicode strings, [MS-OXORULE]
 *            2.2.2.1); a success opens a table at OutputHandleIndex (2.2.11.2.2).
 *   2.2.11.3 RopUpdateDeferredActionMessages (0x57) ServerEntryIdSize, ServerEntryId, ClientEntryIdSize,
 *            ClientEntryId ([MS-OXORULE] 2.2.3.1); the response has nothing after ReturnValue.
 */
#include "../mapi/rule.h"
#include "rop_catalog.h"

static const mh_vs modify_rules_flag_vs[] = { { 0x01, "R: replace the rule set" } };
const mh_names mh_names_modify_rules_flag = MH_BITS(modify_rules_flag_vs);

static const mh_vs rules_table_flags_vs[] = { { 0x40, "U: Unicode strings" } };
const mh_names mh_names_rules_table_flags = MH_BITS(rules_table_flags_vs);

static void modify_rules_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_MODIFY_RULES_FLAG);
    uint16_t n = mh_u16(d, MH_F_MODIFY_RULES_RULES_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_MODIFY_RULES_RULES_DATA, NULL);
    /* standard rules in a ROP buffer: the counts inside are 16 bits wide (d->wide_counts is clear),
     * [MS-OXORULE] 2.2.5, [MS-OXCDATA] 2.11.1.1 */
    /* a RuleData takes at least 3 bytes, so a count larger than the bytes stops on its own */
    for (uint16_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        if (!mh_decode_rule_data(d, mh_rop_named_note))
            break;
    mh_close(d, start);
}

/* The rules table belongs to the folder at InputHandleIndex: it takes the folder's id. */
static void get_rules_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    uint8_t in = mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_GET_RULES_TABLE_FLAGS);
    const mh_object *folder = r ? mh_rop_object_at(d, in) : NULL;
    if (folder && folder->kind == MH_OBJ_FOLDER)
        r->id1 = folder->folder_id;
}

static void update_deferred_action_messages_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    /* entry IDs of a DAM on the server and on the client ([MS-OXORULE] 2.2.3.1), shown as bytes */
    uint16_t n = mh_u16(d, MH_F_UDAM_SERVER_ENTRY_ID_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_UDAM_SERVER_ENTRY_ID, n);
    n = mh_u16(d, MH_F_UDAM_CLIENT_ENTRY_ID_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_UDAM_CLIENT_ENTRY_ID, n);
}

const mh_rop_impl mh_rops_rule[] = {
    { 0x3F, MH_ROP_RESP_OUTPUT, MH_OBJ_TABLE, get_rules_table_request, mh_rop_response_empty },
    { 0x41, 0, 0, modify_rules_request, mh_rop_response_empty },
    { 0x57, 0, 0, update_deferred_action_messages_request, mh_rop_response_empty },
};
const size_t mh_rops_rule_count = sizeof mh_rops_rule / sizeof mh_rops_rule[0];

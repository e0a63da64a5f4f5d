/*
 * [MS-OXCROPS] 2.2.13 Incremental Change Synchronization ROPs, with the field values of [MS-OXCFXICS]
 * 2.2.3.2: 2.2.13.1 RopSynchronizationConfigure ([MS-OXCFXICS] 2.2.3.2.1.1.1), 2.2.13.2
 * RopSynchronizationImportMessageChange (2.2.3.2.4.2.1), 2.2.13.3 RopSynchronizationImportReadStateChanges,
 * 2.2.13.4 RopSynchronizationImportHierarchyChange, 2.2.13.5 RopSynchronizationImportDeletes, 2.2.13.6
 * RopSynchronizationImportMessageMove (2.2.3.2.4.4), 2.2.13.7 RopSynchronizationOpenCollector, 2.2.13.8
 * RopSynchronizationGetTransferState, 2.2.13.9 - 2.2.13.11 RopSynchronizationUploadStateStreamBegin /
 * Continue / End, 2.2.13.12 RopSetLocalReplicaMidsetDeleted, 2.2.13.13 RopGetLocalReplicaIds; XIDs and
 * PredecessorChangeLists per [MS-OXCFXICS] 2.2.2.2 and 2.2.2.3, LongTermIds per [MS-OXCDATA] 2.2.1.3.1.
 *
 * RopSynchronizationConfigure creates an ICS download context (also a FastTransfer source: its stream
 * comes through RopFastTransferSourceGetBuffer), RopSynchronizationOpenCollector an ICS upload context,
 * RopSynchronizationGetTransferState a FastTransfer download context for the final ICS state, and
 * RopSynchronizationImportMessageChange a Message object. */
#include <stdio.h>
#include <string.h>

#include "../mapi/fxstream.h"
#include "../mapi/idset.h"
#include "../mapi/ids.h"
#include "../mapi/propvalue.h"
#include "rop_restriction.h"
#include "rops_fxics.h"

/* 2.2.3.2.1.1.1 SynchronizationType, SynchronizationFlags, SynchronizationExtraFlags */
static const mh_vs synchronization_type_vs[] = { { 0x01, "Contents" }, { 0x02, "Hierarchy" } };
const mh_names mh_names_ics_synchronization_type = MH_NAMES(synchronization_type_vs);

static const mh_vs synchronization_flags_vs[] = {
    { 0x0001, "Unicode" },  { 0x0002, "NoDeletions" }, { 0x0004, "IgnoreNoLongerInScope" },
    { 0x0008, "ReadState" }, { 0x0010, "FAI" },        { 0x0020, "Normal" },
    { 0x0080, "OnlySpecifiedProperties" }, { 0x0100, "NoForeignIdentifiers" }, { 0x1000, "Reserved" },
    { 0x2000, "BestBody" }, { 0x4000, "IgnoreSpecifiedOnFAI" }, { 0x8000, "Progress" },
};
const mh_names mh_names_ics_synchronization_flags = MH_BITS(synchronization_flags_vs);

static const mh_vs synchronization_extra_flags_vs[] = { { 0x00000001, "Eid" }, { 0x00000002, "MessageSize" },
                                                        { 0x00000004, "Cn" }, { 0x00000008, "OrderByDeliveryTime" } };
const mh_names mh_names_ics_synchronization_extra_flags = MH_BITS(synchronization_extra_flags_vs);

/* 2.2.3.2.4.2.1 ImportFlag, 2.2.3.2.4.5.1 ImportDeleteFlags */
static const mh_vs import_flag_vs[] = { { 0x10, "Associated" }, { 0x40, "FailOnConflict" } };
const mh_names mh_names_ics_import_flag = MH_BITS(import_flag_vs);
static const mh_vs import_delete_flags_vs[] = { { 0x01, "Hierarchy" }, { 0x02, "HardDelete" } };
const mh_names mh_names_ics_import_delete_flags = MH_BITS(import_delete_flags_vs);

/* 2.2.3.2.2.1.1 StateProperty: one of the ICS state properties of 2.2.1.1 */
static const mh_vs state_property_vs[] = { { 0x40170003, "MetaTagIdsetGiven" }, { 0x67960102, "MetaTagCnsetSeen" },
                                           { 0x67D20102, "MetaTagCnsetRead" }, { 0x67DA0102, "MetaTagCnsetSeenFAI" } };
const mh_names mh_names_ics_state_property = MH_NAMES_SORTED(state_property_vs);

/* ---------------------------------------------------------------------------------------------------
 * RopSynchronizationConfigure (0x70) */

static void configure_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_SC_SYNCHRONIZATION_TYPE);
    mh_u8(d, MH_F_FX_SEND_OPTIONS);
    mh_u16(d, MH_F_SC_SYNCHRONIZATION_FLAGS);
    mh_rop_restriction_data_as(d, MH_F_SC_RESTRICTION_DATA_SIZE, MH_F_SC_RESTRICTION_DATA);
    mh_u32(d, MH_F_SC_SYNCHRONIZATION_EXTRA_FLAGS);
    uint16_t count = mh_u16(d, MH_F_SC_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, count, x, r);
    mh_fxics_inherit_ids(d, r);
}

/* ---------------------------------------------------------------------------------------------------
 * Imports into an ICS upload context */

static void import_message_change_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_SIMC_IMPORT_FLAG);
    uint16_t n = mh_u16(d, MH_F_SIMC_PROPERTY_VALUE_COUNT);
    if (mh_cur_ok(&d->c))
        mh_fxics_tagged_values(d, MH_F_SIMC_PROPERTY_VALUES, n);
    mh_fxics_inherit_ids(d, r); /* the message is created in the collector's folder */
}

/* 2.2.13.2.2 (and 2.2.13.6.2): MessageId, which the server sets to 0 ([MS-OXCFXICS] 2.2.3.2.4.2.2) */
static void message_id_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
}

static void import_read_state_changes_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t size = mh_u16(d, MH_F_SIRS_MESSAGE_READ_STATES_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    mh_dec sub;
    if (!mh_dec_sub(d, size, "MessageReadStates", &sub))
        return;
    /* 2.2.13.3.1.1 MessageReadState: MessageIdSize, MessageId (an XID), MarkAsRead */
    while (mh_cur_left(&sub.c) > 0) {
        size_t start = mh_open(&sub, MH_F_SIRS_MESSAGE_READ_STATE, NULL);
        uint16_t n = mh_u16(&sub, MH_F_SIRS_MESSAGE_ID_SIZE);
        if (mh_cur_ok(&sub.c))
            mh_decode_xid(&sub, MH_F_SIRS_MESSAGE_ID, n);
        if (mh_cur_ok(&sub.c))
            mh_u8(&sub, MH_F_SIRS_MARK_AS_READ);
        mh_close(&sub, start);
        if (!mh_check(&sub, "MessageReadState"))
            break;
    }
}

static void import_hierarchy_change_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t n = mh_u16(d, MH_F_SIHC_HIERARCHY_VALUE_COUNT);
    if (!mh_cur_ok(&d->c) || !mh_fxics_tagged_values(d, MH_F_SIHC_HIERARCHY_VALUES, n))
        return;
    n = mh_u16(d, MH_F_SIHC_PROPERTY_VALUE_COUNT);
    if (mh_cur_ok(&d->c))
        mh_fxics_tagged_values(d, MH_F_SIHC_PROPERTY_VALUES, n);
}

/* 2.2.13.4.2: FolderId, which the server sets to 0 ([MS-OXCFXICS] 2.2.3.2.4.3.2) */
static void import_hierarchy_change_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
}

static void import_deletes_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SID_IMPORT_DELETE_FLAGS);
    uint16_t n = mh_u16(d, MH_F_SID_PROPERTY_VALUE_COUNT);
    if (mh_cur_ok(&d->c))
        mh_fxics_tagged_values(d, MH_F_SID_PROPERTY_VALUES, n);
}

/* A 4-byte size and that many bytes, decoded by `fn` (an XID or a PredecessorChangeList). */
static int sized(mh_dec *d, mh_field_id size_f, mh_field_id f, void (*fn)(mh_dec *, mh_field_id, size_t))
{
    uint32_t n = mh_u32(d, size_f);
    if (!mh_cur_ok(&d->c))
        return 0;
    fn(d, f, n);
    return mh_cur_ok(&d->c);
}

static void import_message_move_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    /* [MS-OXCFXICS] 2.2.3.2.4.4.1: the ids are serialized GIDs, i.e. XIDs of a 6-byte LocalId; the
     * ChangeNumber an XID (PidTagChangeKey) */
    if (!sized(d, MH_F_SIMM_SOURCE_FOLDER_ID_SIZE, MH_F_SIMM_SOURCE_FOLDER_ID, mh_decode_xid))
        return;
    if (!sized(d, MH_F_SIMM_SOURCE_MESSAGE_ID_SIZE, MH_F_SIMM_SOURCE_MESSAGE_ID, mh_decode_xid))
        return;
    if (!sized(d, MH_F_SIMM_PCL_SIZE, MH_F_SIMM_PCL, mh_decode_pcl))
        return;
    if (!sized(d, MH_F_SIMM_DESTINATION_MESSAGE_ID_SIZE, MH_F_SIMM_DESTINATION_MESSAGE_ID, mh_decode_xid))
        return;
    sized(d, MH_F_SIMM_CHANGE_NUMBER_SIZE, MH_F_SIMM_CHANGE_NUMBER, mh_decode_xid);
}

/* ---------------------------------------------------------------------------------------------------
 * Contexts */

static void open_collector_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_SOC_IS_CONTENTS_COLLECTOR);
    mh_fxics_inherit_ids(d, r);
}

static void get_transfer_state_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_fxics_inherit_ids(d, r);
}

/* ---------------------------------------------------------------------------------------------------
 * Uploading an ICS state: Begin names the state property, Continue carries parts of its value, End
 * ends it ([MS-OXCFXICS] 2.2.3.2.2). The parts are shown as bytes. */

static void upload_state_begin_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u32(d, MH_F_SUSB_STATE_PROPERTY);
    mh_u32(d, MH_F_SUSB_TRANSFER_BUFFER_SIZE);
}

static void upload_state_continue_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint32_t n = mh_u32(d, MH_F_SUSC_STREAM_DATA_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_SUSC_STREAM_DATA, n);
}

static void handle_only_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

/* ---------------------------------------------------------------------------------------------------
 * Local replica ids */

/* [MS-OXCDATA] 2.2.1.3.1 LongTermId: DatabaseGuid, GlobalCounter (6 bytes, most significant first), Pad */
static void long_term_id(mh_dec *d, mh_field_id f)
{
    size_t start = mh_open(d, f, NULL);
    uint8_t g[16];
    mh_guid(d, MH_F_SLRMD_DATABASE_GUID, g);
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_bytes(&d->c, 6, "GlobalCounter");
    if (mh_cur_ok(&d->c)) {
        uint64_t v = 0;
        for (size_t i = 0; i < 6; i++)
            v = (v << 8) | mh_span_byte(s, i);
        mh_emit_uint(d, MH_F_SLRMD_GLOBAL_COUNTER, at, 6, v, NULL);
    }
    mh_u16(d, MH_F_SLRMD_PAD);
    mh_close(d, start);
}

static void set_local_replica_midset_deleted_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t size = mh_u16(d, MH_F_SLRMD_DATA_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    /* DataSize covers LongTermIdRangeCount and LongTermIdRanges */
    mh_dec sub;
    if (!mh_dec_sub(d, size, "LongTermIdRanges", &sub))
        return;
    uint32_t n = mh_u32(&sub, MH_F_SLRMD_RANGE_COUNT);
    for (uint32_t i = 0; i < n && mh_cur_ok(&sub.c); i++) {
        size_t start = mh_open(&sub, MH_F_SLRMD_RANGE, NULL);
        long_term_id(&sub, MH_F_SLRMD_MIN_LONG_TERM_ID);
        long_term_id(&sub, MH_F_SLRMD_MAX_LONG_TERM_ID);
        mh_close(&sub, start);
    }
    if (mh_check(&sub, "LongTermIdRanges"))
        mh_check_leftover(&sub, "LongTermIdRanges (DataSize)");
}

static void get_local_replica_ids_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u32(d, MH_F_GLRI_ID_COUNT);
}

/* 2.2.13.13.2: ReplGuid and GlobalCount, the first of the reserved GLOBCNTs (6 bytes, most significant
 * first, [MS-OXCFXICS] 2.2.2.5) */
static void get_local_replica_ids_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint8_t g[16];
    mh_guid(d, MH_F_GLRI_REPL_GUID, g);
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_bytes(&d->c, 6, "GlobalCount");
    if (!mh_cur_ok(&d->c))
        return;
    uint64_t v = 0;
    for (size_t i = 0; i < 6; i++)
        v = (v << 8) | mh_span_byte(s, i);
    mh_emit_uint(d, MH_F_GLRI_GLOBAL_COUNT, at, 6, v, NULL);
}

const mh_rop_impl mh_rops_ics[] = {
    { 0x70, MH_ROP_RESP_OUTPUT, MH_OBJ_ICS_DOWNLOAD, configure_request, mh_rop_response_empty },
    { 0x72, MH_ROP_RESP_OUTPUT, MH_OBJ_MESSAGE, import_message_change_request, message_id_response },
    { 0x73, 0, 0, import_hierarchy_change_request, import_hierarchy_change_response },
    { 0x74, 0, 0, import_deletes_request, mh_rop_response_empty },
    { 0x75, 0, 0, upload_state_begin_request, mh_rop_response_empty },
    { 0x76, 0, 0, upload_state_continue_request, mh_rop_response_empty },
    { 0x77, 0, 0, handle_only_request, mh_rop_response_empty },
    { 0x78, 0, 0, import_message_move_request, message_id_response },
    { 0x7E, MH_ROP_RESP_OUTPUT, MH_OBJ_ICS_UPLOAD, open_collector_request, mh_rop_response_empty },
    { 0x7F, 0, 0, get_local_replica_ids_request, get_local_replica_ids_response },
    { 0x80, 0, 0, import_read_state_changes_request, mh_rop_response_empty },
    { 0x82, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_SOURCE, get_transfer_state_request, mh_rop_response_empty },
    { 0x93, 0, 0, set_local_replica_midset_deleted_request, mh_rop_response_empty },
};
const size_t mh_rops_ics_count = sizeof mh_rops_ics / sizeof mh_rops_ics[0];

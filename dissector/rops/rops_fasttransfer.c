/*
 * [MS-OXCROPS] 2.2.12 FastTransfer ROPs, with the field values of [MS-OXCFXICS] 2.2.3.1:
 * 2.2.12.1 RopFastTransferDestinationConfigure (2.2.3.1.2.1), 2.2.12.2 RopFastTransferDestinationPutBuffer
 * (2.2.3.1.2.2), 2.2.12.3 RopFastTransferDestinationPutBufferExtended (2.2.3.1.2.3), 2.2.12.4
 * RopFastTransferSourceGetBuffer (2.2.3.1.1.5), 2.2.12.5 RopFastTransferSourceCopyFolder (2.2.3.1.1.4),
 * 2.2.12.6 RopFastTransferSourceCopyMessages (2.2.3.1.1.3), 2.2.12.7 RopFastTransferSourceCopyTo
 * (2.2.3.1.1.1), 2.2.12.8 RopFastTransferSourceCopyProperties (2.2.3.1.1.2), 2.2.12.9 RopTellVersion
 * (2.2.3.1.1.6).
 *
 * The Source* ROPs create a FastTransfer download context, RopFastTransferDestinationConfigure an
 * upload context; their GetBuffer / PutBuffer buffers are the FastTransfer stream of that context,
 * decoded across buffers by mapi/fxstream.c with the context's state kept in its server object.
 */
#include <stdio.h>
#include <string.h>

#include "../mapi/ids.h"
#include "../mapi/names.h"
#include "../mapi/propvalue.h"
#include "rops_fxics.h"

#define EC_SERVER_BUSY 0x00000480u
#define BUFFER_SIZE_SENTINEL 0xBABE
#define STATUS_ERROR 0x0000
#define STATUS_DONE 0x0003

/* 2.2.3.1.1.1.1 SendOptions (ForUpload is Unicode | UseCpid) */
static const mh_vs send_options_vs[] = {
    { 0x01, "Unicode" },     { 0x02, "UseCpid" },     { 0x03, "ForUpload" }, { 0x04, "RecoverMode" },
    { 0x08, "ForceUnicode" }, { 0x10, "PartialItem" }, { 0x20, "Reserved1" }, { 0x40, "Reserved2" },
};
const mh_names mh_names_fx_send_options = MH_BITS(send_options_vs);

/* 2.2.3.1.1.5.2 TransferStatus */
static const mh_vs transfer_status_vs[] = { { 0x0000, "Error" }, { 0x0001, "Partial" }, { 0x0002, "NoRoom" },
                                            { 0x0003, "Done" } };
const mh_names mh_names_fx_transfer_status = MH_NAMES(transfer_status_vs);

/* 2.2.3.1.2.1.1 SourceOperation and CopyFlags */
static const mh_vs source_operation_vs[] = { { 0x01, "CopyTo" }, { 0x02, "CopyProperties" }, { 0x03, "CopyMessages" },
                                             { 0x04, "CopyFolder" } };
const mh_names mh_names_fx_source_operation = MH_NAMES(source_operation_vs);
static const mh_vs destination_copy_flags_vs[] = { { 0x01, "Move" } };
const mh_names mh_names_fx_destination_copy_flags = MH_BITS(destination_copy_flags_vs);

/* 2.2.3.1.1.4.1 CopyFlags of RopFastTransferSourceCopyFolder */
static const mh_vs copy_folder_flags_vs[] = { { 0x01, "Move" }, { 0x02, "Unused1" }, { 0x04, "Unused2" },
                                              { 0x08, "Unused3" }, { 0x10, "CopySubfolders" } };
const mh_names mh_names_fx_copy_folder_flags = MH_BITS(copy_folder_flags_vs);

/* 2.2.3.1.1.3.1 CopyFlags of RopFastTransferSourceCopyMessages */
static const mh_vs copy_messages_flags_vs[] = { { 0x01, "Move" },     { 0x02, "Unused1" },  { 0x04, "Unused2" },
                                                { 0x08, "Unused3" },  { 0x10, "BestBody" }, { 0x20, "SendEntryId" } };
const mh_names mh_names_fx_copy_messages_flags = MH_BITS(copy_messages_flags_vs);

/* 2.2.3.1.1.1.1 CopyFlags of RopFastTransferSourceCopyTo (4 bytes) */
static const mh_vs copy_to_flags_vs[] = { { 0x00000001, "Move" },    { 0x00000002, "Unused1" },
                                          { 0x00000004, "Unused2" }, { 0x00000008, "Unused3" },
                                          { 0x00000200, "Unused4" }, { 0x00000400, "Unused5" },
                                          { 0x00002000, "BestBody" } };
const mh_names mh_names_fx_copy_to_flags = MH_BITS(copy_to_flags_vs);

/* 2.2.3.1.1.2.1 CopyFlags of RopFastTransferSourceCopyProperties (1 byte) */
static const mh_vs copy_properties_flags_vs[] = { { 0x01, "Move" }, { 0x02, "Unused1" }, { 0x04, "Unused2" },
                                                  { 0x08, "Unused3" } };
const mh_names mh_names_fx_copy_properties_flags = MH_BITS(copy_properties_flags_vs);

/* ---------------------------------------------------------------------------------------------------
 * Shared with rops_ics.c */

void mh_fxics_inherit_ids(mh_dec *d, mh_rop_req *r)
{
    if (!r || !mh_cur_ok(&d->c))
        return;
    mh_object *o = mh_rop_object_at(d, r->in_index);
    if (o) {
        r->id1 = o->folder_id;
        r->id2 = o->message_id;
    }
}

int mh_fxics_tagged_values(mh_dec *d, mh_field_id list, uint16_t count)
{
    size_t start = mh_open(d, list, NULL);
    int ok = 1;
    for (uint16_t i = 0; i < count && ok; i++) {
        /* [MS-OXCDATA] 2.11.4 TaggedPropertyValue: PropertyTag, then the value of its type */
        size_t at = mh_cur_pos(&d->c);
        uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
        if (!mh_cur_ok(&d->c)) {
            ok = mh_check(d, "TaggedPropertyValue");
            break;
        }
        char named[160], heading[200];
        const char *name = mh_rop_named_note(d, tag, named, sizeof named);
        if (!name)
            name = mh_property_tag_name(tag);
        if (name)
            snprintf(heading, sizeof heading, "%s (0x%08X)", name, tag);
        else
            snprintf(heading, sizeof heading, "0x%08X", tag);
        mh_value v;
        memset(&v, 0, sizeof v);
        v.u = tag;
        mh_open_at(d, MH_F_PROPERTY_VALUE, at, &v, heading);
        mh_emit_uint(d, MH_F_PROPERTY_TAG, at, 4, tag, name == named ? named : NULL);
        ok = mh_decode_property_value(d, (uint16_t)(tag & 0xFFFF));
        mh_close(d, at);
    }
    mh_close(d, start);
    return ok && mh_cur_ok(&d->c);
}

mh_fx_state **mh_fxics_context(mh_dec *d, uint8_t index, mh_obj_kind k1, mh_obj_kind k2, const char *what,
                               char *buf, size_t n, const char **missing)
{
    uint32_t h = mh_rop_handle_at(d, index);
    mh_object *o = mh_rop_object_at(d, index);
    if (o && (o->kind == k1 || o->kind == k2))
        return &o->fx;
    if (o)
        snprintf(buf, n, "handle 0x%08X refers to a %s, not to a %s", h, mh_obj_kind_name(o->kind), what);
    else if (!d->xchg || !d->sess)
        snprintf(buf, n, "this ROP buffer's request was not seen (or no session context is kept), so its handles "
                 "and the %s are not known", what);
    else if (h == MH_NO_HANDLE)
        snprintf(buf, n, "InputHandleIndex %u has no handle in the ServerObjectHandleTable, so the %s is not known",
                 index, what);
    else
        snprintf(buf, n, "the %s (handle 0x%08X) was not opened in the traffic seen, so the stream's start was not seen",
                 what, h);
    *missing = buf;
    return NULL;
}

uint8_t mh_fxics_response_index(mh_dec *d, const mh_rop_req *r)
{
    if (r)
        return r->in_index;
    /* [MS-OXCROPS] 2.2.12.x.2: RopId, InputHandleIndex, ReturnValue (4 bytes) precede the fields, so the
     * index is 5 bytes back from where this response's decoder starts */
    mh_cursor c = d->c;
    if (mh_cur_pos(&c) < 5)
        return 0xFF;
    c.pos -= 5;
    return mh_cur_u8(&c, "InputHandleIndex");
}

/* ---------------------------------------------------------------------------------------------------
 * RopFastTransferDestinationConfigure (0x53) */

static void destination_configure_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_FTDC_SOURCE_OPERATION);
    mh_u8(d, MH_F_FTDC_COPY_FLAGS);
    mh_fxics_inherit_ids(d, r);
}

/* ---------------------------------------------------------------------------------------------------
 * RopFastTransferDestinationPutBuffer (0x54) and ...Extended (0x9D): the TransferData is the next part
 * of the client's stream; the response says whether the server took it (mh_fx_settle). */

#define PUT_DETACHED 0x01 /* decoded with a state of its own: its context is created by this request */
#define PUT_CLEAN 0x02    /* ... and it ended between elements */

/* An earlier ROP of this request creates an upload context at this handle index. */
static int created_in_request(const mh_exchange *x, uint8_t index)
{
    if (!x)
        return 0;
    for (size_t i = x->cur_rop; i-- > 0;) {
        const mh_rop_req *p = &x->rops[i];
        const mh_rop_impl *impl = mh_rop_impl_get(p->rop_id);
        if (impl && impl->creates == MH_OBJ_FX_DESTINATION && p->out_index == index)
            return 1;
    }
    return 0;
}

static void put_buffer_request(mh_dec *d, mh_exchange *x, mh_rop_req *r, mh_field_id size_f, mh_field_id data_f)
{
    mh_rop_logon_id(d, r);
    uint8_t index = mh_rop_input_handle_index(d, r);
    uint16_t size = mh_u16(d, size_f);
    if (!mh_cur_ok(&d->c))
        return;
    if (r)
        r->u32a = size;
    size_t start = mh_open(d, data_f, NULL);
    char buf[200];
    const char *missing = NULL;
    mh_fx_state **slot = mh_fxics_context(d, index, MH_OBJ_FX_DESTINATION, MH_OBJ_FX_DESTINATION,
                                          "FastTransfer upload context", buf, sizeof buf, &missing);
    if (!slot && mh_rop_handle_at(d, index) == MH_NO_HANDLE && created_in_request(x, index)) {
        uint16_t depth = 0;
        int clean = mh_fx_decode_detached(d, size, &depth);
        if (r) {
            r->flags8 = PUT_DETACHED | (clean ? PUT_CLEAN : 0);
            r->flags16 = depth;
        }
    } else {
        mh_fx_decode_upload(d, size, slot, missing, x ? x->seq : 0);
    }
    mh_close(d, start);
}

static void put_buffer_settle(mh_dec *d, uint8_t index, const mh_rop_req *r, uint32_t rv, const char *rop)
{
    mh_object *o = mh_rop_object_at(d, index);
    if (!o || (o->kind != MH_OBJ_FX_DESTINATION))
        return;
    char why[160];
    snprintf(why, sizeof why, "%s failed with ReturnValue 0x%08X, so where the server's copy of the stream continues is "
             "not known", rop, rv);
    if (r && (r->flags8 & PUT_DETACHED)) {
        if (rv == 0)
            mh_fx_attach(&o->fx, r->u32a, (r->flags8 & PUT_CLEAN) != 0, r->flags16);
        else
            mh_fx_mark_lost(&o->fx, why);
        return;
    }
    mh_fx_settle(o->fx, rv == 0, why);
}

static void put_buffer_req(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    put_buffer_request(d, x, r, MH_F_FTPB_TRANSFER_DATA_SIZE, MH_F_FTPB_TRANSFER_DATA);
}

static void put_buffer_extended_req(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    /* [MS-OXCFXICS] 2.2.3.1.2.3.1: TransferDataSize is 2 bytes, as in RopFastTransferDestinationPutBuffer */
    put_buffer_request(d, x, r, MH_F_FTPBX_TRANSFER_DATA_SIZE, MH_F_FTPBX_TRANSFER_DATA);
}

/* The response fields are there whatever the ReturnValue: on failure BufferUsedSize says how much of
 * the buffer the server used ([MS-OXCFXICS] 2.2.3.1.2.2.2). */
static void put_buffer_resp(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    uint8_t index = mh_fxics_response_index(d, r);
    mh_u16(d, MH_F_FX_TRANSFER_STATUS);
    mh_u16(d, MH_F_FTPB_IN_PROGRESS_COUNT);
    mh_u16(d, MH_F_FTPB_TOTAL_STEP_COUNT);
    mh_u8(d, MH_F_FTPB_RESERVED);
    mh_u16(d, MH_F_FTPB_BUFFER_USED_SIZE);
    if (mh_cur_ok(&d->c))
        put_buffer_settle(d, index, r, rv, "RopFastTransferDestinationPutBuffer");
}

/* 2.2.12.3.2: InProgressCount and TotalStepCount are 4 bytes here */
static void put_buffer_extended_resp(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    uint8_t index = mh_fxics_response_index(d, r);
    mh_u16(d, MH_F_FX_TRANSFER_STATUS);
    mh_u32(d, MH_F_FTPBX_IN_PROGRESS_COUNT);
    mh_u32(d, MH_F_FTPBX_TOTAL_STEP_COUNT);
    mh_u8(d, MH_F_FTPBX_RESERVED);
    mh_u16(d, MH_F_FTPBX_BUFFER_USED_SIZE);
    if (mh_cur_ok(&d->c))
        put_buffer_settle(d, index, r, rv, "RopFastTransferDestinationPutBufferExtended");
}

/* ---------------------------------------------------------------------------------------------------
 * RopFastTransferSourceGetBuffer (0x4E) */

static void get_buffer_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    size_t at = mh_cur_pos(&d->c);
    uint16_t size = mh_cur_u16(&d->c, "BufferSize");
    if (!mh_cur_ok(&d->c))
        return;
    /* MaximumBufferSize is present if and only if BufferSize is the 0xBABE sentinel (2.2.3.1.1.5.1) */
    mh_emit_uint(d, MH_F_FTGB_BUFFER_SIZE, at, 2, size,
                 size == BUFFER_SIZE_SENTINEL ? "sentinel: the server decides, up to MaximumBufferSize" : NULL);
    if (r)
        r->u32a = size;
    if (size == BUFFER_SIZE_SENTINEL)
        mh_u16(d, MH_F_FTGB_MAXIMUM_BUFFER_SIZE);
}

/*
 * 2.2.12.4.2: TransferStatus through TransferBufferSize are there whatever the ReturnValue (TransferStatus
 * Error carries the failure's code in ReturnValue, [MS-OXCFXICS] 2.2.3.1.1.5.2); TransferBuffer is absent
 * and BackoffTime present when ReturnValue is ecServerBusy (0x00000480). (Office-Inspectors reads the
 * fields only on success; the spec's layout is followed here.)
 */
static void get_buffer_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    uint8_t index = mh_fxics_response_index(d, r);
    uint16_t status = mh_u16(d, MH_F_FX_TRANSFER_STATUS);
    mh_u16(d, MH_F_FTGB_IN_PROGRESS_COUNT);
    mh_u16(d, MH_F_FTGB_TOTAL_STEP_COUNT);
    mh_u8(d, MH_F_FTGB_RESERVED);
    uint16_t size = mh_u16(d, MH_F_FTGB_TRANSFER_BUFFER_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    if (rv == EC_SERVER_BUSY) {
        if (size)
            mh_problem(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c) - 2, 2,
                       "RopFastTransferSourceGetBuffer: TransferBufferSize is %u but ecServerBusy responses carry no "
                       "TransferBuffer ([MS-OXCROPS] 2.2.12.4.2)",
                       size);
        mh_u32(d, MH_F_FTGB_BACKOFF_TIME);
        return; /* the client asks again later: the stream has not moved */
    }
    char buf[200];
    const char *missing = NULL;
    mh_fx_state **slot = mh_fxics_context(d, index, MH_OBJ_FX_SOURCE, MH_OBJ_ICS_DOWNLOAD,
                                          "FastTransfer download context", buf, sizeof buf, &missing);
    size_t start = mh_open(d, MH_F_FTGB_TRANSFER_BUFFER, NULL);
    if (rv != 0) {
        /* the download stopped: what a failed response carries is not part of the stream */
        if (size)
            mh_bytes(d, MH_F_FX_RAW, size);
        char why[120];
        snprintf(why, sizeof why, "the download stopped with ReturnValue 0x%08X", rv);
        mh_fx_mark_lost(slot, why);
    } else {
        mh_fx_decode_buffer(d, size, slot, missing, status == STATUS_DONE);
        if (status == STATUS_ERROR)
            mh_fx_mark_lost(slot, "the server stopped the download with TransferStatus Error");
    }
    mh_close(d, start);
}

/* ---------------------------------------------------------------------------------------------------
 * The Source* ROPs create a download context */

static void copy_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_FTCF_COPY_FLAGS);
    mh_u8(d, MH_F_FX_SEND_OPTIONS);
    mh_fxics_inherit_ids(d, r);
}

static void copy_messages_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    uint16_t n = mh_u16(d, MH_F_FTCM_MESSAGE_ID_COUNT);
    size_t start = mh_open(d, MH_F_FTCM_MESSAGE_IDS, NULL);
    for (uint16_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_close(d, start);
    mh_u8(d, MH_F_FTCM_COPY_FLAGS);
    mh_u8(d, MH_F_FX_SEND_OPTIONS);
    mh_fxics_inherit_ids(d, r);
}

static void copy_to_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_FTCT_LEVEL);
    mh_u32(d, MH_F_FTCT_COPY_FLAGS);
    mh_u8(d, MH_F_FX_SEND_OPTIONS);
    uint16_t n = mh_u16(d, MH_F_FTCT_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
    mh_fxics_inherit_ids(d, r);
}

static void copy_properties_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_FTCP_LEVEL);
    mh_u8(d, MH_F_FTCP_COPY_FLAGS);
    mh_u8(d, MH_F_FX_SEND_OPTIONS);
    uint16_t n = mh_u16(d, MH_F_FTCP_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
    mh_fxics_inherit_ids(d, r);
}

/* ---------------------------------------------------------------------------------------------------
 * RopTellVersion (0x86): Version is three 16-bit numbers ([MS-OXCFXICS] 2.2.3.1.1.6.1) */

static void tell_version_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    size_t at = mh_cur_pos(&d->c);
    mh_cursor c = d->c;
    uint16_t v0 = mh_cur_u16(&c, "Version");
    uint16_t v1 = mh_cur_u16(&c, "Version");
    uint16_t v2 = mh_cur_u16(&c, "Version");
    mh_span s = mh_cur_bytes(&d->c, 6, "Version");
    if (!mh_cur_ok(&d->c))
        return;
    char note[32];
    snprintf(note, sizeof note, "%u.%u.%u", v0, v1, v2);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.bytes = s;
    mh_emit(d, MH_F_TELL_VERSION_VERSION, at, 6, &v, note);
}

const mh_rop_impl mh_rops_fasttransfer[] = {
    { 0x4B, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_SOURCE, copy_messages_request, mh_rop_response_empty },
    { 0x4C, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_SOURCE, copy_folder_request, mh_rop_response_empty },
    { 0x4D, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_SOURCE, copy_to_request, mh_rop_response_empty },
    { 0x4E, MH_ROP_FAILURE_FIELDS, 0, get_buffer_request, get_buffer_response },
    { 0x53, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_DESTINATION, destination_configure_request, mh_rop_response_empty },
    { 0x54, MH_ROP_FAILURE_FIELDS, 0, put_buffer_req, put_buffer_resp },
    { 0x69, MH_ROP_RESP_OUTPUT, MH_OBJ_FX_SOURCE, copy_properties_request, mh_rop_response_empty },
    { 0x86, 0, 0, tell_version_request, mh_rop_response_empty },
    { 0x9D, MH_ROP_FAILURE_FIELDS, 0, put_buffer_extended_req, put_buffer_extended_resp },
};
const size_t mh_rops_fasttransfer_count = sizeof mh_rops_fasttransfer / sizeof mh_rops_fasttransfer[0];

/*
 * [MS-OXCROPS] 2.2.6 message ROPs, with the field values of [MS-OXCMSG] 2.2.3:
 * 2.2.6.1 RopOpenMessage, 2.2.6.2 RopCreateMessage, 2.2.6.3 RopSaveChangesMessage, 2.2.6.4
 * RopRemoveAllRecipients, 2.2.6.5 RopModifyRecipients, 2.2.6.6 RopReadRecipients, 2.2.6.7
 * RopReloadCachedInformation, 2.2.6.8 RopSetMessageStatus, 2.2.6.9 RopGetMessageStatus, 2.2.6.10
 * RopSetReadFlags, 2.2.6.11 RopSetMessageReadFlag, 2.2.6.12 RopOpenAttachment, 2.2.6.13
 * RopCreateAttachment, 2.2.6.14 RopDeleteAttachment, 2.2.6.15 RopSaveChangesAttachment, 2.2.6.16
 * RopOpenEmbeddedMessage, 2.2.6.17 RopGetAttachmentTable, 2.2.6.18 RopGetValidAttachments.
 *
 * Session context: RopOpenMessage, RopCreateMessage and RopOpenEmbeddedMessage create message objects,
 * RopOpenAttachment and RopCreateAttachment attachment objects, RopGetAttachmentTable a table (the
 * catalogue commits them on success, before the response decoder runs). The MessageId a response carries
 * (RopCreateMessage, RopOpenEmbeddedMessage, RopSaveChangesMessage) completes the message object. The
 * RecipientColumns of RopOpenMessage, RopReloadCachedInformation and RopOpenEmbeddedMessage responses are
 * kept as the message object's columns: RopReadRecipients rows, which carry none, are decoded with them.
 * Which form RopSetMessageReadFlag's request has depends on the LogonFlags of its logon.
 */
#include <stdio.h>

#include "../mapi/ids.h"
#include "../mapi/recipient.h"
#include "rop_catalog.h"

#define LOGON_PRIVATE 0x01 /* [MS-OXCSTOR] 2.2.1.1.1 */

/* [MS-OXCMSG] 2.2.3.1.1: an access level, optionally with OpenSoftDeleted. */
static const mh_vs open_message_open_mode_vs[] = {
    { 0x00, "ReadOnly" },        { 0x01, "ReadWrite" },
    { 0x03, "BestAccess" },      { 0x04, "OpenSoftDeleted" },
    { 0x05, "ReadWrite, OpenSoftDeleted" }, { 0x07, "BestAccess, OpenSoftDeleted" },
};
const mh_names mh_names_open_message_open_mode_flags = MH_NAMES(open_message_open_mode_vs);

/* [MS-OXCDATA] 2.11.7 */
static const mh_vs typed_string_type_vs[] = {
    { 0x00, "NoString" }, { 0x01, "EmptyString" }, { 0x02, "String8" }, { 0x03, "ReducedUnicode" },
    { 0x04, "Unicode" },
};
const mh_names mh_names_typed_string_type = MH_NAMES(typed_string_type_vs);

/* [MS-OXCMSG] 2.2.3.3.1 */
static const mh_vs save_flags_vs[] = { { 0x01, "KeepOpenReadOnly" }, { 0x02, "KeepOpenReadWrite" },
                                       { 0x04, "ForceSave" } };
const mh_names mh_names_save_flags = MH_BITS(save_flags_vs);

/* [MS-OXCMSG] 2.2.1.8 PidTagMessageStatus */
static const mh_vs message_status_vs[] = { { 0x00000800, "msInConflict" }, { 0x00001000, "msRemoteDownload" },
                                           { 0x00002000, "msRemoteDelete" } };
const mh_names mh_names_message_status = MH_BITS(message_status_vs);

/* [MS-OXCMSG] 2.2.3.10.1 (rfDefault is 0x00; rfReserved 0x0A is a pair of bits the server ignores) */
static const mh_vs read_flags_vs[] = {
    { 0x01, "rfSuppressReceipt" }, { 0x0A, "rfReserved" },        { 0x04, "rfClearReadFlag" },
    { 0x10, "rfGenerateReceiptOnly" }, { 0x20, "rfClearNotifyRead" }, { 0x40, "rfClearNotifyUnread" },
};
const mh_names mh_names_read_flags = MH_BITS(read_flags_vs);

/* [MS-OXCMSG] 2.2.3.12.1 */
static const mh_vs open_attachment_vs[] = { { 0x00, "ReadOnly" }, { 0x01, "ReadWrite" }, { 0x03, "BestAccess" } };
const mh_names mh_names_open_attachment_flags = MH_NAMES(open_attachment_vs);

/* [MS-OXCMSG] 2.2.3.16.1 */
static const mh_vs open_embedded_vs[] = { { 0x00, "ReadOnly" }, { 0x01, "ReadWrite" }, { 0x02, "Create" } };
const mh_names mh_names_open_embedded_message_open_mode_flags = MH_NAMES(open_embedded_vs);

/* [MS-OXCMSG] 2.2.3.17.1 */
static const mh_vs attachment_table_vs[] = { { 0x00, "Standard" }, { 0x40, "Unicode" } };
const mh_names mh_names_attachment_table_flags = MH_NAMES(attachment_table_vs);

/* The object at a request's OutputHandleIndex, which the catalogue committed before the response decoder
 * runs; NULL without the request or the session. */
static mh_object *created(mh_dec *d, const mh_rop_req *r)
{
    return r ? mh_rop_object_at(d, r->out_index) : NULL;
}

static void set_message_id(mh_object *o, uint64_t mid)
{
    if (o && o->kind == MH_OBJ_MESSAGE)
        o->message_id = mid;
}

/* [MS-OXCDATA] 2.11.7 TypedString; returns 0 when the list must stop. */
static int typed_string(mh_dec *d, mh_field_id node)
{
    size_t start = mh_open(d, node, NULL);
    size_t at = mh_cur_pos(&d->c);
    uint8_t type = mh_u8(d, MH_F_TYPED_STRING_TYPE);
    int ok = mh_cur_ok(&d->c);
    if (ok) {
        switch (type) {
        case 0x00: /* no string */
        case 0x01: /* empty: no bytes either */
            break;
        case 0x02:
        case 0x03: /* reduced Unicode: each character's zero high byte is left out, one NUL byte ends it */
            mh_asciiz(d, MH_F_TYPED_STRING);
            break;
        case 0x04:
            mh_utf16z(d, MH_F_TYPED_STRING);
            break;
        default:
            mh_stop(d, MH_PROB_MALFORMED, at,
                    "TypedString: StringType 0x%02X is not defined by [MS-OXCDATA] 2.11.7, so its length is unknown",
                    type);
            ok = 0;
        }
    }
    mh_close(d, start);
    return ok && mh_cur_ok(&d->c);
}

/* The message summary of RopOpenMessage (2.2.6.1.2), RopReloadCachedInformation (2.2.6.7.2) and
 * RopOpenEmbeddedMessage (2.2.6.16.2): HasNamedProperties through RecipientRows. The RecipientColumns become
 * the columns of `msg` (the server's recipient columns for the message, which RopReadRecipients uses). */
static void message_summary(mh_dec *d, mh_object *msg)
{
    mh_u8(d, MH_F_MESSAGE_HAS_NAMED_PROPERTIES);
    if (!mh_cur_ok(&d->c) || !typed_string(d, MH_F_MESSAGE_SUBJECT_PREFIX) ||
        !typed_string(d, MH_F_MESSAGE_NORMALIZED_SUBJECT))
        return;
    mh_u16(d, MH_F_RECIPIENT_COUNT);
    mh_recipient_columns cols;
    if (!mh_cur_ok(&d->c) || !mh_decode_recipient_columns(d, &cols))
        return;
    if (msg)
        mh_object_set_columns(msg, cols.tags, cols.ntags);
    uint8_t n = mh_u8(d, MH_F_RECIPIENTS_ROW_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_RECIPIENTS_ROWS, NULL);
    for (unsigned i = 0; i < n; i++)
        if (!mh_decode_open_recipient_row(d, &cols))
            break;
    mh_close(d, start);
}

/* 2.2.6.1 RopOpenMessage */
static void open_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u16(d, MH_F_OPEN_MESSAGE_CODE_PAGE_ID);
    uint64_t fid = mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_u8(d, MH_F_OPEN_MESSAGE_OPEN_MODE_FLAGS);
    uint64_t mid = mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    if (r) { /* the ids the opened message object gets */
        r->id1 = fid;
        r->id2 = mid;
    }
}

static void open_message_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    message_summary(d, created(d, r));
}

/* 2.2.6.2 RopCreateMessage: the new message has a FolderId now and a MessageId once saved. */
static void create_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u16(d, MH_F_CREATE_MESSAGE_CODE_PAGE_ID);
    uint64_t fid = mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_u8(d, MH_F_CREATE_MESSAGE_ASSOCIATED_FLAG);
    if (r)
        r->id1 = fid;
}

static void create_message_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    uint8_t has = mh_u8(d, MH_F_CREATE_MESSAGE_HAS_MESSAGE_ID);
    if (!mh_cur_ok(&d->c) || !has)
        return;
    uint64_t mid = mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    if (mh_cur_ok(&d->c))
        set_message_id(created(d, r), mid);
}

/* 2.2.6.3 RopSaveChangesMessage: ResponseHandleIndex before InputHandleIndex. */
static void save_changes_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_response_index(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SAVE_FLAGS);
}

/* The saved message's MessageId: a message made by RopCreateMessage gets its id here. */
static void save_changes_message_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint8_t in = mh_rop_response_handle_index(d, 0);
    uint64_t mid = mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    if (mh_cur_ok(&d->c))
        set_message_id(mh_rop_object_at(d, in), mid);
}

/* 2.2.6.4 RopRemoveAllRecipients */
static void remove_all_recipients_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u32(d, MH_F_REMOVE_ALL_RECIPIENTS_RESERVED);
}

/* 2.2.6.5 RopModifyRecipients: the rows use the columns given just before them. */
static void modify_recipients_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_recipient_columns cols;
    if (!mh_cur_ok(&d->c) || !mh_decode_recipient_columns(d, &cols))
        return;
    uint16_t n = mh_u16(d, MH_F_MODIFY_RECIPIENTS_ROW_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_RECIPIENTS_ROWS, NULL);
    for (unsigned i = 0; i < n; i++)
        if (!mh_decode_modify_recipient_row(d, &cols))
            break;
    mh_close(d, start);
}

/* 2.2.6.6 RopReadRecipients */
static void read_recipients_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u32(d, MH_F_READ_RECIPIENTS_ROW_ID);
    mh_u16(d, MH_F_READ_RECIPIENTS_RESERVED);
}

/* The rows carry no columns: they are the message's, as the server last reported them. */
static void read_recipients_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    char why[200];
    mh_recipient_columns cols = { NULL, 0, 0, why };
    mh_object *o = r ? mh_rop_object_at(d, r->in_index) : NULL;
    if (!r)
        snprintf(why, sizeof why, "the RopReadRecipients request was not seen, so the message is not known");
    else if (!o || o->kind != MH_OBJ_MESSAGE)
        snprintf(why, sizeof why, "the message at InputHandleIndex %u was not seen being opened", r->in_index);
    else if (!o->has_columns)
        snprintf(why, sizeof why,
                 "the message's RecipientColumns (from RopOpenMessage, RopReloadCachedInformation or "
                 "RopOpenEmbeddedMessage) were not seen");
    else {
        cols.tags = o->columns;
        cols.ntags = o->ncolumns;
        cols.known = 1;
    }
    uint8_t n = mh_u8(d, MH_F_RECIPIENTS_ROW_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_RECIPIENTS_ROWS, NULL);
    for (unsigned i = 0; i < n; i++)
        if (!mh_decode_read_recipient_row(d, &cols))
            break;
    mh_close(d, start);
}

/* 2.2.6.7 RopReloadCachedInformation: the same summary as RopOpenMessage, for the message at
 * InputHandleIndex. */
static void reload_cached_information_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u16(d, MH_F_RELOAD_CACHED_INFORMATION_RESERVED);
}

static void reload_cached_information_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_object *o = r ? mh_rop_object_at(d, r->in_index) : NULL;
    message_summary(d, o && o->kind == MH_OBJ_MESSAGE ? o : NULL);
}

/* 2.2.6.8 RopSetMessageStatus */
static void set_message_status_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_u32(d, MH_F_MESSAGE_STATUS_FLAGS);
    mh_u32(d, MH_F_SET_MESSAGE_STATUS_MASK);
}

/* The status before the operation; also the success response of RopGetMessageStatus (2.2.6.9.2). */
static void message_status_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_MESSAGE_STATUS_FLAGS);
}

/* 2.2.6.9 RopGetMessageStatus */
static void get_message_status_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
}

/* 2.2.6.10 RopSetReadFlags */
static void set_read_flags_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SET_READ_FLAGS_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_READ_FLAGS);
    uint16_t n = mh_u16(d, MH_F_SET_READ_FLAGS_MESSAGE_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_SET_READ_FLAGS_MESSAGE_IDS, NULL);
    for (unsigned i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_close(d, start);
}

/* 2.2.6.10.2: one response form; PartialCompletion follows ReturnValue whatever its value. */
static void set_read_flags_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_SET_READ_FLAGS_PARTIAL_COMPLETION);
}

/* 2.2.6.11 RopSetMessageReadFlag: ClientData (a LongTermID, [MS-OXCMSG] 2.2.3.11.1) is present only when the
 * logon was made without the Private flag, so the request's form depends on that logon's RopLogon. */
static void set_message_read_flag_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    uint8_t logon = mh_rop_logon_id(d, r);
    mh_rop_response_index(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_READ_FLAGS);
    if (!mh_cur_ok(&d->c))
        return;
    if (!d->sess || !d->sess->logon_known[logon]) {
        if (mh_cur_left(&d->c) == 0)
            return; /* nothing follows, so there is no ClientData whatever the logon */
        mh_stop(d, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&d->c),
                "RopSetMessageReadFlag: ClientData (24 bytes) is present only for a public folders logon "
                "([MS-OXCROPS] 2.2.6.11.1), and the RopLogon of LogonId %u was not seen; the rest of the list "
                "is shown raw",
                logon);
        return;
    }
    if (!(d->sess->logon_flags[logon] & LOGON_PRIVATE))
        mh_bytes(d, MH_F_SET_MESSAGE_READ_FLAG_CLIENT_DATA, 24);
}

/* 2.2.6.11.2: LogonId and ClientData follow only when the read status changed. */
static void set_message_read_flag_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint8_t changed = mh_u8(d, MH_F_SET_MESSAGE_READ_FLAG_READ_STATUS_CHANGED);
    if (!mh_cur_ok(&d->c) || !changed)
        return;
    mh_u8(d, MH_F_ROP_LOGON_ID);
    mh_bytes(d, MH_F_SET_MESSAGE_READ_FLAG_CLIENT_DATA, 24);
}

/* 2.2.6.12 RopOpenAttachment */
static void open_attachment_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_OPEN_ATTACHMENT_FLAGS);
    mh_u32(d, MH_F_ATTACHMENT_ID);
}

/* 2.2.6.13 RopCreateAttachment */
static void create_attachment_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
}

static void attachment_id_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_ATTACHMENT_ID);
}

/* 2.2.6.14 RopDeleteAttachment */
static void delete_attachment_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u32(d, MH_F_ATTACHMENT_ID);
}

/* 2.2.6.15 RopSaveChangesAttachment: ResponseHandleIndex before InputHandleIndex. */
static void save_changes_attachment_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_response_index(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_SAVE_FLAGS);
}

/* 2.2.6.16 RopOpenEmbeddedMessage */
static void open_embedded_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u16(d, MH_F_OPEN_EMBEDDED_MESSAGE_CODE_PAGE_ID);
    mh_u8(d, MH_F_OPEN_EMBEDDED_MESSAGE_OPEN_MODE_FLAGS);
}

static void open_embedded_message_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    mh_object *msg = created(d, r);
    mh_u8(d, MH_F_OPEN_EMBEDDED_MESSAGE_RESERVED);
    uint64_t mid = mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    if (!mh_cur_ok(&d->c))
        return;
    set_message_id(msg, mid);
    message_summary(d, msg);
}

/* 2.2.6.17 RopGetAttachmentTable */
static void get_attachment_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_GET_ATTACHMENT_TABLE_TABLE_FLAGS);
}

/* 2.2.6.18 RopGetValidAttachments */
static void get_valid_attachments_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

static void get_valid_attachments_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GET_VALID_ATTACHMENTS_ATTACHMENT_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_GET_VALID_ATTACHMENTS_ATTACHMENT_ID_ARRAY, NULL);
    for (unsigned i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_u32(d, MH_F_ATTACHMENT_ID);
    mh_close(d, start);
}

/* Responses with nothing after ReturnValue use mh_rop_response_empty. */
const mh_rop_impl mh_rops_message[] = {
    { 0x03, MH_ROP_RESP_OUTPUT, MH_OBJ_MESSAGE, open_message_request, open_message_response },
    { 0x06, MH_ROP_RESP_OUTPUT, MH_OBJ_MESSAGE, create_message_request, create_message_response },
    { 0x0C, MH_ROP_RESP_RESPONSE_INDEX, 0, save_changes_message_request, save_changes_message_response },
    { 0x0D, 0, 0, remove_all_recipients_request, mh_rop_response_empty },
    { 0x0E, 0, 0, modify_recipients_request, mh_rop_response_empty },
    { 0x0F, 0, 0, read_recipients_request, read_recipients_response },
    { 0x10, 0, 0, reload_cached_information_request, reload_cached_information_response },
    { 0x11, MH_ROP_RESP_RESPONSE_INDEX, 0, set_message_read_flag_request, set_message_read_flag_response },
    /* [MS-OXCROPS] 2.2.6.9.2: RopGetMessageStatus answers with RopSetMessageStatus's response buffers, whose
     * RopId is 0x20; a response with RopId 0x1F is decoded the same way */
    { 0x1F, 0, 0, get_message_status_request, message_status_response },
    { 0x20, 0, 0, set_message_status_request, message_status_response },
    { 0x21, MH_ROP_RESP_OUTPUT, MH_OBJ_TABLE, get_attachment_table_request, mh_rop_response_empty },
    { 0x22, MH_ROP_RESP_OUTPUT, MH_OBJ_ATTACHMENT, open_attachment_request, mh_rop_response_empty },
    { 0x23, MH_ROP_RESP_OUTPUT, MH_OBJ_ATTACHMENT, create_attachment_request, attachment_id_response },
    { 0x24, 0, 0, delete_attachment_request, mh_rop_response_empty },
    { 0x25, MH_ROP_RESP_RESPONSE_INDEX, 0, save_changes_attachment_request, mh_rop_response_empty },
    { 0x46, MH_ROP_RESP_OUTPUT, MH_OBJ_MESSAGE, open_embedded_message_request, open_embedded_message_response },
    { 0x52, 0, 0, get_valid_attachments_request, get_valid_attachments_response },
    { 0x66, MH_ROP_FAILURE_FIELDS, 0, set_read_flags_request, set_read_flags_response },
};
const size_t mh_rops_message_count = sizeof mh_rops_message / sizeof mh_rops_message[0];

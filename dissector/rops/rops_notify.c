/*
 * [MS-OXCROPS] 2.2.14 notification ROPs, with the field semantics of [MS-OXCNOTIF] 2.2.1:
 * 2.2.14.1 RopRegisterNotification (creates a notification subscription object and records what it
 * watches), 2.2.14.2 RopNotify and 2.2.14.3 RopPending. The last two are server-only: they appear in
 * response ROP lists (Execute responses, also the ones that follow a NotificationWait) without a request,
 * and have no RopId/HandleIndex/ReturnValue header of the usual form.
 */
#include <stdio.h>

#include "../mapi/ids.h"
#include "../mapi/notification.h"
#include "rop_catalog.h"

/* 2.2.14.1.1: NotificationTypes (2 bytes), Reserved (1 byte, only with the Extended bit), WantWholeStore,
 * then FolderId and MessageId only when WantWholeStore is FALSE ([MS-OXCNOTIF] 2.2.1.2.1.1). */
static void register_notification_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    uint16_t types = mh_u16(d, MH_F_REGISTER_NOTIFICATION_NOTIFICATION_TYPES);
    if (!mh_cur_ok(&d->c))
        return;
    if (types & MH_NOTIFY_TYPE_EXTENDED)
        mh_u8(d, MH_F_REGISTER_NOTIFICATION_RESERVED);
    uint8_t whole = mh_u8(d, MH_F_REGISTER_NOTIFICATION_WANT_WHOLE_STORE);
    if (!mh_cur_ok(&d->c))
        return;
    uint64_t fid = 0, mid = 0;
    if (!whole) {
        fid = mh_folder_id(d, MH_F_FOLDER_ID, NULL);
        mid = mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    }
    if (r) { /* the subscription object remembers what it watches */
        r->id1 = fid;
        r->id2 = mid;
        r->u32a = types | (whole ? MH_NOTIFY_INFO_WHOLE_STORE : 0);
    }
}

/* What a NotificationHandle refers to: a table (its notifications carry rows) or a subscription. */
static void describe_handle(mh_dec *d, uint32_t h, char *out, size_t n)
{
    out[0] = 0;
    mh_object *o = d->sess ? mh_objects_get(&d->sess->objects, h) : NULL;
    if (!o)
        return;
    const char *by = mh_rop_name(o->opened_by) ? mh_rop_name(o->opened_by) : "?";
    if (o->kind == MH_OBJ_NOTIFICATION) {
        char types[160], where[48] = "";
        mh_notification_types_text(o->info & 0xFFFF, types, sizeof types);
        if (o->info & MH_NOTIFY_INFO_WHOLE_STORE) {
            snprintf(where, sizeof where, " on the whole store");
        } else {
            char f[18], m[18];
            mh_format_id(o->folder_id, f);
            mh_format_id(o->message_id, m);
            if (o->message_id)
                snprintf(where, sizeof where, " on %s/%s", f, m);
            else
                snprintf(where, sizeof where, " on %s", f);
        }
        snprintf(out, n, "notification subscription%s opened by %s (%s)", where, by, types);
    } else if (o->kind == MH_OBJ_TABLE && o->has_columns) {
        snprintf(out, n, "table opened by %s (%u columns)", by, o->ncolumns);
    } else {
        snprintf(out, n, "%s opened by %s", mh_obj_kind_name(o->kind), by);
    }
}

/* 2.2.14.2.1 (after RopId): NotificationHandle, LogonId, NotificationData ([MS-OXCNOTIF] 2.2.1.4.1). */
static void notify_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    size_t at = mh_cur_pos(&d->c);
    uint32_t h = mh_cur_u32(&d->c, "NotificationHandle");
    if (!mh_cur_ok(&d->c))
        return;
    char note[200];
    describe_handle(d, h, note, sizeof note);
    mh_emit_uint(d, MH_F_NOTIFY_NOTIFICATION_HANDLE, at, 4, h, note[0] ? note : NULL);
    uint8_t logon = mh_u8(d, MH_F_ROP_LOGON_ID);
    if (!mh_cur_ok(&d->c))
        return;
    if (d->xchg) { /* named properties in the table row belong to this logon */
        d->xchg->cur_logon = logon;
        d->xchg->cur_logon_known = 1;
    }
    mh_decode_notification_data(d, h);
}

/* 2.2.14.3.1 (after RopId): SessionIndex. */
static void pending_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u16(d, MH_F_PENDING_SESSION_INDEX);
}

const mh_rop_impl mh_rops_notify[] = {
    { 0x29, MH_ROP_RESP_OUTPUT, MH_OBJ_NOTIFICATION, register_notification_request, mh_rop_response_empty },
    { 0x2A, MH_ROP_RESP_CUSTOM, 0, NULL, notify_response },
    { 0x6E, MH_ROP_RESP_CUSTOM, 0, NULL, pending_response },
};
const size_t mh_rops_notify_count = sizeof mh_rops_notify / sizeof mh_rops_notify[0];

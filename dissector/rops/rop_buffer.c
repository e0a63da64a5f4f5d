/*
 * [MS-OXCROPS] 2.2.1 ROP input and output buffers: RopSize (2 bytes, counting itself and the RopsList),
 * the RopsList, and the ServerObjectHandleTable (4-byte handles filling the rest). A ROP has no length
 * of its own, so the list stops, with the rest shown raw, at the first ROP this decoder does not know;
 * the handle table is still decoded because RopSize says where it starts.
 *
 * Responses are paired with the request ROP they answer by RopId and handle index, in order
 * ([MS-OXCROPS] 3.1.5: responses appear in processing order; RopRelease has none). Responses packed
 * after the first payload ([MS-OXCRPC] 3.1.4.2.1.2) answer the request's last ROP again.
 */
#include "rop_buffer.h"

#include <stdio.h>

#include "../core/strbuf.h"
#include "../mapihttp.h"
#include "../mapi/names.h"
#include "rop_catalog.h"
#include "rop_context.h"

static void heading(uint8_t id, char *buf, size_t n)
{
    const char *name = mh_rop_name(id);
    mh_sb s = mh_sb_init(buf, n);
    mh_sb_str(&s, name ? name : "Reserved RopId");
    mh_sb_str(&s, " (");
    mh_sb_0x(&s, id, 2);
    mh_sb_chr(&s, ')');
}

static void note_rop(mh_dec *d, uint8_t id, int failed)
{
    mh_result *res = d->res;
    if (!res)
        return;
    if (res->rop_count < sizeof res->rop_ids)
        res->rop_ids[res->rop_count] = id;
    res->rop_count++;
    if (failed)
        res->rop_failures++;
}

/* Reports why a RopId cannot be decoded; stops the list. */
static void unsupported(mh_dec *d, size_t at, uint8_t id, int response)
{
    const char *name = mh_rop_name(id);
    if (!name)
        mh_stop(d, MH_PROB_UNSUPPORTED, at,
                "RopId 0x%02X is reserved in [MS-OXCROPS] 2.2.2; a ROP has no length, so the rest of the list "
                "cannot be decoded",
                id);
    else if (response ? !mh_rop_has_response(id) : !mh_rop_has_request(id))
        mh_stop(d, MH_PROB_MALFORMED, at, "%s (0x%02X) has no %s buffer ([MS-OXCROPS] %s)", name, id,
                response ? "response" : "request", mh_rop_section(id));
    else
        mh_stop(d, MH_PROB_UNSUPPORTED, at,
                "%s (0x%02X) %s is not decoded yet ([MS-OXCROPS] %s); the rest of the list is shown raw", name, id,
                response ? "response" : "request", mh_rop_section(id));
}

static void request_list(mh_dec *d, mh_exchange *x)
{
    size_t list_start = mh_open(d, MH_F_ROPS_LIST, NULL);
    int complete = 1;
    while (mh_cur_left(&d->c) > 0) {
        size_t at = mh_cur_pos(&d->c);
        uint8_t id = 0;
        mh_cur_peek_u8(&d->c, 0, &id);
        if (x) { /* every request ROP starts RopId, LogonId ([MS-OXCROPS] 2.2.3 - 2.2.15) */
            x->cur_rop = (uint16_t)x->nrops;
            x->cur_logon_known = mh_cur_peek_u8(&d->c, 1, &x->cur_logon);
        }
        const mh_rop_impl *impl = mh_rop_impl_get(id);
        if (!impl || !impl->request) {
            unsupported(d, at, id, 0);
            complete = 0;
            break;
        }
        char h[80];
        heading(id, h, sizeof h);
        mh_value v = { 0 };
        v.u = id;
        mh_open_at(d, MH_F_ROP, at, &v, h);
        mh_u8(d, MH_F_ROP_ID);
        mh_rop_req *r = x ? mh_exchange_add_rop(x) : NULL;
        if (r)
            r->rop_id = id;
        int problems_before = d->problems ? *d->problems : 0;
        impl->request(d, x, r);
        int ok = mh_check(d, h);
        if (d->problems && *d->problems != problems_before)
            complete = 0; /* a problem inside the ROP (it may have stopped the list): facts may be missing */
        mh_close(d, at);
        note_rop(d, id, 0);
        if (!ok || !mh_cur_ok(&d->c)) {
            complete = 0;
            break;
        }
    }
    mh_close(d, list_start);
    if (x)
        x->rops_complete = complete && !x->oom;
}

/* The request ROP a response answers: same RopId and handle index, first not yet answered. */
static mh_rop_req *match(mh_exchange *x, uint8_t id, uint8_t index, int output)
{
    if (!x)
        return NULL;
    for (size_t i = 0; i < x->nrops; i++) {
        mh_rop_req *r = &x->rops[i];
        if (r->consumed || r->rop_id != id)
            continue;
        if ((output ? r->out_index : r->in_index) != index)
            continue;
        r->consumed = 1;
        return r;
    }
    return NULL;
}

/* [MS-OXCROPS] 2.2.6.9.2: RopGetMessageStatus is answered with RopId 0x20, RopSetMessageStatus's. A 0x20
 * response answers whichever of the two was requested first on its handle and is not answered yet. */
static uint8_t answered_rop(const mh_exchange *x, uint8_t id, uint8_t index)
{
    if (id != 0x20 || !x)
        return id;
    for (size_t i = 0; i < x->nrops; i++) {
        const mh_rop_req *r = &x->rops[i];
        if (!r->consumed && r->in_index == index && (r->rop_id == 0x20 || r->rop_id == 0x1F))
            return r->rop_id;
    }
    return id;
}

static void response_list(mh_dec *d, mh_exchange *x)
{
    size_t list_start = mh_open(d, MH_F_ROPS_LIST, NULL);
    while (mh_cur_left(&d->c) > 0) {
        size_t at = mh_cur_pos(&d->c);
        uint8_t wire_id = 0, peek_index = 0;
        mh_cur_peek_u8(&d->c, 0, &wire_id);
        mh_cur_peek_u8(&d->c, 1, &peek_index);
        uint8_t id = answered_rop(x, wire_id, peek_index);
        const mh_rop_impl *impl = mh_rop_impl_get(id);
        if (!impl || !impl->response) {
            unsupported(d, at, id, 1);
            break;
        }
        char h[80];
        heading(id, h, sizeof h);
        mh_value v = { 0 };
        v.u = id;
        mh_open_at(d, MH_F_ROP, at, &v, h);
        if (id == wire_id) {
            mh_u8(d, MH_F_ROP_ID);
        } else {
            size_t id_at = mh_cur_pos(&d->c);
            mh_cur_u8(&d->c, "RopId");
            mh_emit_uint(d, MH_F_ROP_ID, id_at, 1, wire_id,
                         "RopGetMessageStatus is answered with this RopId ([MS-OXCROPS] 2.2.6.9.2)");
        }
        uint32_t rv = 0;
        mh_rop_req *r = NULL;
        int ok = 1;
        if (impl->flags & MH_ROP_RESP_CUSTOM) {
            impl->response(d, x, NULL, 0);
        } else {
            int output = (impl->flags & MH_ROP_RESP_OUTPUT) != 0;
            int respidx = (impl->flags & MH_ROP_RESP_RESPONSE_INDEX) != 0;
            uint8_t index = respidx ? mh_rop_response_index(d, NULL)
                            : (impl->flags & MH_ROP_RESP_SOURCE_INDEX) ? mh_rop_response_source_index(d)
                                                                       : mh_rop_response_handle_index(d, output);
            rv = mh_u32(d, MH_F_ROP_RETURN_VALUE);
            if (mh_cur_ok(&d->c)) {
                /* a request's ResponseHandleIndex is kept as its out_index */
                r = match(x, id, index, output || respidx);
                if (x) {
                    x->cur_rop = r ? r->index : 0;
                    x->cur_logon_known = r != NULL;
                    x->cur_logon = r ? r->logon_id : 0;
                }
                if (rv != 0 && !(impl->flags & MH_ROP_FAILURE_FIELDS)) {
                    /* the failure form: nothing follows ReturnValue */
                } else if (!r && (impl->flags & MH_ROP_NEEDS_REQUEST)) {
                    mh_stop(d, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&d->c),
                            "%s response: its request (%s %u) was not seen, so the fields that depend on it "
                            "cannot be decoded; the rest of the list is shown raw",
                            mh_rop_name(id),
                            respidx ? "ResponseHandleIndex"
                            : (impl->flags & MH_ROP_RESP_SOURCE_INDEX) ? "SourceHandleIndex"
                            : output ? "OutputHandleIndex" : "InputHandleIndex", index);
                    ok = 0;
                } else {
                    /* a success (ReturnValue 0) created the object at OutputHandleIndex: commit it before
                     * the response decoder runs, so that it can add what only the response knows (e.g.
                     * RopCreateFolder's FolderId) */
                    if (rv == 0 && impl->creates && output)
                        mh_rop_commit_object(d, r, index, (mh_obj_kind)impl->creates, id);
                    impl->response(d, x, r, rv);
                }
            }
        }
        if (ok)
            ok = mh_check(d, h);
        mh_close(d, at);
        note_rop(d, id, rv != 0 && !mh_is_warning_code(rv));
        if (!ok || !mh_cur_ok(&d->c))
            break;
    }
    mh_close(d, list_start);
}

static void handle_table(mh_dec *d)
{
    size_t start = mh_open(d, MH_F_HANDLE_TABLE, NULL);
    unsigned i = 0;
    while (mh_cur_left(&d->c) >= 4) {
        size_t at = mh_cur_pos(&d->c);
        uint32_t h = mh_cur_u32(&d->c, "ServerObjectHandle");
        char note[48];
        mh_sb s = mh_sb_init(note, sizeof note);
        mh_sb_str(&s, "index ");
        mh_sb_dec(&s, i, 1);
        if (h == 0xFFFFFFFF)
            mh_sb_str(&s, " (unused)");
        mh_emit_uint(d, MH_F_HANDLE, at, 4, h, note);
        i++;
    }
    if (mh_cur_left(&d->c))
        mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c),
                "ServerObjectHandleTable: %zu bytes left over, not a whole 4-byte handle", mh_cur_left(&d->c));
    mh_close(d, start);
}

/* The handle table follows the ROP list, but the ROPs' handle indexes refer to it: read it first. */
static void read_ahead_handles(mh_dec *d, size_t list_len, mh_exchange *x, int response)
{
    mh_cursor c = d->c;
    if (list_len > mh_cur_left(&c))
        return;
    mh_cur_skip(&c, list_len, "RopsList");
    size_t n = mh_cur_left(&c) / 4;
    if (!response) {
        x->nreq_handles = 0;
        for (size_t i = 0; i < n; i++)
            mh_exchange_add_req_handle(x, mh_cur_u32(&c, "handle"));
        return;
    }
    uint32_t *h = n ? mh_arena_alloc(d->arena, n * sizeof *h) : NULL;
    if (!h)
        n = 0;
    for (size_t i = 0; i < n; i++)
        h[i] = mh_cur_u32(&c, "handle");
    x->resp_handles = h;
    x->nresp_handles = n;
}

static void rop_buffer(mh_dec *d, mh_exchange *x, int response)
{
    size_t start = mh_open(d, MH_F_ROP_BUFFER, NULL);
    size_t at = mh_cur_pos(&d->c);
    uint16_t rop_size = mh_u16(d, MH_F_ROP_SIZE);
    if (!mh_check(d, "ROP buffer")) {
        mh_close(d, start);
        return;
    }
    if (rop_size < 2) {
        mh_stop(d, MH_PROB_MALFORMED, at, "RopSize %u is smaller than the RopSize field itself", rop_size);
        mh_close(d, start);
        return;
    }
    d->xchg = x;
    if (x) {
        x->decoding_response = response;
        read_ahead_handles(d, (size_t)rop_size - 2, x, response);
    }
    mh_dec list;
    int whole = mh_dec_sub(d, (size_t)rop_size - 2, "RopsList", &list);
    if (response)
        response_list(&list, x);
    else
        request_list(&list, x);
    if (whole)
        handle_table(d);
    mh_close(d, start);
}

void mh_decode_rop_requests_shown(mh_dec *d, size_t n)
{
    mh_dec sub;
    mh_dec_sub(d, n, "RequestBuffers", &sub);
    /* the same requests were decoded, with their facts, in the request: no facts again, no counting */
    sub.xchg = NULL;
    sub.res = NULL;
    request_list(&sub, NULL);
}

void mh_decode_rop_input_buffer(mh_dec *d, mh_exchange *x)
{
    rop_buffer(d, x, 0);
}

void mh_decode_rop_output_buffer(mh_dec *d, mh_exchange *x, unsigned payload_index)
{
    if (x && payload_index > 0 && x->nrops > 0)
        x->rops[x->nrops - 1].consumed = 0; /* a packed extra response answers the last request ROP again */
    rop_buffer(d, x, 1);
}

void mh_rop_exchange_done(mh_dec *d, mh_exchange *x)
{
    if (!x || !d->sess)
        return;
    /* RopRelease has no response ([MS-OXCROPS] 2.2.15.3): its handles go once the request was answered */
    for (size_t i = 0; i < x->nrops; i++) {
        const mh_rop_req *r = &x->rops[i];
        if (r->rop_id == 0x01 && r->in_index < x->nreq_handles && x->req_handles[r->in_index] != 0xFFFFFFFF)
            mh_objects_remove(&d->sess->objects, x->req_handles[r->in_index]);
    }
    x->resp_handles = NULL;
    x->nresp_handles = 0;
}

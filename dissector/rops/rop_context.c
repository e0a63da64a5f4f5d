/* Handle indexes to objects for ROP decoders (see rop_context.h). */
#include "rop_context.h"

#include <stdio.h>

#include "../core/strbuf.h"
#include "../mapi/ids.h"
#include "rop_catalog.h"

uint32_t mh_rop_handle_at(const mh_dec *d, uint8_t index)
{
    const mh_exchange *x = d->xchg;
    if (!x)
        return MH_NO_HANDLE;
    if (x->decoding_response && x->resp_handles && index < x->nresp_handles &&
        x->resp_handles[index] != MH_NO_HANDLE)
        return x->resp_handles[index];
    if (index < x->nreq_handles)
        return x->req_handles[index];
    return MH_NO_HANDLE;
}

mh_object *mh_rop_object_at(mh_dec *d, uint8_t index)
{
    uint32_t h = mh_rop_handle_at(d, index);
    if (h == MH_NO_HANDLE || !d->sess)
        return NULL;
    return mh_objects_get(&d->sess->objects, h);
}

void mh_rop_describe_index(mh_dec *d, uint8_t index, char *out, size_t outsz)
{
    out[0] = 0;
    const mh_exchange *x = d->xchg;
    if (!x)
        return;
    uint32_t h = mh_rop_handle_at(d, index);
    if (h == MH_NO_HANDLE) {
        /* not known yet: an earlier ROP of the same request may create it */
        for (size_t i = x->cur_rop; i-- > 0;) {
            const mh_rop_req *p = &x->rops[i];
            const mh_rop_impl *impl = mh_rop_impl_get(p->rop_id);
            if (impl && impl->creates && p->out_index == index) {
                snprintf(out, outsz, "output of %s earlier in this request", mh_rop_name(p->rop_id));
                return;
            }
        }
        if (index >= x->nreq_handles && !(x->decoding_response && index < x->nresp_handles))
            snprintf(out, outsz, "index beyond the ServerObjectHandleTable");
        return;
    }
    mh_object *o = d->sess ? mh_objects_get(&d->sess->objects, h) : NULL;
    if (!o) {
        mh_sb s = mh_sb_init(out, outsz);
        mh_sb_str(&s, "handle ");
        mh_sb_0x(&s, h, 8);
        return;
    }
    mh_sb s = mh_sb_init(out, outsz);
    mh_sb_str(&s, "handle ");
    mh_sb_0x(&s, h, 8);
    mh_sb_str(&s, " = ");
    if (o->kind == MH_OBJ_LOGON) {
        if (o->logon_known) {
            mh_sb_str(&s, "logon ");
            mh_sb_dec(&s, o->logon_id, 1);
        } else {
            mh_sb_str(&s, "logon (its RopLogon request not seen)");
        }
        return;
    }
    mh_sb_str(&s, mh_obj_kind_name(o->kind));
    char id[18];
    if (o->folder_id) {
        mh_format_id(o->folder_id, id);
        mh_sb_chr(&s, ' ');
        mh_sb_str(&s, id);
    }
    if (o->message_id) {
        mh_format_id(o->message_id, id);
        mh_sb_chr(&s, o->folder_id ? '/' : ' ');
        mh_sb_str(&s, id);
    }
    if (!o->opened_by) { /* known from a ROP that used it (e.g. RopSetColumns on a table) */
        mh_sb_str(&s, " opened before the capture");
    } else {
        mh_sb_str(&s, " opened by ");
        mh_sb_str(&s, mh_rop_name(o->opened_by) ? mh_rop_name(o->opened_by) : "?");
    }
    if (o->kind == MH_OBJ_TABLE && o->has_columns) {
        mh_sb_str(&s, " (");
        mh_sb_dec(&s, o->ncolumns, 1);
        mh_sb_str(&s, " columns)");
    }
}

mh_object *mh_rop_commit_object(mh_dec *d, const mh_rop_req *r, uint8_t out_index, mh_obj_kind kind, uint8_t rop_id)
{
    const mh_exchange *x = d->xchg;
    if (!x || !d->sess || !x->resp_handles || out_index >= x->nresp_handles)
        return NULL;
    uint32_t h = x->resp_handles[out_index];
    if (h == MH_NO_HANDLE)
        return NULL;
    mh_object *o = mh_objects_put(&d->sess->objects, h);
    if (!o)
        return NULL;
    o->kind = kind;
    o->opened_by = rop_id;
    if (r) {
        o->logon_known = 1;
        o->logon_id = r->logon_id;
        o->folder_id = r->id1;
        o->message_id = r->id2;
        o->info = r->u32a;
    }
    return o;
}

const char *mh_rop_named_note(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    uint16_t id = (uint16_t)(tag >> 16);
    if (id < 0x8000 || !d->sess || !d->xchg || !d->xchg->cur_logon_known)
        return NULL; /* mappings are per logon: without the LogonId there is no name */
    const mh_named_entry *e = mh_named_get(&d->sess->named, d->xchg->cur_logon, id);
    if (!e)
        return NULL;
    mh_named_format(e, buf, n);
    return buf;
}

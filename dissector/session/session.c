/* Pending requests of a MAPI session and the facts their responses need (see session.h). */
#include "session.h"

#include <stdlib.h>
#include <string.h>

void mh_session_init(mh_session *s)
{
    memset(s, 0, sizeof *s);
    mh_objects_init(&s->objects);
    mh_named_init(&s->named);
}

void mh_session_free(mh_session *s)
{
    for (size_t i = 0; i < MH_PENDING_MAX; i++) {
        free(s->pending[i].rops);
        free(s->pending[i].tags);
        free(s->pending[i].data);
        free(s->pending[i].req_handles);
    }
    mh_objects_free(&s->objects);
    mh_named_free(&s->named);
    memset(s, 0, sizeof *s);
}

static void set_id(mh_exchange *x, const char *id, size_t n)
{
    if (!id)
        n = 0;
    if (n >= MH_REQUEST_ID_MAX)
        n = MH_REQUEST_ID_MAX - 1;
    if (n)
        memcpy(x->request_id, id, n);
    x->request_id[n] = 0;
}

mh_exchange *mh_session_begin_request(mh_session *s, const char *request_id, size_t id_len,
                                      mh_request_type type)
{
    mh_exchange *slot = NULL;
    for (size_t i = 0; i < MH_PENDING_MAX; i++) {
        mh_exchange *x = &s->pending[i];
        if (!x->in_use) {
            slot = x;
            break;
        }
        if (!slot || x->seq < slot->seq)
            slot = x;
    }
    slot->in_use = 1;
    slot->seq = ++s->seq;
    slot->type = type;
    slot->rops_complete = 0;
    slot->nrops = slot->ntags = slot->ndata = slot->nreq_handles = 0;
    slot->oom = 0;
    slot->resp_handles = NULL;
    slot->nresp_handles = 0;
    slot->decoding_response = 0;
    set_id(slot, request_id, id_len);
    return slot;
}

mh_exchange *mh_session_find_request(mh_session *s, const char *request_id, size_t id_len,
                                     mh_request_type type)
{
    mh_exchange *best = NULL;
    if (request_id && id_len && id_len < MH_REQUEST_ID_MAX) {
        for (size_t i = 0; i < MH_PENDING_MAX; i++) {
            mh_exchange *x = &s->pending[i];
            if (x->in_use && strlen(x->request_id) == id_len && memcmp(x->request_id, request_id, id_len) == 0)
                return x;
        }
    }
    for (size_t i = 0; i < MH_PENDING_MAX; i++) {
        mh_exchange *x = &s->pending[i];
        if (x->in_use && x->type == type && (!best || x->seq > best->seq))
            best = x;
    }
    return best;
}

void mh_session_end_request(mh_session *s, mh_exchange *x)
{
    (void)s;
    if (x)
        x->in_use = 0;
}

static int reserve(void **p, size_t *cap, size_t used, size_t need, size_t el, size_t first);

mh_rop_req *mh_exchange_add_rop(mh_exchange *x)
{
    if (!reserve((void **)&x->rops, &x->rops_cap, x->nrops, 1, sizeof *x->rops, 32)) {
        x->oom = 1;
        return NULL;
    }
    mh_rop_req *r = &x->rops[x->nrops];
    memset(r, 0, sizeof *r);
    r->index = (uint16_t)x->nrops;
    x->nrops++;
    r->tags_off = (uint32_t)x->ntags;
    r->data_off = (uint32_t)x->ndata;
    return r;
}

/* Grows a reusable array to hold `need` more elements of size `el`; 0 when memory is short. */
static int reserve(void **p, size_t *cap, size_t used, size_t need, size_t el, size_t first)
{
    if (used + need <= *cap)
        return 1;
    size_t c = *cap ? *cap : first;
    while (c < used + need)
        c *= 2;
    void *q = realloc(*p, c * el);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

int mh_exchange_add_data(mh_exchange *x, mh_rop_req *r, const void *p, size_t n)
{
    if (!reserve((void **)&x->data, &x->data_cap, x->ndata, n, 1, 1024)) {
        x->oom = 1;
        return 0;
    }
    memcpy(x->data + x->ndata, p, n);
    x->ndata += n;
    r->data_len += (uint32_t)n;
    return 1;
}

int mh_exchange_add_req_handle(mh_exchange *x, uint32_t h)
{
    if (!reserve((void **)&x->req_handles, &x->req_handles_cap, x->nreq_handles, 1, sizeof h, 16)) {
        x->oom = 1;
        return 0;
    }
    x->req_handles[x->nreq_handles++] = h;
    return 1;
}

int mh_exchange_add_tag(mh_exchange *x, mh_rop_req *r, uint32_t tag)
{
    if (!reserve((void **)&x->tags, &x->tags_cap, x->ntags, 1, sizeof tag, 256)) {
        x->oom = 1;
        return 0;
    }
    x->tags[x->ntags++] = tag;
    r->tag_count++;
    return 1;
}

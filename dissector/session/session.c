/* Pending requests of a MAPI session and the facts their responses need (see session.h). */
#include "session.h"

#include <stdlib.h>
#include <string.h>

void mh_session_init(mh_session *s)
{
    memset(s, 0, sizeof *s);
}

void mh_session_free(mh_session *s)
{
    for (size_t i = 0; i < MH_PENDING_MAX; i++) {
        free(s->pending[i].rops);
        free(s->pending[i].tags);
    }
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
    slot->nrops = slot->ntags = 0;
    slot->oom = 0;
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

mh_rop_req *mh_exchange_add_rop(mh_exchange *x)
{
    if (x->nrops == x->rops_cap) {
        size_t cap = x->rops_cap ? x->rops_cap * 2 : 32;
        mh_rop_req *p = realloc(x->rops, cap * sizeof *p);
        if (!p) {
            x->oom = 1;
            return NULL;
        }
        x->rops = p;
        x->rops_cap = cap;
    }
    mh_rop_req *r = &x->rops[x->nrops++];
    memset(r, 0, sizeof *r);
    r->tags_off = (uint32_t)x->ntags;
    return r;
}

int mh_exchange_add_tag(mh_exchange *x, mh_rop_req *r, uint32_t tag)
{
    if (x->ntags == x->tags_cap) {
        size_t cap = x->tags_cap ? x->tags_cap * 2 : 256;
        uint32_t *p = realloc(x->tags, cap * sizeof *p);
        if (!p) {
            x->oom = 1;
            return 0;
        }
        x->tags = p;
        x->tags_cap = cap;
    }
    x->tags[x->ntags++] = tag;
    r->tag_count++;
    return 1;
}

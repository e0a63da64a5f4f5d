/*
 * Session context (ARCHITECTURE.md "Session context, transactional"): what decoding a response needs
 * from its request. A MAPI session is named by its session cookie (MapiContext / sid), not by a TCP
 * connection. This file holds the requests still waiting for their response, keyed by X-RequestId,
 * each with the facts its response needs (for Execute: every request ROP's id, handle indexes and, for
 * RopGetPropertiesSpecific, the property tags that name the response row's columns).
 *
 * Memory is bounded: a session keeps at most MH_PENDING_MAX unanswered requests (the oldest is dropped,
 * and its response then reports missing context); their fact arrays are reused, not freed per message.
 */
#ifndef MH_SESSION_H
#define MH_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "../envelope/request_type.h"

#define MH_PENDING_MAX 32
#define MH_REQUEST_ID_MAX 96

/* One request ROP as its response needs it. */
typedef struct {
    uint8_t rop_id;
    uint8_t logon_id;
    uint8_t in_index;
    uint8_t out_index;
    uint8_t consumed;   /* already paired with a response ROP */
    uint8_t flags8;     /* a ROP-specific byte (RopLogon: LogonFlags) */
    uint16_t flags16;   /* a ROP-specific word (RopGetPropertiesSpecific: WantUnicode) */
    uint32_t tags_off;  /* first of this ROP's property tags in the exchange's tag array */
    uint32_t tag_count;
} mh_rop_req;

typedef struct mh_exchange {
    int in_use;
    uint64_t seq;                     /* order of arrival, for "the most recent request" */
    char request_id[MH_REQUEST_ID_MAX];
    mh_request_type type;
    int rops_complete;                /* every request ROP was decoded (so a missing match means none) */
    mh_rop_req *rops;
    size_t nrops, rops_cap;
    uint32_t *tags;
    size_t ntags, tags_cap;
    int oom;                          /* facts could not all be stored */
} mh_exchange;

typedef struct mh_session {
    mh_exchange pending[MH_PENDING_MAX];
    uint64_t seq;
} mh_session;

void mh_session_init(mh_session *s);
void mh_session_free(mh_session *s);

/* A slot for a new request's facts (the oldest unanswered one is reused when all are taken). */
mh_exchange *mh_session_begin_request(mh_session *s, const char *request_id, size_t id_len,
                                      mh_request_type type);
/* The request a response belongs to: by X-RequestId when given, else the most recent unanswered one
 * of that request type. NULL when none is known. */
mh_exchange *mh_session_find_request(mh_session *s, const char *request_id, size_t id_len,
                                     mh_request_type type);
void mh_session_end_request(mh_session *s, mh_exchange *x);

/* Appends a request ROP; returns NULL when memory is short (x->oom is set). */
mh_rop_req *mh_exchange_add_rop(mh_exchange *x);
/* Appends property tags for the last added ROP. */
int mh_exchange_add_tag(mh_exchange *x, mh_rop_req *r, uint32_t tag);
static inline uint32_t mh_exchange_tag(const mh_exchange *x, const mh_rop_req *r, uint32_t i)
{
    return (r->tags_off + i < x->ntags) ? x->tags[r->tags_off + i] : 0;
}

#endif

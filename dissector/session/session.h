/*
 * Session context, transactional: what decoding a response needs from its request, and what earlier
 * successful responses established. A MAPI session is named by its session cookie (MapiContext / sid),
 * not by a TCP connection. It holds:
 * - the requests still waiting for their response, keyed by X-RequestId, each with the facts its
 *   response needs (for Execute: every request ROP's id, handle indexes, ids, property tags, and the
 *   request's ServerObjectHandleTable);
 * - the server objects by handle ([MS-OXCROPS] 1.3.1) with their columns (objects.h);
 * - the named property mappings per logon (named.h) and the LogonFlags per LogonId.
 * A request's effects are committed only when its response says success; RopRelease drops objects.
 *
 * Memory is bounded: at most MH_PENDING_MAX unanswered requests (the oldest is dropped, and its response
 * then reports missing context), MH_OBJECTS_MAX objects, MH_NAMED_MAX names; fact arrays are reused,
 * not freed per message.
 */
#ifndef MH_SESSION_H
#define MH_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "../envelope/request_type.h"
#include "named.h"
#include "objects.h"

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
    uint64_t id1, id2;  /* ids from the request the response's effect needs (FolderId, MessageId) */
    uint32_t u32a;      /* a ROP-specific value */
    uint32_t data_off;  /* ROP-specific bytes in the exchange's data array (e.g. property names) */
    uint32_t data_len;
    uint16_t index;     /* position of the ROP in the request's list */
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
    uint8_t *data;
    size_t ndata, data_cap;
    uint32_t *req_handles;            /* the request's ServerObjectHandleTable */
    size_t nreq_handles, req_handles_cap;
    int oom;                          /* facts could not all be stored */
    /* set while a ROP buffer is decoded */
    const uint32_t *resp_handles;     /* the response's ServerObjectHandleTable (read ahead) */
    size_t nresp_handles;
    int decoding_response;
    uint8_t cur_logon;                /* LogonId of the ROP being decoded (named property lookups) */
    uint8_t cur_logon_known;
    uint16_t cur_rop;                 /* position of the request ROP being decoded or answered */
} mh_exchange;

typedef struct mh_session {
    mh_exchange pending[MH_PENDING_MAX];
    uint64_t seq;
    mh_object_table objects;
    mh_named_table named;
    uint8_t logon_flags[256];         /* RopLogon LogonFlags per LogonId, committed on success */
    uint8_t logon_known[256];
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
/* Appends bytes for the ROP (r->data_off/len cover everything added for it). */
int mh_exchange_add_data(mh_exchange *x, mh_rop_req *r, const void *p, size_t n);
/* Appends one handle of the request's ServerObjectHandleTable. */
int mh_exchange_add_req_handle(mh_exchange *x, uint32_t h);

static inline uint32_t mh_exchange_tag(const mh_exchange *x, const mh_rop_req *r, uint32_t i)
{
    return (r->tags_off + i < x->ntags) ? x->tags[r->tags_off + i] : 0;
}

#endif

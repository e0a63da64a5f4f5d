/*
 * The shared decoding core's entry point: one MAPI/HTTP message (an HTTP request or response whose
 * Content-Type is application/mapi-http, or a request on /mapi/emsmdb/ or /mapi/nspi/ with an
 * X-RequestType header) in, decoder events out to a sink.
 *
 * [MS-OXCMAPIHTTP] 2.2.2 (common request and response format), 2.2.3 (headers), 2.2.7 (meta-tags),
 * 2.2.4 (mailbox bodies), 2.2.6 (PING). No Wireshark header is used anywhere in the core.
 */
#ifndef MH_MAPIHTTP_H
#define MH_MAPIHTTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/sink.h"
#include "envelope/request_type.h"
#include "session/session.h"

typedef struct {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} mh_header;

typedef struct {
    int is_response;
    /* For a response, the request type of its request when the front end paired them; MH_RT_UNKNOWN
     * to take it from X-RequestType or from the session's pending request. */
    mh_request_type type;
    const mh_header *headers; /* HTTP headers, in order; Set-Cookie may repeat */
    size_t n_headers;
    const uint8_t *body;      /* the HTTP body with transfer coding removed */
    size_t body_len;
    int body_complete;        /* the body is known whole (running out is then malformed, not truncated) */
} mh_message;

/* What the core found, for summaries and statistics by the front ends. */
typedef struct mh_result {
    mh_request_type type;
    int problems;
    int has_response_code;
    uint32_t response_code;   /* X-ResponseCode (the one after DONE when present) */
    int has_status;
    uint32_t status_code;     /* StatusCode of a response body */
    int done_seen;            /* response: the DONE meta-tag was seen (or the body had no meta-tags) */
    unsigned pending_count;
    unsigned rop_count;
    uint8_t rop_ids[64];      /* first ROP ids of an Execute ROP list, in order */
    unsigned rop_failures;    /* ROP responses with ReturnValue != 0 */
} mh_result;

/* Decodes one message. `session` may be NULL (no request/response context is kept). The arena is
 * reset before returning. Returns the number of problems reported (also in out->problems). */
int mh_decode_message(mh_session *session, const mh_message *m, mh_sink *sink, mh_arena *arena,
                      mh_result *out);

/* The value of the first header with this name (compared without regard to case), or NULL. */
const mh_header *mh_find_header(const mh_message *m, const char *name);

#endif

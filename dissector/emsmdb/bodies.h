/* [MS-OXCMAPIHTTP] 2.2.4 mailbox endpoint bodies and 2.2.6 PING (see bodies.c). */
#ifndef MH_EMSMDB_BODIES_H
#define MH_EMSMDB_BODIES_H

#include "../core/dec.h"
#include "../envelope/request_type.h"
#include "../session/session.h"

/* The binary request body of a mailbox request type; `x` (may be NULL) receives the request's facts. */
void mh_decode_emsmdb_request(mh_dec *d, mh_request_type t, mh_exchange *x);
/* The binary response body (after any meta-tags); `x` is the request's facts or NULL. */
void mh_decode_emsmdb_response(mh_dec *d, mh_request_type t, mh_exchange *x, uint32_t *status_out);

#endif

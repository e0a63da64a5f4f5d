/*
 * [MS-OXCMAPIHTTP] 2.2.5 address book server endpoint bodies: the request and response body of each of
 * the 19 NSPI request types (Bind ... GetAddressBookUrl), success and failure responses.
 */
#ifndef MH_NSPI_H
#define MH_NSPI_H

#include <stdint.h>

#include "../core/dec.h"
#include "../envelope/request_type.h"

/* The request body of an address book request type (mh_request_type_is_nspi(t)). */
void mh_decode_nspi_request(mh_dec *d, mh_request_type t);
/* The response body; returns 1 and sets *status when StatusCode was read (nonzero means the failure
 * body), 0 when the body ended before it. */
int mh_decode_nspi_response(mh_dec *d, mh_request_type t, uint32_t *status);

#endif

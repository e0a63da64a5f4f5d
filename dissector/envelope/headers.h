/*
 * [MS-OXCMAPIHTTP] 2.2.3 headers as fields: X-RequestType, X-RequestId (GUID and counter), X-ClientInfo,
 * X-ClientApplication, X-PendingPeriod, X-ResponseCode (named per 2.2.3.3.3), X-ServerApplication,
 * X-ExpirationInfo, X-ElapsedTime, X-StartTime, X-DeviceInfo, X-UserIdentity, and the session cookies
 * (2.2.3.2.3 Set-Cookie, 2.2.3.2.4 Cookie) shown as the session identity.
 */
#ifndef MH_HEADERS_H
#define MH_HEADERS_H

#include "../core/dec.h"
#include "../mapihttp.h"

typedef struct {
    mh_request_type type;       /* from X-RequestType */
    const char *request_id;     /* X-RequestId value (trimmed), NULL if absent */
    size_t request_id_len;
    int has_response_code;
    uint32_t response_code;
    int content_type_mapi;      /* Content-Type is application/mapi-http */
    int has_content_type;
} mh_header_info;

/* Emits the MAPI/HTTP headers of the message (generated fields) and fills `info`. */
void mh_decode_headers(mh_dec *d, const mh_message *m, mh_header_info *info);

/* One "Name: value" header found in the body after DONE ([MS-OXCMAPIHTTP] 3.2.5.2 additional headers):
 * decoded into the same fields, at its offset in the body. */
void mh_decode_additional_header(mh_dec *d, mh_span name, mh_span value, size_t value_off,
                                 mh_header_info *info);

#endif

/*
 * How mapidump writes a MAPI/HTTP message: the one-line summary (time, connection, direction, session,
 * request type, X-RequestId, HTTP status, X-ResponseCode, StatusCode, ROP names, authentication,
 * problems), the same line as the heading of the -V tree, and the JSON-lines object around the core's
 * JSON tree (transport fields named as tshark names them, mapidump's own under "mapidump.", the
 * decoded message under "mapihttp" with the core's filter names).
 */
#ifndef MD_OUTPUT_H
#define MD_OUTPUT_H

#include <stdio.h>

#include "conn.h"
#include "sessions.h"

typedef struct {
    const md_conn *c;
    int dir;                    /* flow direction the message travelled */
    int is_response;
    uint64_t ts;                /* the message was complete */
    md_sess *sess;
    mh_request_type type;
    const char *rid;            /* X-RequestId value (not NUL-terminated) */
    size_t rid_len;
    const md_http_msg *http;
    const char *auth;           /* request: its Authorization, described; NULL when none */
    const char *challenge;      /* response: the schemes its WWW-Authenticate offers; NULL when none */
    int decoded;                /* handed to the core */
    int complete;               /* the body is whole */
    const mh_result *res;       /* after decoding (NULL before) */
} md_view;

/* "2024-05-01 10:00:00.123456" (UTC) */
void md_format_time(uint64_t us, char *out, size_t n);
/* The summary line (without its newline). With `v->res` NULL, only what is known before decoding. */
void md_out_line(FILE *f, const md_view *v);
void md_out_json_head(FILE *f, const md_view *v);
void md_out_json_tail(FILE *f, const md_view *v);
/* A transport event in the text outputs ("TCP gap: 1448 bytes missing"). */
void md_out_event(md_app *a, const md_conn *c, int dir, const char *what);
/* ROP names, comma-separated, after `first` (RopId 0x.. for reserved ids). */
void md_out_rop_names(FILE *f, const uint8_t *ids, unsigned n, const char *first);
/* Writes s as a JSON string. */
void md_json_string(FILE *f, const char *s, size_t n);

#endif

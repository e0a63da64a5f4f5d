/*
 * One TCP connection's contents: what protocol it carries (TLS or plain HTTP, decided from its first
 * bytes, on any port; anything else is skipped quietly), the TLS observer, an HTTP parser per direction,
 * and the MAPI/HTTP exchange state (requests waiting for their responses, the NTLM user of the
 * connection). Created at the connection's first payload, freed when it ends.
 */
#ifndef MD_CONN_H
#define MD_CONN_H

#include <stdint.h>

#include "app.h"
#include "auth.h"
#include "http.h"
#include "tls.h"

#define MD_PENDING_REQUESTS 64

typedef enum { MD_PROTO_UNKNOWN, MD_PROTO_TLS, MD_PROTO_HTTP, MD_PROTO_OTHER } md_proto;

/* A request waiting for its response. */
typedef struct {
    uint8_t is_mapi, head, connect, decoded, rop_match, has_tl;
    mh_request_type type;
    char request_id[MH_REQUEST_ID_MAX];
    uint32_t sess_num;               /* 0: no session */
    uint64_t start_us;
    size_t tl_index;
} md_pending;

typedef struct md_conn {
    uint64_t id;
    md_app *app;
    md_proto proto;
    int client_dir;                  /* flow direction of the client, -1 unknown */
    int af;
    char ep[2][64];                  /* "addr:port" of flow endpoints 0 and 1 */
    char ip[2][48];
    uint16_t port[2];
    int midstream[2];
    md_tls tls;
    int tls_on;
    md_http http[2];
    int http_on;
    md_pending q[MD_PENDING_REQUESTS];
    unsigned qhead, qn;
    md_pending cur_req;              /* the request being received (headers seen) */
    int have_cur_req;
    md_pending cur_resp;             /* the request of the response being received */
    int have_cur_resp;
    char auth_user[240];
    uint64_t mapi_messages, http_messages, http_errors;
    int reported;
} md_conn;

struct md_flow;
md_conn *md_conn_new(md_app *a, const struct md_flow *f);
void md_conn_data(md_conn *c, int dir, const uint8_t *p, size_t n);
void md_conn_gap(md_conn *c, int dir, uint64_t n);
void md_conn_fin(md_conn *c, int dir);
/* The HTTP parser of one direction met an error: a report line, or, before any HTTP message of a stream
 * seen from its start, the end of HTTP on this connection (it is something else). */
void md_conn_http_error(md_conn *c, int dir, const char *why);
/* The connection ended: flushes what is pending, adds it to the report, frees it. */
void md_conn_end(md_conn *c);

/* HTTP events of a connection (mapi.c). */
extern const md_http_events md_mapi_http_events;

#endif

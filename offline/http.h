/*
 * An incremental, strict, bounded HTTP/1.1 message parser for one direction of a connection (RFC 9112):
 * start line (3), field lines (5) without obs-fold or whitespace before the colon, message body length
 * (6.3: no body for responses to HEAD and for 1xx/204/304, Transfer-Encoding chunked with extensions and
 * trailer fields (7.1), Content-Length, read until close), keep-alive (several messages in a row), and
 * the end of HTTP at 101 Switching Protocols or a CONNECT tunnel. Bytes may arrive split anywhere.
 *
 * Bounds: the header block and each chunk-size or trailer line are capped; a body is kept (for the
 * MAPI decoder) only when the owner asks, up to a configured size. After an error or a gap in the
 * stream the parser looks for the next line that starts a message and carries on from there.
 */
#ifndef MD_HTTP_H
#define MD_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mapihttp.h"

#define MD_HTTP_MAX_HEADER_BLOCK ((size_t)64 << 10)
#define MD_HTTP_MAX_HEADERS 128
#define MD_HTTP_MAX_LINE 4096      /* chunk-size line with extensions, trailer field line */
#define MD_HTTP_MAX_TRAILERS ((size_t)16 << 10)
#define MD_HTTP_RESYNC_LINE 8192   /* longest line considered when looking for a start line */

typedef struct {
    int is_response;
    const char *method, *target, *reason;
    size_t method_len, target_len, reason_len;
    int minor;                      /* HTTP/1.minor */
    int status;
    mh_header hdr[MD_HTTP_MAX_HEADERS];
    size_t nhdr;
    uint64_t start_us;              /* first byte of the start line */
    uint64_t done_us;               /* MAPI/HTTP: when the DONE meta-tag arrived (0: not seen) */
    uint64_t body_total;            /* body bytes seen (also those not kept) */
    int body_cut;                   /* the body was larger than the bound: only its start was kept */
    int chunked;
} md_http_msg;

/* What the owner wants for a message whose header block is complete. */
#define MD_HTTP_KEEP_BODY 1   /* keep the body for the message callback */
#define MD_HTTP_NO_BODY 2     /* a response without a body (to HEAD, 1xx, 204, 304) */
#define MD_HTTP_TUNNEL 4      /* the connection stops being HTTP after this message */
#define MD_HTTP_WATCH_DONE 8  /* note when a DONE meta-tag line arrives in the body */

typedef struct {
    int (*headers)(void *arg, int dir, md_http_msg *m);
    /* A whole message (complete = 1), or what there was of it when the stream broke (complete = 0). */
    void (*message)(void *arg, int dir, md_http_msg *m, const uint8_t *body, size_t n, int complete);
    /* A protocol error; the parser now looks for the next message. */
    void (*error)(void *arg, int dir, const char *why);
    /* A message was begun and lost (part of its header block is missing): no message callback comes for
     * it, but it answered (or asked) something. May be NULL. */
    void (*lost)(void *arg, int dir);
} md_http_events;

typedef struct {
    int state;
    int flags;                 /* MD_HTTP_* from the headers callback */
    int crlf;                  /* header block: how much of CR LF CR LF was just matched */
    unsigned leading_crlf;
    md_buf hdr;                /* the header block (and, between messages, a partial line) */
    md_buf body;
    md_buf line;               /* chunk-size / trailer / resync line */
    size_t trailer_bytes;
    int discarding;            /* resync: inside a line too long to be a start line */
    uint64_t remaining;        /* Content-Length or chunk bytes left */
    size_t meta_scan;          /* DONE watch: where the next meta-tag line starts */
    int meta_over;
    uint64_t messages;         /* parsed so far (for the owner's "is this HTTP at all") */
    uint64_t resync_bytes;     /* skipped while looking for a message */
    size_t max_body;
    md_http_msg msg;
    const md_http_events *ev;
    void *arg;
    int dir;
} md_http;

/* `midstream`: the stream may start inside a message (look for a start line first). */
void md_http_init(md_http *h, const md_http_events *ev, void *arg, int dir, size_t max_body, int midstream);
void md_http_feed(md_http *h, const uint8_t *p, size_t n, uint64_t ts_us);
/* n bytes are missing here; `exact` when n is the exact count (plain TCP, not TLS). */
void md_http_gap(md_http *h, uint64_t n, int exact);
/* No more bytes will come in this direction. */
void md_http_end(md_http *h, uint64_t ts_us);
void md_http_free(md_http *h);
/* In the dead state the parser ignores everything (tunnel, or given up by the owner). */
void md_http_stop(md_http *h);
int md_http_stopped(const md_http *h);

#endif

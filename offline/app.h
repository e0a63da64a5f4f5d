/*
 * What one run of mapidump over a capture shares between its layers: options, keys, TLS state shared by
 * connections, MAPI sessions, the core's scratch arena, output sinks, the running report, and the
 * capture time of the packet being processed.
 */
#ifndef MD_APP_H
#define MD_APP_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "core/sink_null.h"
#include "core/sink_text.h"
#include "keylog.h"
#include "options.h"
#include "packet.h"
#include "sessions.h"
#include "tls.h"

#define MD_REPORT_LINES 50

typedef struct {
    uint64_t connections;       /* TCP connections that carried data */
    uint64_t tls_decrypted, tls_not_decrypted, plain_http, other;
    uint64_t tls_no_key, tls_failed; /* of tls_not_decrypted: why, for the report's advice */
    uint64_t mapi_messages, http_messages, http_errors;
    uint64_t gaps, gap_bytes, gap_conns, conflicts, conflict_conns, retransmitted, out_of_order;
    uint64_t flows_evicted, sessions_evicted;
    uint64_t skipped[MD_SKIP_COUNT];
    char line[MD_REPORT_LINES][384];
    unsigned nlines;
    uint64_t more_lines;
} md_report;

typedef struct md_app {
    const md_options *o;
    md_keylog keys;
    md_tls_env *tls;
    md_sessions sessions;
    mh_arena arena;
    FILE *out;                  /* standard output */
    FILE *bodies;               /* --export-bodies, or NULL */
    FILE *mem;                  /* a stream into `membuf`, for output that a filter may drop */
    md_buf membuf;
    mh_stream_sink text, json;
    mh_null_sink null;
    md_report rep;
    uint64_t now_us;            /* capture time of the current packet */
    int problems;               /* something was reported: exit status 1 */
    int filtered;               /* a --session/--request-type/--rop filter is on */
} md_app;

/* A line for the final report (kept up to MD_REPORT_LINES, then counted). */
void md_report_line(md_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

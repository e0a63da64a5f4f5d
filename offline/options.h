/* mapidump's capture mode options (set by main.c from the command line). */
#ifndef MD_OPTIONS_H
#define MD_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "envelope/request_type.h"

#define MD_MAX_KEYLOGS 16

typedef enum { MD_FMT_SUMMARY, MD_FMT_VERBOSE, MD_FMT_JSON } md_format;

typedef struct {
    const char *capture;                 /* file, or "-" */
    const char *keylogs[MD_MAX_KEYLOGS];
    int nkeylogs;
    const char *tls_debug;
    const char *export_bodies;           /* --export-bodies FILE */
    md_format format;
    int sessions;                        /* --sessions */
    const char *session_filter;          /* --session ID: "3", "s3" or a cookie value */
    mh_request_type type_filter;         /* --request-type (MH_RT_UNKNOWN: none) */
    int rop_filter;                      /* --rop: RopId, -1 none */
    size_t max_flow_buffer;              /* out-of-order buffer per direction */
    size_t max_body;                     /* one HTTP body kept for the decoder */
    size_t max_flows, max_sessions, max_timeline;
    uint64_t idle_timeout_us;
    int quiet;                           /* no final report */
    int progress;                        /* -1 never, 0 auto (terminal and > 50 MB), 1 always */
} md_options;

/* The defaults of every option (no capture, no key log, summary output, the limits in force). */
void md_options_defaults(md_options *o);
/* The capture limits (flow_buffer, body, flows, sessions, timeline) from the core's values in force,
 * which --max-* and --limit set. */
void md_options_take_limits(md_options *o);

#endif

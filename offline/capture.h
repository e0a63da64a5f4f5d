/*
 * Capture mode: the single pass over a capture. libpcap packets -> link and IP headers -> the flow table
 * and TCP reassembly -> each connection's contents (TLS, HTTP, MAPI/HTTP) -> output; idle connections
 * and sessions are ended as capture time passes; at the end everything still open is flushed and a
 * short report goes to standard error.
 */
#ifndef MD_CAPTURE_H
#define MD_CAPTURE_H

#include "options.h"

/* Returns the exit status: 0 clean, 1 decoded with problems, 2 usage or I/O error. */
int md_capture_run(const md_options *o);

#endif

/*
 * Text and JSON renderings of decoder events (mapidump -V / -T json and raw mode).
 *
 * Text: one field per line, "<indent>Label: value", two spaces per level; subtrees print their label (or
 * the decoder's heading) and indent their children; problems print "[kind] message" and the leftover
 * bytes under it.
 *
 * JSON: each node {"field","label","value","offset","length","children":[...]} plus "show" (the display
 * text of named values and flags), "note", "source" (a node that starts a new data source) and, for
 * problems, "problem" (truncated|malformed|unsupported|missing_context). Top-level nodes are separated by
 * `separator` (e.g. "," inside an array, "\n" for JSON lines).
 */
#ifndef MH_SINK_TEXT_H
#define MH_SINK_TEXT_H

#include <stdio.h>

#include "outbuf.h"
#include "sink.h"

#define MH_SINK_MAX_DEPTH 512
#define MH_SINK_MAX_SOURCES 64

typedef struct {
    const uint8_t *data;
    size_t len;
} mh_sink_source;

typedef struct {
    mh_sink base;
    FILE *out;               /* may be changed between messages */
    unsigned depth;
    unsigned base_indent;
    mh_sink_source src[MH_SINK_MAX_SOURCES];
    unsigned nsrc;
    /* JSON only */
    const char *separator;
    unsigned long top_nodes;
    unsigned char has_child[MH_SINK_MAX_DEPTH];
    mh_outbuf ob;            /* written to `out` at the end of each message */
} mh_stream_sink;

void mh_text_sink_init(mh_stream_sink *s, FILE *out, unsigned base_indent);
void mh_json_sink_init(mh_stream_sink *s, FILE *out, const char *separator);

/* message_begin of both sinks: the body is the first data source. */
void mh_stream_sink_begin(mh_sink *sk, const uint8_t *body, size_t len);

/* Writes out what is buffered (done at the end of every message). */
void mh_stream_sink_flush(mh_stream_sink *s);

/* Bytes of the current data source, for leftover output. */
mh_span mh_stream_sink_bytes(const mh_stream_sink *s, size_t off, size_t len);

#endif

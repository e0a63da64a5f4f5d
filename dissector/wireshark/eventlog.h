/*
 * A compact log of one message's decoder events, and its replay.
 *
 * Why: Wireshark dissects a frame many times (first pass, then every click in the GUI, taps, filters),
 * but the session context a MAPI/HTTP message needs (the request a response answers, handles opened by
 * earlier Execute calls) may change only once, on the first pass, in frame order. So the plugin decodes
 * each message once into this recording sink, keeps the log for the file's lifetime, and builds the tree
 * on every pass by replaying the log into the Wireshark tree sink. A one-pass tshark run and random
 * access in the GUI then show the same tree.
 *
 * No Wireshark header here: the recorder and the replay are plain C, unit-tested (under the sanitizers)
 * by replaying into the core's JSON sink and comparing with a direct decode.
 *
 * Format: a byte string of records, each a tag byte followed by LEB128 numbers and counted byte strings.
 * Bytes values that lie inside the body or a pushed data source are stored as references (offset in
 * that source), other bytes inline; pushed sources (decompressed / de-obfuscated buffers) are copied
 * into the log, so the log owns every byte a replay hands to a sink.
 */
#ifndef MHWS_EVENTLOG_H
#define MHWS_EVENTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/sink.h"

#define MHWS_LOG_MAX_SOURCES 64
#define MHWS_LOG_CAP ((size_t)256 << 20) /* one message's log may not grow past this */

typedef struct {
    mh_sink base;
    uint8_t *buf;        /* the log being written (reused from message to message) */
    size_t len, cap;
    int overflow;        /* events were dropped: the log hit MHWS_LOG_CAP or memory ran out */
    struct {
        const uint8_t *data;
        size_t len;
    } src[MHWS_LOG_MAX_SOURCES];
    unsigned nsrc;       /* sources pushed and not popped (may exceed the array: those are not tracked) */
} mhws_recorder;

void mhws_recorder_init(mhws_recorder *r);
/* Empties the log for the next message (keeps the buffer). */
void mhws_recorder_reset(mhws_recorder *r);
void mhws_recorder_free(mhws_recorder *r);

/* Replays a log into any sink: message_begin gets `body` (the buffer the log's level-0 offsets refer
 * to), pushed sources and inline bytes point into the log itself, which must outlive their use.
 * Stops at the first record that does not parse (a log is only ever written by the recorder, but the
 * replay does not trust it). Returns 0 when the whole log was replayed, -1 otherwise. */
int mhws_log_replay(const uint8_t *log, size_t len, const uint8_t *body, size_t body_len, mh_sink *sink);

#endif

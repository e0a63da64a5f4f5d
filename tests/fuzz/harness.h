/*
 * What the core decoders' fuzz harnesses share: a sink picked by the input (counting only, or text or
 * JSON written to /dev/null, so that rendering is fuzzed too) and a decoder over one buffer, set up as
 * mh_decode_message sets up its own (cursor, arena, session, result), for harnesses that call a decoder
 * below the message level (ROP buffers, LZ77 payloads, auxiliary blocks).
 */
#ifndef MH_FUZZ_HARNESS_H
#define MH_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/dec.h"
#include "fuzz.h"
#include "mapihttp.h"

/* style % 3: 0 = counting sink, 1 = text, 2 = JSON (always text on standard output when the environment
 * has MH_FUZZ_SHOW, to see what an input decodes to). Valid until the next call. */
mh_sink *fz_sink(unsigned style);

/* The arena the harnesses decode with (reset after each message). */
mh_arena *fz_arena(void);

/* A decoder over p[0..n) with its own result; `sess` may be NULL. Starts a message on the sink. */
void fz_begin(mh_dec *d, mh_result *res, mh_sink *sink, mh_session *sess, const uint8_t *p, size_t n,
              int complete);
/* Ends the message and resets the shared arena (as mh_decode_message does after each message). */
void fz_end(mh_dec *d);

#endif

/*
 * The decode context every decoder works with: a cursor over the visible buffer, the sink that receives
 * events, the per-message arena and the session context. The helpers read one field through the cursor
 * and, when the read succeeded, emit it; on failure they emit nothing and the decoder reports the
 * problem once, with mh_check(), where the structure ends.
 */
#ifndef MH_DEC_H
#define MH_DEC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cursor.h"
#include "registry.h"
#include "sink.h"

struct mh_session;
struct mh_exchange;
struct mh_result;

/* What one message may still use of the per-message limits (core/limits.h), shared by every decoder of
 * the message; set up by mh_decode_message from the limits in force, once per message. */
typedef struct mh_budget {
    size_t nodes_left;        /* fields and subtrees the sink may still receive (nodes_per_message) */
    size_t decompressed_left; /* bytes LZ77 may still produce (decompressed_bytes) */
    int over;                 /* nodes_per_message was hit: later events are not shown */
    unsigned hidden_open;     /* subtrees opened since, whose closes are not shown either */
    unsigned hidden_src;      /* same for data sources */
} mh_budget;

typedef struct mh_dec {
    mh_cursor c;
    mh_sink *sink;
    mh_arena *arena;
    struct mh_session *sess;   /* may be NULL: decoders then report missing context where they need it */
    struct mh_exchange *xchg;  /* facts of the request/response pair being decoded, may be NULL */
    int *problems;             /* shared counter of problems reported for the message */
    struct mh_result *res;     /* summary of the message for the front ends, may be NULL */
    mh_budget *budget;         /* the message's limits; NULL: none (tests of single structures) */
    unsigned depth;            /* nesting of recursive structures, for limits */
    /* [MS-OXCDATA] 2.11.1.1: in ROP buffers PtypBinary byte counts are 16 bits wide; in extended rules
     * and address book structures they are 32 bits (multiple-value counts are 32 bits everywhere). */
    unsigned char wide_counts;
    /* an enclosing sized structure already reported that the data ends before its declared end: nested
     * sizes that run past the same end are not reported again */
    unsigned char clipped;
} mh_dec;

/* A decoder over a new buffer shown as its own data source (e.g. a decompressed ROP buffer). End it
 * with mh_dec_child_end. */
void mh_dec_child_begin(mh_dec *child, const mh_dec *parent, mh_field_id id, const char *name,
                        const uint8_t *data, size_t len);
void mh_dec_child_end(mh_dec *child);

/* A decoder over the next n bytes of the same buffer; the parent moves past them. Returns 0 when fewer
 * than n bytes were left: that is reported, the sub-decoder covers what exists and the parent is at its
 * limit (nothing after it can be decoded). */
int mh_dec_sub(mh_dec *d, size_t n, const char *what, mh_dec *sub);

/* Reading and emitting one field. */
uint8_t mh_u8(mh_dec *d, mh_field_id f);
uint16_t mh_u16(mh_dec *d, mh_field_id f);
uint32_t mh_u32(mh_dec *d, mh_field_id f);
uint64_t mh_u64(mh_dec *d, mh_field_id f);
int32_t mh_i32(mh_dec *d, mh_field_id f);
void mh_guid(mh_dec *d, mh_field_id f, uint8_t out[16]);
mh_span mh_bytes(mh_dec *d, mh_field_id f, size_t n);
/* A NUL-terminated 8-bit string, shown as text. */
mh_span mh_asciiz(mh_dec *d, mh_field_id f);
/* A NUL-terminated UTF-16LE string, shown as text. */
mh_span mh_utf16z(mh_dec *d, mh_field_id f);
/* Same, with a note shown after the value. */
uint32_t mh_u32_note(mh_dec *d, mh_field_id f, const char *note);

/* Emitting values that were not read by these helpers (already read, or derived). Every field goes to
 * the sink through mh_emit, which counts it against the message's nodes_per_message. */
void mh_emit(mh_dec *d, mh_field_id f, size_t off, size_t len, const mh_value *v, const char *note);
void mh_emit_uint(mh_dec *d, mh_field_id f, size_t off, size_t len, uint64_t v, const char *note);
void mh_emit_int(mh_dec *d, mh_field_id f, size_t off, size_t len, int64_t v);
void mh_emit_double(mh_dec *d, mh_field_id f, size_t off, size_t len, double v);
void mh_emit_str(mh_dec *d, mh_field_id f, size_t off, size_t len, const char *s, size_t slen);
void mh_emit_bytes(mh_dec *d, mh_field_id f, mh_span s);
void mh_emit_guid(mh_dec *d, mh_field_id f, size_t off, const uint8_t g[16], const char *note);
/* Text of a span as UTF-8 in the arena (NULL when the arena is exhausted). */
const char *mh_text_latin1(mh_dec *d, mh_span s, size_t *len);
const char *mh_text_utf16(mh_dec *d, mh_span s, size_t *len);

/* Subtrees: mh_open returns the start offset to give back to mh_close, which sets the length. */
size_t mh_open(mh_dec *d, mh_field_id f, const char *text);
size_t mh_open_uint(mh_dec *d, mh_field_id f, uint64_t v, const char *text);
void mh_close(mh_dec *d, size_t start);
/* Subtrees not tied to the cursor (generated ones, or with a value): the caller gives offset and length. */
void mh_open_at(mh_dec *d, mh_field_id f, size_t off, const mh_value *v, const char *text);
void mh_open_str(mh_dec *d, mh_field_id f, size_t off, size_t len, const char *s, size_t slen);
void mh_close_len(mh_dec *d, size_t len);

/* Reports a problem; [off, off+len) are the leftover bytes shown with it. */
void mh_problem(mh_dec *d, mh_problem_kind k, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* If the cursor recorded an error, report it (kind from the cursor, leftover bytes from where the
 * failing read started to the current limit), naming `what` was being decoded; returns 0. Returns 1
 * when all reads succeeded. The cursor's error stays set. */
int mh_check(mh_dec *d, const char *what);
/* Reports bytes left unread before the current limit of a structure that should have used them all. */
void mh_check_leftover(mh_dec *d, const char *what);
/* Stops the part: everything from `from` to the current limit is shown as leftover bytes. */
void mh_stop(mh_dec *d, mh_problem_kind k, size_t from, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif

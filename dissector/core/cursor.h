/*
 * Bounds-checked reader over packet bytes: the only code in the project that indexes raw packet data.
 *
 * Little-endian integer getters as used by every MS-OX* structure ([MS-OXCDATA] 2.11.1, [MS-OXCRPC] 2.2,
 * [MS-OXCMAPIHTTP] 2.2.1), GUIDs in their on-the-wire layout, and NUL-terminated ASCII / UTF-16LE strings.
 *
 * A cursor reads from `pos` up to `end` (its current limit). Limits nest: a structure whose size is known
 * ("the next N bytes are X") narrows `end` with mh_cur_push() and restores it with mh_cur_pop(). The first
 * read that does not fit records *why* (truncated: the buffer itself ran out; malformed: a declared size
 * ran past its enclosing structure) and where; the error is sticky, later reads return zero and do not
 * move, and the decoder checks once at the end of the structure.
 */
#ifndef MH_CURSOR_H
#define MH_CURSOR_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    MH_CUR_OK = 0,
    MH_CUR_TRUNCATED, /* the bytes ended: capture or body cut short */
    MH_CUR_MALFORMED  /* a length or count runs past the structure that contains it, or no terminator */
} mh_cur_err;

/* A view of bytes inside a cursor's buffer, by offset; only cursor functions look inside it. */
typedef struct {
    const uint8_t *base; /* the whole buffer the offset is relative to */
    size_t off;
    size_t len;
} mh_span;

typedef struct {
    const uint8_t *data; /* whole visible buffer (offsets are relative to it) */
    size_t size;         /* bytes available in `data` */
    size_t pos;          /* next read */
    size_t end;          /* current limit, <= size */
    int complete;        /* the buffer is known to be whole (e.g. Content-Length met): running out is
                            then malformed, not truncated */
    mh_cur_err err;
    size_t err_pos;      /* offset where the failing read started */
    size_t err_need;     /* bytes that read needed */
    size_t err_have;     /* bytes that were left before the limit */
    const char *err_what; /* label of what was being read (static string) */
} mh_cursor;

void mh_cur_init(mh_cursor *c, const uint8_t *data, size_t size);
static inline void mh_cur_set_complete(mh_cursor *c, int complete) { c->complete = complete; }

/* A new cursor over the next n bytes (clipped to what exists); the parent moves past them. Reading past
 * the sub-cursor's end counts as malformed when bytes exist after it, truncated otherwise. */
mh_cursor mh_cur_sub(mh_cursor *c, size_t n, const char *what);

static inline int mh_cur_ok(const mh_cursor *c) { return c->err == MH_CUR_OK; }
static inline size_t mh_cur_pos(const mh_cursor *c) { return c->pos; }
static inline size_t mh_cur_left(const mh_cursor *c) { return c->err ? 0 : c->end - c->pos; }

/* Narrow the limit to the next n bytes; returns the previous limit for mh_cur_pop. When n does not fit,
 * the error is recorded and the limit stays where it was. */
size_t mh_cur_push(mh_cursor *c, size_t n, const char *what);
/* Restore a limit saved by mh_cur_push. */
void mh_cur_pop(mh_cursor *c, size_t saved_end);

/* Record a malformed value found by the decoder itself (e.g. a count that cannot be right). */
void mh_cur_fail(mh_cursor *c, mh_cur_err why, size_t at, const char *what);
/* Forget a recorded error so that decoding can continue after the caller has reported it. */
void mh_cur_clear(mh_cursor *c);

uint8_t mh_cur_u8(mh_cursor *c, const char *what);
uint16_t mh_cur_u16(mh_cursor *c, const char *what);
uint32_t mh_cur_u32(mh_cursor *c, const char *what);
uint64_t mh_cur_u64(mh_cursor *c, const char *what);
int mh_cur_peek_u8(const mh_cursor *c, size_t ahead, uint8_t *out);
/* 16 bytes, as on the wire (Data1..Data3 little-endian). */
void mh_cur_guid(mh_cursor *c, uint8_t out[16], const char *what);
/* The next n bytes as a span, and move past them. */
mh_span mh_cur_bytes(mh_cursor *c, size_t n, const char *what);
void mh_cur_skip(mh_cursor *c, size_t n, const char *what);
/* Distance from the read position to the first byte equal to ch before the limit; -1 if none. */
long mh_cur_find(const mh_cursor *c, uint8_t ch);
/* Everything up to the current limit. */
mh_span mh_cur_rest(mh_cursor *c);
/* NUL-terminated 8-bit string: span excludes the terminator, the cursor moves past it. */
mh_span mh_cur_asciiz(mh_cursor *c, const char *what);
/* NUL-terminated UTF-16LE string (terminator 0x0000 on an even boundary): span excludes it. */
mh_span mh_cur_utf16z(mh_cursor *c, const char *what);

/* Span accessors (bounds-checked). */
static inline uint8_t mh_span_byte(mh_span s, size_t i)
{
    return (i < s.len && s.base) ? s.base[s.off + i] : 0;
}
mh_span mh_span_sub(mh_span s, size_t off, size_t len);
/* The span's bytes as characters (valid for s.len bytes; "" for an empty span), for text that is shown
 * as it came, such as header values. */
const char *mh_span_chars(mh_span s);
/* Copy min(n, s.len) bytes out of a span; returns the count. */
size_t mh_span_copy(mh_span s, uint8_t *out, size_t n);
int mh_span_eq_str(mh_span s, const char *text);

/* UTF-8 text of a span, written to out (NUL-terminated), returns its length.
 * ASCII/8-bit: bytes >= 0x80 are taken as Windows-1252-agnostic Latin-1 code points.
 * UTF-16LE: surrogate pairs joined, unpaired surrogates become U+FFFD.
 * Needed output size: for 8-bit 2*len+1, for UTF-16 3*(len/2)+1 (3 bytes per code unit at most). */
size_t mh_span_latin1_to_utf8(mh_span s, char *out, size_t outsz);
size_t mh_span_utf16_to_utf8(mh_span s, char *out, size_t outsz);

const char *mh_cur_err_name(mh_cur_err e);

#endif

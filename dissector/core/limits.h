/*
 * The resource limits, in one place: what a hostile or merely huge capture may make the decoder hold or
 * produce. Each has a name (the same in `mapidump --limit NAME=VALUE` and in the Wireshark preference
 * mapihttp.NAME), a documented default (docs/limits.md) and a range; the specifications set none of them
 * except where a comment says so.
 *
 * Decoder limits are enforced by the core and reported as an `unsupported` problem whose message names
 * the limit, its value and how to raise it; the part stops there (its bytes are shown as leftover) and
 * the next part decodes normally. Capture limits bound mapidump's own tables (TCP, HTTP, sessions); the
 * core only keeps their names, defaults and values so that both front ends set every limit one way.
 *
 * Values are read where they are enforced, once per structure or per message, never per field.
 */
#ifndef MH_LIMITS_H
#define MH_LIMITS_H

#include <stddef.h>

typedef enum {
    /* decoder limits (the core) */
    MH_LIMIT_DECOMPRESSED_BYTES, /* bytes LZ77 may produce for one message (sum of SizeActual) */
    MH_LIMIT_RESTRICTION_DEPTH,  /* nesting of restrictions, and of rule actions in restrictions' values */
    MH_LIMIT_NODES_PER_MESSAGE,  /* fields and subtrees one message may produce */
    MH_LIMIT_ROWS_PER_TABLE,     /* rows decoded from one row set */
    MH_LIMIT_FX_PARTIAL_BYTES,   /* bytes of a FastTransfer element carried between buffers */
    /* capture limits (mapidump) */
    MH_LIMIT_FLOW_BUFFER,        /* --max-flow-buffer */
    MH_LIMIT_BODY,               /* --max-body */
    MH_LIMIT_FLOWS,              /* --max-flows */
    MH_LIMIT_SESSIONS,           /* --max-sessions */
    MH_LIMIT_TIMELINE,           /* --max-timeline */
    MH_LIMIT_COUNT
} mh_limit_id;

#define MH_LIMIT_CORE_COUNT (MH_LIMIT_FX_PARTIAL_BYTES + 1) /* the decoder limits come first */

typedef struct {
    const char *name;    /* lower case with underscores: a Wireshark preference name too */
    const char *unit;    /* "bytes", "levels", "nodes", ... */
    int is_size;         /* a size: the value may end in k, M or G (binary multiples) */
    size_t def, min, max;
    const char *option;  /* mapidump's older option for it ("--max-flows"), or NULL */
    const char *meaning; /* one line for --limit help, the Wireshark preference and docs/limits.md */
} mh_limit_info;

extern const mh_limit_info mh_limit_table[MH_LIMIT_COUNT];

/* The values in force: the defaults until a front end changes them (before decoding, or between files). */
extern size_t mh_limits[MH_LIMIT_COUNT];

void mh_limits_reset(void);

/* The limit with this name (n characters), or -1. */
int mh_limit_find(const char *name, size_t n);

/* Parses a value for limit `id` (decimal; sizes may end in k, M or G) and checks its range: 1 with *out
 * set, or 0. */
int mh_limit_parse(mh_limit_id id, const char *s, size_t *out);

/* "NAME=VALUE": sets the limit and returns its id. On error returns -1 and writes a one-line reason (no
 * program name) to err. */
int mh_limit_set_arg(const char *arg, char *err, size_t errlen);

/* The tail every message about a hit limit ends with: "decoder limit NAME = VALUE UNIT; raise it with ...". */
size_t mh_limit_hint(mh_limit_id id, char *out, size_t n);

struct mh_dec;
/* Reports a decoder limit that was hit: `fmt` says what passed it; the hint is appended. The problem is
 * `unsupported` with the leftover bytes [off, off+len). */
void mh_limit_problem(struct mh_dec *d, mh_limit_id id, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Same, and stops the part: everything from `from` to the current limit is leftover, as mh_stop. */
void mh_limit_stop(struct mh_dec *d, mh_limit_id id, size_t from, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* After a loop over `count` rows that stopped at `done` rows: when it stopped because rows_per_table was
 * reached (the rows so far decoded cleanly, more were declared), reports it naming `what` and stops the
 * part. Returns 1 when it did. */
int mh_limit_rows_cut(struct mh_dec *d, unsigned long long count, unsigned long long done, const char *what);

#endif

/*
 * Where decoders send what they find. A decoder never formats text itself: it emits events (open subtree,
 * field, close subtree, problem, data source push/pop) with offsets and lengths relative to the buffer
 * the user can see, and a sink renders them: indented text, JSON, a Wireshark tree, counters.
 */
#ifndef MH_SINK_H
#define MH_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

/* The named problems (ARCHITECTURE.md): each stops the part it is found in. */
typedef enum {
    MH_PROB_TRUNCATED,      /* the capture or body ran out */
    MH_PROB_MALFORMED,      /* an impossible length or value */
    MH_PROB_UNSUPPORTED,    /* an id or type this decoder does not know (unknown ROP, AUX type, ...) */
    MH_PROB_MISSING_CONTEXT /* a response needs a request or earlier state that was not seen */
} mh_problem_kind;

const char *mh_problem_name(mh_problem_kind k); /* "truncated", "malformed", "unsupported", "missing_context" */

typedef struct mh_sink mh_sink;

typedef struct {
    /* One MAPI/HTTP message: the body its offsets refer to, until message_end. */
    void (*message_begin)(mh_sink *s, const uint8_t *body, size_t len);
    void (*message_end)(mh_sink *s);
    /* A new buffer whose offsets the following events use (e.g. "Decompressed ROP buffer"), shown as a
     * node of field `id`. `data` stays valid until the matching pop. */
    void (*source_push)(mh_sink *s, mh_field_id id, const char *name, const uint8_t *data, size_t len);
    void (*source_pop)(mh_sink *s);
    /* A subtree. `v` may be NULL (no value); `text`, when not NULL, is the line shown instead of the
     * label (e.g. "RopRelease"). The length is given again at close, once it is known. */
    void (*open)(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text);
    void (*close)(mh_sink *s, size_t len);
    /* A leaf. `note`, when not NULL, is shown after the value (" = note"). off/len of a generated field
     * (one not read from the buffer, e.g. an HTTP header value) are SIZE_MAX/0. */
    void (*field)(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note);
    /* A problem; [off, off+len) are the leftover bytes of the part that stopped. */
    void (*problem)(mh_sink *s, mh_problem_kind kind, size_t off, size_t len, const char *msg);
} mh_sink_ops;

struct mh_sink {
    const mh_sink_ops *ops;
};

#define MH_OFF_GENERATED ((size_t)-1)

#endif

/* The recording sink and the replay of its log (see eventlog.h). */
#include "eventlog.h"

#include <stdlib.h>
#include <string.h>

enum {
    T_BEGIN = 1,  /* body length */
    T_END,
    T_PUSH,       /* id, name, data */
    T_POP,
    T_OPEN,       /* id, off, len, flags, [value], [text] */
    T_CLOSE,      /* len */
    T_FIELD,      /* id, off, len, flags, value, [note] */
    T_PROBLEM     /* kind, off, len, message */
};

#define F_VALUE 1
#define F_TEXT 2

/* bytes values */
#define B_INLINE 0
#define B_REF 1

/* ---- writing ---- */

static int reserve(mhws_recorder *r, size_t n)
{
    if (r->overflow)
        return 0;
    if (n > MHWS_LOG_CAP - r->len) {
        r->overflow = 1;
        return 0;
    }
    if (r->len + n <= r->cap)
        return 1;
    size_t cap = r->cap ? r->cap : 4096;
    while (cap < r->len + n)
        cap = cap > MHWS_LOG_CAP / 2 ? MHWS_LOG_CAP : cap * 2;
    uint8_t *b = realloc(r->buf, cap);
    if (!b) {
        r->overflow = 1;
        return 0;
    }
    r->buf = b;
    r->cap = cap;
    return 1;
}

static void put_raw(mhws_recorder *r, const void *p, size_t n)
{
    if (n && reserve(r, n)) {
        memcpy(r->buf + r->len, p, n);
        r->len += n;
    }
}

static void put_u8(mhws_recorder *r, uint8_t b) { put_raw(r, &b, 1); }

static void put_num(mhws_recorder *r, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        tmp[n++] = b | (v ? 0x80 : 0);
    } while (v);
    put_raw(r, tmp, n);
}

/* Counted bytes followed by a NUL, so that a replay can hand them out as C strings. */
static void put_str(mhws_recorder *r, const char *s, size_t n)
{
    put_num(r, n);
    put_raw(r, s, n);
    put_u8(r, 0);
}

static void put_cstr(mhws_recorder *r, const char *s) { put_str(r, s ? s : "", s ? strlen(s) : 0); }

/* A bytes value: a reference when it lies inside a tracked source (the body is source 0). */
static void put_bytes(mhws_recorder *r, mh_span b)
{
    const uint8_t *p = b.base ? b.base + b.off : NULL;
    unsigned tracked = r->nsrc < MHWS_LOG_MAX_SOURCES ? r->nsrc : MHWS_LOG_MAX_SOURCES;
    for (unsigned i = tracked; p && i-- > 0;) {
        const uint8_t *d = r->src[i].data;
        if (d && p >= d && b.len <= r->src[i].len && (size_t)(p - d) <= r->src[i].len - b.len) {
            put_u8(r, B_REF);
            put_num(r, i);
            put_num(r, (uint64_t)(p - d));
            put_num(r, b.len);
            return;
        }
    }
    put_u8(r, B_INLINE);
    put_num(r, p ? b.len : 0);
    if (p)
        put_raw(r, p, b.len);
}

static void put_value(mhws_recorder *r, mh_field_id id, const mh_value *v)
{
    put_num(r, v->u);
    put_num(r, ((uint64_t)v->i << 1) ^ (uint64_t)(v->i >> 63)); /* zigzag */
    switch (mh_fields[id].type) {
    case MH_FT_DOUBLE:
        put_raw(r, &v->d, sizeof v->d);
        break;
    case MH_FT_STRING:
        put_str(r, v->str ? v->str : "", v->str ? v->str_len : 0);
        break;
    case MH_FT_BYTES:
        put_bytes(r, v->bytes);
        break;
    case MH_FT_GUID:
        put_raw(r, v->guid, 16);
        break;
    default:
        break;
    }
}

static mhws_recorder *rec_of(mh_sink *s) { return (mhws_recorder *)s; }

static void r_message_begin(mh_sink *s, const uint8_t *body, size_t len)
{
    mhws_recorder *r = rec_of(s);
    r->nsrc = 1;
    r->src[0].data = body;
    r->src[0].len = len;
    put_u8(r, T_BEGIN);
    put_num(r, len);
}

static void r_message_end(mh_sink *s)
{
    mhws_recorder *r = rec_of(s);
    r->nsrc = 0;
    put_u8(r, T_END);
}

static void r_source_push(mh_sink *s, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    mhws_recorder *r = rec_of(s);
    if (r->nsrc < MHWS_LOG_MAX_SOURCES) {
        r->src[r->nsrc].data = data;
        r->src[r->nsrc].len = len;
    }
    r->nsrc++;
    put_u8(r, T_PUSH);
    put_num(r, (uint64_t)id);
    put_cstr(r, name);
    put_str(r, (const char *)data, data ? len : 0);
}

static void r_source_pop(mh_sink *s)
{
    mhws_recorder *r = rec_of(s);
    if (r->nsrc)
        r->nsrc--;
    put_u8(r, T_POP);
}

static void r_open(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    mhws_recorder *r = rec_of(s);
    put_u8(r, T_OPEN);
    put_num(r, (uint64_t)id);
    put_num(r, (uint64_t)off);
    put_num(r, (uint64_t)len);
    put_u8(r, (v ? F_VALUE : 0) | (text ? F_TEXT : 0));
    if (v)
        put_value(r, id, v);
    if (text)
        put_cstr(r, text);
}

static void r_close(mh_sink *s, size_t len)
{
    mhws_recorder *r = rec_of(s);
    put_u8(r, T_CLOSE);
    put_num(r, (uint64_t)len);
}

static void r_field(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    mhws_recorder *r = rec_of(s);
    put_u8(r, T_FIELD);
    put_num(r, (uint64_t)id);
    put_num(r, (uint64_t)off);
    put_num(r, (uint64_t)len);
    put_u8(r, (v ? F_VALUE : 0) | (note ? F_TEXT : 0));
    if (v)
        put_value(r, id, v);
    if (note)
        put_cstr(r, note);
}

static void r_problem(mh_sink *s, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mhws_recorder *r = rec_of(s);
    put_u8(r, T_PROBLEM);
    put_num(r, (uint64_t)k);
    put_num(r, (uint64_t)off);
    put_num(r, (uint64_t)len);
    put_cstr(r, msg);
}

static const mh_sink_ops recorder_ops = { r_message_begin, r_message_end, r_source_push, r_source_pop,
                                          r_open,          r_close,       r_field,       r_problem };

void mhws_recorder_init(mhws_recorder *r)
{
    memset(r, 0, sizeof *r);
    r->base.ops = &recorder_ops;
}

void mhws_recorder_reset(mhws_recorder *r)
{
    r->len = 0;
    r->overflow = 0;
    r->nsrc = 0;
}

void mhws_recorder_free(mhws_recorder *r)
{
    free(r->buf);
    mhws_recorder_init(r);
}

/* ---- replay ---- */

typedef struct {
    const uint8_t *p;
    size_t len, pos;
    int bad;
} reader;

static uint8_t get_u8(reader *rd)
{
    if (rd->bad || rd->pos >= rd->len) {
        rd->bad = 1;
        return 0;
    }
    return rd->p[rd->pos++];
}

static uint64_t get_num(reader *rd)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        uint8_t b = get_u8(rd);
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return rd->bad ? 0 : v;
    }
    rd->bad = 1;
    return 0;
}

static const uint8_t *get_raw(reader *rd, size_t n)
{
    if (rd->bad || n > rd->len - rd->pos) {
        rd->bad = 1;
        return NULL;
    }
    const uint8_t *p = rd->p + rd->pos;
    rd->pos += n;
    return p;
}

/* A counted string written by put_str: its bytes, NUL-terminated in the log. */
static const char *get_str(reader *rd, size_t *n)
{
    uint64_t len = get_num(rd);
    if (rd->bad || len >= rd->len - rd->pos) {
        rd->bad = 1;
        return NULL;
    }
    const uint8_t *p = get_raw(rd, (size_t)len + 1);
    if (!p || p[len] != 0) {
        rd->bad = 1;
        return NULL;
    }
    if (n)
        *n = (size_t)len;
    return (const char *)p;
}

static size_t get_size(reader *rd)
{
    uint64_t v = get_num(rd);
    if (v > SIZE_MAX) {
        rd->bad = 1;
        return 0;
    }
    return (size_t)v;
}

typedef struct {
    const uint8_t *data;
    size_t len;
} source;

typedef struct {
    source src[MHWS_LOG_MAX_SOURCES];
    unsigned nsrc;
} sources;

static int get_field_id(reader *rd, mh_field_id *id)
{
    uint64_t v = get_num(rd);
    if (rd->bad || v >= MH_F_COUNT) {
        rd->bad = 1;
        return 0;
    }
    *id = (mh_field_id)v;
    return 1;
}

static void get_value(reader *rd, const sources *ss, mh_field_id id, mh_value *v)
{
    memset(v, 0, sizeof *v);
    v->u = get_num(rd);
    uint64_t z = get_num(rd);
    v->i = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
    switch (mh_fields[id].type) {
    case MH_FT_DOUBLE: {
        const uint8_t *p = get_raw(rd, sizeof v->d);
        if (p)
            memcpy(&v->d, p, sizeof v->d);
        break;
    }
    case MH_FT_STRING:
        v->str = get_str(rd, &v->str_len);
        if (!v->str)
            v->str_len = 0;
        break;
    case MH_FT_BYTES: {
        uint8_t mode = get_u8(rd);
        if (mode == B_REF) {
            size_t i = get_size(rd), off = get_size(rd), len = get_size(rd);
            if (rd->bad || i >= ss->nsrc || i >= MHWS_LOG_MAX_SOURCES || off > ss->src[i].len ||
                len > ss->src[i].len - off) {
                rd->bad = 1;
                break;
            }
            v->bytes.base = ss->src[i].data;
            v->bytes.off = off;
            v->bytes.len = len;
        } else if (mode == B_INLINE) {
            size_t len = get_size(rd);
            const uint8_t *p = get_raw(rd, len);
            v->bytes.base = p;
            v->bytes.len = p ? len : 0;
        } else {
            rd->bad = 1;
        }
        break;
    }
    case MH_FT_GUID: {
        const uint8_t *p = get_raw(rd, 16);
        if (p)
            memcpy(v->guid, p, 16);
        break;
    }
    default:
        break;
    }
}

int mhws_log_replay(const uint8_t *log, size_t len, const uint8_t *body, size_t body_len, mh_sink *sink)
{
    reader rd = { log, log ? len : 0, 0, 0 };
    sources ss;
    memset(&ss, 0, sizeof ss);
    unsigned depth = 0; /* pushed sources, tracked or not */
    while (!rd.bad && rd.pos < rd.len) {
        uint8_t tag = get_u8(&rd);
        switch (tag) {
        case T_BEGIN: {
            size_t n = get_size(&rd);
            if (rd.bad || n != body_len) {
                rd.bad = 1; /* the log was not written for this body */
                break;
            }
            ss.src[0].data = body;
            ss.src[0].len = body_len;
            ss.nsrc = 1;
            depth = 1;
            sink->ops->message_begin(sink, body, body_len);
            break;
        }
        case T_END:
            ss.nsrc = 0;
            depth = 0;
            sink->ops->message_end(sink);
            break;
        case T_PUSH: {
            mh_field_id id;
            size_t n = 0;
            if (!get_field_id(&rd, &id))
                break;
            const char *name = get_str(&rd, NULL);
            const char *data = get_str(&rd, &n);
            if (rd.bad)
                break;
            if (depth < MHWS_LOG_MAX_SOURCES) {
                ss.src[depth].data = (const uint8_t *)data;
                ss.src[depth].len = n;
                ss.nsrc = depth + 1;
            }
            depth++;
            sink->ops->source_push(sink, id, name, (const uint8_t *)data, n);
            break;
        }
        case T_POP:
            if (depth)
                depth--;
            if (ss.nsrc > depth)
                ss.nsrc = depth;
            sink->ops->source_pop(sink);
            break;
        case T_OPEN:
        case T_FIELD: {
            mh_field_id id;
            if (!get_field_id(&rd, &id))
                break;
            size_t off = get_size(&rd), flen = get_size(&rd);
            uint8_t flags = get_u8(&rd);
            mh_value v;
            if (flags & F_VALUE)
                get_value(&rd, &ss, id, &v);
            const char *text = (flags & F_TEXT) ? get_str(&rd, NULL) : NULL;
            if (rd.bad)
                break;
            if (tag == T_OPEN)
                sink->ops->open(sink, id, off, flen, (flags & F_VALUE) ? &v : NULL, text);
            else
                sink->ops->field(sink, id, off, flen, (flags & F_VALUE) ? &v : NULL, text);
            break;
        }
        case T_CLOSE: {
            size_t n = get_size(&rd);
            if (!rd.bad)
                sink->ops->close(sink, n);
            break;
        }
        case T_PROBLEM: {
            uint64_t k = get_num(&rd);
            size_t off = get_size(&rd), plen = get_size(&rd);
            const char *msg = get_str(&rd, NULL);
            if (rd.bad || k > MH_PROB_MISSING_CONTEXT) {
                rd.bad = 1;
                break;
            }
            sink->ops->problem(sink, (mh_problem_kind)k, off, plen, msg);
            break;
        }
        default:
            rd.bad = 1;
            break;
        }
    }
    return rd.bad ? -1 : 0;
}

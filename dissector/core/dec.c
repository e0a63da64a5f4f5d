/* Decode context helpers (see dec.h): each reads through the cursor and emits only what it read. */
#include "dec.h"

#include <stdio.h>
#include <string.h>

#include "limits.h"

const char *mh_problem_name(mh_problem_kind k)
{
    switch (k) {
    case MH_PROB_TRUNCATED: return "truncated";
    case MH_PROB_MALFORMED: return "malformed";
    case MH_PROB_UNSUPPORTED: return "unsupported";
    case MH_PROB_MISSING_CONTEXT: return "missing_context";
    }
    return "?";
}

/* The first node past nodes_per_message: the problem is reported once, with the rest of the current
 * part as leftover; from then on nothing of the message is shown. Every decoder that emits afterwards has
 * its cursor failed, so that decoding ends soon instead of running on unseen (its later problems are not
 * shown either). Returns 0: the node is not shown. */
static int node_over(mh_dec *d, size_t off)
{
    mh_budget *b = d->budget;
    if (!b->over) {
        size_t from = off <= d->c.end ? off : mh_cur_pos(&d->c);
        if (from > d->c.end)
            from = d->c.end;
        mh_limit_problem(d, MH_LIMIT_NODES_PER_MESSAGE, from, d->c.end - from,
                         "more fields and subtrees than are shown; the rest of the message is not decoded");
        b->over = 1;
    }
    mh_cur_fail(&d->c, MH_CUR_MALFORMED, mh_cur_pos(&d->c), "the rest of the message (nodes_per_message)");
    return 0;
}

/* Counts one node against the message's budget: a decrement and a test on the hot path. */
static inline int node_shown(mh_dec *d, size_t off)
{
    mh_budget *b = d->budget;
    if (!b)
        return 1;
    if (b->nodes_left) {
        b->nodes_left--;
        return 1;
    }
    return node_over(d, off);
}

void mh_dec_child_begin(mh_dec *child, const mh_dec *parent, mh_field_id id, const char *name,
                        const uint8_t *data, size_t len)
{
    *child = *parent;
    mh_cur_init(&child->c, data, len);
    if (node_shown(child, 0))
        child->sink->ops->source_push(child->sink, id, name, data, len);
    else
        child->budget->hidden_src++;
}

void mh_dec_child_end(mh_dec *child)
{
    if (child->budget && child->budget->hidden_src) {
        child->budget->hidden_src--;
        return;
    }
    child->sink->ops->source_pop(child->sink);
}

int mh_dec_sub(mh_dec *d, size_t n, const char *what, mh_dec *sub)
{
    *sub = *d;
    size_t at = mh_cur_pos(&d->c);
    size_t left = mh_cur_left(&d->c);
    sub->c = mh_cur_sub(&d->c, n, what);
    if (n <= left) {
        /* all n declared bytes exist: reading past them means a size inside was wrong */
        mh_cur_set_complete(&sub->c, 1);
        return 1;
    }
    mh_problem_kind k = d->c.err == MH_CUR_MALFORMED ? MH_PROB_MALFORMED : MH_PROB_TRUNCATED;
    mh_cur_clear(&d->c);
    d->c.pos = d->c.end;
    /* inside a structure that already ran past the end of the data, a nested size that runs past the same
     * end is a consequence, not a new problem */
    if (!d->clipped)
        mh_problem(d, k, at, 0, "%s: %zu bytes declared, %zu left", what, n, left);
    sub->clipped = 1;
    return 0;
}

void mh_emit(mh_dec *d, mh_field_id f, size_t off, size_t len, const mh_value *v, const char *note)
{
    if (node_shown(d, off))
        d->sink->ops->field(d->sink, f, off, len, v, note);
}

void mh_emit_uint(mh_dec *d, mh_field_id f, size_t off, size_t len, uint64_t u, const char *note)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = u;
    v.i = (int64_t)u;
    mh_emit(d, f, off, len, &v, note);
}

void mh_emit_int(mh_dec *d, mh_field_id f, size_t off, size_t len, int64_t i)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.i = i;
    v.u = (uint64_t)i;
    mh_emit(d, f, off, len, &v, NULL);
}

void mh_emit_double(mh_dec *d, mh_field_id f, size_t off, size_t len, double x)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.d = x;
    mh_emit(d, f, off, len, &v, NULL);
}

void mh_emit_str(mh_dec *d, mh_field_id f, size_t off, size_t len, const char *s, size_t slen)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.str = s ? s : "";
    v.str_len = s ? slen : 0;
    mh_emit(d, f, off, len, &v, NULL);
}

void mh_emit_bytes(mh_dec *d, mh_field_id f, mh_span s)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.bytes = s;
    mh_emit(d, f, s.off, s.len, &v, NULL);
}

void mh_emit_guid(mh_dec *d, mh_field_id f, size_t off, const uint8_t g[16], const char *note)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    memcpy(v.guid, g, 16);
    mh_emit(d, f, off, 16, &v, note);
}

static uint64_t read_uint(mh_dec *d, mh_field_id f, size_t n, const char *note)
{
    size_t off = mh_cur_pos(&d->c);
    const char *what = mh_fields[f].label;
    uint64_t u;
    switch (n) {
    case 1: u = mh_cur_u8(&d->c, what); break;
    case 2: u = mh_cur_u16(&d->c, what); break;
    case 4: u = mh_cur_u32(&d->c, what); break;
    default: u = mh_cur_u64(&d->c, what); break;
    }
    if (mh_cur_ok(&d->c))
        mh_emit_uint(d, f, off, n, u, note);
    return u;
}

uint8_t mh_u8(mh_dec *d, mh_field_id f) { return (uint8_t)read_uint(d, f, 1, NULL); }
uint16_t mh_u16(mh_dec *d, mh_field_id f) { return (uint16_t)read_uint(d, f, 2, NULL); }
uint32_t mh_u32(mh_dec *d, mh_field_id f) { return (uint32_t)read_uint(d, f, 4, NULL); }
uint64_t mh_u64(mh_dec *d, mh_field_id f) { return read_uint(d, f, 8, NULL); }
uint32_t mh_u32_note(mh_dec *d, mh_field_id f, const char *note) { return (uint32_t)read_uint(d, f, 4, note); }

int32_t mh_i32(mh_dec *d, mh_field_id f)
{
    size_t off = mh_cur_pos(&d->c);
    int32_t i = (int32_t)mh_cur_u32(&d->c, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        mh_emit_int(d, f, off, 4, i);
    return i;
}

void mh_guid(mh_dec *d, mh_field_id f, uint8_t out[16])
{
    size_t off = mh_cur_pos(&d->c);
    mh_cur_guid(&d->c, out, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        mh_emit_guid(d, f, off, out, NULL);
}

mh_span mh_bytes(mh_dec *d, mh_field_id f, size_t n)
{
    mh_span s = mh_cur_bytes(&d->c, n, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        mh_emit_bytes(d, f, s);
    return s;
}

const char *mh_text_latin1(mh_dec *d, mh_span s, size_t *len)
{
    size_t sz = 2 * s.len + 1;
    char *buf = mh_arena_alloc(d->arena, sz);
    if (!buf) {
        *len = 0;
        return NULL;
    }
    *len = mh_span_latin1_to_utf8(s, buf, sz);
    return buf;
}

const char *mh_text_utf16(mh_dec *d, mh_span s, size_t *len)
{
    size_t sz = 3 * (s.len / 2) + 4;
    char *buf = mh_arena_alloc(d->arena, sz);
    if (!buf) {
        *len = 0;
        return NULL;
    }
    *len = mh_span_utf16_to_utf8(s, buf, sz);
    return buf;
}

static void emit_text(mh_dec *d, mh_field_id f, size_t off, size_t wire_len, mh_span s, int utf16)
{
    size_t n;
    const char *t = utf16 ? mh_text_utf16(d, s, &n) : mh_text_latin1(d, s, &n);
    if (!t) {
        mh_problem(d, MH_PROB_MALFORMED, off, wire_len, "%s: string of %zu bytes exceeds the memory bound",
                   mh_fields[f].label, s.len);
        return;
    }
    mh_emit_str(d, f, off, wire_len, t, n);
}

mh_span mh_asciiz(mh_dec *d, mh_field_id f)
{
    size_t off = mh_cur_pos(&d->c);
    mh_span s = mh_cur_asciiz(&d->c, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        emit_text(d, f, off, mh_cur_pos(&d->c) - off, s, 0);
    return s;
}

mh_span mh_utf16z(mh_dec *d, mh_field_id f)
{
    size_t off = mh_cur_pos(&d->c);
    mh_span s = mh_cur_utf16z(&d->c, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        emit_text(d, f, off, mh_cur_pos(&d->c) - off, s, 1);
    return s;
}

/* Every subtree goes to the sink through here (counted like a field); a subtree not shown is remembered
 * so that its close is not shown either. */
static void open_node(mh_dec *d, mh_field_id f, size_t off, size_t len, const mh_value *v, const char *text)
{
    if (node_shown(d, off))
        d->sink->ops->open(d->sink, f, off, len, v, text);
    else
        d->budget->hidden_open++;
}

static void close_node(mh_dec *d, size_t len)
{
    if (d->budget && d->budget->hidden_open) {
        d->budget->hidden_open--;
        return;
    }
    d->sink->ops->close(d->sink, len);
}

size_t mh_open(mh_dec *d, mh_field_id f, const char *text)
{
    size_t off = mh_cur_pos(&d->c);
    open_node(d, f, off, 0, NULL, text);
    return off;
}

size_t mh_open_uint(mh_dec *d, mh_field_id f, uint64_t u, const char *text)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = u;
    v.i = (int64_t)u;
    size_t off = mh_cur_pos(&d->c);
    open_node(d, f, off, 0, &v, text);
    return off;
}

void mh_close(mh_dec *d, size_t start)
{
    size_t pos = mh_cur_pos(&d->c);
    close_node(d, pos >= start ? pos - start : 0);
}

void mh_open_at(mh_dec *d, mh_field_id f, size_t off, const mh_value *v, const char *text)
{
    open_node(d, f, off, 0, v, text);
}

void mh_open_str(mh_dec *d, mh_field_id f, size_t off, size_t len, const char *str, size_t slen)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.str = str ? str : "";
    v.str_len = str ? slen : 0;
    open_node(d, f, off, len, &v, NULL);
}

void mh_close_len(mh_dec *d, size_t len)
{
    close_node(d, len);
}

static void vproblem(mh_dec *d, mh_problem_kind k, size_t off, size_t len, const char *fmt, va_list ap)
{
    if (d->budget && d->budget->over)
        return; /* past nodes_per_message nothing more is shown, and the reason was given */
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (d->problems)
        (*d->problems)++;
    d->sink->ops->problem(d->sink, k, off, len, msg);
}

void mh_problem(mh_dec *d, mh_problem_kind k, size_t off, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(d, k, off, len, fmt, ap);
    va_end(ap);
}

void mh_stop(mh_dec *d, mh_problem_kind k, size_t from, const char *fmt, ...)
{
    size_t end = d->c.end;
    if (from > end)
        from = end;
    va_list ap;
    va_start(ap, fmt);
    vproblem(d, k, from, end - from, fmt, ap);
    va_end(ap);
    d->c.pos = end;
}

int mh_check(mh_dec *d, const char *what)
{
    const mh_cursor *c = &d->c;
    if (mh_cur_ok(c))
        return 1;
    size_t from = c->err_pos <= c->end ? c->err_pos : c->end;
    size_t len = c->end - from;
    mh_problem_kind k = c->err == MH_CUR_TRUNCATED ? MH_PROB_TRUNCATED : MH_PROB_MALFORMED;
    const char *field = c->err_what ? c->err_what : "data";
    if (c->err_need)
        mh_problem(d, k, from, len, "%s: %s needs %zu bytes at offset %zu, %zu left", what, field,
                   c->err_need, from, c->err_have);
    else
        mh_problem(d, k, from, len, "%s: %s is invalid at offset %zu", what, field, from);
    return 0;
}

void mh_check_leftover(mh_dec *d, const char *what)
{
    if (!mh_cur_ok(&d->c))
        return;
    size_t left = mh_cur_left(&d->c);
    if (left)
        mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c), "%s: %zu bytes left over after its last field",
                what, left);
}

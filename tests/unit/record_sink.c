/* Recording sink for unit tests (see record_sink.h). */
#include "record_sink.h"

#include "mapihttp.h"

#include <stdio.h>
#include <string.h>

static rec_event *add(rec_sink *r)
{
    if (r->n >= REC_MAX)
        return NULL;
    rec_event *e = &r->ev[r->n++];
    memset(e, 0, sizeof *e);
    e->depth = r->depth;
    return e;
}

static void fmt(rec_event *e, mh_field_id id, const mh_value *v)
{
    const mh_field *f = mh_field_get(id);
    snprintf(e->filter, sizeof e->filter, "%s", f->filter);
    if (!v) {
        e->value[0] = 0;
        return;
    }
    if (f->type == MH_FT_STRING) {
        size_t n = v->str_len < sizeof e->value - 1 ? v->str_len : sizeof e->value - 1;
        memcpy(e->value, v->str, n);
        e->value[n] = 0;
    } else {
        mh_format_value(f, v, e->value, sizeof e->value, 64);
    }
}

static void r_message_begin(mh_sink *s, const uint8_t *body, size_t len)
{
    rec_sink *r = (rec_sink *)s;
    r->nsrc = 1;
    r->source_data[0] = body;
    r->source_len[0] = len;
}
static void r_message_end(mh_sink *s) { ((rec_sink *)s)->nsrc = 0; }

static void r_source_push(mh_sink *s, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    rec_sink *r = (rec_sink *)s;
    rec_event *e = add(r);
    if (e) {
        snprintf(e->filter, sizeof e->filter, "%s", mh_field_get(id)->filter);
        snprintf(e->value, sizeof e->value, "%s", name);
        e->len = len;
        e->is_open = 1;
    }
    r->depth++;
    if (r->nsrc < 16) {
        r->source_data[r->nsrc] = data;
        r->source_len[r->nsrc] = len;
    }
    r->nsrc++;
}

static void r_source_pop(mh_sink *s)
{
    rec_sink *r = (rec_sink *)s;
    r->depth--;
    r->nsrc--;
}

static void r_open(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    rec_sink *r = (rec_sink *)s;
    rec_event *e = add(r);
    if (e) {
        fmt(e, id, v);
        if (text)
            snprintf(e->note, sizeof e->note, "%s", text);
        e->off = off;
        e->len = len;
        e->is_open = 1;
    }
    if (r->nopen < (int)(sizeof r->open_ev / sizeof r->open_ev[0]))
        r->open_ev[r->nopen] = e ? (long)(e - r->ev) : -1;
    r->nopen++;
    r->depth++;
}

static void r_close(mh_sink *s, size_t len)
{
    rec_sink *r = (rec_sink *)s;
    r->nopen--;
    if (r->nopen >= 0 && r->nopen < (int)(sizeof r->open_ev / sizeof r->open_ev[0]) && r->open_ev[r->nopen] >= 0)
        r->ev[r->open_ev[r->nopen]].len = len;
    r->depth--;
}

static void r_field(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    rec_sink *r = (rec_sink *)s;
    rec_event *e = add(r);
    if (!e)
        return;
    fmt(e, id, v);
    if (note)
        snprintf(e->note, sizeof e->note, "%s", note);
    e->off = off;
    e->len = len;
}

static void r_problem(mh_sink *s, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    rec_sink *r = (rec_sink *)s;
    rec_event *e = add(r);
    r->problems[k]++;
    if (!e)
        return;
    snprintf(e->filter, sizeof e->filter, "%s", "mapihttp.problem");
    snprintf(e->value, sizeof e->value, "%s", msg);
    e->off = off;
    e->len = len;
    e->is_problem = 1;
    e->kind = k;
}

static const mh_sink_ops rec_ops = { r_message_begin, r_message_end, r_source_push, r_source_pop,
                                     r_open,          r_close,       r_field,       r_problem };

void rec_init(rec_sink *r)
{
    memset(r, 0, sizeof *r);
    r->base.ops = &rec_ops;
}

const rec_event *rec_find(const rec_sink *r, const char *filter, int k)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->ev[i].filter, filter) == 0 && k-- == 0)
            return &r->ev[i];
    return NULL;
}

const char *rec_value(const rec_sink *r, const char *filter, int k)
{
    const rec_event *e = rec_find(r, filter, k);
    return e ? e->value : NULL;
}

int rec_count(const rec_sink *r, const char *filter)
{
    int n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += strcmp(r->ev[i].filter, filter) == 0;
    return n;
}

int rec_problems(const rec_sink *r)
{
    return r->problems[0] + r->problems[1] + r->problems[2] + r->problems[3];
}

const char *rec_problem(const rec_sink *r, int kind)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->ev[i].is_problem && r->ev[i].kind == kind)
            return r->ev[i].value;
    return NULL;
}

void rec_dump(const rec_sink *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const rec_event *e = &r->ev[i];
        fprintf(stderr, "%*s%s%s=%s%s%s\n", e->depth * 2, "", e->is_problem ? "!" : "", e->filter, e->value,
                e->note[0] ? " // " : "", e->note);
    }
}

size_t hex2bin(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        int v;
        char c = *p;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else continue;
        if (hi < 0) {
            hi = v;
        } else {
            if (n < cap)
                out[n] = (uint8_t)(hi * 16 + v);
            n++;
            hi = -1;
        }
    }
    return n;
}

int rec_decode(rec_sink *r, struct mh_session *sess, int is_response, int type, const void *headers, size_t nheaders,
               const uint8_t *body, size_t len, int complete, struct mh_result *res)
{
    mh_message m;
    memset(&m, 0, sizeof m);
    m.is_response = is_response;
    m.type = (mh_request_type)type;
    m.headers = headers;
    m.n_headers = nheaders;
    m.body = body;
    m.body_len = len;
    m.body_complete = complete;
    mh_arena arena;
    mh_arena_init(&arena, 0);
    rec_init(r);
    int p = mh_decode_message(sess, &m, &r->base, &arena, res);
    mh_arena_free(&arena);
    if (r->depth != 0) {
        fprintf(stderr, "unbalanced open/close: depth %d after the message\n", r->depth);
        p += 1000;
    }
    return p;
}

void rec_dec_init(rec_sink *r, mh_dec *d, mh_arena *arena, int *problems, const uint8_t *p, size_t n, int complete)
{
    rec_init(r);
    *problems = 0;
    memset(d, 0, sizeof *d);
    mh_cur_init(&d->c, p, n);
    mh_cur_set_complete(&d->c, complete);
    d->sink = &r->base;
    d->arena = arena;
    d->problems = problems;
    r->base.ops->message_begin(&r->base, p, n);
}

/* Field-capturing pass-through sink (see capture_sink.h). */
#include "capture_sink.h"

#include <string.h>

#define INNER(s) (((md_capture_sink *)(s))->inner)

static void c_message_begin(mh_sink *s, const uint8_t *body, size_t len)
{
    INNER(s)->ops->message_begin(INNER(s), body, len);
}

static void c_message_end(mh_sink *s)
{
    INNER(s)->ops->message_end(INNER(s));
}

static void c_source_push(mh_sink *s, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    INNER(s)->ops->source_push(INNER(s), id, name, data, len);
}

static void c_source_pop(mh_sink *s)
{
    INNER(s)->ops->source_pop(INNER(s));
}

static void c_open(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    INNER(s)->ops->open(INNER(s), id, off, len, v, text);
}

static void c_close(mh_sink *s, size_t len)
{
    INNER(s)->ops->close(INNER(s), len);
}

static void c_field(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    md_capture_sink *c = (md_capture_sink *)s;
    if (id == c->field && c->outsz && !c->out[0] && v && v->str) {
        size_t n = v->str_len < c->outsz - 1 ? v->str_len : c->outsz - 1;
        memcpy(c->out, v->str, n);
        c->out[n] = 0;
    }
    c->inner->ops->field(c->inner, id, off, len, v, note);
}

static void c_problem(mh_sink *s, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    INNER(s)->ops->problem(INNER(s), k, off, len, msg);
}

static const mh_sink_ops capture_ops = { c_message_begin, c_message_end, c_source_push, c_source_pop,
                                         c_open,          c_close,       c_field,       c_problem };

void md_capture_sink_init(md_capture_sink *s, mh_sink *inner, mh_field_id field, char *out, size_t outsz)
{
    s->base.ops = &capture_ops;
    s->inner = inner;
    s->field = field;
    s->out = out;
    s->outsz = outsz;
}

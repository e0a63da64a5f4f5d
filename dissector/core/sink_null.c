/* The counting sink (see sink_null.h). */
#include "sink_null.h"

#include <string.h>

static void n_message_begin(mh_sink *s, const uint8_t *body, size_t len)
{
    (void)s;
    (void)body;
    (void)len;
}

static void n_message_end(mh_sink *s)
{
    (void)s;
}

static void n_source_push(mh_sink *s, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    (void)s;
    (void)id;
    (void)name;
    (void)data;
    (void)len;
}

static void n_source_pop(mh_sink *s)
{
    (void)s;
}

static void n_open(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    (void)id;
    (void)off;
    (void)len;
    (void)v;
    (void)text;
    ((mh_null_sink *)s)->fields++;
}

static void n_close(mh_sink *s, size_t len)
{
    (void)s;
    (void)len;
}

static void n_field(mh_sink *s, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    (void)id;
    (void)off;
    (void)len;
    (void)v;
    (void)note;
    ((mh_null_sink *)s)->fields++;
}

static void n_problem(mh_sink *s, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    (void)k;
    (void)off;
    (void)len;
    (void)msg;
    ((mh_null_sink *)s)->problems++;
}

static const mh_sink_ops null_ops = { n_message_begin, n_message_end, n_source_push, n_source_pop,
                                      n_open,          n_close,       n_field,       n_problem };

void mh_null_sink_init(mh_null_sink *s)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &null_ops;
}

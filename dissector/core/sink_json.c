/* JSON rendering of decoder events (see sink_text.h for the node layout). */
#include <math.h>
#include <string.h>

#include "sink_text.h"
#include "utf8.h"

/* Writes s as a JSON string; invalid UTF-8 becomes U+FFFD so the document stays valid. Runs of
 * characters that need no escape are copied at once. */
static void json_str(mh_outbuf *o, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    ob_putc(o, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = mh_ascii_run(p, i, n, '"');
        if (run > i) {
            ob_put(o, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '"': ob_put(o, "\\\"", 2); break;
            case '\\': ob_put(o, "\\\\", 2); break;
            case '\n': ob_put(o, "\\n", 2); break;
            case '\r': ob_put(o, "\\r", 2); break;
            case '\t': ob_put(o, "\\t", 2); break;
            default:
                ob_put(o, "\\u00", 4);
                ob_hex2(o, c);
            }
            i++;
            continue;
        }
        size_t len = mh_utf8_seq_len(p + i, n - i);
        if (len) {
            ob_put(o, s + i, len);
            i += len;
        } else {
            ob_put(o, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    ob_putc(o, '"');
}

static void json_cstr(mh_outbuf *out, const char *s) { json_str(out, s, strlen(s)); }

static void json_hex(mh_outbuf *out, mh_span b)
{
    ob_putc(out, '"');
    for (size_t i = 0; i < b.len; i++)
        ob_hex2(out, mh_span_byte(b, i));
    ob_putc(out, '"');
}

static void begin_node(mh_stream_sink *s)
{
    if (s->depth == 0) {
        if (s->top_nodes++ && s->separator)
            ob_puts(&s->ob, s->separator);
    } else if (s->depth < MH_SINK_MAX_DEPTH) {
        if (s->has_child[s->depth])
            ob_putc(&s->ob, ',');
        s->has_child[s->depth] = 1;
    } else {
        ob_putc(&s->ob, ','); /* deeper than tracked: every node there follows a first one */
    }
}

static void node_head(mh_stream_sink *s, const char *filter, const char *label, size_t off)
{
    begin_node(s);
    ob_puts(&s->ob, "{\"field\":");
    json_cstr(&s->ob, filter);
    ob_puts(&s->ob, ",\"label\":");
    json_cstr(&s->ob, label);
    (void)off;
}

/* The value, and its display text as "show" when the field names its values (unless `heading` will
 * be the node's "show"). */
static void write_value(mh_stream_sink *s, const mh_field *f, const mh_value *v, int heading)
{
    char buf[1024];
    ob_puts(&s->ob, ",\"value\":");
    if (!v) {
        ob_puts(&s->ob, "null");
        return;
    }
    switch (f->type) {
    case MH_FT_NONE:
        ob_puts(&s->ob, "null");
        return;
    case MH_FT_BOOLEAN:
        ob_puts(&s->ob, v->u ? "true" : "false");
        return;
    case MH_FT_UINT8: case MH_FT_UINT16: case MH_FT_UINT32: case MH_FT_UINT64:
        ob_u64(&s->ob, v->u);
        break;
    case MH_FT_INT32: case MH_FT_INT64:
        if (v->i < 0) {
            ob_putc(&s->ob, '-');
            ob_u64(&s->ob, (uint64_t)0 - (uint64_t)v->i);
        } else {
            ob_u64(&s->ob, (uint64_t)v->i);
        }
        break;
    case MH_FT_DOUBLE:
        if (isfinite(v->d)) {
            char t[40];
            int k = snprintf(t, sizeof t, "%.17g", v->d);
            ob_put(&s->ob, t, k > 0 ? (size_t)k : 0);
        } else {
            json_cstr(&s->ob, isnan(v->d) ? "NaN" : (v->d > 0 ? "Infinity" : "-Infinity"));
        }
        return;
    case MH_FT_STRING:
        json_str(&s->ob, v->str ? v->str : "", v->str ? v->str_len : 0);
        return;
    case MH_FT_BYTES:
        json_hex(&s->ob, v->bytes);
        return;
    case MH_FT_GUID:
    case MH_FT_FILETIME:
        mh_format_value(f, v, buf, sizeof buf, 0);
        json_cstr(&s->ob, buf);
        return;
    }
    /* integers: the display text too, when the field names its values or flags */
    if (!heading && f->names && (f->names->count || f->names->lookup)) {
        mh_format_value(f, v, buf, sizeof buf, 0);
        ob_puts(&s->ob, ",\"show\":");
        json_cstr(&s->ob, buf);
    }
}

static void write_offset(mh_stream_sink *s, size_t off)
{
    if (off == MH_OFF_GENERATED) {
        ob_puts(&s->ob, ",\"offset\":null");
    } else {
        ob_puts(&s->ob, ",\"offset\":");
        ob_u64(&s->ob, off);
    }
}

static void push_depth(mh_stream_sink *s)
{
    s->depth++;
    if (s->depth < MH_SINK_MAX_DEPTH)
        s->has_child[s->depth] = 0;
}

static void j_source_push(mh_sink *sk, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    node_head(s, mh_field_get(id)->filter, name, 0);
    ob_puts(&s->ob, ",\"value\":null");
    ob_puts(&s->ob, ",\"offset\":0");
    ob_puts(&s->ob, ",\"source\":");
    json_cstr(&s->ob, name);
    ob_puts(&s->ob, ",\"length\":");
    ob_u64(&s->ob, len);
    ob_puts(&s->ob, ",\"children\":[");
    push_depth(s);
    if (s->nsrc < MH_SINK_MAX_SOURCES) {
        s->src[s->nsrc].data = data;
        s->src[s->nsrc].len = len;
    }
    s->nsrc++;
}

static void j_source_pop(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    ob_puts(&s->ob, "]}");
    if (s->depth)
        s->depth--;
    if (s->nsrc)
        s->nsrc--;
}

static void j_open(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *f = mh_field_get(id);
    (void)len;
    node_head(s, f->filter, f->label, off);
    write_value(s, f, v, text != NULL);
    if (text) {
        ob_puts(&s->ob, ",\"show\":");
        json_cstr(&s->ob, text);
    }
    write_offset(s, off);
    ob_puts(&s->ob, ",\"children\":[");
    push_depth(s);
}

static void j_close(mh_sink *sk, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    ob_puts(&s->ob, "],\"length\":");
    ob_u64(&s->ob, len);
    ob_putc(&s->ob, '}');
    if (s->depth)
        s->depth--;
}

static void j_field(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *f = mh_field_get(id);
    node_head(s, f->filter, f->label, off);
    write_value(s, f, v, 0);
    if (note) {
        ob_puts(&s->ob, ",\"note\":");
        json_cstr(&s->ob, note);
    }
    write_offset(s, off);
    ob_puts(&s->ob, ",\"length\":");
    ob_u64(&s->ob, len);
    ob_puts(&s->ob, ",\"children\":[]}");
}

static void j_problem(mh_sink *sk, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *pf = mh_field_get(MH_F_PROBLEM);
    const mh_field *lf = mh_field_get(MH_F_LEFTOVER);
    node_head(s, pf->filter, pf->label, off);
    ob_puts(&s->ob, ",\"problem\":");
    json_cstr(&s->ob, mh_problem_name(k));
    ob_puts(&s->ob, ",\"value\":");
    json_cstr(&s->ob, msg);
    write_offset(s, off);
    ob_puts(&s->ob, ",\"length\":");
    ob_u64(&s->ob, len);
    ob_puts(&s->ob, ",\"children\":[");
    if (len) {
        mh_span b = mh_stream_sink_bytes(s, off, len);
        ob_puts(&s->ob, "{\"field\":");
        json_cstr(&s->ob, lf->filter);
        ob_puts(&s->ob, ",\"label\":");
        json_cstr(&s->ob, lf->label);
        ob_puts(&s->ob, ",\"value\":");
        json_hex(&s->ob, b);
        ob_puts(&s->ob, ",\"offset\":");
        ob_u64(&s->ob, off);
        ob_puts(&s->ob, ",\"length\":");
        ob_u64(&s->ob, b.len);
        ob_puts(&s->ob, ",\"children\":[]}");
    }
    ob_puts(&s->ob, "]}");
}

static void j_message_end(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
    mh_stream_sink_flush(s);
}

static const mh_sink_ops json_ops = { mh_stream_sink_begin, j_message_end, j_source_push, j_source_pop, j_open, j_close, j_field, j_problem };

void mh_json_sink_init(mh_stream_sink *s, FILE *out, const char *separator)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &json_ops;
    s->out = out;
    s->ob.f = out;
    s->separator = separator;
}

/* JSON rendering of decoder events (see sink_text.h for the node layout). */
#include <math.h>
#include <string.h>

#include "sink_text.h"
#include "utf8.h"

/* Writes s as a JSON string; invalid UTF-8 becomes U+FFFD so the document stays valid. */
static void json_str(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", out); break;
            case '\\': fputs("\\\\", out); break;
            case '\n': fputs("\\n", out); break;
            case '\r': fputs("\\r", out); break;
            case '\t': fputs("\\t", out); break;
            default:
                if (c < 0x20 || c == 0x7F)
                    fprintf(out, "\\u%04x", c);
                else
                    fputc(c, out);
            }
            i++;
            continue;
        }
        size_t len = mh_utf8_seq_len((const unsigned char *)s + i, n - i);
        int ok = len != 0;
        if (ok) {
            fwrite(s + i, 1, len, out);
            i += len;
        } else {
            fputs("\xEF\xBF\xBD", out);
            i++;
        }
    }
    fputc('"', out);
}

static void json_cstr(FILE *out, const char *s) { json_str(out, s, strlen(s)); }

static void json_hex(FILE *out, mh_span b)
{
    fputc('"', out);
    for (size_t i = 0; i < b.len; i++)
        fprintf(out, "%02x", mh_span_byte(b, i));
    fputc('"', out);
}

static void begin_node(mh_stream_sink *s)
{
    if (s->depth == 0) {
        if (s->top_nodes++ && s->separator)
            fputs(s->separator, s->out);
    } else if (s->depth < MH_SINK_MAX_DEPTH) {
        if (s->has_child[s->depth])
            fputc(',', s->out);
        s->has_child[s->depth] = 1;
    } else {
        fputc(',', s->out); /* deeper than tracked: every node there follows a first one */
    }
}

static void node_head(mh_stream_sink *s, const char *filter, const char *label, size_t off)
{
    begin_node(s);
    fputs("{\"field\":", s->out);
    json_cstr(s->out, filter);
    fputs(",\"label\":", s->out);
    json_cstr(s->out, label);
    (void)off;
}

/* The value, and its display text as "show" when the field names its values (unless `heading` will
 * be the node's "show"). */
static void write_value(mh_stream_sink *s, const mh_field *f, const mh_value *v, int heading)
{
    char buf[1024];
    fputs(",\"value\":", s->out);
    if (!v) {
        fputs("null", s->out);
        return;
    }
    switch (f->type) {
    case MH_FT_NONE:
        fputs("null", s->out);
        return;
    case MH_FT_BOOLEAN:
        fputs(v->u ? "true" : "false", s->out);
        return;
    case MH_FT_UINT8: case MH_FT_UINT16: case MH_FT_UINT32: case MH_FT_UINT64:
        fprintf(s->out, "%llu", (unsigned long long)v->u);
        break;
    case MH_FT_INT32: case MH_FT_INT64:
        fprintf(s->out, "%lld", (long long)v->i);
        break;
    case MH_FT_DOUBLE:
        if (isfinite(v->d))
            fprintf(s->out, "%.17g", v->d);
        else
            json_cstr(s->out, isnan(v->d) ? "NaN" : (v->d > 0 ? "Infinity" : "-Infinity"));
        return;
    case MH_FT_STRING:
        json_str(s->out, v->str ? v->str : "", v->str ? v->str_len : 0);
        return;
    case MH_FT_BYTES:
        json_hex(s->out, v->bytes);
        return;
    case MH_FT_GUID:
    case MH_FT_FILETIME:
        mh_format_value(f, v, buf, sizeof buf, 0);
        json_cstr(s->out, buf);
        return;
    }
    /* integers: the display text too, when the field names its values or flags */
    if (!heading && f->names && (f->names->count || f->names->lookup)) {
        mh_format_value(f, v, buf, sizeof buf, 0);
        fputs(",\"show\":", s->out);
        json_cstr(s->out, buf);
    }
}

static void write_offset(mh_stream_sink *s, size_t off)
{
    if (off == MH_OFF_GENERATED)
        fputs(",\"offset\":null", s->out);
    else
        fprintf(s->out, ",\"offset\":%zu", off);
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
    fputs(",\"value\":null", s->out);
    fputs(",\"offset\":0", s->out);
    fputs(",\"source\":", s->out);
    json_cstr(s->out, name);
    fprintf(s->out, ",\"length\":%zu,\"children\":[", len);
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
    fputs("]}", s->out);
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
        fputs(",\"show\":", s->out);
        json_cstr(s->out, text);
    }
    write_offset(s, off);
    fputs(",\"children\":[", s->out);
    push_depth(s);
}

static void j_close(mh_sink *sk, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    fprintf(s->out, "],\"length\":%zu}", len);
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
        fputs(",\"note\":", s->out);
        json_cstr(s->out, note);
    }
    write_offset(s, off);
    fprintf(s->out, ",\"length\":%zu,\"children\":[]}", len);
}

static void j_problem(mh_sink *sk, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *pf = mh_field_get(MH_F_PROBLEM);
    const mh_field *lf = mh_field_get(MH_F_LEFTOVER);
    node_head(s, pf->filter, pf->label, off);
    fputs(",\"problem\":", s->out);
    json_cstr(s->out, mh_problem_name(k));
    fputs(",\"value\":", s->out);
    json_cstr(s->out, msg);
    write_offset(s, off);
    fprintf(s->out, ",\"length\":%zu,\"children\":[", len);
    if (len) {
        mh_span b = mh_stream_sink_bytes(s, off, len);
        fputs("{\"field\":", s->out);
        json_cstr(s->out, lf->filter);
        fputs(",\"label\":", s->out);
        json_cstr(s->out, lf->label);
        fputs(",\"value\":", s->out);
        json_hex(s->out, b);
        fprintf(s->out, ",\"offset\":%zu,\"length\":%zu,\"children\":[]}", off, b.len);
    }
    fputs("]}", s->out);
}

static void j_message_begin(mh_sink *sk, const uint8_t *body, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
    s->src[0].data = body;
    s->src[0].len = len;
    s->nsrc = 1;
}

static void j_message_end(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
}

static const mh_sink_ops json_ops = { j_message_begin, j_message_end, j_source_push, j_source_pop, j_open, j_close, j_field, j_problem };

void mh_json_sink_init(mh_stream_sink *s, FILE *out, const char *separator)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &json_ops;
    s->out = out;
    s->separator = separator;
}

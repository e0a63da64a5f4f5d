/* Indented text rendering of decoder events (see sink_text.h). */
#include "sink_text.h"

#include <string.h>

#include "utf8.h"

#define TEXT_MAX_BYTES 256     /* bytes fields: shown in full up to this many */
#define LEFTOVER_MAX 4096      /* leftover bytes shown in text before eliding */

mh_span mh_stream_sink_bytes(const mh_stream_sink *s, size_t off, size_t len)
{
    mh_span sp = { NULL, 0, 0 };
    if (!s->nsrc)
        return sp;
    const mh_sink_source *src = &s->src[s->nsrc - 1];
    sp.base = src->data;
    if (off > src->len)
        off = src->len;
    if (len > src->len - off)
        len = src->len - off;
    sp.off = off;
    sp.len = len;
    return sp;
}

static void indent(mh_stream_sink *s)
{
    for (unsigned i = 0; i < s->base_indent + s->depth; i++)
        fputs("  ", s->out);
}

/* Text from packets goes to terminals: control characters and bytes that are not UTF-8 are shown as
 * \xNN escapes, never passed through. */
static void print_text(FILE *out, const char *str, size_t n)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            fputc(c, out);
            i++;
        } else if (c == '\\') {
            fputs("\\\\", out);
            i++;
        } else if (c >= 0x80 && mh_utf8_seq_len(p + i, n - i) &&
                   !(c == 0xC2 && p[i + 1] < 0xA0)) { /* U+0080..U+009F are C1 controls */
            size_t len = mh_utf8_seq_len(p + i, n - i);
            fwrite(p + i, 1, len, out);
            i += len;
        } else {
            fprintf(out, "\\x%02x", c);
            i++;
        }
    }
}

static void print_value(mh_stream_sink *s, const mh_field *f, const mh_value *v)
{
    if (f->type == MH_FT_STRING) {
        if (v->str_len)
            print_text(s->out, v->str, v->str_len);
        return;
    }
    char buf[1024];
    mh_format_value(f, v, buf, sizeof buf, TEXT_MAX_BYTES);
    fputs(buf, s->out);
}

static void t_source_push(mh_sink *sk, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    (void)id;
    indent(s);
    fprintf(s->out, "%s (%zu bytes)\n", name, len);
    s->depth++;
    if (s->nsrc < MH_SINK_MAX_SOURCES) {
        s->src[s->nsrc].data = data;
        s->src[s->nsrc].len = len;
    }
    s->nsrc++;
}

static void t_source_pop(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    if (s->depth)
        s->depth--;
    if (s->nsrc)
        s->nsrc--;
}

static void t_open(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *f = mh_field_get(id);
    (void)off;
    (void)len;
    indent(s);
    if (text) {
        fputs(text, s->out);
    } else {
        fputs(f->label, s->out);
        if (v && f->type != MH_FT_NONE) {
            fputs(": ", s->out);
            print_value(s, f, v);
        }
    }
    fputc('\n', s->out);
    s->depth++;
}

static void t_close(mh_sink *sk, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    (void)len;
    if (s->depth)
        s->depth--;
}

static void t_field(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    const mh_field *f = mh_field_get(id);
    (void)off;
    (void)len;
    indent(s);
    fputs(f->label, s->out);
    if (f->type != MH_FT_NONE) {
        fputs(": ", s->out);
        print_value(s, f, v);
    }
    if (note) {
        fputs(" = ", s->out);
        fputs(note, s->out);
    }
    fputc('\n', s->out);
}

static void t_problem(mh_sink *sk, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    indent(s);
    fprintf(s->out, "[%s] ", mh_problem_name(k));
    print_text(s->out, msg, strlen(msg));
    fputc('\n', s->out);
    if (!len)
        return;
    mh_span b = mh_stream_sink_bytes(s, off, len);
    size_t shown = b.len > LEFTOVER_MAX ? LEFTOVER_MAX : b.len;
    s->depth++;
    indent(s);
    fprintf(s->out, "Leftover bytes (%zu at offset %zu):", b.len, off);
    for (size_t i = 0; i < shown; i++) {
        if (i % 16 == 0) {
            fputc('\n', s->out);
            indent(s);
            fputs("  ", s->out);
        } else {
            fputc(' ', s->out);
        }
        fprintf(s->out, "%02x", mh_span_byte(b, i));
    }
    if (shown < b.len)
        fprintf(s->out, "\n");
    if (shown < b.len) {
        indent(s);
        fprintf(s->out, "  \xE2\x80\xA6 (%zu more bytes)", b.len - shown);
    }
    fputc('\n', s->out);
    s->depth--;
}

static void t_message_begin(mh_sink *sk, const uint8_t *body, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
    s->src[0].data = body;
    s->src[0].len = len;
    s->nsrc = 1;
}

static void t_message_end(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
    if (s->depth == 0)
        fputc('\n', s->out);
}

static const mh_sink_ops text_ops = { t_message_begin, t_message_end, t_source_push, t_source_pop, t_open, t_close, t_field, t_problem };

void mh_text_sink_init(mh_stream_sink *s, FILE *out, unsigned base_indent)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &text_ops;
    s->out = out;
    s->base_indent = base_indent;
}

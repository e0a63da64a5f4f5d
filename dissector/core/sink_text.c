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

void mh_stream_sink_flush(mh_stream_sink *s)
{
    s->ob.f = s->out;
    ob_flush(&s->ob);
}

static void indent(mh_stream_sink *s)
{
    ob_fill(&s->ob, ' ', 2 * (size_t)(s->base_indent + s->depth));
}

/* Text from packets goes to terminals: control characters and bytes that are not UTF-8 are shown as
 * \xNN escapes, never passed through; runs of plain characters are copied at once. */
static void print_text(mh_outbuf *o, const char *str, size_t n)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        size_t run = mh_ascii_run(p, i, n, '\\');
        if (run > i) {
            ob_put(o, str + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        size_t len;
        if (c == '\\') {
            ob_put(o, "\\\\", 2);
            i++;
        } else if (c >= 0x80 && (len = mh_utf8_seq_len(p + i, n - i)) != 0 &&
                   !(c == 0xC2 && p[i + 1] < 0xA0)) { /* U+0080..U+009F are C1 controls */
            ob_put(o, str + i, len);
            i += len;
        } else {
            ob_put(o, "\\x", 2);
            ob_hex2(o, c);
            i++;
        }
    }
}

static void print_value(mh_stream_sink *s, const mh_field *f, const mh_value *v)
{
    if (f->type == MH_FT_STRING) {
        if (v->str_len)
            print_text(&s->ob, v->str, v->str_len);
        return;
    }
    char buf[1024];
    size_t n = mh_format_value(f, v, buf, sizeof buf, TEXT_MAX_BYTES);
    ob_put(&s->ob, buf, n);
}

void mh_stream_sink_begin(mh_sink *sk, const uint8_t *body, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->src[0].data = body;
    s->src[0].len = len;
    s->nsrc = 1;
}

static void t_message_end(mh_sink *sk)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    s->nsrc = 0;
    if (s->depth == 0)
        ob_putc(&s->ob, '\n');
    mh_stream_sink_flush(s);
}

static void t_source_push(mh_sink *sk, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    (void)id;
    indent(s);
    ob_puts(&s->ob, name);
    ob_put(&s->ob, " (", 2);
    ob_u64(&s->ob, len);
    ob_put(&s->ob, " bytes)\n", 8);
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
        ob_puts(&s->ob, text);
    } else {
        ob_put(&s->ob, f->label, f->label_len);
        if (v && f->type != MH_FT_NONE) {
            ob_put(&s->ob, ": ", 2);
            print_value(s, f, v);
        }
    }
    ob_putc(&s->ob, '\n');
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
    ob_put(&s->ob, f->label, f->label_len);
    if (f->type != MH_FT_NONE) {
        ob_put(&s->ob, ": ", 2);
        print_value(s, f, v);
    }
    if (note) {
        ob_put(&s->ob, " = ", 3);
        ob_puts(&s->ob, note);
    }
    ob_putc(&s->ob, '\n');
}

static void t_problem(mh_sink *sk, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mh_stream_sink *s = (mh_stream_sink *)sk;
    indent(s);
    ob_putc(&s->ob, '[');
    ob_puts(&s->ob, mh_problem_name(k));
    ob_put(&s->ob, "] ", 2);
    print_text(&s->ob, msg, strlen(msg));
    ob_putc(&s->ob, '\n');
    if (!len)
        return;
    mh_span b = mh_stream_sink_bytes(s, off, len);
    size_t shown = b.len > LEFTOVER_MAX ? LEFTOVER_MAX : b.len;
    s->depth++;
    indent(s);
    ob_puts(&s->ob, "Leftover bytes (");
    ob_u64(&s->ob, b.len);
    ob_puts(&s->ob, " at offset ");
    ob_u64(&s->ob, off);
    ob_put(&s->ob, "):", 2);
    for (size_t i = 0; i < shown; i++) {
        if (i % 16 == 0) {
            ob_putc(&s->ob, '\n');
            indent(s);
            ob_put(&s->ob, "  ", 2);
        } else {
            ob_putc(&s->ob, ' ');
        }
        ob_hex2(&s->ob, mh_span_byte(b, i));
    }
    if (shown < b.len) {
        ob_putc(&s->ob, '\n');
        indent(s);
        ob_puts(&s->ob, "  \xE2\x80\xA6 (");
        ob_u64(&s->ob, b.len - shown);
        ob_puts(&s->ob, " more bytes)");
    }
    ob_putc(&s->ob, '\n');
    s->depth--;
}

static const mh_sink_ops text_ops = { mh_stream_sink_begin, t_message_end, t_source_push, t_source_pop,
                                      t_open,          t_close,       t_field,       t_problem };

void mh_text_sink_init(mh_stream_sink *s, FILE *out, unsigned base_indent)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &text_ops;
    s->out = out;
    s->ob.f = out;
    s->base_indent = base_indent;
}

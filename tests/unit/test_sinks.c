/* The text and JSON renderings: layout, escaping of text that comes from packets (no control character
 * reaches a terminal; JSON stays valid UTF-8), problems with their leftover bytes. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/sink_text.h"
#include "core/utf8.h"

static char *render(int json, void (*emit)(mh_sink *s, const uint8_t *data, size_t len), const uint8_t *data,
                    size_t len)
{
    FILE *f = tmpfile();
    mh_stream_sink s;
    if (json)
        mh_json_sink_init(&s, f, ",");
    else
        mh_text_sink_init(&s, f, 0);
    s.base.ops->message_begin(&s.base, data, len);
    emit(&s.base, data, len);
    s.base.ops->message_end(&s.base);
    long n = ftell(f);
    rewind(f);
    char *out = calloc(1, (size_t)n + 1);
    size_t got = fread(out, 1, (size_t)n, f);
    out[got] = 0;
    fclose(f);
    return out;
}

static void emit_string(mh_sink *s, const uint8_t *data, size_t len)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    v.str = (const char *)data;
    v.str_len = len;
    s->ops->open(s, MH_F_MAPIHTTP, 0, len, NULL, "heading");
    s->ops->field(s, MH_F_CONNECT_USER_DN, 0, len, &v, NULL);
    v.u = 0x45;
    s->ops->field(s, MH_F_HANDLE, 0, 4, &v, "index 1");
    s->ops->close(s, len);
}

/* The run of plain characters both sinks copy at once, against its definition: each character that ends
 * a run (control, DEL, non-ASCII, backslash, the sink's own quote) at every position around the
 * eight-byte steps, from every start. */
static void test_ascii_run(void)
{
    static const unsigned char stops[] = { 0x00, 0x1F, 0x7F, 0x80, 0xFF, '\\', '"' };
    static const char plain[] = " !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"; /* the edges 0x20 and 0x7E too */
    unsigned char b[40];
    for (size_t k = 0; k < sizeof stops; k++) {
        for (size_t at = 0; at < 24; at++) {
            for (size_t i = 0; i < sizeof b; i++)
                b[i] = (unsigned char)plain[i % (sizeof plain - 1)];
            b[at] = stops[k];
            for (size_t from = 0; from <= at; from++) {
                size_t want_json = at, want_text = stops[k] == '"' ? sizeof b : at;
                CHECK_EQ(mh_ascii_run(b, from, sizeof b, '"'), want_json);
                CHECK_EQ(mh_ascii_run(b, from, sizeof b, '\\'), want_text);
            }
        }
    }
    /* all plain: the run ends where the bytes do */
    memset(b, 'x', sizeof b);
    for (size_t n = 0; n <= sizeof b; n++)
        CHECK_EQ(mh_ascii_run(b, 0, n, '"'), n);
}

static void test_text_escaping(void)
{
    /* ESC, a backslash, é in UTF-8, a lone 0xFF, and U+009B (a C1 control) in UTF-8 */
    static const uint8_t str[] = { 'a', 0x1B, '[', '2', 'J', '\\', 0xC3, 0xA9, 0xFF, 0xC2, 0x9B };
    char *out = render(0, emit_string, str, sizeof str);
    CHECK_STR(out, "heading\n  UserDn: a\\x1b[2J\\\\\xC3\xA9\\xff\\xc2\\x9b\n"
                   "  ServerObjectHandle: 0x00000045 = index 1\n\n");
    free(out);
}

static void test_json_escaping(void)
{
    static const uint8_t str[] = { 'q', '"', 0x01, 0xC3, 0xA9, 0xFF, '\n' };
    char *out = render(1, emit_string, str, sizeof str);
    CHECK(strstr(out, "\"value\":\"q\\\"\\u0001\xC3\xA9\xEF\xBF\xBD\\n\"") != NULL);
    CHECK(strstr(out, "\"note\":\"index 1\"") != NULL);
    CHECK(strstr(out, "\"show\":\"heading\"") != NULL);
    free(out);
}

static void emit_problem(mh_sink *s, const uint8_t *data, size_t len)
{
    (void)data;
    s->ops->open(s, MH_F_MAPIHTTP, 0, len, NULL, "m");
    s->ops->problem(s, MH_PROB_TRUNCATED, 1, 18, "cut");
    s->ops->close(s, len);
}

static void test_problem_rendering(void)
{
    uint8_t b[20];
    for (int i = 0; i < 20; i++)
        b[i] = (uint8_t)i;
    char *out = render(0, emit_problem, b, sizeof b);
    CHECK_STR(out, "m\n  [truncated] cut\n    Leftover bytes (18 at offset 1):\n"
                   "      01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n      11 12\n\n");
    free(out);
    out = render(1, emit_problem, b, sizeof b);
    CHECK(strstr(out, "\"field\":\"mapihttp.problem\",\"label\":\"Problem\",\"problem\":\"truncated\",\"value\":\"cut\","
                      "\"offset\":1,\"length\":18") != NULL);
    CHECK(strstr(out, "\"field\":\"mapihttp.leftover\",\"label\":\"Leftover bytes\",\"value\":"
                      "\"0102030405060708090a0b0c0d0e0f101112\"") != NULL);
    free(out);
}

static void emit_source(mh_sink *s, const uint8_t *data, size_t len)
{
    static const uint8_t inner[3] = { 9, 9, 9 };
    (void)data;
    s->ops->open(s, MH_F_MAPIHTTP, 0, len, NULL, "m");
    s->ops->source_push(s, MH_F_BUFFER, "Decompressed ROP buffer", inner, 3);
    s->ops->problem(s, MH_PROB_MALFORMED, 1, 2, "inner");
    s->ops->source_pop(s);
    s->ops->close(s, len);
}

static void test_sources(void)
{
    uint8_t outer[4] = { 1, 2, 3, 4 };
    char *out = render(0, emit_source, outer, sizeof outer);
    /* leftover bytes come from the innermost data source */
    CHECK_STR(out, "m\n  Decompressed ROP buffer (3 bytes)\n    [malformed] inner\n"
                   "      Leftover bytes (2 at offset 1):\n        09 09\n\n");
    free(out);
    out = render(1, emit_source, outer, sizeof outer);
    CHECK(strstr(out, "\"source\":\"Decompressed ROP buffer\",\"length\":3") != NULL);
    CHECK(strstr(out, "\"value\":\"0909\"") != NULL);
    free(out);
}

int main(void)
{
    RUN(test_ascii_run);
    RUN(test_text_escaping);
    RUN(test_json_escaping);
    RUN(test_problem_rendering);
    RUN(test_sources);
    return check_report();
}

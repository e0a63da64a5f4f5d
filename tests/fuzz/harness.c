/* Shared set-up of the core decoders' fuzz harnesses (see harness.h). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sink_null.h"
#include "core/sink_text.h"

static FILE *devnull;
static int show; /* MH_FUZZ_SHOW set: every message rendered as text on standard output (docs/fuzzing.md) */
static mh_null_sink null_sink;
static mh_stream_sink stream_sink;
static mh_arena arena;
static int ready;

static void setup(void)
{
    if (ready)
        return;
    show = getenv("MH_FUZZ_SHOW") != NULL;
    devnull = show ? stdout : fopen("/dev/null", "w"); /* NULL is fine: the sinks then write nothing */
    mh_arena_init(&arena, 16u << 20);
    ready = 1;
}

mh_sink *fz_sink(unsigned style)
{
    setup();
    switch (show ? 1 : style % 3) {
    case 0:
        mh_null_sink_init(&null_sink);
        return &null_sink.base;
    case 1:
        mh_text_sink_init(&stream_sink, devnull, 0);
        return &stream_sink.base;
    default:
        mh_json_sink_init(&stream_sink, devnull, "\n");
        return &stream_sink.base;
    }
}

mh_arena *fz_arena(void)
{
    setup();
    return &arena;
}

void fz_begin(mh_dec *d, mh_result *res, mh_sink *sink, mh_session *sess, const uint8_t *p, size_t n,
              int complete)
{
    setup();
    memset(res, 0, sizeof *res);
    memset(d, 0, sizeof *d);
    mh_cur_init(&d->c, p, n);
    mh_cur_set_complete(&d->c, complete);
    d->sink = sink;
    d->arena = &arena;
    d->sess = sess;
    d->problems = &res->problems;
    d->res = res;
    sink->ops->message_begin(sink, p, n);
}

void fz_end(mh_dec *d)
{
    d->sink->ops->message_end(d->sink);
    mh_arena_reset(&arena);
}

/*
 * libFuzzer harness for the body decoders. The first input byte selects the request type (low 5 bits,
 * modulo the 24 X-RequestType values) and the mode (bits 5-7): request, response, response starting
 * with meta-tags, or a request then its response (split at the offset in bytes 1-2) so that responses
 * are decoded with their request's context. Output goes through the text and JSON sinks to /dev/null so
 * that formatting is exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/sink_text.h"
#include "mapihttp.h"

static FILE *devnull;
static mh_arena arena;
static mh_session session;
static unsigned long runs;

static void decode(int response, mh_request_type t, const uint8_t *p, size_t n, int json, int complete)
{
    mh_stream_sink s;
    if (json)
        mh_json_sink_init(&s, devnull, "\n");
    else
        mh_text_sink_init(&s, devnull, 0);
    mh_message m = { response, t, NULL, 0, p, n, complete };
    mh_result r;
    mh_decode_message(&session, &m, &s.base, &arena, &r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!devnull) {
        devnull = fopen("/dev/null", "w");
        mh_arena_init(&arena, 16u << 20);
        mh_session_init(&session);
    }
    if (size < 1)
        return 0;
    if (++runs % 10000 == 0) { /* a fresh session now and then, as a new capture would have */
        mh_session_free(&session);
        mh_session_init(&session);
    }
    uint8_t sel = data[0];
    mh_request_type t = (mh_request_type)(MH_RT_CONNECT + (sel & 0x1F) % (MH_RT_COUNT - 1));
    int mode = sel >> 5;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (mode & 3) {
    case 0:
        decode(0, t, p, n, mode & 4, mode & 4);
        break;
    case 1:
        decode(1, t, p, n, mode & 4, 0);
        break;
    case 2: {
        static const char meta[] = "PROCESSING\r\nDONE\r\n\r\n";
        static uint8_t buf[1 << 16];
        size_t k = sizeof meta - 1;
        if (n > sizeof buf - k)
            n = sizeof buf - k;
        memcpy(buf, meta, k);
        memcpy(buf + k, p, n);
        decode(1, t, buf, n + k, mode & 4, 1);
        break;
    }
    default: {
        if (n < 2)
            return 0;
        size_t split = ((size_t)p[0] | ((size_t)p[1] << 8)) % (n - 1);
        decode(0, t, p + 2, split, mode & 4, 1);
        decode(1, t, p + 2 + split, n - 2 - split, mode & 4, 1);
        break;
    }
    }
    return 0;
}

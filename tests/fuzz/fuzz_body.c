/*
 * libFuzzer harness for the body decoders ([MS-OXCMAPIHTTP] 2.2.4 mailbox, 2.2.5 address book, 2.2.6
 * PING, 2.2.7 meta-tags) through mh_decode_message. The first input byte selects the request type (low
 * 5 bits, modulo 24: every X-RequestType value, Connect to GetAddressBookUrl in the order of
 * request_type.h) and the mode (bits 5-6): request, response, response starting with meta-tags, or a
 * request then its response (split at the offset in bytes 1-2) so that responses are decoded with their
 * request's context; bit 7 renders as JSON instead of text (to /dev/null, so formatting is fuzzed too)
 * and marks the body as known whole. The session is new for every input, so a crash reproduces from its
 * input alone.
 */
#include <string.h>

#include "harness.h"

static mh_session session;

static void decode(int response, mh_request_type t, const uint8_t *p, size_t n, int json, int complete)
{
    mh_message m = { response, t, NULL, 0, p, n, complete };
    mh_result r;
    mh_decode_message(&session, &m, fz_sink(json ? 2 : 1), fz_arena(), &r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    mh_session_init(&session);
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
    default:
        if (n < 2)
            break;
        size_t split = ((size_t)p[0] | ((size_t)p[1] << 8)) % (n - 1);
        decode(0, t, p + 2, split, mode & 4, 1);
        decode(1, t, p + 2 + split, n - 2 - split, mode & 4, 1);
        break;
    }
    mh_session_free(&session);
    return 0;
}

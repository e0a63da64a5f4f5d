/*
 * libFuzzer harness for ROP input and output buffers ([MS-OXCROPS] 2.2.1) with session context: the
 * input is a sequence of records, each [kind (1 byte)][length (2 bytes, little-endian)][bytes], decoded
 * in order through one mh_session, so that what one response establishes (server object handles and
 * their kinds, RopSetColumns column sets, named property mappings, FastTransfer partial state, LogonFlags)
 * is there for the records after it, as in a captured session. A length past the end takes what is left.
 *
 * kind bits 0-1: 0 = a ROP input buffer (a new Execute request);
 *                1 = a ROP output buffer answering a pending request, which ends the exchange;
 *                2 = the same with more to follow: the next output buffer record is the next packed
 *                    payload of the same response ([MS-OXCRPC] 3.1.4.2.1.2, payload index + 1);
 *                3 = an output buffer decoded without any session (a front end without context).
 *      bits 2-3: X-RequestId none, "a", "b" or "c" (none: the response pairs with the most recent
 *                request, as mh_decode_message does without the header).
 *      bit 4:    the buffer is known whole (running out is then malformed rather than truncated).
 *      bits 5-6: the sink (harness.h: counting, text, JSON).
 * The session is new for every input, so a crash reproduces from its input alone.
 */
#include <string.h>

#include "harness.h"
#include "rops/rop_buffer.h"

typedef struct {
    mh_session sess;
    mh_exchange *open;      /* a response with more payloads to come */
    unsigned next_index;    /* its next payload index */
} rop_state;

static void id_of(uint8_t kind, const char **id, size_t *len)
{
    static const char *const ids[] = { NULL, "a", "b", "c" };
    *id = ids[(kind >> 2) & 3];
    *len = *id ? 1 : 0;
}

/* The end of a response: what needs no response (RopRelease) applies, the request is answered. */
static void finish(rop_state *st, mh_sink *sink)
{
    if (!st->open)
        return;
    mh_dec d;
    mh_result res;
    fz_begin(&d, &res, sink, &st->sess, NULL, 0, 1);
    mh_rop_exchange_done(&d, st->open);
    fz_end(&d);
    mh_session_end_request(&st->sess, st->open);
    st->open = NULL;
    st->next_index = 0;
}

static void record(rop_state *st, uint8_t kind, const uint8_t *p, size_t n)
{
    mh_sink *sink = fz_sink((kind >> 5) & 3);
    int complete = (kind >> 4) & 1;
    const char *id;
    size_t id_len;
    id_of(kind, &id, &id_len);
    mh_dec d;
    mh_result res;
    switch (kind & 3) {
    case 0: {
        finish(st, sink);
        mh_exchange *x = mh_session_begin_request(&st->sess, id, id_len, MH_RT_EXECUTE);
        fz_begin(&d, &res, sink, &st->sess, p, n, complete);
        mh_decode_rop_input_buffer(&d, x);
        fz_end(&d);
        return;
    }
    case 1:
    case 2: {
        mh_exchange *x = st->open;
        if (!x) {
            x = mh_session_find_request(&st->sess, id, id_len, MH_RT_EXECUTE);
            if (!x) /* as mh_decode_message: the response's handles still find the session's objects */
                x = mh_session_begin_request(&st->sess, NULL, 0, MH_RT_EXECUTE);
            st->next_index = 0;
        }
        fz_begin(&d, &res, sink, &st->sess, p, n, complete);
        mh_decode_rop_output_buffer(&d, x, st->next_index++);
        fz_end(&d);
        st->open = x;
        if ((kind & 3) == 1)
            finish(st, sink);
        return;
    }
    default:
        fz_begin(&d, &res, sink, NULL, p, n, complete);
        mh_decode_rop_output_buffer(&d, NULL, 0);
        fz_end(&d);
        return;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rop_state st;
    memset(&st, 0, sizeof st);
    mh_session_init(&st.sess);
    size_t pos = 0;
    while (size - pos >= 3) {
        uint8_t kind = data[pos];
        size_t n = (size_t)data[pos + 1] | ((size_t)data[pos + 2] << 8);
        pos += 3;
        if (n > size - pos)
            n = size - pos;
        record(&st, kind, data + pos, n);
        pos += n;
    }
    finish(&st, fz_sink(0));
    mh_session_free(&st.sess);
    return 0;
}

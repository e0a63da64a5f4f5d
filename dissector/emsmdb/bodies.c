/*
 * [MS-OXCMAPIHTTP] 2.2.4 mailbox server endpoint bodies and 2.2.6 PING:
 *   2.2.4.1 Connect: request (UserDn, Flags, DefaultCodePage, LcidSort, LcidString, aux), success
 *           response (StatusCode, ErrorCode, PollsMax, RetryCount, RetryDelay, DnPrefix, DisplayName, aux)
 *   2.2.4.2 Execute: request (Flags, RopBufferSize, RopBuffer, MaxRopOut, aux), success response
 *           (StatusCode, ErrorCode, Flags, RopBufferSize, RopBuffer, aux)
 *   2.2.4.3 Disconnect: request (aux), success response (StatusCode, ErrorCode, aux)
 *   2.2.4.4 NotificationWait: request (Flags, aux), success response (StatusCode, ErrorCode,
 *           EventPending, aux)
 *   every failure response: StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer
 *   2.2.6 PING: no request body and no response body
 * Execute Flags are [MS-OXCRPC] 3.1.4.2 pulFlags; EventPending 0x00000001 means an event is pending.
 */
#include "bodies.h"

#include "../rops/rop_buffer.h"
#include "../rpc/aux.h"
#include "../rpc/ext_buffer.h"

static const mh_vs execute_flags_vs[] = {
    { 0x00000001, "NoCompression" }, { 0x00000002, "NoXorMagic" }, { 0x00000004, "Chain" } };
const mh_names mh_names_execute_flags = MH_BITS(execute_flags_vs);

static const mh_vs event_pending_vs[] = { { 0x00000001, "NotificationPending" } };
const mh_names mh_names_event_pending = MH_BITS(event_pending_vs);

static void rop_request_payload(mh_dec *d, void *arg, unsigned index)
{
    (void)index;
    mh_decode_rop_input_buffer(d, arg);
}

static void rop_response_payload(mh_dec *d, void *arg, unsigned index)
{
    mh_decode_rop_output_buffer(d, arg, index);
}

/* A size field and the extended buffer it sizes; returns 0 when the body ended inside it. */
static int sized_ext_buffer(mh_dec *d, mh_field_id size_field, mh_field_id node, const char *what,
                            mh_payload_fn fn, void *arg)
{
    uint32_t n = mh_u32(d, size_field);
    if (!mh_check(d, mh_fields[node].label))
        return 0;
    if (n == 0)
        return 1;
    size_t start = mh_open(d, node, NULL);
    mh_dec sub;
    int whole = mh_dec_sub(d, n, mh_fields[node].label, &sub);
    mh_decode_ext_buffer(&sub, what, fn, arg);
    mh_close(d, start);
    return whole;
}

static void end_of_body(mh_dec *d, const char *what)
{
    if (mh_check(d, what))
        mh_check_leftover(d, what);
}

void mh_decode_emsmdb_request(mh_dec *d, mh_request_type t, mh_exchange *x)
{
    size_t start;
    switch (t) {
    case MH_RT_CONNECT:
        start = mh_open(d, MH_F_CONNECT_REQUEST, NULL);
        mh_asciiz(d, MH_F_CONNECT_USER_DN);
        mh_u32(d, MH_F_CONNECT_FLAGS);
        mh_u32(d, MH_F_CONNECT_DEFAULT_CODE_PAGE);
        mh_u32(d, MH_F_CONNECT_LCID_SORT);
        mh_u32(d, MH_F_CONNECT_LCID_STRING);
        if (mh_check(d, "Connect request body") && mh_decode_aux_buffer_field(d))
            end_of_body(d, "Connect request body");
        mh_close(d, start);
        return;
    case MH_RT_EXECUTE:
        start = mh_open(d, MH_F_EXECUTE_REQUEST, NULL);
        mh_u32(d, MH_F_EXECUTE_FLAGS);
        if (mh_check(d, "Execute request body") &&
            sized_ext_buffer(d, MH_F_EXECUTE_ROP_BUFFER_SIZE, MH_F_EXECUTE_ROP_BUFFER, "ROP", rop_request_payload, x)) {
            mh_u32(d, MH_F_EXECUTE_MAX_ROP_OUT);
            if (mh_check(d, "Execute request body") && mh_decode_aux_buffer_field(d))
                end_of_body(d, "Execute request body");
        }
        mh_close(d, start);
        return;
    case MH_RT_DISCONNECT:
        start = mh_open(d, MH_F_DISCONNECT_REQUEST, NULL);
        /* [MS-OXCMAPIHTTP] 3.1.5.4 also allows no body at all */
        if (mh_cur_left(&d->c) && mh_decode_aux_buffer_field(d))
            end_of_body(d, "Disconnect request body");
        mh_close(d, start);
        return;
    case MH_RT_NOTIFICATION_WAIT:
        start = mh_open(d, MH_F_NOTIFICATION_WAIT_REQUEST, NULL);
        mh_u32(d, MH_F_NOTIFICATION_WAIT_FLAGS);
        if (mh_check(d, "NotificationWait request body") && mh_decode_aux_buffer_field(d))
            end_of_body(d, "NotificationWait request body");
        mh_close(d, start);
        return;
    case MH_RT_PING:
        mh_emit_uint(d, MH_F_PING, mh_cur_pos(&d->c), 0, 0, NULL);
        if (mh_cur_left(&d->c))
            mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c), "PING has no request body ([MS-OXCMAPIHTTP] 2.2.6)");
        return;
    default:
        return;
    }
}

void mh_decode_emsmdb_response(mh_dec *d, mh_request_type t, mh_exchange *x, uint32_t *status_out)
{
    static const mh_field_id nodes[] = {
        [MH_RT_CONNECT] = MH_F_CONNECT_RESPONSE,
        [MH_RT_EXECUTE] = MH_F_EXECUTE_RESPONSE,
        [MH_RT_DISCONNECT] = MH_F_DISCONNECT_RESPONSE,
        [MH_RT_NOTIFICATION_WAIT] = MH_F_NOTIFICATION_WAIT_RESPONSE,
    };
    if (t == MH_RT_PING) {
        mh_emit_uint(d, MH_F_PING, mh_cur_pos(&d->c), 0, 0, NULL);
        if (mh_cur_left(&d->c))
            mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c), "PING has no response body ([MS-OXCMAPIHTTP] 2.2.6)");
        return;
    }
    if (t < MH_RT_CONNECT || t > MH_RT_NOTIFICATION_WAIT)
        return;
    mh_field_id node = nodes[t];
    const char *what = mh_fields[node].label;
    size_t start = mh_open(d, node, NULL);
    uint32_t status = mh_u32(d, MH_F_STATUS_CODE);
    if (!mh_check(d, what)) {
        mh_close(d, start);
        return;
    }
    if (status_out)
        *status_out = status;
    if (status != 0) { /* failure response body */
        if (mh_decode_aux_buffer_field(d))
            end_of_body(d, what);
        mh_close(d, start);
        return;
    }
    mh_u32(d, MH_F_ERROR_CODE);
    switch (t) {
    case MH_RT_CONNECT:
        mh_u32(d, MH_F_CONNECT_POLLS_MAX);
        mh_u32(d, MH_F_CONNECT_RETRY_COUNT);
        mh_u32(d, MH_F_CONNECT_RETRY_DELAY);
        mh_asciiz(d, MH_F_CONNECT_DN_PREFIX);
        mh_utf16z(d, MH_F_CONNECT_DISPLAY_NAME);
        break;
    case MH_RT_EXECUTE: {
        mh_u32(d, MH_F_EXECUTE_FLAGS);
        int whole = mh_check(d, what) &&
                    sized_ext_buffer(d, MH_F_EXECUTE_ROP_BUFFER_SIZE, MH_F_EXECUTE_ROP_BUFFER, "ROP", rop_response_payload, x);
        mh_rop_exchange_done(d, x);
        if (!whole) {
            mh_close(d, start);
            return;
        }
        break;
    }
    case MH_RT_NOTIFICATION_WAIT:
        mh_u32(d, MH_F_NOTIFICATION_WAIT_EVENT_PENDING);
        break;
    default:
        break;
    }
    if (mh_check(d, what) && mh_decode_aux_buffer_field(d))
        end_of_body(d, what);
    mh_close(d, start);
}

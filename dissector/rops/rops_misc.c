/*
 * [MS-OXCROPS] 2.2.15 other ROPs: 2.2.15.3 RopRelease (request only: the server never answers it), and the
 * server-only 2.2.15.1 RopBufferTooSmall and 2.2.15.2 RopBackoff, which appear in response ROP lists
 * without a request and without the usual RopId/HandleIndex/ReturnValue header.
 */
#include "rop_buffer.h"
#include "rop_catalog.h"

static void release_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

/* 2.2.15.1.1 (after RopId): SizeNeeded, then RequestBuffers: the part of the ROP input buffer the server
 * did not execute. It is the last response of the list (2.2.15.1), so RequestBuffers is everything up to
 * the end of the RopsList; it has no length of its own. Being ROP requests, it is decoded as they are:
 * it tells which of the request's ROPs the client must send again. */
static void buffer_too_small_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u16(d, MH_F_BUFFER_TOO_SMALL_SIZE_NEEDED);
    size_t n = mh_cur_left(&d->c);
    if (!mh_cur_ok(&d->c) || n == 0)
        return;
    size_t at = mh_open(d, MH_F_BUFFER_TOO_SMALL_REQUEST_BUFFERS, NULL);
    mh_decode_rop_requests_shown(d, n);
    mh_close(d, at);
}

/* 2.2.15.2.1 (after RopId): LogonId, Duration, BackoffRopCount, BackoffRopData (BackoffRop structures,
 * 2.2.15.2.1.1: RopIdBackoff, Duration), AdditionalDataSize, AdditionalData. */
static void backoff_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_ROP_LOGON_ID);
    mh_u32(d, MH_F_BACKOFF_DURATION);
    uint8_t n = mh_u8(d, MH_F_BACKOFF_ROP_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t list = mh_open(d, MH_F_BACKOFF_ROP_DATA, NULL);
    for (unsigned i = 0; i < n && mh_cur_ok(&d->c); i++) {
        size_t one = mh_open(d, MH_F_BACKOFF_ROP, NULL);
        mh_u8(d, MH_F_BACKOFF_ROP_ID_BACKOFF);
        mh_u32(d, MH_F_BACKOFF_ROP_DURATION);
        mh_close(d, one);
    }
    mh_close(d, list);
    uint16_t size = mh_u16(d, MH_F_BACKOFF_ADDITIONAL_DATA_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_BACKOFF_ADDITIONAL_DATA, size);
}

const mh_rop_impl mh_rops_misc[] = {
    { 0x01, 0, 0, release_request, NULL },
    { 0xF9, MH_ROP_RESP_CUSTOM, 0, NULL, backoff_response },
    { 0xFF, MH_ROP_RESP_CUSTOM, 0, NULL, buffer_too_small_response },
};
const size_t mh_rops_misc_count = sizeof mh_rops_misc / sizeof mh_rops_misc[0];

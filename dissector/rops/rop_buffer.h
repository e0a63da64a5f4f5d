/* [MS-OXCROPS] 2.2.1 ROP input/output buffers (see rop_buffer.c). */
#ifndef MH_ROP_BUFFER_H
#define MH_ROP_BUFFER_H

#include "../core/dec.h"
#include "../session/session.h"

/* A ROP input buffer (the payload of an Execute request's RopBuffer); records each ROP's facts in `x`
 * (may be NULL). */
void mh_decode_rop_input_buffer(mh_dec *d, mh_exchange *x);
/* n bytes of ROP requests inside a response (RopBufferTooSmall's RequestBuffers), shown only: they are
 * neither recorded as facts nor counted as the message's ROPs, and handles are not resolved. */
void mh_decode_rop_requests_shown(mh_dec *d, size_t n);
/* A ROP output buffer; `payload_index` counts the RPC_HEADER_EXT payloads of the RopBuffer. */
void mh_decode_rop_output_buffer(mh_dec *d, mh_exchange *x, unsigned payload_index);
/* After an Execute response's ROP buffers: applies what needs no response (RopRelease). */
void mh_rop_exchange_done(mh_dec *d, mh_exchange *x);

#endif

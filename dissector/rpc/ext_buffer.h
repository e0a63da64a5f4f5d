/*
 * [MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT and the extended buffers of 3.1.4.2.1: a RopBuffer or
 * AuxiliaryBuffer is one or more (RPC_HEADER_EXT, payload) pairs, the last with the Last flag. Each
 * payload is de-obfuscated (XorMagic, 3.1.4.1.1.3) and then decompressed (Compressed, 3.1.4.1.1.2,
 * bounded by SizeActual); a transformed payload is shown as its own buffer.
 */
#ifndef MH_EXT_BUFFER_H
#define MH_EXT_BUFFER_H

#include "../core/dec.h"

/* Decodes one payload; `d` covers exactly the payload's (decoded) bytes. */
typedef void (*mh_payload_fn)(mh_dec *d, void *arg, unsigned index);

/* `what` names the buffer in problems and data sources ("ROP" or "auxiliary"). The cursor covers the
 * whole extended buffer (RopBufferSize or AuxiliaryBufferSize bytes). */
void mh_decode_ext_buffer(mh_dec *d, const char *what, mh_payload_fn fn, void *arg);

#define MH_RPC_COMPRESSED 0x0001
#define MH_RPC_XORMAGIC 0x0002
#define MH_RPC_LAST 0x0004

#endif

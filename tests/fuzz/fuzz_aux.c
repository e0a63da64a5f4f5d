/*
 * libFuzzer harness for the auxiliary buffer ([MS-OXCRPC] 2.2.2.2 AUX_HEADER + blocks, carried in the
 * AuxiliaryBuffer of every [MS-OXCMAPIHTTP] 2.2.4 and 2.2.5 body). The first input byte selects:
 *   bit 0: 0 = the rest is an AuxiliaryBuffer payload (the block sequence, as after de-obfuscation and
 *          decompression); 1 = the rest is the AuxiliaryBufferSize field and the AuxiliaryBuffer it
 *          sizes (an RPC_HEADER_EXT chain, possibly XorMagic or Compressed), as bodies end with;
 *   bit 1: the buffer is known whole (running out is then malformed rather than truncated);
 *   bits 2-3: the sink (harness.h: counting, text, JSON).
 */
#include "harness.h"
#include "rpc/aux.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    mh_dec d;
    mh_result res;
    fz_begin(&d, &res, fz_sink((sel >> 2) & 3), NULL, data + 1, size - 1, (sel >> 1) & 1);
    if (sel & 1)
        mh_decode_aux_buffer_field(&d);
    else
        mh_decode_aux_blocks(&d);
    fz_end(&d);
    return 0;
}

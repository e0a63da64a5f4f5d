/*
 * AuxiliaryBufferSize (4 bytes) and AuxiliaryBuffer, the last fields of every [MS-OXCMAPIHTTP] 2.2.4
 * mailbox and 2.2.5 address book body: an extended buffer ([MS-OXCRPC] 3.1.4.1.1: RPC_HEADER_EXT +
 * payload, possibly compressed or obfuscated) whose payload is a sequence of auxiliary blocks
 * ([MS-OXCRPC] 2.2.2.2).
 */
#include "aux.h"
#include "ext_buffer.h"

static void aux_blocks(mh_dec *d, void *arg, unsigned index)
{
    (void)arg;
    (void)index;
    mh_decode_aux_blocks(d);
}

int mh_decode_aux_buffer_field(mh_dec *d)
{
    uint32_t n = mh_u32(d, MH_F_AUX_BUFFER_SIZE);
    if (!mh_check(d, "AuxiliaryBufferSize"))
        return 0;
    if (n == 0)
        return 1;
    size_t start = mh_open(d, MH_F_AUX_BUFFER, NULL);
    mh_dec sub;
    /* a size past the body is reported by mh_dec_sub; what exists is still decoded */
    int whole = mh_dec_sub(d, n, "AuxiliaryBuffer", &sub);
    mh_decode_ext_buffer(&sub, "auxiliary", aux_blocks, NULL);
    mh_close(d, start);
    return whole;
}

/* [MS-OXCRPC] 2.2.2.2 auxiliary blocks (see aux.c). */
#ifndef MH_AUX_H
#define MH_AUX_H

#include "../core/dec.h"

/* Decodes the AUX_HEADER + block sequence that fills the cursor (an AuxiliaryBuffer payload). */
void mh_decode_aux_blocks(mh_dec *d);
/* AuxiliaryBufferSize and the AuxiliaryBuffer it sizes (aux_buffer.c); returns 0 when the body ended
 * inside it (reported). */
int mh_decode_aux_buffer_field(mh_dec *d);

#endif

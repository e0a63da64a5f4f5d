/* [MS-OXCDATA] 2.2.1.3.1 LongTermID (see longterm.c). */
#ifndef MH_LONGTERM_H
#define MH_LONGTERM_H

#include <stdint.h>

#include "../core/dec.h"

#define MH_LONG_TERM_ID_SIZE 24

/* Reads a 24-byte LongTermID as a subtree `f` (MH_F_LONG_TERM_ID, or a ROP field such as a FolderId that
 * holds a LongTermID) whose value is "{DatabaseGuid}-GlobalCounter", with DatabaseGuid, GlobalCounter
 * and Pad under it. Returns 0 when the bytes are not all there (the cursor records why; nothing is
 * emitted). */
int mh_long_term_id(mh_dec *d, mh_field_id f);
/* "{11111111-2222-3333-4444-555555555555}-0000000000A1" from the 22 significant wire bytes. */
void mh_format_long_term_id(const uint8_t guid[16], const uint8_t counter[6], char *out, size_t outsz);

#endif

/* [MS-OXCDATA] 2.2.1.1 Folder ID and 2.2.1.2 Message ID (see ids.c). */
#ifndef MH_IDS_H
#define MH_IDS_H

#include <stdint.h>

#include "../core/dec.h"

/* Reads an 8-byte Folder ID / Message ID and emits it as "RRRR-GGGGGGGGGGGG" with an optional note;
 * returns the id as 8 wire bytes packed little-endian into a uint64 (for the session context). */
uint64_t mh_folder_id(mh_dec *d, mh_field_id f, const char *note);
/* Formats 8 wire bytes (packed as mh_folder_id returns them) as "0001-00000E8EDF36". */
void mh_format_id(uint64_t id, char out[18]);

#endif

/* [MS-OXCDATA] 2.6.1 PropertyName (see propname.c). */
#ifndef MH_PROPNAME_H
#define MH_PROPNAME_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"

#define MH_PROPNAME_KIND_LID 0x00
#define MH_PROPNAME_KIND_NAME 0x01
#define MH_PROPNAME_KIND_NONE 0xFF

typedef struct {
    uint8_t kind;
    uint8_t guid[16];   /* wire order */
    uint32_t lid;       /* kind 0x00 */
    const char *name;   /* kind 0x01: UTF-8 in the decoder's arena, without the terminator; else NULL */
    size_t name_len;
} mh_propname;

/* Reads one PropertyName as a subtree whose heading is "<what>: <name>" (what defaults to
 * "PropertyName"). Returns 1 when it was read completely, 0 when decoding must stop (the problem is
 * reported, or the cursor error is left for the caller's mh_check). */
int mh_decode_property_name(mh_dec *d, const char *what, mh_propname *out);

/* Display text of a name: its [MS-OXPROPS] canonical name (PidLid..., PidName...) when known, else
 * "<property set>:0x<LID>" or "<property set>:\"name\"" with the set's name or its GUID. */
size_t mh_propname_format(const mh_propname *p, char *out, size_t outsz);

#endif

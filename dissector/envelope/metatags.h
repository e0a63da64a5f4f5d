/* [MS-OXCMAPIHTTP] 2.2.2.2 response framing and 2.2.7 meta-tags (see metatags.c). */
#ifndef MH_METATAGS_H
#define MH_METATAGS_H

#include "../core/dec.h"
#include "headers.h"

typedef enum {
    MH_META_DONE,       /* DONE, additional headers and the empty line read; the binary body follows */
    MH_META_UNFINISHED, /* the body ends before DONE or before the empty line (reported) */
    MH_META_BAD         /* a line that is not a meta-tag or header (reported) */
} mh_meta_status;

/* Whether the bytes at the cursor start with a meta-tag line (else the body is binary from the start). */
int mh_starts_with_meta_tag(const mh_cursor *c);
mh_meta_status mh_decode_meta_tags(mh_dec *d, mh_header_info *info, unsigned *pending);

#endif

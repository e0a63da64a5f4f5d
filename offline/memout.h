/* A stdio stream that appends to a reusable, capped memory buffer: output rendered before mapidump
 * knows whether a filter keeps it (--rop). */
#ifndef MD_MEMOUT_H
#define MD_MEMOUT_H

#include <stdio.h>

#include "buf.h"

#define MD_MEMOUT_MAX ((size_t)256 << 20)

/* A write-only stream over `b` (bytes beyond MD_MEMOUT_MAX are dropped). To reuse: fflush, b->len = 0. */
FILE *md_memout_open(md_buf *b);

#endif

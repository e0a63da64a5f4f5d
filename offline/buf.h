/*
 * A growable byte buffer with a hard cap: the per-flow buffers of mapidump (out-of-order data, partial
 * TLS records, HTTP header blocks and bodies). It grows by doubling, so a flow pays for a few
 * reallocations over its life and none per packet; the cap is what bounds a flow's memory.
 */
#ifndef MD_BUF_H
#define MD_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *p;
    size_t len;
    size_t cap;
} md_buf;

/* Room for at least `need` bytes in total, never more than `max`. Returns 0 when `need` > `max` or
 * memory is short (the buffer is left as it was). */
int md_buf_reserve(md_buf *b, size_t need, size_t max);
/* Appends n bytes (within `max` in total); returns 0, appending nothing, when they do not fit. */
int md_buf_append(md_buf *b, const void *data, size_t n, size_t max);
/* Drops the first n bytes. */
void md_buf_consume(md_buf *b, size_t n);
/* Empties the buffer; gives its memory back when it grew beyond `keep` bytes. */
void md_buf_reset(md_buf *b, size_t keep);
void md_buf_free(md_buf *b);

#endif

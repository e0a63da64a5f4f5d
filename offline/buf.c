/* Growable capped byte buffer (see buf.h). */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

int md_buf_reserve(md_buf *b, size_t need, size_t max)
{
    if (need <= b->cap)
        return 1;
    if (need > max)
        return 0;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap = cap > max / 2 ? max : cap * 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p)
        return 0;
    b->p = p;
    b->cap = cap;
    return 1;
}

int md_buf_append(md_buf *b, const void *data, size_t n, size_t max)
{
    if (n > max || b->len > max - n || !md_buf_reserve(b, b->len + n, max))
        return 0;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    return 1;
}

void md_buf_consume(md_buf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

void md_buf_reset(md_buf *b, size_t keep)
{
    b->len = 0;
    if (b->cap > keep)
        md_buf_free(b);
}

void md_buf_free(md_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

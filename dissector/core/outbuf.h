/*
 * A small buffered writer for the text and JSON sinks: output is assembled in memory and handed to
 * stdio in large blocks (mapidump -V writes tens of fields per message; one stdio call per piece was
 * most of its time). Flushed at the end of every message, so front ends may write to the same FILE
 * between messages.
 */
#ifndef MH_OUTBUF_H
#define MH_OUTBUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

#define MH_OUTBUF_SIZE 32768

typedef struct {
    FILE *f;
    size_t n;
    char b[MH_OUTBUF_SIZE];
} mh_outbuf;

static inline void ob_flush(mh_outbuf *o)
{
    if (o->n && o->f)
        fwrite(o->b, 1, o->n, o->f);
    o->n = 0;
}

static inline void ob_put(mh_outbuf *o, const char *p, size_t n)
{
    if (n > sizeof o->b - o->n) {
        ob_flush(o);
        if (n > sizeof o->b) {
            if (o->f)
                fwrite(p, 1, n, o->f);
            return;
        }
    }
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static inline void ob_putc(mh_outbuf *o, char c)
{
    if (o->n == sizeof o->b)
        ob_flush(o);
    o->b[o->n++] = c;
}

static inline void ob_puts(mh_outbuf *o, const char *s) { ob_put(o, s, strlen(s)); }

/* n copies of c */
static inline void ob_fill(mh_outbuf *o, char c, size_t n)
{
    while (n) {
        if (o->n == sizeof o->b)
            ob_flush(o);
        size_t k = sizeof o->b - o->n;
        if (k > n)
            k = n;
        memset(o->b + o->n, c, k);
        o->n += k;
        n -= k;
    }
}

static inline void ob_u64(mh_outbuf *o, uint64_t v)
{
    char t[24];
    mh_sb s = mh_sb_init(t, sizeof t);
    mh_sb_dec(&s, v, 1);
    ob_put(o, t, s.n);
}

static inline void ob_hex2(mh_outbuf *o, unsigned char c)
{
    static const char hx[] = "0123456789abcdef";
    char t[2] = { hx[c >> 4], hx[c & 15] };
    ob_put(o, t, 2);
}

#endif

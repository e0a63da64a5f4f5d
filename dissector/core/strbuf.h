/*
 * Building short texts (headings, notes, formatted values) into a caller's fixed buffer without stdio:
 * they are made for nearly every node mapidump prints, and snprintf's format parsing was a fifth of
 * `mapidump -V`'s time. Always NUL-terminated; what does not fit is cut off.
 */
#ifndef MH_STRBUF_H
#define MH_STRBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    char *p;
    size_t cap; /* size of p, including the NUL */
    size_t n;   /* characters written */
} mh_sb;

static inline mh_sb mh_sb_init(char *buf, size_t cap)
{
    mh_sb s = { buf, cap, 0 };
    if (cap)
        buf[0] = 0;
    return s;
}

static inline void mh_sb_mem(mh_sb *s, const char *t, size_t k)
{
    if (!s->cap)
        return;
    if (k > s->cap - 1 - s->n)
        k = s->cap - 1 - s->n;
    memcpy(s->p + s->n, t, k);
    s->n += k;
    s->p[s->n] = 0;
}

static inline void mh_sb_str(mh_sb *s, const char *t) { mh_sb_mem(s, t, strlen(t)); }

static inline void mh_sb_chr(mh_sb *s, char c) { mh_sb_mem(s, &c, 1); }

/* Unsigned decimal, left-padded with zeros to at least `width` digits. */
static inline void mh_sb_dec(mh_sb *s, uint64_t v, int width)
{
    char t[24];
    size_t i = sizeof t;
    do {
        t[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v || (int)(sizeof t - i) < width);
    mh_sb_mem(s, t + i, sizeof t - i);
}

/* Upper-case hexadecimal digits, no prefix, at least `width` of them. */
static inline void mh_sb_hex(mh_sb *s, uint64_t v, int width)
{
    static const char hx[] = "0123456789ABCDEF";
    char t[16];
    size_t i = sizeof t;
    do {
        t[--i] = hx[v & 15];
        v >>= 4;
    } while (v || (int)(sizeof t - i) < width);
    mh_sb_mem(s, t + i, sizeof t - i);
}

/* "0x" and upper-case hexadecimal of `width` digits at least: the form identifiers take in texts. */
static inline void mh_sb_0x(mh_sb *s, uint64_t v, int width)
{
    mh_sb_mem(s, "0x", 2);
    mh_sb_hex(s, v, width);
}

#endif

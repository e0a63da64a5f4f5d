/*
 * Bounds-checked reader (see cursor.h). All integer reads are little-endian, the byte order of every
 * structure in [MS-OXCDATA], [MS-OXCRPC], [MS-OXCROPS] and [MS-OXCMAPIHTTP] binary bodies.
 */
#include "cursor.h"

#include <string.h>

void mh_cur_init(mh_cursor *c, const uint8_t *data, size_t size)
{
    memset(c, 0, sizeof *c);
    c->data = data;
    c->size = data ? size : 0;
    c->end = c->size;
}

/* Eight bytes as a little-endian integer, from byte loads (compilers make it one load where they can). */
static inline uint64_t load64le(const uint8_t *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Running past `end` is a truncation only when `end` is where the bytes physically stop and the buffer
 * is not known to be complete; otherwise a declared size or count was wrong. */
static void fail_need(mh_cursor *c, size_t need, const char *what)
{
    if (c->err)
        return;
    c->err = (c->end >= c->size && !c->complete) ? MH_CUR_TRUNCATED : MH_CUR_MALFORMED;
    c->err_pos = c->pos;
    c->err_need = need;
    c->err_have = c->end - c->pos;
    c->err_what = what;
}

static int have(mh_cursor *c, size_t n, const char *what)
{
    if (c->err)
        return 0;
    if (n > c->end - c->pos) {
        fail_need(c, n, what);
        return 0;
    }
    return 1;
}

void mh_cur_fail(mh_cursor *c, mh_cur_err why, size_t at, const char *what)
{
    if (c->err)
        return;
    c->err = why;
    c->err_pos = at;
    c->err_need = 0;
    c->err_have = (at <= c->end) ? c->end - at : 0;
    c->err_what = what;
}

void mh_cur_clear(mh_cursor *c)
{
    c->err = MH_CUR_OK;
    c->err_pos = c->err_need = c->err_have = 0;
    c->err_what = NULL;
}

mh_cursor mh_cur_sub(mh_cursor *c, size_t n, const char *what)
{
    mh_cursor s = *c;
    mh_cur_clear(&s);
    if (c->err) {
        s.end = s.pos;
        return s;
    }
    size_t left = c->end - c->pos;
    if (n > left) {
        fail_need(c, n, what);
        n = left;
        /* the parent is in error; the child keeps what exists and truncates at its end */
        s.end = c->pos + n;
        c->pos += n;
        return s;
    }
    s.end = c->pos + n;
    c->pos += n;
    return s;
}

size_t mh_cur_push(mh_cursor *c, size_t n, const char *what)
{
    size_t saved = c->end;
    if (have(c, n, what))
        c->end = c->pos + n;
    return saved;
}

void mh_cur_pop(mh_cursor *c, size_t saved_end)
{
    if (saved_end <= c->size && saved_end >= c->end)
        c->end = saved_end;
    if (c->pos > c->end)
        c->pos = c->end;
}

uint8_t mh_cur_u8(mh_cursor *c, const char *what)
{
    if (!have(c, 1, what))
        return 0;
    return c->data[c->pos++];
}

uint16_t mh_cur_u16(mh_cursor *c, const char *what)
{
    if (!have(c, 2, what))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 2;
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t mh_cur_u32(mh_cursor *c, const char *what)
{
    if (!have(c, 4, what))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 4;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

uint64_t mh_cur_u64(mh_cursor *c, const char *what)
{
    if (!have(c, 8, what))
        return 0;
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | c->data[c->pos + (size_t)i];
    c->pos += 8;
    return v;
}

int mh_cur_peek_u8(const mh_cursor *c, size_t ahead, uint8_t *out)
{
    if (c->err || ahead >= c->end - c->pos)
        return 0;
    *out = c->data[c->pos + ahead];
    return 1;
}

void mh_cur_guid(mh_cursor *c, uint8_t out[16], const char *what)
{
    if (!have(c, 16, what)) {
        memset(out, 0, 16);
        return;
    }
    memcpy(out, c->data + c->pos, 16);
    c->pos += 16;
}

mh_span mh_cur_bytes(mh_cursor *c, size_t n, const char *what)
{
    mh_span s = { c->data, c->pos, 0 };
    if (!have(c, n, what))
        return s;
    s.len = n;
    c->pos += n;
    return s;
}

void mh_cur_skip(mh_cursor *c, size_t n, const char *what)
{
    if (have(c, n, what))
        c->pos += n;
}

long mh_cur_find(const mh_cursor *c, uint8_t ch)
{
    if (c->err)
        return -1;
    for (size_t i = c->pos; i < c->end; i++)
        if (c->data[i] == ch)
            return (long)(i - c->pos);
    return -1;
}

mh_span mh_cur_rest(mh_cursor *c)
{
    mh_span s = { c->data, c->pos, 0 };
    if (c->err)
        return s;
    s.len = c->end - c->pos;
    c->pos = c->end;
    return s;
}

/* A missing terminator is truncation when the bytes ran out, malformed when a limit cut the string. */
mh_span mh_cur_asciiz(mh_cursor *c, const char *what)
{
    mh_span s = { c->data, c->pos, 0 };
    if (c->err)
        return s;
    for (size_t i = c->pos; i < c->end; i++) {
        if (c->data[i] == 0) {
            s.len = i - c->pos;
            c->pos = i + 1;
            return s;
        }
    }
    fail_need(c, c->end - c->pos + 1, what);
    return s;
}

mh_span mh_cur_utf16z(mh_cursor *c, const char *what)
{
    mh_span s = { c->data, c->pos, 0 };
    if (c->err)
        return s;
    size_t i = c->pos;
    /* four code units at a time until a word holds a zero unit (exact test: no false negatives), then
     * unit by unit: strings are most of a property row */
    while (i + 8 <= c->end) {
        uint64_t w = load64le(c->data + i);
        if ((w - 0x0001000100010001ULL) & ~w & 0x8000800080008000ULL)
            break;
        i += 8;
    }
    for (; i + 1 < c->end; i += 2) {
        if (c->data[i] == 0 && c->data[i + 1] == 0) {
            s.len = i - c->pos;
            c->pos = i + 2;
            return s;
        }
    }
    fail_need(c, c->end - c->pos + 2, what);
    return s;
}

mh_span mh_span_sub(mh_span s, size_t off, size_t len)
{
    mh_span r = s;
    if (off > s.len)
        off = s.len;
    if (len > s.len - off)
        len = s.len - off;
    r.off = s.off + off;
    r.len = len;
    return r;
}

const char *mh_span_chars(mh_span s)
{
    return (s.base && s.len) ? (const char *)s.base + s.off : "";
}

size_t mh_span_copy(mh_span s, uint8_t *out, size_t n)
{
    if (n > s.len)
        n = s.len;
    if (n && s.base)
        memcpy(out, s.base + s.off, n);
    return n;
}

int mh_span_eq_str(mh_span s, const char *text)
{
    size_t n = strlen(text);
    return n == s.len && (n == 0 || memcmp(s.base + s.off, text, n) == 0);
}

static size_t put_utf8(char *out, size_t outsz, size_t o, uint32_t cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (o + n >= outsz)
        return o; /* no room: stop (caller sized the buffer; this only guards) */
    memcpy(out + o, tmp, n);
    return o + n;
}

size_t mh_span_latin1_to_utf8(mh_span s, char *out, size_t outsz)
{
    size_t o = 0;
    if (!outsz)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        o = put_utf8(out, outsz, o, s.base[s.off + i]);
    out[o] = 0;
    return o;
}

size_t mh_span_utf16_to_utf8(mh_span s, char *out, size_t outsz)
{
    size_t o = 0;
    if (!outsz || !s.base) {
        if (outsz)
            out[0] = 0;
        return 0;
    }
    const uint8_t *p = s.base + s.off;
    size_t n = s.len & ~(size_t)1;
    for (size_t i = 0; i < n; i += 2) {
        /* the common case, ASCII text: four code units at a time */
        while (i + 8 <= n && o + 4 < outsz) {
            uint64_t w = load64le(p + i);
            if (w & 0xFF80FF80FF80FF80ULL)
                break;
            out[o] = (char)w;
            out[o + 1] = (char)(w >> 16);
            out[o + 2] = (char)(w >> 32);
            out[o + 3] = (char)(w >> 48);
            o += 4;
            i += 8;
        }
        if (i >= n)
            break;
        uint32_t u = (uint32_t)p[i] | ((uint32_t)p[i + 1] << 8);
        if (u < 0x80) {
            if (o + 1 >= outsz)
                break;
            out[o++] = (char)u;
            continue;
        }
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            uint32_t lo = (uint32_t)p[i + 2] | ((uint32_t)p[i + 3] << 8);
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u < 0xE000) {
            u = 0xFFFD;
        }
        o = put_utf8(out, outsz, o, u);
    }
    out[o] = 0;
    return o;
}

const char *mh_cur_err_name(mh_cur_err e)
{
    switch (e) {
    case MH_CUR_OK: return "ok";
    case MH_CUR_TRUNCATED: return "truncated";
    case MH_CUR_MALFORMED: return "malformed";
    }
    return "?";
}

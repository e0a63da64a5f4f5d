/*
 * The field table built from dissector/fields/ *.def, value-name lookup, and the one value formatter every
 * front end uses (so text, JSON and the Wireshark tree show the same text).
 */
#include "registry.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

/* Pass 1: declare every names object the .def files refer to (repeated extern declarations are legal). */
#define MH_FIELD(id, filter, label, type, base, names) extern const mh_names mh_names_##names;
#include "../fields/all.def"
#undef MH_FIELD

const mh_names mh_names_NONE = { NULL, 0, 0, 0, NULL };

/* Pass 2: the table. */
const mh_field mh_fields[MH_F_COUNT] = {
#define MH_FIELD(id, filter, label, type, base, names) \
    { filter, label, MH_FT_##type, MH_BASE_##base, &mh_names_##names, sizeof(label) - 1 },
#include "../fields/all.def"
#undef MH_FIELD
};

const char *mh_vs_bsearch(const mh_vs *vs, size_t count, uint64_t v)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (vs[mid].value == v)
            return vs[mid].name;
        if (vs[mid].value < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *mh_names_find(const mh_names *n, uint64_t v)
{
    if (!n)
        return NULL;
    if (n->lookup)
        return n->lookup(n, v);
    if (n->sorted)
        return mh_vs_bsearch(n->vs, n->count, v);
    for (size_t i = 0; i < n->count; i++)
        if (n->vs[i].value == v)
            return n->vs[i].name;
    return NULL;
}

static int hex_width(mh_ftype t)
{
    switch (t) {
    case MH_FT_UINT8: return 2;
    case MH_FT_UINT16: return 4;
    case MH_FT_UINT32: case MH_FT_INT32: return 8;
    default: return 16;
    }
}

/* Digits without stdio (core/strbuf.h): this runs for nearly every field mapidump prints. */
static void sb_number(mh_sb *s, const mh_field *f, uint64_t u)
{
    int w = hex_width(f->type);
    int is_signed = f->type == MH_FT_INT32 || f->type == MH_FT_INT64;
    int negative = is_signed && (int64_t)u < 0;
    uint64_t mag = negative ? (uint64_t)0 - u : u;
    if (w < 16)
        u &= ((uint64_t)1 << (4 * w)) - 1; /* a negative 32-bit value in hex is its 32 bits */
    if (f->base == MH_BASE_HEX) {
        mh_sb_0x(s, u, w);
        return;
    }
    if (negative)
        mh_sb_chr(s, '-');
    mh_sb_dec(s, mag, 1);
    if (f->base == MH_BASE_DEC_HEX) {
        mh_sb_str(s, " (");
        mh_sb_0x(s, u, w);
        mh_sb_chr(s, ')');
    }
}

size_t mh_format_guid(const uint8_t g[16], char *out, size_t outsz)
{
    /* Data1..Data3 are little-endian on the wire ([MS-DTYP] 2.3.4.2); Data4 is a byte array. */
    static const uint8_t order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
    mh_sb s = mh_sb_init(out, outsz);
    mh_sb_chr(&s, '{');
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            mh_sb_chr(&s, '-');
        mh_sb_hex(&s, g[order[i]], 2);
    }
    mh_sb_chr(&s, '}');
    return s.n;
}

/* Days from 1970-01-01 to y-m-d's civil date inverse (Howard Hinnant's algorithm, public domain). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    uint64_t doe = (uint64_t)(z - era * 146097);
    uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

size_t mh_format_filetime(uint64_t ft, char *out, size_t outsz)
{
    /* FILETIME ([MS-DTYP] 2.3.3): 100 ns intervals since 1601-01-01 00:00:00 UTC. */
    const uint64_t ticks_per_sec = 10000000ULL;
    const int64_t days_1601_to_1970 = 134774;
    uint64_t secs = ft / ticks_per_sec;
    unsigned frac = (unsigned)(ft % ticks_per_sec);
    int64_t days = (int64_t)(secs / 86400) - days_1601_to_1970;
    unsigned sod = (unsigned)(secs % 86400);
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    mh_sb s = mh_sb_init(out, outsz);
    if (y < 0) { /* not reachable from a FILETIME (years 1601..60056); kept exact all the same */
        mh_sb_chr(&s, '-');
        y = -y;
    }
    mh_sb_dec(&s, (uint64_t)y, 4);
    mh_sb_chr(&s, '-');
    mh_sb_dec(&s, m, 2);
    mh_sb_chr(&s, '-');
    mh_sb_dec(&s, d, 2);
    mh_sb_chr(&s, 'T');
    mh_sb_dec(&s, sod / 3600, 2);
    mh_sb_chr(&s, ':');
    mh_sb_dec(&s, (sod / 60) % 60, 2);
    mh_sb_chr(&s, ':');
    mh_sb_dec(&s, sod % 60, 2);
    if (frac) {
        mh_sb_chr(&s, '.');
        mh_sb_dec(&s, frac, 7);
    }
    mh_sb_chr(&s, 'Z');
    return s.n;
}

/* "0x0005 (Compressed, Last)": the number, then the names of the bits set and what no name covers. */
static void sb_bits(mh_sb *s, const mh_field *f, uint64_t u)
{
    sb_number(s, f, u);
    uint64_t rest = u;
    int first = 1;
    for (size_t i = 0; i < f->names->count; i++) {
        uint64_t b = f->names->vs[i].value;
        if (b && (u & b) == b) {
            mh_sb_str(s, first ? " (" : ", ");
            mh_sb_str(s, f->names->vs[i].name);
            rest &= ~b;
            first = 0;
        }
    }
    if (rest && !first) {
        mh_sb_str(s, ", ");
        mh_sb_0x(s, rest, 1);
    }
    if (!first)
        mh_sb_chr(s, ')');
}

size_t mh_format_value(const mh_field *f, const mh_value *v, char *out, size_t outsz, size_t max_bytes)
{
    if (!outsz)
        return 0;
    mh_sb s = mh_sb_init(out, outsz);
    switch (f->type) {
    case MH_FT_NONE:
        return 0;
    case MH_FT_BOOLEAN:
        mh_sb_str(&s, v->u ? "True" : "False");
        return s.n;
    case MH_FT_UINT8:
    case MH_FT_UINT16:
    case MH_FT_UINT32:
    case MH_FT_UINT64:
    case MH_FT_INT32:
    case MH_FT_INT64: {
        uint64_t u = (f->type == MH_FT_INT32 || f->type == MH_FT_INT64) ? (uint64_t)v->i : v->u;
        if (f->names && f->names->bits) {
            sb_bits(&s, f, u);
            return s.n;
        }
        const char *name = mh_names_find(f->names, u);
        if (!name && f->names && (f->names->count || f->names->lookup))
            name = "Unknown"; /* a named field with a value the tables do not know */
        if (name) {
            mh_sb_str(&s, name);
            mh_sb_str(&s, " (");
            sb_number(&s, f, u);
            mh_sb_chr(&s, ')');
        } else {
            sb_number(&s, f, u);
        }
        return s.n;
    }
    case MH_FT_DOUBLE: {
        int n = snprintf(out, outsz, "%.17g", v->d);
        return n < 0 ? 0 : ((size_t)n < outsz ? (size_t)n : outsz - 1);
    }
    case MH_FT_STRING:
        if (v->str)
            mh_sb_mem(&s, v->str, v->str_len);
        return s.n;
    case MH_FT_BYTES: {
        static const char hx[] = "0123456789abcdef";
        size_t len = v->bytes.len, shown = len;
        if (max_bytes && shown > max_bytes)
            shown = max_bytes;
        size_t o = 0;
        for (size_t i = 0; i < shown && o + 3 < outsz; i++) {
            uint8_t b = mh_span_byte(v->bytes, i);
            out[o++] = hx[b >> 4];
            out[o++] = hx[b & 15];
        }
        out[o] = 0;
        s.n = o;
        if (shown < len) {
            mh_sb_str(&s, "\xE2\x80\xA6 (");
            mh_sb_dec(&s, len, 1);
            mh_sb_str(&s, " bytes)");
        }
        return s.n;
    }
    case MH_FT_GUID:
        return mh_format_guid(v->guid, out, outsz);
    case MH_FT_FILETIME:
        return mh_format_filetime(v->u, out, outsz);
    }
    return 0;
}

static int valid_filter(const char *s)
{
    if (strncmp(s, "mapihttp", 8) != 0)
        return 0;
    for (const char *p = s; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.'))
            return 0;
        if (ch == '.' && (p[1] == '.' || p[1] == 0))
            return 0;
    }
    return 1;
}

int mh_registry_check(char *why, size_t whysz)
{
    int bad = 0;
    for (size_t i = 0; i < MH_F_COUNT; i++) {
        const mh_field *f = &mh_fields[i];
        if (!valid_filter(f->filter) || !f->label || !*f->label) {
            if (!bad++)
                snprintf(why, whysz, "field %zu: bad filter name or label: %s", i, f->filter);
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(mh_fields[j].filter, f->filter) == 0) {
                if (!bad++)
                    snprintf(why, whysz, "filter name declared twice: %s", f->filter);
            }
        }
        if (f->names && f->names->sorted) {
            for (size_t k = 1; k < f->names->count; k++)
                if (f->names->vs[k - 1].value >= f->names->vs[k].value) {
                    if (!bad++)
                        snprintf(why, whysz, "names of %s not sorted at %zu", f->filter, k);
                    break;
                }
        }
    }
    return bad;
}

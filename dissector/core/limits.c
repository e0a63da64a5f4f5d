/* The limits' table, their values in force and the setter both front ends use (see limits.h). */
#include "limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dec.h"

#define KIB ((size_t)1 << 10)
#define MIB ((size_t)1 << 20)
#define GIB ((size_t)1 << 30)
#define TIB ((size_t)1 << 40)

/* One row per limit: id, name, unit, is_size, default, minimum, maximum, mapidump option, meaning. Both
 * the table and the initial values are made from it, so that a default is written once. */
#define LIMIT_TABLE(X)                                                                                      \
    X(MH_LIMIT_DECOMPRESSED_BYTES, "decompressed_bytes", "bytes", 1, 16 * MIB, 1, GIB, NULL,                  \
      "bytes LZ77 may produce for one message: the sum of SizeActual over its RPC_HEADER_EXT chain")          \
    X(MH_LIMIT_RESTRICTION_DEPTH, "restriction_depth", "levels", 0, 32, 1, 1000, NULL,                        \
      "nesting of restrictions (And, Or, Not, SubObject, Comment, Count) and of rule actions")                \
    X(MH_LIMIT_NODES_PER_MESSAGE, "nodes_per_message", "nodes", 0, 1000000, 1, 1000000000, NULL,              \
      "fields and subtrees one MAPI/HTTP message may produce in the output")                                  \
    X(MH_LIMIT_ROWS_PER_TABLE, "rows_per_table", "rows", 0, 100000, 1, 1000000000, NULL,                      \
      "rows decoded from one row set (RopQueryRows, RopExpandRow, RopGetReceiveFolderTable, address book "   \
      "rows)")                                                                                                \
    X(MH_LIMIT_FX_PARTIAL_BYTES, "fx_partial_bytes", "bytes", 1, 8 * MIB, 1, GIB, NULL,                       \
      "bytes of a FastTransfer stream element kept from one buffer for the next")                             \
    X(MH_LIMIT_FLOW_BUFFER, "flow_buffer", "bytes", 1, 4 * MIB, 1, TIB, "--max-flow-buffer",                  \
      "out-of-order bytes held per TCP direction (mapidump)")                                                 \
    X(MH_LIMIT_BODY, "body", "bytes", 1, 16 * MIB, 1, TIB, "--max-body",                                      \
      "largest HTTP body kept for decoding (mapidump)")                                                       \
    X(MH_LIMIT_FLOWS, "flows", "connections", 0, 16384, 1, 100000000, "--max-flows",                          \
      "open TCP connections (mapidump)")                                                                      \
    X(MH_LIMIT_SESSIONS, "sessions", "sessions", 0, 4096, 1, 100000000, "--max-sessions",                     \
      "open MAPI sessions (mapidump)")                                                                        \
    X(MH_LIMIT_TIMELINE, "timeline", "requests", 0, 100000, 1, 100000000, "--max-timeline",                   \
      "requests listed per session by --sessions (mapidump)")

#define INFO(id, name, unit, size, def, min, max, opt, meaning) [id] = { name, unit, size, def, min, max, opt, meaning },
#define VALUE(id, name, unit, size, def, ...) [id] = def,

const mh_limit_info mh_limit_table[MH_LIMIT_COUNT] = { LIMIT_TABLE(INFO) };
size_t mh_limits[MH_LIMIT_COUNT] = { LIMIT_TABLE(VALUE) };

void mh_limits_reset(void)
{
    for (int i = 0; i < MH_LIMIT_COUNT; i++)
        mh_limits[i] = mh_limit_table[i].def;
}

int mh_limit_find(const char *name, size_t n)
{
    for (int i = 0; i < MH_LIMIT_COUNT; i++)
        if (strlen(mh_limit_table[i].name) == n && memcmp(mh_limit_table[i].name, name, n) == 0)
            return i;
    return -1;
}

int mh_limit_parse(mh_limit_id id, const char *s, size_t *out)
{
    const mh_limit_info *l = &mh_limit_table[id];
    size_t v = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (l->max - (size_t)(*p - '0')) / 10)
            return 0; /* past the maximum already: no need to read on */
        v = v * 10 + (size_t)(*p - '0');
    }
    size_t mul = 1;
    if (l->is_size && *p) {
        switch (*p) {
        case 'k': case 'K': mul = KIB; break;
        case 'm': case 'M': mul = MIB; break;
        case 'g': case 'G': mul = GIB; break;
        default: return 0;
        }
        p++;
    }
    if (*p || v > l->max / mul || v * mul < l->min)
        return 0;
    *out = v * mul;
    return 1;
}

int mh_limit_set_arg(const char *arg, char *err, size_t errlen)
{
    const char *eq = strchr(arg, '=');
    int id = eq ? mh_limit_find(arg, (size_t)(eq - arg)) : -1;
    if (!eq) {
        snprintf(err, errlen, "'%s' is not NAME=VALUE (--limit help lists the names)", arg);
        return -1;
    }
    if (id < 0) {
        snprintf(err, errlen, "no limit is named '%.*s' (--limit help lists them)", (int)(eq - arg), arg);
        return -1;
    }
    const mh_limit_info *l = &mh_limit_table[id];
    size_t v;
    if (!mh_limit_parse((mh_limit_id)id, eq + 1, &v)) {
        snprintf(err, errlen, "%s: '%s' is not %s from %zu to %zu%s", l->name, eq + 1,
                 l->is_size ? "a size in bytes" : "a number", l->min, l->max,
                 l->is_size ? " (or with k, M, G)" : "");
        return -1;
    }
    mh_limits[id] = v;
    return id;
}

size_t mh_limit_hint(mh_limit_id id, char *out, size_t n)
{
    const mh_limit_info *l = &mh_limit_table[id];
    int k;
    if (id < MH_LIMIT_CORE_COUNT)
        k = snprintf(out, n, "decoder limit %s = %zu %s; raise it with --limit %s=N (mapidump) or mapihttp.%s "
                     "(Wireshark)", l->name, mh_limits[id], l->unit, l->name, l->name);
    else
        k = snprintf(out, n, "limit %s = %zu %s; raise it with %s N or --limit %s=N", l->name, mh_limits[id],
                     l->unit, l->option, l->name);
    return k < 0 ? 0 : (size_t)k < n ? (size_t)k : n ? n - 1 : 0;
}

static void report(mh_dec *d, mh_limit_id id, size_t off, size_t len, const char *fmt, va_list ap)
{
    char what[320], hint[200];
    vsnprintf(what, sizeof what, fmt, ap);
    mh_limit_hint(id, hint, sizeof hint);
    mh_problem(d, MH_PROB_UNSUPPORTED, off, len, "%s (%s)", what, hint);
}

void mh_limit_problem(mh_dec *d, mh_limit_id id, size_t off, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, id, off, len, fmt, ap);
    va_end(ap);
}

void mh_limit_stop(mh_dec *d, mh_limit_id id, size_t from, const char *fmt, ...)
{
    size_t end = d->c.end;
    if (from > end)
        from = end;
    va_list ap;
    va_start(ap, fmt);
    report(d, id, from, end - from, fmt, ap);
    va_end(ap);
    d->c.pos = end;
}

int mh_limit_rows_cut(mh_dec *d, unsigned long long count, unsigned long long done, const char *what)
{
    if (done >= count || done != mh_limits[MH_LIMIT_ROWS_PER_TABLE] || !mh_cur_ok(&d->c))
        return 0;
    mh_limit_stop(d, MH_LIMIT_ROWS_PER_TABLE, mh_cur_pos(&d->c),
                  "%s: RowCount is %llu; the rows after the first %llu are not decoded", what, count, done);
    return 1;
}

/*
 * [MS-OXCFXICS] 2.2.2.4 IDSET (2.2.2.4.1 REPLID-based, 2.2.2.4.2 REPLGUID-based), 2.2.2.5 GLOBCNT,
 * 2.2.2.6 GLOBSET with its encoding commands (2.2.2.6.1 Push, 2.2.2.6.2 Pop, 2.2.2.6.3 Bitmask,
 * 2.2.2.6.4 Range, 2.2.2.6.5 End; decoding rules 3.1.5.4.3.2), 2.2.2.2 XID and 2.2.2.3
 * PredecessorChangeList.
 *
 * A GLOBSET is a list of commands over a "common byte stack" of at most 6 high-order bytes: Push adds
 * bytes, Pop removes the last push, Range and Bitmask complete GLOBCNTs (6 bytes, most significant first)
 * with the stack's bytes. Each GLOBCNT range the commands produce is shown as a generated field next to
 * the command that made it.
 */
#include "idset.h"

#include <stdio.h>
#include <string.h>

static const mh_vs globset_command_vs[] = {
    { 0x00, "End" },  { 0x01, "Push" },    { 0x02, "Push" }, { 0x03, "Push" }, { 0x04, "Push" },
    { 0x05, "Push" }, { 0x06, "Push" },    { 0x42, "Bitmask" }, { 0x50, "Pop" }, { 0x52, "Range" },
};
const mh_names mh_names_globset_command = MH_NAMES_SORTED(globset_command_vs);

#define GLOBCNT_SIZE 6

typedef struct {
    uint8_t bytes[GLOBCNT_SIZE]; /* the common byte stack, high-order first */
    size_t len;
    uint8_t pushes[GLOBCNT_SIZE]; /* sizes of the pushes still on the stack */
    size_t npush;
} byte_stack;

static uint64_t globcnt_value(const uint8_t b[GLOBCNT_SIZE])
{
    uint64_t v = 0;
    for (int i = 0; i < GLOBCNT_SIZE; i++)
        v = (v << 8) | b[i];
    return v;
}

/* A decoded range, as "0001-000000000001" (with a REPLID) or "000000000001", and " to ..." for more
 * than one value. */
static void emit_range(mh_dec *d, size_t off, size_t len, long replid, uint64_t lo, uint64_t hi)
{
    char text[64];
    int n;
    if (replid >= 0 && lo == hi)
        n = snprintf(text, sizeof text, "%04lX-%012llX", (unsigned long)replid, (unsigned long long)lo);
    else if (replid >= 0)
        n = snprintf(text, sizeof text, "%04lX-%012llX to %04lX-%012llX", (unsigned long)replid,
                     (unsigned long long)lo, (unsigned long)replid, (unsigned long long)hi);
    else if (lo == hi)
        n = snprintf(text, sizeof text, "%012llX", (unsigned long long)lo);
    else
        n = snprintf(text, sizeof text, "%012llX to %012llX", (unsigned long long)lo, (unsigned long long)hi);
    mh_emit_str(d, MH_F_GLOBSET_RANGE, off, len, text, n > 0 ? (size_t)n : 0);
}

static int push(mh_dec *d, byte_stack *st, uint8_t n, size_t at, long replid)
{
    mh_span s = mh_bytes(d, MH_F_GLOBSET_COMMON_BYTES, n);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (st->len + n > GLOBCNT_SIZE) {
        mh_stop(d, MH_PROB_MALFORMED, at,
                "GLOBSET: Push of %u bytes onto %zu common bytes makes more than the 6 bytes of a GLOBCNT "
                "([MS-OXCFXICS] 2.2.2.6.1)",
                n, st->len);
        return 0;
    }
    mh_span_copy(s, st->bytes + st->len, n);
    if (st->len + n == GLOBCNT_SIZE) {
        /* a sixth byte makes a singleton range, and that push leaves the stack by itself
         * (3.1.5.4.3.1.1) */
        uint64_t v = globcnt_value(st->bytes);
        emit_range(d, at, 1u + n, replid, v, v);
        return 1;
    }
    st->len += n;
    st->pushes[st->npush++] = n;
    return 1;
}

static int bitmask(mh_dec *d, byte_stack *st, size_t at, long replid)
{
    uint8_t start = mh_u8(d, MH_F_GLOBSET_STARTING_VALUE);
    uint8_t mask = mh_u8(d, MH_F_GLOBSET_BITMASK);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (st->len != 5) {
        mh_stop(d, MH_PROB_MALFORMED, at,
                "GLOBSET: Bitmask needs 5 common bytes on the stack, it has %zu ([MS-OXCFXICS] 3.1.5.4.3.2.3)",
                st->len);
        return 0;
    }
    uint8_t g[GLOBCNT_SIZE];
    memcpy(g, st->bytes, 5);
    g[5] = start;
    uint64_t base = globcnt_value(g);
    /* StartingValue is in the set; bit i of Bitmask adds StartingValue + i + 1 (2.2.2.6.3). Runs of
     * consecutive values are one range. */
    uint64_t lo = base, hi = base;
    for (int i = 0; i < 8; i++) {
        uint64_t v = base + (uint64_t)i + 1;
        if (!(mask & (1u << i)))
            continue;
        if ((unsigned)start + (unsigned)i + 1 > 0xFF) {
            mh_stop(d, MH_PROB_MALFORMED, at,
                    "GLOBSET: Bitmask bit %d after StartingValue 0x%02X passes the low-order byte", i, start);
            return 0;
        }
        if (v == hi + 1) {
            hi = v;
        } else {
            emit_range(d, at, 3, replid, lo, hi);
            lo = hi = v;
        }
    }
    emit_range(d, at, 3, replid, lo, hi);
    return 1;
}

static int range(mh_dec *d, byte_stack *st, size_t at, long replid)
{
    if (st->len > 5) { /* cannot happen: a sixth byte is never left on the stack */
        mh_stop(d, MH_PROB_MALFORMED, at, "GLOBSET: Range with a full common byte stack");
        return 0;
    }
    size_t n = GLOBCNT_SIZE - st->len;
    mh_span low = mh_bytes(d, MH_F_GLOBSET_LOW_VALUE, n);
    mh_span high = mh_bytes(d, MH_F_GLOBSET_HIGH_VALUE, n);
    if (!mh_cur_ok(&d->c))
        return 0;
    uint8_t g[GLOBCNT_SIZE];
    memcpy(g, st->bytes, st->len);
    mh_span_copy(low, g + st->len, n);
    uint64_t lo = globcnt_value(g);
    mh_span_copy(high, g + st->len, n);
    uint64_t hi = globcnt_value(g);
    emit_range(d, at, 1 + 2 * n, replid, lo, hi);
    if (hi < lo)
        mh_problem(d, MH_PROB_MALFORMED, at, 1 + 2 * n,
                   "GLOBSET: Range high value is below its low value ([MS-OXCFXICS] 3.1.5.4.3.2.4)");
    return 1;
}

int mh_decode_globset(mh_dec *d, long replid)
{
    size_t start = mh_open(d, MH_F_GLOBSET, NULL);
    byte_stack st;
    memset(&st, 0, sizeof st);
    int ok = 1;
    for (;;) {
        size_t at = mh_cur_pos(&d->c);
        uint8_t cmd = mh_u8(d, MH_F_GLOBSET_COMMAND);
        if (!mh_cur_ok(&d->c)) {
            ok = mh_check(d, "GLOBSET");
            break;
        }
        if (cmd == 0x00)
            break;
        if (cmd >= 0x01 && cmd <= 0x06)
            ok = push(d, &st, cmd, at, replid);
        else if (cmd == 0x50) {
            if (!st.npush) {
                mh_stop(d, MH_PROB_MALFORMED, at, "GLOBSET: Pop with nothing on the common byte stack");
                ok = 0;
            } else {
                st.len -= st.pushes[--st.npush];
            }
        } else if (cmd == 0x42)
            ok = bitmask(d, &st, at, replid);
        else if (cmd == 0x52)
            ok = range(d, &st, at, replid);
        else {
            mh_stop(d, MH_PROB_MALFORMED, at,
                    "GLOBSET: command 0x%02X is none of Push (0x01-0x06), Pop, Bitmask, Range or End "
                    "([MS-OXCFXICS] 2.2.2.6)",
                    cmd);
            ok = 0;
        }
        if (!mh_cur_ok(&d->c)) { /* a command ran out of bytes (a problem already stopped it otherwise) */
            ok = mh_check(d, "GLOBSET");
            break;
        }
        if (!ok)
            break;
    }
    mh_close(d, start);
    return ok;
}

/* The decoders below work on a sub-decoder over their declared size, so that a problem inside them
 * stops only them: the caller goes on after the declared bytes. */

int mh_decode_idset(mh_dec *d, size_t n, mh_idset_kind kind)
{
    mh_dec sub;
    size_t start = mh_open(d, MH_F_IDSET, kind == MH_IDSET_REPLID ? "IDSET (REPLID-based)" : "IDSET (REPLGUID-based)");
    int ok = mh_dec_sub(d, n, "IDSET", &sub);
    while (ok && mh_cur_left(&sub.c) > 0) {
        long replid = -1;
        if (kind == MH_IDSET_REPLID) {
            replid = mh_u16(&sub, MH_F_IDSET_REPLID);
        } else {
            uint8_t g[16];
            mh_guid(&sub, MH_F_IDSET_REPLGUID, g);
        }
        if (!mh_cur_ok(&sub.c))
            ok = mh_check(&sub, "IDSET");
        else
            ok = mh_decode_globset(&sub, replid);
    }
    mh_close(d, start);
    return ok;
}

void mh_decode_xid(mh_dec *d, mh_field_id f, size_t size)
{
    mh_dec sub;
    size_t start = mh_open(d, f, NULL);
    if (mh_dec_sub(d, size, mh_fields[f].label, &sub)) {
        /* 2.2.2.2: NamespaceGuid (16 bytes), LocalId (1 to 8 bytes) */
        if (size < 17 || size > 24) {
            mh_bytes(&sub, MH_F_XID_LOCAL_ID, size);
            mh_problem(&sub, MH_PROB_MALFORMED, start, 0,
                       "%s: an XID is 17 to 24 bytes ([MS-OXCFXICS] 2.2.2.2), this one is %zu; shown as bytes",
                       mh_fields[f].label, size);
        } else {
            uint8_t g[16];
            mh_guid(&sub, MH_F_XID_NAMESPACE_GUID, g);
            mh_bytes(&sub, MH_F_XID_LOCAL_ID, size - 16);
        }
    }
    mh_close(d, start);
}

void mh_decode_pcl(mh_dec *d, mh_field_id f, size_t size)
{
    mh_dec sub;
    size_t start = mh_open(d, f, NULL);
    if (mh_dec_sub(d, size, mh_fields[f].label, &sub)) {
        /* 2.2.2.3: SizedXid structures: XidSize (1 byte), XID (XidSize bytes) */
        while (mh_cur_left(&sub.c) > 0) {
            size_t at = mh_cur_pos(&sub.c);
            uint8_t n = mh_u8(&sub, MH_F_XID_SIZE);
            if (n > mh_cur_left(&sub.c)) {
                mh_stop(&sub, MH_PROB_MALFORMED, at,
                        "PredecessorChangeList: XidSize %u runs past the %zu bytes left in the list", n,
                        mh_cur_left(&sub.c));
                break;
            }
            mh_decode_xid(&sub, MH_F_XID, n);
        }
    }
    mh_close(d, start);
}

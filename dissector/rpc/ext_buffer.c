/*
 * RPC_HEADER_EXT chains ([MS-OXCRPC] 2.2.2.1, 3.1.4.2.1.1, 3.1.4.2.1.2): Version MUST be 0; Size counts
 * the payload after the 8-byte header; SizeActual is the payload's size after decompression and equals
 * Size when Compressed is not set. A sender compresses then obfuscates, so a receiver XORs first.
 */
#include "ext_buffer.h"

#include <stdio.h>

#include "../core/limits.h"
#include "../core/strbuf.h"
#include "lz77.h"

static const mh_vs rpc_flag_bits[] = {
    { MH_RPC_COMPRESSED, "Compressed" },
    { MH_RPC_XORMAGIC, "XorMagic" },
    { MH_RPC_LAST, "Last" },
};
const mh_names mh_names_rpc_header_flags = MH_BITS(rpc_flag_bits);

/* One payload: in place when untransformed, else as a new buffer in the arena. */
static int payload(mh_dec *d, const char *what, uint16_t flags, uint16_t size, uint16_t size_actual,
                   mh_payload_fn fn, void *arg, unsigned index)
{
    size_t at = mh_cur_pos(&d->c);
    mh_dec pd;
    /* a payload cut short is reported by mh_dec_sub; what is there is still decoded */
    int whole = mh_dec_sub(d, size, "RPC_HEADER_EXT payload", &pd);
    if (!(flags & (MH_RPC_COMPRESSED | MH_RPC_XORMAGIC))) {
        fn(&pd, arg, index);
        return whole;
    }
    mh_span raw = mh_cur_rest(&pd.c);
    uint8_t *xbuf = NULL;
    mh_span src = raw;
    if (flags & MH_RPC_XORMAGIC) {
        xbuf = mh_arena_alloc(d->arena, raw.len ? raw.len : 1);
        if (!xbuf) {
            mh_problem(d, MH_PROB_MALFORMED, at, raw.len, "%s buffer: payload exceeds the memory bound", what);
            return 0;
        }
        mh_span_copy(raw, xbuf, raw.len);
        mh_xor_a5(xbuf, raw.len);
        src.base = xbuf;
        src.off = 0;
    }
    char name[64];
    if (!(flags & MH_RPC_COMPRESSED)) {
        mh_sb ns = mh_sb_init(name, sizeof name);
        mh_sb_str(&ns, "De-obfuscated ");
        mh_sb_str(&ns, what);
        mh_sb_str(&ns, " buffer");
        mh_dec child;
        mh_dec_child_begin(&child, d, MH_F_BUFFER, name, xbuf, raw.len);
        mh_cur_set_complete(&child.c, whole);
        fn(&child, arg, index);
        mh_dec_child_end(&child);
        return whole;
    }
    /* SizeActual is what the sender says: bounded per message before any byte is produced */
    if (d->budget) {
        if (size_actual > d->budget->decompressed_left) {
            mh_limit_stop(d, MH_LIMIT_DECOMPRESSED_BYTES, at,
                          "%s buffer: SizeActual %u is more than the %zu bytes this message may still "
                          "decompress; not decoded",
                          what, size_actual, d->budget->decompressed_left);
            return 0;
        }
        d->budget->decompressed_left -= size_actual;
    }
    uint8_t *out = mh_arena_alloc(d->arena, size_actual ? size_actual : 1);
    if (!out) {
        mh_problem(d, MH_PROB_MALFORMED, at, raw.len, "%s buffer: SizeActual %u exceeds the memory bound", what,
                   size_actual);
        return 0;
    }
    mh_lz77_result r = mh_lz77_decompress(src, out, size_actual);
    mh_sb ns = mh_sb_init(name, sizeof name);
    mh_sb_str(&ns, "Decompressed ");
    mh_sb_str(&ns, what);
    mh_sb_str(&ns, " buffer");
    if (r.status != MH_LZ77_OK) {
        /* report against the compressed bytes, then show what was produced */
        mh_problem(d, r.status == MH_LZ77_SHORT ? MH_PROB_TRUNCATED : MH_PROB_MALFORMED, at + r.in_pos,
                   raw.len - (r.in_pos < raw.len ? r.in_pos : raw.len),
                   "LZ77: %s (%zu of SizeActual %u bytes produced, at compressed offset %zu)",
                   mh_lz77_status_text(r.status), r.out_len, size_actual, r.in_pos);
    }
    mh_dec child;
    mh_dec_child_begin(&child, d, MH_F_BUFFER, name, out, r.out_len);
    /* a short output is a truncated buffer; a complete one is whole */
    mh_cur_set_complete(&child.c, r.status == MH_LZ77_OK);
    fn(&child, arg, index);
    mh_dec_child_end(&child);
    return whole && r.status == MH_LZ77_OK;
}

void mh_decode_ext_buffer(mh_dec *d, const char *what, mh_payload_fn fn, void *arg)
{
    unsigned index = 0;
    while (mh_cur_left(&d->c) > 0) {
        size_t start = mh_open(d, MH_F_RPC_HEADER_EXT, NULL);
        uint16_t version = mh_u16(d, MH_F_RPC_VERSION);
        uint16_t flags = mh_u16(d, MH_F_RPC_FLAGS);
        uint16_t size = mh_u16(d, MH_F_RPC_SIZE);
        uint16_t size_actual = mh_u16(d, MH_F_RPC_SIZE_ACTUAL);
        mh_close(d, start);
        if (!mh_check(d, "RPC_HEADER_EXT"))
            return;
        if (version != 0) {
            mh_stop(d, MH_PROB_MALFORMED, start, "RPC_HEADER_EXT Version is 0x%04X; [MS-OXCRPC] 2.2.2.1 defines only 0",
                    version);
            return;
        }
        if (!(flags & MH_RPC_COMPRESSED) && size != size_actual)
            mh_problem(d, MH_PROB_MALFORMED, start + 4, 4,
                       "RPC_HEADER_EXT: Size %u and SizeActual %u differ without Compressed", size, size_actual);
        if (!payload(d, what, flags, size, size_actual, fn, arg, index))
            return;
        index++;
        if (flags & MH_RPC_LAST) {
            if (mh_cur_left(&d->c))
                mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c), "%zu bytes after the RPC_HEADER_EXT marked Last",
                        mh_cur_left(&d->c));
            return;
        }
    }
    mh_problem(d, mh_cur_pos(&d->c) >= d->c.size && !d->c.complete ? MH_PROB_TRUNCATED : MH_PROB_MALFORMED,
               mh_cur_pos(&d->c), 0, "%s buffer ends without an RPC_HEADER_EXT marked Last", what);
}

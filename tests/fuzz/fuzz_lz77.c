/*
 * libFuzzer harness for [MS-XCA] 2.4.4 LZ77 decompression as [MS-OXCRPC] uses it. The input is an
 * extended buffer as an Execute RopBuffer or an AuxiliaryBuffer carries it: RPC_HEADER_EXT (Version,
 * Flags, Size, SizeActual; 2.2.2.1) + payload, repeated until the header marked Last.
 *
 * 1. The first payload is decompressed directly into a heap buffer of exactly SizeActual bytes (so that
 *    AddressSanitizer sees any write past it), whatever its Flags say, and the result is checked:
 *    output never beyond SizeActual, input position within the payload, status OK exactly when the
 *    output reached SizeActual.
 * 2. The whole chain goes through the core's RPC_HEADER_EXT code (XOR, then decompression); each payload
 *    it hands on must be at most SizeActual bytes when compressed (Size when not), and is read whole.
 * Any broken check aborts, which libFuzzer reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rpc/ext_buffer.h"
#include "rpc/lz77.h"

/* Walks the headers as [MS-OXCRPC] 3.1.4.2.1 lays them out, one per payload the core hands on: the
 * oracle for the size of each. */
typedef struct {
    const uint8_t *p;
    size_t n, pos;
    unsigned next;
} chain;

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void fail(const char *what, size_t a, size_t b)
{
    fprintf(stderr, "fuzz_lz77: %s (%zu, %zu)\n", what, a, b);
    abort();
}

static void check_payload(mh_dec *d, void *arg, unsigned index)
{
    chain *c = arg;
    if (index != c->next || c->n - c->pos < 8)
        fail("payload without its header", index, c->next);
    uint16_t flags = le16(c->p + c->pos + 2), size = le16(c->p + c->pos + 4), size_actual = le16(c->p + c->pos + 6);
    c->pos += 8 + (size_t)size;
    c->next++;
    size_t len = mh_cur_left(&d->c);
    size_t bound = flags & MH_RPC_COMPRESSED ? size_actual : size;
    if (len > bound)
        fail("payload longer than SizeActual (or Size when not compressed)", len, bound);
    mh_span s = mh_cur_rest(&d->c);
    volatile uint8_t x = 0;
    for (size_t i = 0; i < s.len; i++)
        x ^= mh_span_byte(s, i);
    (void)x;
}

static void direct(const uint8_t *p, size_t n)
{
    if (n < 8)
        return;
    size_t size = le16(p + 4), size_actual = le16(p + 6);
    if (size > n - 8)
        size = n - 8;
    mh_span in = { p, 8, size };
    uint8_t *out = malloc(size_actual); /* exactly SizeActual: ASan reports a write past it */
    if (!out && size_actual)
        return;
    mh_lz77_result r = mh_lz77_decompress(in, out, size_actual);
    free(out);
    if (r.out_len > size_actual)
        fail("output beyond SizeActual", r.out_len, size_actual);
    if (r.in_pos > size)
        fail("input position beyond the payload", r.in_pos, size);
    if ((r.status == MH_LZ77_OK) != (r.out_len == size_actual))
        fail("status OK but output short of SizeActual (or the reverse)", r.out_len, size_actual);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chain c = { data, size, 0, 0 };
    direct(data, size);
    mh_dec d;
    mh_result res;
    fz_begin(&d, &res, fz_sink(0), NULL, data, size, 1);
    mh_decode_ext_buffer(&d, "ROP", check_payload, &c);
    fz_end(&d);
    return 0;
}

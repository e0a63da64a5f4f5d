/*
 * [MS-XCA] 2.4.4 Plain LZ77 decompression, the format [MS-OXCRPC] 3.1.4.1.1.2 (formerly 3.1.7.2) uses for
 * compressed RPC_HEADER_EXT payloads, and [MS-OXCRPC] 3.1.4.1.1.3 XOR obfuscation.
 *
 * Output is bounded by SizeActual: decoding stops as soon as SizeActual bytes are out (some compressors
 * leave trailing flag words that a decoder running to the end of input would turn into extra bytes),
 * and a match or literal that would write past it is an error.
 */
#ifndef MH_LZ77_H
#define MH_LZ77_H

#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"

typedef enum {
    MH_LZ77_OK = 0,
    MH_LZ77_SHORT,       /* input ended before the output reached SizeActual */
    MH_LZ77_OVERFLOW,    /* a match would write past SizeActual */
    MH_LZ77_BAD_OFFSET,  /* a match refers to bytes before the start of the output */
    MH_LZ77_BAD_LENGTH,  /* an extended match length below its minimum */
    MH_LZ77_CUT_TOKEN    /* input ended inside a match token */
} mh_lz77_status;

typedef struct {
    mh_lz77_status status;
    size_t out_len;   /* bytes produced */
    size_t in_pos;    /* input bytes consumed (where the problem was found, on error) */
} mh_lz77_result;

/* Decompresses `in` into out[0..size_actual). */
mh_lz77_result mh_lz77_decompress(mh_span in, uint8_t *out, size_t size_actual);
const char *mh_lz77_status_text(mh_lz77_status s);

/* XOR 0xA5 over n bytes of a buffer the caller owns (its own copy of the payload). */
void mh_xor_a5(uint8_t *buf, size_t n);

#endif

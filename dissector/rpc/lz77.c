/*
 * Plain LZ77 decompression, [MS-XCA] 2.4.4, bounded by SizeActual ([MS-OXCRPC] 2.2.2.1), and XOR 0xA5
 * de-obfuscation ([MS-OXCRPC] 3.1.4.1.1.3).
 *
 * The bitstream: 32-bit little-endian flag words read from the most significant bit; 0 = one literal
 * byte, 1 = a 16-bit match token (offset-1 in the high 13 bits, length-3 in the low 3). Length 7 in the
 * token continues in a nibble shared by two consecutive long matches, then one byte, then a 16-bit total
 * (and, in newer revisions, a 32-bit total when the 16-bit one is zero).
 */
#include "lz77.h"

mh_lz77_result mh_lz77_decompress(mh_span in, uint8_t *out, size_t size_actual)
{
    mh_lz77_result r = { MH_LZ77_OK, 0, 0 };
    size_t ip = 0, op = 0;
    uint32_t flags = 0;
    unsigned flag_count = 0;
    size_t half_byte_pos = 0; /* input offset of the shared length nibble; 0 = none (offset 0 is a flag word) */

    while (op < size_actual) {
        if (flag_count == 0) {
            if (in.len - ip < 4) {
                r.status = MH_LZ77_SHORT;
                break;
            }
            flags = (uint32_t)mh_span_byte(in, ip) | ((uint32_t)mh_span_byte(in, ip + 1) << 8) |
                    ((uint32_t)mh_span_byte(in, ip + 2) << 16) | ((uint32_t)mh_span_byte(in, ip + 3) << 24);
            ip += 4;
            flag_count = 32;
        }
        flag_count--;
        if ((flags & (1u << flag_count)) == 0) {
            if (ip >= in.len) {
                r.status = MH_LZ77_SHORT;
                break;
            }
            out[op++] = mh_span_byte(in, ip++);
            continue;
        }
        if (ip == in.len) { /* the format's end marker, reached before SizeActual */
            r.status = MH_LZ77_SHORT;
            break;
        }
        if (in.len - ip < 2) {
            r.status = MH_LZ77_CUT_TOKEN;
            break;
        }
        size_t token_pos = ip;
        unsigned match = (unsigned)mh_span_byte(in, ip) | ((unsigned)mh_span_byte(in, ip + 1) << 8);
        ip += 2;
        size_t length = match % 8;
        size_t offset = (match / 8) + 1;
        if (length == 7) {
            if (half_byte_pos == 0) {
                if (ip >= in.len) {
                    r.status = MH_LZ77_CUT_TOKEN;
                    break;
                }
                length = mh_span_byte(in, ip) % 16;
                half_byte_pos = ip;
                ip += 1;
            } else {
                length = mh_span_byte(in, half_byte_pos) / 16;
                half_byte_pos = 0;
            }
            if (length == 15) {
                if (ip >= in.len) {
                    r.status = MH_LZ77_CUT_TOKEN;
                    break;
                }
                length = mh_span_byte(in, ip);
                ip += 1;
                if (length == 255) {
                    if (in.len - ip < 2) {
                        r.status = MH_LZ77_CUT_TOKEN;
                        break;
                    }
                    length = (size_t)mh_span_byte(in, ip) | ((size_t)mh_span_byte(in, ip + 1) << 8);
                    ip += 2;
                    if (length == 0) {
                        if (in.len - ip < 4) {
                            r.status = MH_LZ77_CUT_TOKEN;
                            break;
                        }
                        length = (size_t)mh_span_byte(in, ip) | ((size_t)mh_span_byte(in, ip + 1) << 8) |
                                 ((size_t)mh_span_byte(in, ip + 2) << 16) |
                                 ((size_t)mh_span_byte(in, ip + 3) << 24);
                        ip += 4;
                    }
                    if (length < 15 + 7) {
                        r.status = MH_LZ77_BAD_LENGTH;
                        ip = token_pos;
                        break;
                    }
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += 3;
        if (offset > op) {
            r.status = MH_LZ77_BAD_OFFSET;
            ip = token_pos;
            break;
        }
        if (length > size_actual - op) {
            r.status = MH_LZ77_OVERFLOW;
            ip = token_pos;
            break;
        }
        /* byte by byte: the source may overlap what this match writes */
        for (size_t k = 0; k < length; k++, op++)
            out[op] = out[op - offset];
    }
    r.out_len = op;
    r.in_pos = ip;
    return r;
}

const char *mh_lz77_status_text(mh_lz77_status s)
{
    switch (s) {
    case MH_LZ77_OK: return "ok";
    case MH_LZ77_SHORT: return "compressed data ended before the output reached SizeActual";
    case MH_LZ77_OVERFLOW: return "a match would write past SizeActual";
    case MH_LZ77_BAD_OFFSET: return "a match refers to data before the start of the output";
    case MH_LZ77_BAD_LENGTH: return "an extended match length is below its minimum";
    case MH_LZ77_CUT_TOKEN: return "compressed data ended inside a match";
    }
    return "?";
}

void mh_xor_a5(uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] ^= 0xA5;
}

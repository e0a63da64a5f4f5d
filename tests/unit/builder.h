/* Building test inputs field by field (little-endian), so that each test reads like the layout in the
 * specification it was encoded from. */
#ifndef MH_BUILDER_H
#define MH_BUILDER_H

#include <stdint.h>
#include <string.h>

typedef struct {
    uint8_t b[8192];
    size_t n;
} bld;

static inline void b_u8(bld *x, uint8_t v) { if (x->n < sizeof x->b) x->b[x->n++] = v; }
static inline void b_u16(bld *x, uint16_t v) { b_u8(x, (uint8_t)v); b_u8(x, (uint8_t)(v >> 8)); }
static inline void b_u32(bld *x, uint32_t v) { b_u16(x, (uint16_t)v); b_u16(x, (uint16_t)(v >> 16)); }
static inline void b_u64(bld *x, uint64_t v) { b_u32(x, (uint32_t)v); b_u32(x, (uint32_t)(v >> 32)); }
static inline void b_raw(bld *x, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b_u8(x, ((const uint8_t *)p)[i]);
}
static inline void b_str(bld *x, const char *s) { b_raw(x, s, strlen(s)); }
/* NUL-terminated 8-bit string */
static inline void b_asciiz(bld *x, const char *s) { b_raw(x, s, strlen(s) + 1); }
/* NUL-terminated UTF-16LE of an ASCII string */
static inline void b_utf16z(bld *x, const char *s)
{
    for (; *s; s++)
        b_u16(x, (uint8_t)*s);
    b_u16(x, 0);
}
/* Overwrite a little-endian u16/u32 at a position already written (for sizes known later). */
static inline void b_put16(bld *x, size_t at, uint16_t v) { x->b[at] = (uint8_t)v; x->b[at + 1] = (uint8_t)(v >> 8); }
static inline void b_put32(bld *x, size_t at, uint32_t v)
{
    b_put16(x, at, (uint16_t)v);
    b_put16(x, at + 2, (uint16_t)(v >> 16));
}

/* An Execute request or success response body ([MS-OXCMAPIHTTP] 2.2.4.2) around a ROP buffer
 * ([MS-OXCROPS] 2.2.1: RopSize, the ROPs, the ServerObjectHandleTable), with one uncompressed
 * RPC_HEADER_EXT ([MS-OXCRPC] 2.2.2.1) flagged Last. */
static inline void b_execute_body(bld *out, int response, const bld *rops, const uint32_t *handles, size_t nh)
{
    out->n = 0;
    if (response) {
        b_u32(out, 0); /* StatusCode */
        b_u32(out, 0); /* ErrorCode */
    }
    b_u32(out, 0); /* Flags */
    uint16_t payload = (uint16_t)(2 + rops->n + 4 * nh);
    b_u32(out, 8u + payload); /* RopBufferSize */
    b_u16(out, 0);            /* RPC_HEADER_EXT Version */
    b_u16(out, 0x0004);       /* Flags: Last */
    b_u16(out, payload);      /* Size */
    b_u16(out, payload);      /* SizeActual */
    b_u16(out, (uint16_t)(2 + rops->n)); /* RopSize */
    b_raw(out, rops->b, rops->n);
    for (size_t i = 0; i < nh; i++)
        b_u32(out, handles[i]);
    if (!response)
        b_u32(out, 0x8000); /* MaxRopOut */
    b_u32(out, 0);          /* AuxiliaryBufferSize */
}

#endif

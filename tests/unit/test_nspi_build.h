/*
 * Building address book bodies field by field for the NSPI tests: every value is written in the
 * little-endian layout of [MS-OXCMAPIHTTP] 2.2.5 / [MS-OXNSPI] 2.2.8 so that a test reads as the spec's
 * field table. Also decodes a body through the core's entry point into a recording sink.
 */
#ifndef TEST_NSPI_BUILD_H
#define TEST_NSPI_BUILD_H

#include <stdint.h>
#include <string.h>

#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

typedef struct {
    uint8_t b[16384];
    size_t n;
} tb;

static inline void tb_u8(tb *t, uint8_t v)
{
    if (t->n < sizeof t->b)
        t->b[t->n++] = v;
}
static inline void tb_u16(tb *t, uint16_t v)
{
    tb_u8(t, (uint8_t)v);
    tb_u8(t, (uint8_t)(v >> 8));
}
static inline void tb_u32(tb *t, uint32_t v)
{
    tb_u16(t, (uint16_t)v);
    tb_u16(t, (uint16_t)(v >> 16));
}
static inline void tb_bytes(tb *t, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tb_u8(t, ((const uint8_t *)p)[i]);
}
/* A null-terminated 8-bit string. */
static inline void tb_str8(tb *t, const char *s)
{
    tb_bytes(t, s, strlen(s) + 1);
}
/* A null-terminated UTF-16LE string from ASCII text. */
static inline void tb_str16(tb *t, const char *s)
{
    for (; *s; s++)
        tb_u16(t, (uint8_t)*s);
    tb_u16(t, 0);
}
/* [MS-OXNSPI] 2.2.8 STAT: nine 4-byte fields. */
static inline void tb_stat(tb *t, uint32_t sort_type, uint32_t container, uint32_t current, int32_t delta,
                           uint32_t num_pos, uint32_t total, uint32_t code_page, uint32_t tlocale, uint32_t slocale)
{
    tb_u32(t, sort_type);
    tb_u32(t, container);
    tb_u32(t, current);
    tb_u32(t, (uint32_t)delta);
    tb_u32(t, num_pos);
    tb_u32(t, total);
    tb_u32(t, code_page);
    tb_u32(t, tlocale);
    tb_u32(t, slocale);
}
/* The STAT a client sends at the start ([MS-OXNSPI] 4 example values): GAL, beginning of table. */
static inline void tb_stat_default(tb *t)
{
    tb_stat(t, 0, 0, 0, 0, 0, 0, 1252, 0x409, 0x409);
}

static rec_sink rec;

/* Decodes one body (a request or a response of `type`) into `rec`. */
static inline int decode_body(int is_response, mh_request_type type, const tb *t, int complete)
{
    mh_message m;
    memset(&m, 0, sizeof m);
    m.is_response = is_response;
    m.type = type;
    m.body = t->b;
    m.body_len = t->n;
    m.body_complete = complete;
    mh_arena arena;
    mh_arena_init(&arena, 0);
    rec_init(&rec);
    int problems = mh_decode_message(NULL, &m, &rec.base, &arena, NULL);
    mh_arena_free(&arena);
    return problems;
}

/* The note of the k-th event with this filter, or NULL. */
static inline const char *rec_note(const char *filter, int k)
{
    const rec_event *e = rec_find(&rec, filter, k);
    return e ? e->note : NULL;
}

#endif

/*
 * Address book bodies for the NSPI tests, built field by field with builder.h in the little-endian
 * layouts of [MS-OXCMAPIHTTP] 2.2.5 and [MS-OXNSPI] 2.2.8, so that a test reads as the spec's field
 * table; decode_body() decodes one through the core's entry point into the recording sink `rec`.
 */
#ifndef TEST_NSPI_BUILD_H
#define TEST_NSPI_BUILD_H

#include <stdint.h>
#include <string.h>

#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

/* [MS-OXNSPI] 2.2.8 STAT: nine 4-byte fields. */
static inline void b_stat(bld *t, uint32_t sort_type, uint32_t container, uint32_t current, int32_t delta,
                          uint32_t num_pos, uint32_t total, uint32_t code_page, uint32_t tlocale, uint32_t slocale)
{
    b_u32(t, sort_type);
    b_u32(t, container);
    b_u32(t, current);
    b_u32(t, (uint32_t)delta);
    b_u32(t, num_pos);
    b_u32(t, total);
    b_u32(t, code_page);
    b_u32(t, tlocale);
    b_u32(t, slocale);
}
/* The STAT a client starts with: the GAL (ContainerID 0), MID_BEGINNING_OF_TABLE, code page 1252,
 * locales 0x409. */
static inline void b_stat_default(bld *t)
{
    b_stat(t, 0, 0, 0, 0, 0, 0, 1252, 0x409, 0x409);
}

static rec_sink rec;

/* Decodes one body (a request or a response of `type`) into `rec`; returns the problems reported (an
 * unbalanced subtree counts 1000). */
static inline int decode_body(int is_response, mh_request_type type, const bld *t, int complete)
{
    return rec_decode(&rec, NULL, is_response, type, NULL, 0, t->b, t->n, complete, NULL);
}

/* The note of the k-th event with this filter, or NULL. */
static inline const char *rec_note(const char *filter, int k)
{
    const rec_event *e = rec_find(&rec, filter, k);
    return e ? e->note : NULL;
}

#endif

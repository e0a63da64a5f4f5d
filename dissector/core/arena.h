/*
 * Per-message scratch memory: decompressed buffers, UTF-8 copies of strings, request facts being built.
 * A bump allocator over reusable blocks, reset after each message, so that decoding a message in steady
 * state does not call malloc. A cap bounds what one message may use.
 */
#ifndef MH_ARENA_H
#define MH_ARENA_H

#include <stddef.h>

typedef struct mh_arena_block mh_arena_block;

typedef struct {
    mh_arena_block *head;  /* blocks in use, newest first */
    mh_arena_block *spare; /* blocks kept for reuse */
    size_t used_total;     /* bytes handed out since the last reset */
    size_t cap;            /* most bytes handed out between resets (0 = default) */
} mh_arena;

#define MH_ARENA_DEFAULT_CAP ((size_t)64 << 20)

void mh_arena_init(mh_arena *a, size_t cap);
/* n bytes, 8-byte aligned, or NULL when the cap would be passed or memory is short. */
void *mh_arena_alloc(mh_arena *a, size_t n);
void mh_arena_reset(mh_arena *a);
void mh_arena_free(mh_arena *a);

#endif

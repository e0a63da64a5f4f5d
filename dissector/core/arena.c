/* Per-message bump allocator (see arena.h). */
#include "arena.h"

#include <stdlib.h>

struct mh_arena_block {
    mh_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
};

#define MIN_BLOCK ((size_t)64 * 1024)

void mh_arena_init(mh_arena *a, size_t cap)
{
    a->head = a->spare = NULL;
    a->used_total = 0;
    a->cap = cap ? cap : MH_ARENA_DEFAULT_CAP;
}

static mh_arena_block *take_block(mh_arena *a, size_t n)
{
    mh_arena_block **pp = &a->spare;
    while (*pp) {
        if ((*pp)->size >= n) {
            mh_arena_block *b = *pp;
            *pp = b->next;
            b->used = 0;
            return b;
        }
        pp = &(*pp)->next;
    }
    size_t size = n > MIN_BLOCK ? n : MIN_BLOCK;
    mh_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *mh_arena_alloc(mh_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    if (n > a->cap || a->used_total > a->cap - n)
        return NULL;
    mh_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        b = take_block(a, n);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

void mh_arena_reset(mh_arena *a)
{
    while (a->head) {
        mh_arena_block *b = a->head;
        a->head = b->next;
        b->used = 0;
        b->next = a->spare;
        a->spare = b;
    }
    a->used_total = 0;
}

void mh_arena_free(mh_arena *a)
{
    mh_arena_reset(a);
    while (a->spare) {
        mh_arena_block *b = a->spare;
        a->spare = b->next;
        free(b);
    }
}

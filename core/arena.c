/* arena.c - a bump allocator for one document's records. */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define ZC_ARENA_BLOCK 16384

struct zc_arena_block_t {
    zc_arena_block_t *next;
    size_t used;
    size_t cap;
    alignas(max_align_t) unsigned char data[];
};

void zc_arena_init(zc_arena_t *a) { a->head = NULL; }

void zc_arena_free(zc_arena_t *a)
{
    zc_arena_block_t *b = a->head;
    while (b) {
        zc_arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *zc_arena_alloc(zc_arena_t *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    zc_arena_block_t *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ZC_ARENA_BLOCK ? n : ZC_ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

char *zc_arena_strndup(zc_arena_t *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = zc_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *zc_arena_strdup(zc_arena_t *a, const char *s)
{
    return s ? zc_arena_strndup(a, s, strlen(s)) : NULL;
}

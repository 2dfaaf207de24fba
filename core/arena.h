/*
 * arena.h - a bump allocator for one document's records.
 *
 * Records and their strings live exactly as long as the document's result,
 * so they are carved from one arena and freed together; nothing in a result
 * is freed on its own.
 */
#ifndef ZC_CORE_ARENA_H
#define ZC_CORE_ARENA_H

#include <stddef.h>

typedef struct zc_arena_block_t zc_arena_block_t;

typedef struct zc_arena_t {
    zc_arena_block_t *head;
} zc_arena_t;

void zc_arena_init(zc_arena_t *a);
/* Free every block; the arena may be used again afterwards. */
void zc_arena_free(zc_arena_t *a);
/* n bytes aligned for any type, or NULL when memory runs out. */
void *zc_arena_alloc(zc_arena_t *a, size_t n);
/* A copy of s (NULL stays NULL) or of its first n bytes, NUL-terminated. */
char *zc_arena_strdup(zc_arena_t *a, const char *s);
char *zc_arena_strndup(zc_arena_t *a, const char *s, size_t n);

#endif

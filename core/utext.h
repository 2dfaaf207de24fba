/*
 * utext.h - a document as code points, each remembering its original bytes.
 *
 * Decoding produces a zc_utext_t; each normalisation step reads one and
 * writes another. src_start[i] and src_end[i] are the half-open byte range of
 * the ORIGINAL file that code point i came from. When a step merges several
 * code points into one, the new one spans from the first's start to the
 * last's end; when it deletes one, its bytes simply belong to no code point;
 * when it expands one into several, each copy keeps the whole range.
 *
 * A zc_utext_t owns its three arrays.
 */
#ifndef ZC_CORE_UTEXT_H
#define ZC_CORE_UTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/plugin.h"

typedef struct zc_utext_t {
    int32_t *cp;
    uint32_t *src_start;
    uint32_t *src_end;
    size_t len;
    size_t cap;
} zc_utext_t;

void zc_utext_init(zc_utext_t *t);
void zc_utext_free(zc_utext_t *t);
/* Make room for at least cap code points; keeps the contents. */
zc_status_t zc_utext_reserve(zc_utext_t *t, size_t cap);
/* Append one code point with its source range. */
zc_status_t zc_utext_push(zc_utext_t *t, int32_t cp, uint32_t src_start,
                          uint32_t src_end);
/* Empty t without freeing its arrays. */
void zc_utext_clear(zc_utext_t *t);
/* Swap the contents of a and b (steps write into a scratch and swap). */
void zc_utext_swap(zc_utext_t *a, zc_utext_t *b);
/* Move the n code points at index from down to index to (to <= from; the
 * ranges may overlap), with their source ranges: steps that delete compact
 * t with it one kept run at a time. */
void zc_utext_move_long(zc_utext_t *t, size_t to, size_t from, size_t n);
static inline void zc_utext_move(zc_utext_t *t, size_t to, size_t from,
                                 size_t n)
{
    /* Runs between deletions (pinyin glosses) are often a few code
     * points, for which three memmove calls cost more than the copying. */
    if (n > 32) {
        zc_utext_move_long(t, to, from, n);
    } else if (to != from) {
        for (size_t k = 0; k < n; k++) {
            t->cp[to + k] = t->cp[from + k];
            t->src_start[to + k] = t->src_start[from + k];
            t->src_end[to + k] = t->src_end[from + k];
        }
    }
}
/* Make dst a copy of src (dst's old contents are dropped). */
zc_status_t zc_utext_copy(zc_utext_t *dst, const zc_utext_t *src);

#endif

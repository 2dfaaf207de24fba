/*
 * cptext.h - a document as code points, each remembering its original bytes.
 * (Called cptext, "code-point text", not utext, so as not to be read as
 * ICU's UText, which it is not.)
 *
 * Decoding produces a zc_cptext_t; each normalisation step rewrites it.
 * Code point i came from the half-open byte range [src_start[i],
 * zc_cptext_end(t, i)) of the ORIGINAL file. When a step merges several
 * code points into one, the new one spans from the first's start to the
 * last's end; when it deletes one, its bytes simply belong to no code point;
 * when it expands one into several, each copy keeps the whole range.
 *
 * The end is kept as the range's length in a byte, since nearly every
 * range is one character's 1 to 4 bytes: 9 bytes a code point instead of
 * 12, and a decoded CJK document's ranges were most of its memory. A range
 * of ZC_CPTEXT_LONG bytes or more (a merged URL, collapsed HTML white space)
 * has its end in `longs`, looked up by its start; so two code points with
 * the same start and such long ranges must have the same end, as the
 * copies of an expansion do (no step makes two from one start otherwise).
 * Read ends with zc_cptext_end() and write ranges with the functions below.
 *
 * A zc_cptext_t owns its arrays.
 */
#ifndef ZC_CORE_CPTEXT_H
#define ZC_CORE_CPTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/plugin.h"

#define ZC_CPTEXT_LONG 255u

typedef struct zc_cptext_long_t {
    uint32_t start, end;
} zc_cptext_long_t;

typedef struct zc_cptext_t {
    int32_t *cp;
    uint32_t *src_start;
    uint8_t *src_len;        /* end - start, or ZC_CPTEXT_LONG: see longs */
    size_t len;
    size_t cap;
    zc_cptext_long_t *longs;  /* the long ranges, ascending start, unique */
    size_t n_longs, cap_longs;
} zc_cptext_t;

void zc_cptext_init(zc_cptext_t *t);
void zc_cptext_free(zc_cptext_t *t);
/* Make room for at least cap code points; keeps the contents. */
zc_status_t zc_cptext_reserve(zc_cptext_t *t, size_t cap);
/* Append one code point with its source range (src_end >= src_start). */
zc_status_t zc_cptext_push(zc_cptext_t *t, int32_t cp, uint32_t src_start,
                          uint32_t src_end);
/* Give code point i (< len) the range [src_start, src_end). Fails only
 * for a long range there is no memory to note. */
zc_status_t zc_cptext_set_range(zc_cptext_t *t, size_t i, uint32_t src_start,
                               uint32_t src_end);
/* The end of a long range starting at start (in longs). */
uint32_t zc_cptext_long_end(const zc_cptext_t *t, uint32_t start);
static inline uint32_t zc_cptext_end(const zc_cptext_t *t, size_t i)
{
    unsigned n = t->src_len[i];
    return n != ZC_CPTEXT_LONG ? t->src_start[i] + n
                              : zc_cptext_long_end(t, t->src_start[i]);
}
/* Empty t without freeing its arrays. */
void zc_cptext_clear(zc_cptext_t *t);
/* Swap the contents of a and b. */
void zc_cptext_swap(zc_cptext_t *a, zc_cptext_t *b);
/* Move the n code points at index from down to index to (to <= from; the
 * ranges may overlap), with their source ranges: steps that delete compact
 * t with it one kept run at a time. */
void zc_cptext_move_long(zc_cptext_t *t, size_t to, size_t from, size_t n);
static inline void zc_cptext_move(zc_cptext_t *t, size_t to, size_t from,
                                 size_t n)
{
    /* Runs between deletions (pinyin glosses) are often a few code
     * points, for which three memmove calls cost more than the copying. */
    if (n > 32) {
        zc_cptext_move_long(t, to, from, n);
    } else if (to != from) {
        for (size_t k = 0; k < n; k++) {
            t->cp[to + k] = t->cp[from + k];
            t->src_start[to + k] = t->src_start[from + k];
            t->src_len[to + k] = t->src_len[from + k];
        }
    }
}
/* Make dst a copy of src (dst's old contents are dropped). */
zc_status_t zc_cptext_copy(zc_cptext_t *dst, const zc_cptext_t *src);

#endif

/* utext.c - growable arrays of code points with their source byte ranges. */
#include "utext.h"

#include <stdlib.h>
#include <string.h>

void zc_utext_init(zc_utext_t *t)
{
    memset(t, 0, sizeof *t);
}

void zc_utext_free(zc_utext_t *t)
{
    free(t->cp);
    free(t->src_start);
    free(t->src_end);
    zc_utext_init(t);
}

zc_status_t zc_utext_reserve(zc_utext_t *t, size_t cap)
{
    if (cap <= t->cap)
        return ZC_OK;
    if (cap > SIZE_MAX / sizeof(int32_t))
        return ZC_ERR_NOMEM;
    /* Each array is replaced as soon as its realloc succeeds, and t->cap
     * only moves once all three have the room: a failure half-way leaves
     * some arrays larger than needed but none smaller, and nothing leaks. */
    int32_t *cp = realloc(t->cp, cap * sizeof *cp);
    if (!cp)
        return ZC_ERR_NOMEM;
    t->cp = cp;
    uint32_t *start = realloc(t->src_start, cap * sizeof *start);
    if (!start)
        return ZC_ERR_NOMEM;
    t->src_start = start;
    uint32_t *end = realloc(t->src_end, cap * sizeof *end);
    if (!end)
        return ZC_ERR_NOMEM;
    t->src_end = end;
    t->cap = cap;
    return ZC_OK;
}

zc_status_t zc_utext_push(zc_utext_t *t, int32_t cp, uint32_t src_start,
                          uint32_t src_end)
{
    if (t->len == t->cap) {
        /* Doubling keeps pushes amortised O(1); 64 avoids tiny steps. */
        size_t want = t->cap < 32 ? 64 : t->cap * 2;
        zc_status_t st = zc_utext_reserve(t, want);
        if (st != ZC_OK)
            return st;
    }
    t->cp[t->len] = cp;
    t->src_start[t->len] = src_start;
    t->src_end[t->len] = src_end;
    t->len++;
    return ZC_OK;
}

void zc_utext_clear(zc_utext_t *t)
{
    t->len = 0;
}

void zc_utext_swap(zc_utext_t *a, zc_utext_t *b)
{
    zc_utext_t tmp = *a;
    *a = *b;
    *b = tmp;
}

void zc_utext_move_long(zc_utext_t *t, size_t to, size_t from, size_t n)
{
    if (to == from || n == 0)
        return;
    memmove(t->cp + to, t->cp + from, n * sizeof *t->cp);
    memmove(t->src_start + to, t->src_start + from, n * sizeof *t->src_start);
    memmove(t->src_end + to, t->src_end + from, n * sizeof *t->src_end);
}

zc_status_t zc_utext_copy(zc_utext_t *dst, const zc_utext_t *src)
{
    zc_status_t st;
    zc_utext_clear(dst);
    st = zc_utext_reserve(dst, src->len);
    if (st != ZC_OK)
        return st;
    if (src->len) {
        memcpy(dst->cp, src->cp, src->len * sizeof *dst->cp);
        memcpy(dst->src_start, src->src_start,
               src->len * sizeof *dst->src_start);
        memcpy(dst->src_end, src->src_end, src->len * sizeof *dst->src_end);
    }
    dst->len = src->len;
    return ZC_OK;
}

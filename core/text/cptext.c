/* cptext.c - growable arrays of code points with their source byte ranges. */
#include "cptext.h"

#include <stdlib.h>
#include <string.h>

void zc_cptext_init(zc_cptext_t *t)
{
    memset(t, 0, sizeof *t);
}

void zc_cptext_free(zc_cptext_t *t)
{
    free(t->cp);
    free(t->src_start);
    free(t->src_len);
    free(t->longs);
    zc_cptext_init(t);
}

zc_status_t zc_cptext_reserve(zc_cptext_t *t, size_t cap)
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
    uint8_t *n = realloc(t->src_len, cap);
    if (!n)
        return ZC_ERR_NOMEM;
    t->src_len = n;
    t->cap = cap;
    return ZC_OK;
}

/* The first long range starting at or after start. */
static size_t long_lower_bound(const zc_cptext_t *t, uint32_t start)
{
    size_t lo = 0, hi = t->n_longs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->longs[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t zc_cptext_long_end(const zc_cptext_t *t, uint32_t start)
{
    size_t k = long_lower_bound(t, start);
    /* Always found: only note_long() writes ZC_CPTEXT_LONG. */
    return k < t->n_longs && t->longs[k].start == start ? t->longs[k].end
                                                         : start;
}

/* Note the end of a long range. Decoding and steps go forward, so nearly
 * every one lands at the end; an entry of a code point since deleted or
 * merged is left (it costs 8 bytes), and a new range from the same start
 * replaces it. */
static zc_status_t note_long(zc_cptext_t *t, uint32_t start, uint32_t end)
{
    size_t k = t->n_longs && t->longs[t->n_longs - 1].start < start
                   ? t->n_longs
                   : long_lower_bound(t, start);
    if (k < t->n_longs && t->longs[k].start == start) {
        t->longs[k].end = end;
        return ZC_OK;
    }
    if (t->n_longs == t->cap_longs) {
        size_t want = t->cap_longs ? t->cap_longs * 2 : 16;
        zc_cptext_long_t *l = realloc(t->longs, want * sizeof *l);
        if (!l)
            return ZC_ERR_NOMEM;
        t->longs = l;
        t->cap_longs = want;
    }
    memmove(t->longs + k + 1, t->longs + k,
            (t->n_longs - k) * sizeof *t->longs);
    t->longs[k] = (zc_cptext_long_t){start, end};
    t->n_longs++;
    return ZC_OK;
}

zc_status_t zc_cptext_set_range(zc_cptext_t *t, size_t i, uint32_t src_start,
                               uint32_t src_end)
{
    uint32_t n = src_end - src_start;
    t->src_start[i] = src_start;
    if (n < ZC_CPTEXT_LONG) {
        t->src_len[i] = (uint8_t)n;
        return ZC_OK;
    }
    t->src_len[i] = ZC_CPTEXT_LONG;
    return note_long(t, src_start, src_end);
}

zc_status_t zc_cptext_push(zc_cptext_t *t, int32_t cp, uint32_t src_start,
                          uint32_t src_end)
{
    if (t->len == t->cap) {
        /* Doubling keeps pushes amortised O(1); 64 avoids tiny steps. */
        size_t want = t->cap < 32 ? 64 : t->cap * 2;
        zc_status_t st = zc_cptext_reserve(t, want);
        if (st != ZC_OK)
            return st;
    }
    t->cp[t->len] = cp;
    zc_status_t st = zc_cptext_set_range(t, t->len, src_start, src_end);
    if (st != ZC_OK)
        return st;
    t->len++;
    return ZC_OK;
}

void zc_cptext_clear(zc_cptext_t *t)
{
    t->len = 0;
    t->n_longs = 0;
}

void zc_cptext_swap(zc_cptext_t *a, zc_cptext_t *b)
{
    zc_cptext_t tmp = *a;
    *a = *b;
    *b = tmp;
}

void zc_cptext_move_long(zc_cptext_t *t, size_t to, size_t from, size_t n)
{
    if (to == from || n == 0)
        return;
    memmove(t->cp + to, t->cp + from, n * sizeof *t->cp);
    memmove(t->src_start + to, t->src_start + from, n * sizeof *t->src_start);
    memmove(t->src_len + to, t->src_len + from, n);
}

zc_status_t zc_cptext_copy(zc_cptext_t *dst, const zc_cptext_t *src)
{
    zc_status_t st;
    zc_cptext_clear(dst);
    st = zc_cptext_reserve(dst, src->len);
    if (st != ZC_OK)
        return st;
    if (src->n_longs > dst->cap_longs) {
        zc_cptext_long_t *l = realloc(dst->longs, src->n_longs * sizeof *l);
        if (!l)
            return ZC_ERR_NOMEM;
        dst->longs = l;
        dst->cap_longs = src->n_longs;
    }
    if (src->len) {
        memcpy(dst->cp, src->cp, src->len * sizeof *dst->cp);
        memcpy(dst->src_start, src->src_start,
               src->len * sizeof *dst->src_start);
        memcpy(dst->src_len, src->src_len, src->len);
    }
    if (src->n_longs)
        memcpy(dst->longs, src->longs, src->n_longs * sizeof *dst->longs);
    dst->len = src->len;
    dst->n_longs = src->n_longs;
    return ZC_OK;
}

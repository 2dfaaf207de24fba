/* normtext.c - UTF-8 encoding of the normalised text with its byte map. */
#include "normtext.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void zc_normtext_free(zc_normtext_t *n)
{
    if (!n)
        return;
    free(n->text);
    free(n->byte_at);
    free(n->src_start);
    free(n->src_end);
    memset(n, 0, sizeof *n);
}

/*
 * One pass writing each code point's bytes and where they start, into u of
 * at least 4 * len bytes (no code point takes more than four). Returns the
 * length, or SIZE_MAX when t holds an invalid code point (a surrogate or a
 * value past U+10FFFF), which only a bug upstream makes. This runs over
 * every code point of every document, so the two lengths nearly all text
 * has, one-byte ASCII and three-byte CJK, have their own straight-line
 * cases, tested in that order, and only the rest go through zc_utf8_put
 * (callgrind on bench corpus-20/000: 82M instructions this way, 97M with
 * zc_utf8_put for every code point); and the arrays are read through local
 * restrict pointers: stores to u, a char array, could otherwise alias t
 * and force a reload of t->cp and t->len at every code point.
 */
static size_t encode_all(const zc_utext_t *t, unsigned char *restrict u,
                         uint32_t *restrict byte_at)
{
    const int32_t *restrict cps = t->cp;
    size_t len = t->len, pos = 0;
    unsigned bad = 0;
    for (size_t i = 0; i < len; i++) {
        int32_t cp = cps[i];
        byte_at[i] = (uint32_t)pos;
        if (cp < 0x80) {
            u[pos] = (unsigned char)cp;
            pos += 1;
            bad |= cp < 0;
        } else if (cp >= 0x800 && cp < 0x10000) {
            u[pos] = (unsigned char)(0xE0 | (cp >> 12));
            u[pos + 1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[pos + 2] = (unsigned char)(0x80 | (cp & 0x3F));
            pos += 3;
            bad |= (cp & 0xF800) == 0xD800;
        } else {
            /* Two- and four-byte forms: rare in reports. */
            bad |= cp > 0x10FFFF;
            pos += zc_utf8_put(u + pos, cp);
        }
    }
    return bad ? SIZE_MAX : pos;
}

/* The text and byte_at of t, into out (cleared first); the range maps are
 * the caller's to fill. The text buffer is sized for the worst case, four
 * bytes a code point, so that one pass both measures and writes (a
 * separate pass for the size cost a tenth of the encoding); the pages of
 * the unused tail are never touched. */
static zc_status_t encode(const zc_utext_t *t, zc_normtext_t *out)
{
    memset(out, 0, sizeof *out);
    out->text = malloc(4 * t->len + 1);
    /* One spare entry so an empty text still has a non-NULL map. */
    out->byte_at = malloc((t->len + 1) * sizeof *out->byte_at);
    if (!out->text || !out->byte_at) {
        zc_normtext_free(out);
        return ZC_ERR_NOMEM;
    }
    size_t bytes = encode_all(t, (unsigned char *)out->text, out->byte_at);
    if (bytes == SIZE_MAX || bytes > UINT32_MAX) {
        zc_normtext_free(out);
        return ZC_ERR_INVALID;
    }
    out->len = bytes;
    out->text[out->len] = '\0';
    out->n_cps = t->len;
    return ZC_OK;
}

zc_status_t zc_normtext_from_utext(const zc_utext_t *t, zc_normtext_t *out)
{
    size_t map_size = (t->len + 1) * sizeof(uint32_t);
    zc_status_t st = encode(t, out);
    if (st != ZC_OK)
        return st;
    out->src_start = malloc(map_size);
    out->src_end = malloc(map_size);
    if (!out->src_start || !out->src_end) {
        zc_normtext_free(out);
        return ZC_ERR_NOMEM;
    }
    if (t->len) {
        memcpy(out->src_start, t->src_start, t->len * sizeof *t->src_start);
        memcpy(out->src_end, t->src_end, t->len * sizeof *t->src_end);
    }
    return ZC_OK;
}

zc_status_t zc_normtext_from_utext_taking(zc_utext_t *t, zc_normtext_t *out)
{
    zc_status_t st;
    if (!t->src_start) /* an empty text that never had arrays */
        return zc_normtext_from_utext(t, out);
    st = encode(t, out);
    if (st != ZC_OK)
        return st;
    out->src_start = t->src_start;
    out->src_end = t->src_end;
    t->src_start = t->src_end = NULL;
    zc_utext_free(t);
    return ZC_OK;
}

/* The code point holding byte b (< n->len): the last one starting at or
 * before it. */
static size_t cp_holding(const zc_normtext_t *n, size_t b)
{
    size_t lo = 0, hi = n->n_cps; /* byte_at[lo] <= b < byte_at[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (n->byte_at[mid] <= b)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void zc_normtext_map_span(const zc_normtext_t *n, size_t start, size_t end,
                          size_t *orig_start, size_t *orig_end)
{
    /* Steps never reorder, so both maps are non-decreasing and the first
     * and last bytes bound the span. An empty or out-of-range span is
     * clamped rather than read past the maps. */
    if (n->len == 0) {
        *orig_start = *orig_end = 0;
        return;
    }
    if (end > n->len)
        end = n->len;
    if (start >= end) {
        size_t at = start < n->len ? n->src_start[cp_holding(n, start)]
                                   : n->src_end[n->n_cps - 1];
        *orig_start = *orig_end = at;
        return;
    }
    *orig_start = n->src_start[cp_holding(n, start)];
    *orig_end = n->src_end[cp_holding(n, end - 1)];
}

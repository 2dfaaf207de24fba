/* normtext.c - UTF-8 encoding of the normalised text with its byte map. */
#include "normtext.h"

#include <stdlib.h>
#include <string.h>

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

/* Bytes the encoding needs, or SIZE_MAX when t holds an invalid code point
 * (a surrogate or a value past U+10FFFF), which only a bug upstream makes.
 * Written without branches per code point (the comparisons add up), so
 * the compiler can vectorise this pass over the whole document. */
static size_t encoded_size(const zc_utext_t *t)
{
    size_t bytes = 0;
    unsigned bad = 0;
    for (size_t i = 0; i < t->len; i++) {
        int32_t cp = t->cp[i];
        bytes += 1u + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000);
        bad |= ((uint32_t)cp > 0x10FFFF) | ((cp & ~0x7FF) == 0xD800);
    }
    return bad ? SIZE_MAX : bytes;
}

/*
 * One pass writing each code point's bytes and where they start. This runs
 * over every code point of every document, so each length has its own
 * straight-line case instead of a loop over the bytes (nearly all text is
 * one-byte ASCII or three-byte CJK).
 */
static size_t encode_all(const zc_utext_t *t, unsigned char *u,
                         uint32_t *byte_at)
{
    size_t pos = 0;
    for (size_t i = 0; i < t->len; i++) {
        int32_t cp = t->cp[i];
        byte_at[i] = (uint32_t)pos;
        if (cp < 0x80) {
            u[pos] = (unsigned char)cp;
            pos += 1;
        } else if (cp >= 0x800 && cp < 0x10000) {
            u[pos] = (unsigned char)(0xE0 | (cp >> 12));
            u[pos + 1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[pos + 2] = (unsigned char)(0x80 | (cp & 0x3F));
            pos += 3;
        } else if (cp < 0x800) {
            u[pos] = (unsigned char)(0xC0 | (cp >> 6));
            u[pos + 1] = (unsigned char)(0x80 | (cp & 0x3F));
            pos += 2;
        } else {
            u[pos] = (unsigned char)(0xF0 | (cp >> 18));
            u[pos + 1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            u[pos + 2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[pos + 3] = (unsigned char)(0x80 | (cp & 0x3F));
            pos += 4;
        }
    }
    return pos;
}

/* The text and byte_at of t, into out (cleared first); the range maps are
 * the caller's to fill. */
static zc_status_t encode(const zc_utext_t *t, zc_normtext_t *out)
{
    size_t bytes = encoded_size(t);
    memset(out, 0, sizeof *out);
    if (bytes == SIZE_MAX || bytes > UINT32_MAX)
        return ZC_ERR_INVALID;
    out->text = malloc(bytes + 1);
    /* One spare entry so an empty text still has a non-NULL map. */
    out->byte_at = malloc((t->len + 1) * sizeof *out->byte_at);
    if (!out->text || !out->byte_at) {
        zc_normtext_free(out);
        return ZC_ERR_NOMEM;
    }
    out->len = encode_all(t, (unsigned char *)out->text, out->byte_at);
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

/* normtext.c - UTF-8 encoding of the normalised text with its byte map. */
#include "normtext.h"

#include <stdlib.h>
#include <string.h>

void zc_normtext_free(zc_normtext_t *n)
{
    if (!n)
        return;
    free(n->text);
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
 * One pass writing each code point's bytes and their map entries. This runs
 * over every code point of every document, so each length has its own
 * straight-line case instead of a loop over the bytes (nearly all text is
 * one-byte ASCII or three-byte CJK).
 */
static size_t encode_all(const zc_utext_t *t, unsigned char *u, uint32_t *ss,
                         uint32_t *se)
{
    size_t pos = 0;
    for (size_t i = 0; i < t->len; i++) {
        int32_t cp = t->cp[i];
        uint32_t a = t->src_start[i], b = t->src_end[i];
        if (cp < 0x80) {
            u[pos] = (unsigned char)cp;
            ss[pos] = a;
            se[pos] = b;
            pos += 1;
        } else if (cp >= 0x800 && cp < 0x10000) {
            u[pos] = (unsigned char)(0xE0 | (cp >> 12));
            u[pos + 1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[pos + 2] = (unsigned char)(0x80 | (cp & 0x3F));
            ss[pos] = ss[pos + 1] = ss[pos + 2] = a;
            se[pos] = se[pos + 1] = se[pos + 2] = b;
            pos += 3;
        } else if (cp < 0x800) {
            u[pos] = (unsigned char)(0xC0 | (cp >> 6));
            u[pos + 1] = (unsigned char)(0x80 | (cp & 0x3F));
            ss[pos] = ss[pos + 1] = a;
            se[pos] = se[pos + 1] = b;
            pos += 2;
        } else {
            u[pos] = (unsigned char)(0xF0 | (cp >> 18));
            u[pos + 1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            u[pos + 2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[pos + 3] = (unsigned char)(0x80 | (cp & 0x3F));
            ss[pos] = ss[pos + 1] = ss[pos + 2] = ss[pos + 3] = a;
            se[pos] = se[pos + 1] = se[pos + 2] = se[pos + 3] = b;
            pos += 4;
        }
    }
    return pos;
}

zc_status_t zc_normtext_from_utext(const zc_utext_t *t, zc_normtext_t *out)
{
    size_t bytes = encoded_size(t), pos;
    memset(out, 0, sizeof *out);
    if (bytes == SIZE_MAX)
        return ZC_ERR_INVALID;
    out->text = malloc(bytes + 1);
    /* One spare entry so an empty text still has non-NULL maps. */
    out->src_start = malloc((bytes + 1) * sizeof *out->src_start);
    out->src_end = malloc((bytes + 1) * sizeof *out->src_end);
    if (!out->text || !out->src_start || !out->src_end) {
        zc_normtext_free(out);
        return ZC_ERR_NOMEM;
    }
    pos = encode_all(t, (unsigned char *)out->text, out->src_start,
                     out->src_end);
    out->text[pos] = '\0';
    out->len = pos;
    return ZC_OK;
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
        size_t at = start < n->len ? n->src_start[start] : n->src_end[n->len - 1];
        *orig_start = *orig_end = at;
        return;
    }
    *orig_start = n->src_start[start];
    *orig_end = n->src_end[end - 1];
}

/* normtext.c - UTF-8 encoding of the normalised text with its byte map. */
#include "normtext.h"

#include <stdlib.h>
#include <string.h>

static size_t utf8_len(int32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static int valid_cp(int32_t cp)
{
    return cp >= 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

static size_t utf8_put(char *p, int32_t cp)
{
    unsigned char *u = (unsigned char *)p;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

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
 * (a surrogate or a value past U+10FFFF), which only a bug upstream makes. */
static size_t encoded_size(const zc_utext_t *t)
{
    size_t bytes = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (!valid_cp(t->cp[i]))
            return SIZE_MAX;
        bytes += utf8_len(t->cp[i]);
    }
    return bytes;
}

zc_status_t zc_normtext_from_utext(const zc_utext_t *t, zc_normtext_t *out)
{
    size_t bytes = encoded_size(t), pos = 0;
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
    for (size_t i = 0; i < t->len; i++) {
        size_t n = utf8_put(out->text + pos, t->cp[i]);
        for (size_t k = 0; k < n; k++) {
            out->src_start[pos + k] = t->src_start[i];
            out->src_end[pos + k] = t->src_end[i];
        }
        pos += n;
    }
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

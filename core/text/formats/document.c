/*
 * document.c - dispatch a document to its format's reader, and what a
 * record needs from the result: an HTML stretch's visible text, a PDF
 * span's page and box.
 */
#include "document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "decode.h"
#include "utf8.h"

static void document_init(zc_document_t *d, const unsigned char *bytes,
                          size_t n)
{
    memset(d, 0, sizeof *d);
    zc_cptext_init(&d->visible);
    d->span_bytes = bytes;
    d->n_span_bytes = n;
    d->encoding = "UTF-8";
}

void zc_document_free(zc_document_t *d)
{
    free(d->layer);
    zc_cptext_free(&d->visible);
    free(d->page_start);
    free(d->boxes);
    free(d->soft_breaks);
    for (size_t i = 0; i < d->n_warnings; i++)
        free(d->warnings[i]);
    free(d->warnings);
    memset(d, 0, sizeof *d);
}

zc_status_t zc_document_warn(zc_document_t *d, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = realloc(d->warnings, (d->n_warnings + 1) * sizeof *w);
    if (!w)
        return ZC_ERR_NOMEM;
    d->warnings = w;
    w[d->n_warnings] = strdup(buf);
    if (!w[d->n_warnings])
        return ZC_ERR_NOMEM;
    d->n_warnings++;
    return ZC_OK;
}

zc_status_t zc_document_load(const char *doc, const unsigned char *bytes,
                             size_t n, zc_document_t *d, zc_cptext_t *text,
                             zc_error_t *err)
{
    document_init(d, bytes, n);
    zc_cptext_clear(text);
    zc_error_t inner;
    zc_status_t st = zc_sniff_format(doc, bytes, n, &d->format, err);
    if (st != ZC_OK)
        return st;
    switch (d->format) {
    case ZC_DOC_TEXT:
        st = zc_load_text(bytes, n, &d->encoding, text, &inner);
        if (st != ZC_OK)
            zc_error_set(err, st, "%s: %s", doc, inner.message);
        break;
    case ZC_DOC_HTML:
        st = zc_html_load(doc, bytes, n, d, text, err);
        break;
    case ZC_DOC_PDF:
    case ZC_DOC_DOCX:
        st = d->format == ZC_DOC_PDF ? zc_pdf_load(doc, bytes, n, d, err)
                                        : zc_docx_load(doc, bytes, n, d, err);
        if (st == ZC_OK) {
            d->span_bytes = (const unsigned char *)d->layer;
            d->n_span_bytes = d->layer_len;
            st = zc_decode(d->span_bytes, d->n_span_bytes, "UTF-8", text, &inner);
            if (st != ZC_OK)
                zc_error_set(err, st, "%s: text layer: %s", doc, inner.message);
        }
        break;
    }
    if (st != ZC_OK)
        zc_document_free(d);
    return st;
}

/* First visible code point whose range starts at or after byte. */
static size_t visible_lower_bound(const zc_cptext_t *v, size_t byte)
{
    size_t lo = 0, hi = v->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->src_start[mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

zc_status_t zc_document_visible_slice(const zc_document_t *d, size_t start,
                                      size_t end, zc_arena_t *arena,
                                      const char **out)
{
    const zc_cptext_t *v = &d->visible;
    size_t first = visible_lower_bound(v, start), last = first;
    while (last < v->len && zc_cptext_end(v, last) <= end)
        last++;
    char *s = zc_arena_alloc(arena, 4 * (last - first) + 1);
    if (!s)
        return ZC_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = first; i < last; i++)
        /* Line ends that blocks add have no bytes: they are no text. */
        if (v->src_len[i] != 0) /* not a point */
            k += zc_utf8_put(s + k, v->cp[i]);
    s[k] = '\0';
    *out = s;
    return ZC_OK;
}

void zc_document_place(const zc_document_t *d, size_t start, size_t end,
                       zc_claim_place_t *place)
{
    memset(place, 0, sizeof *place);
    if (d->n_pages == 0)
        return;
    size_t page = 0;
    while (page + 1 < d->n_pages && d->page_start[page + 1] <= start)
        page++;
    place->page = (unsigned)(page + 1);
    size_t page_end = page + 1 < d->n_pages ? d->page_start[page + 1] : d->layer_len;
    if (end > page_end)
        end = page_end;
    size_t lo = 0, hi = d->n_boxes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->boxes[mid].byte < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < d->n_boxes && d->boxes[i].byte < end; i++) {
        const zc_char_box_t *b = &d->boxes[i];
        if (b->x1 <= b->x0 && b->y1 <= b->y0)
            continue;
        if (!place->has_bbox) {
            place->has_bbox = 1;
            place->bbox[0] = b->x0;
            place->bbox[1] = b->y0;
            place->bbox[2] = b->x1;
            place->bbox[3] = b->y1;
            continue;
        }
        if (b->x0 < place->bbox[0]) place->bbox[0] = b->x0;
        if (b->y0 < place->bbox[1]) place->bbox[1] = b->y0;
        if (b->x1 > place->bbox[2]) place->bbox[2] = b->x1;
        if (b->y1 > place->bbox[3]) place->bbox[3] = b->y1;
    }
}

/*
 * pdf_text.c - the text layer of a PDF, page by page, with a box for each
 * character.
 *
 * poppler gives each page's text in reading order (column by column) and
 * one rectangle per character of that text, origin at the page's top-left.
 * Pages are loaded and dropped one at a time, so memory grows with the
 * text (about 20 bytes a character for the boxes), not with the pages'
 * content streams, fonts and images.
 */
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "pdf_lines.h"
#include "utf8.h"

typedef struct layer_t {
    char *s;
    size_t len, cap;
} layer_t;

static int put(layer_t *l, const char *s, size_t n)
{
    if (l->len + n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 65536;
        while (cap < l->len + n + 1)
            cap *= 2;
        char *b = realloc(l->s, cap);
        if (!b)
            return -1;
        l->s = b;
        l->cap = cap;
    }
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
    return 0;
}

static int push_box(zc_document_t *d, uint32_t byte, const PopplerRectangle *r)
{
    if (d->n_boxes == d->cap_boxes) {
        size_t cap = d->cap_boxes ? 2 * d->cap_boxes : 4096;
        zc_char_box_t *b = realloc(d->boxes, cap * sizeof *b);
        if (!b)
            return -1;
        d->boxes = b;
        d->cap_boxes = cap;
    }
    zc_char_box_t *b = &d->boxes[d->n_boxes++];
    b->byte = byte;
    if (r) {
        b->x0 = (float)r->x1;
        b->y0 = (float)r->y1;
        b->x1 = (float)r->x2;
        b->y1 = (float)r->y2;
    } else {
        b->x0 = b->y0 = b->x1 = b->y1 = 0;
    }
    return 0;
}

/* A PDF ends with %%EOF (in its last KiB, readers allow); one without it
 * was cut short, and poppler would quietly read what is left. */
static int has_eof_marker(const unsigned char *b, size_t n)
{
    size_t from = n > 1024 ? n - 1024 : 0;
    for (size_t i = n >= 5 ? n - 5 + 1 : 0; i-- > from;)
        if (memcmp(b + i, "%%EOF", 5) == 0)
            return 1;
    return 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && *s != '\f')
            return 0;
    return 1;
}

static void line_add(zc_pdf_line_t *ln, const zc_char_box_t *b)
{
    float h = b->y1 - b->y0;
    if (ln->end == ln->first) {
        ln->left = b->x0;
        ln->right = b->x1;
        ln->top = b->y0;
        ln->bottom = b->y1;
    } else {
        if (b->x0 < ln->left) ln->left = b->x0;
        if (b->x1 > ln->right) ln->right = b->x1;
        if (b->y0 < ln->top) ln->top = b->y0;
        if (b->y1 > ln->bottom) ln->bottom = b->y1;
    }
    if (h > ln->em)
        ln->em = h;
}

typedef struct lines_t {
    zc_pdf_line_t *v;
    size_t n, cap;
} lines_t;

static int lines_push(lines_t *l, size_t first)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        zc_pdf_line_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (zc_pdf_line_t){first, first, UINT32_MAX, 0, 0, 0, 0, 0};
    return 0;
}

/* One page's text into the layer, a box per character, and its lines. */
static int add_page(zc_document_t *d, layer_t *l, lines_t *lines,
                    const char *text, const PopplerRectangle *rects, guint n_rects)
{
    size_t len = strlen(text), i = 0, k = 0;
    uint32_t base = (uint32_t)l->len;
    lines->n = 0;
    if (put(l, text, len) != 0 || lines_push(lines, d->n_boxes) != 0)
        return -1;
    while (i < len) {
        int32_t cp;
        size_t adv = zc_utf8_next((const unsigned char *)text + i, len - i, &cp);
        if (adv == 0) {
            adv = 1;
            cp = 0xFFFD;
        }
        const PopplerRectangle *r = k < n_rects ? &rects[k] : NULL;
        zc_pdf_line_t *ln = &lines->v[lines->n - 1];
        if (cp == '\n') {
            ln->break_byte = base + (uint32_t)i;
            if (lines_push(lines, d->n_boxes) != 0)
                return -1;
        } else if (cp != ' ' && cp != '\t' && cp != '\r') {
            if (push_box(d, base + (uint32_t)i, r) != 0)
                return -1;
            line_add(ln, &d->boxes[d->n_boxes - 1]);
            ln->end = d->n_boxes;
        }
        i += adv;
        k++;
    }
    return put(l, "\f", 1);
}

static zc_status_t open_error(const char *doc, GError *gerr, zc_error_t *err)
{
    zc_status_t st;
    if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
        st = zc_error_set(err, ZC_ERR_DECODE, "%s: encrypted PDF (a password is "
                          "needed to read it)", doc);
    else
        st = zc_error_set(err, ZC_ERR_DECODE, "%s: damaged PDF: %s", doc,
                          gerr ? gerr->message : "poppler cannot open it");
    if (gerr)
        g_error_free(gerr);
    return st;
}

zc_status_t zc_pdf_load(const char *doc, const unsigned char *bytes,
                        size_t n, zc_document_t *d, zc_error_t *err)
{
    if (n > UINT32_MAX)
        return zc_error_set(err, ZC_ERR_LIMIT, "%s: PDF larger than 4 GiB", doc);
    if (!has_eof_marker(bytes, n))
        return zc_error_set(err, ZC_ERR_DECODE, "%s: truncated PDF (no %%%%EOF "
                            "at its end)", doc);
    GError *gerr = NULL;
    GBytes *gb = g_bytes_new_static(bytes, n);
    PopplerDocument *pdf = poppler_document_new_from_bytes(gb, NULL, &gerr);
    g_bytes_unref(gb);
    if (!pdf)
        return open_error(doc, gerr, err);
    int n_pages = poppler_document_get_n_pages(pdf);
    layer_t l = {0};
    lines_t lines = {0};
    size_t n_text_pages = 0;
    zc_status_t st = ZC_OK;
    d->page_start = n_pages > 0 ? calloc((size_t)n_pages, sizeof *d->page_start) : NULL;
    if (n_pages > 0 && !d->page_start)
        st = ZC_ERR_NOMEM;
    for (int p = 0; st == ZC_OK && p < n_pages; p++) {
        PopplerPage *page = poppler_document_get_page(pdf, p);
        d->page_start[p] = (uint32_t)l.len;
        d->n_pages = (size_t)p + 1;
        char *text = page ? poppler_page_get_text(page) : NULL;
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        if (text && !blank(text)) {
            n_text_pages++;
            if (!poppler_page_get_text_layout(page, &rects, &n_rects))
                n_rects = 0;
            if (add_page(d, &l, &lines, text, rects, n_rects) != 0 ||
                zc_pdf_find_soft_breaks(d, lines.v, lines.n) != ZC_OK)
                st = ZC_ERR_NOMEM;
        } else {
            if (put(&l, "\f", 1) != 0 ||
                zc_document_warn(d, "page %d has no text layer (a scan?)", p + 1) != ZC_OK)
                st = ZC_ERR_NOMEM;
        }
        g_free(rects);
        g_free(text);
        if (page)
            g_object_unref(page);
    }
    g_object_unref(pdf);
    free(lines.v);
    if (st == ZC_OK && !l.s)
        l.s = calloc(1, 1);
    if (st != ZC_OK || !l.s) {
        free(l.s);
        return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    }
    d->layer = l.s;
    d->layer_len = l.len;
    if (n_text_pages == 0)
        return zc_error_set(err, ZC_ERR_DECODE, "%s: no text layer on any of its "
                            "%d pages (a scanned PDF?)", doc, n_pages);
    return ZC_OK;
}

/*
 * pdf_lines.c - soft line breaks on a PDF page (see pdf_lines.h).
 *
 * The column's right edge is the furthest any line starting at the same
 * left edge reaches on the page, so two columns, or a table beside the
 * text, each have their own. A line within 1.5 em of it counts as full: a
 * CJK line wraps one character short of the edge at worst, a Latin one
 * one short word.
 */
#include "pdf_lines.h"

#include <math.h>
#include <stdlib.h>

static float column_right(const zc_pdf_line_t *lines, size_t n, float left, float em)
{
    float right = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].end > lines[i].first && fabsf(lines[i].left - left) < 1.5f * em &&
            lines[i].right > right)
            right = lines[i].right;
    return right;
}

static int wraps(const zc_pdf_line_t *lines, size_t n, const zc_pdf_line_t *a,
                 const zc_pdf_line_t *b)
{
    if (a->end == a->first || b->end == b->first || a->break_byte == UINT32_MAX)
        return 0;
    float em = a->em > b->em ? a->em : b->em;
    if (em <= 0)
        return 0;
    /* The next line is the one just below, not a new column or block. */
    if (b->top < a->top + 0.5f * em || b->top - a->bottom > 1.0f * em)
        return 0;
    /* Same left edge, or a first line indented by up to three characters. */
    if (a->left < b->left - 0.5f * em || a->left > b->left + 3.5f * em)
        return 0;
    return a->right >= column_right(lines, n, b->left, em) - 1.5f * em;
}

zc_status_t zc_pdf_find_soft_breaks(zc_document_t *d, const zc_pdf_line_t *lines,
                                    size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (!wraps(lines, n, &lines[i], &lines[i + 1]))
            continue;
        if (d->n_soft_breaks == d->cap_soft_breaks) {
            size_t cap = d->cap_soft_breaks ? 2 * d->cap_soft_breaks : 256;
            uint32_t *b = realloc(d->soft_breaks, cap * sizeof *b);
            if (!b)
                return ZC_ERR_NOMEM;
            d->soft_breaks = b;
            d->cap_soft_breaks = cap;
        }
        d->soft_breaks[d->n_soft_breaks++] = lines[i].break_byte;
    }
    return ZC_OK;
}

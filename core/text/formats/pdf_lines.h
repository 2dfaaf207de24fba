/*
 * pdf_lines.h - which line breaks of a PDF page wrap a paragraph.
 *
 * A PDF has no paragraphs, only lines placed on the page; a line that runs
 * to its column's right edge and is followed, one line height below, by a
 * line starting at the same left edge was wrapped by the layout, not ended
 * by the author. Those breaks are listed for the line-join normalisation
 * step (normalize_lines.c), which removes them from the text plugins see.
 */
#ifndef ZC_CORE_FORMATS_PDF_LINES_H
#define ZC_CORE_FORMATS_PDF_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "document.h"

/* A line of a page: its characters [first, end) in d->boxes, the layer
 * byte of the break that ends it (UINT32_MAX: none), and its extent. */
typedef struct zc_pdf_line_t {
    size_t first, end;
    uint32_t break_byte;
    float left, right, top, bottom, em;
} zc_pdf_line_t;

/* Append to d->soft_breaks the breaks among lines[0, n) (one page, in
 * reading order) that wrap a paragraph. */
zc_status_t zc_pdf_find_soft_breaks(zc_document_t *d, const zc_pdf_line_t *lines,
                                    size_t n);

#endif

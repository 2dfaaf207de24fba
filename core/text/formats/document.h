/*
 * document.h - a document's text whatever its format (SPEC section 8).
 *
 * zc_document_load() reads a document by its content (sniff.c) and gives
 * the code points the normaliser takes, each with its byte range in the
 * bytes that spans index: the original file for text and HTML, the text
 * layer (the UTF-8 `zhclaim text` prints) for PDF and DOCX. What a format
 * adds - the visible text of an HTML stretch, the page and box of a PDF
 * span, warnings - stays in the zc_document_t for the result to copy.
 */
#ifndef ZC_CORE_FORMATS_DOCUMENT_H
#define ZC_CORE_FORMATS_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cptext.h"
#include "zhclaim/zhclaim.h"

typedef enum zc_format_t {
    ZC_DOC_TEXT,
    ZC_DOC_HTML,
    ZC_DOC_PDF,
    ZC_DOC_DOCX
} zc_format_t;

/* One character of a PDF text layer: its first byte there and its box. */
typedef struct zc_char_box_t {
    uint32_t byte;
    float x0, y0, x1, y1;
} zc_char_box_t;

typedef struct zc_document_t {
    zc_format_t format;
    const char *encoding;        /* of the span bytes; static */
    const unsigned char *span_bytes; /* the original bytes, or layer */
    size_t n_span_bytes;
    char *layer;                 /* PDF, DOCX: the text layer (owned, NUL-ended) */
    size_t layer_len;
    zc_cptext_t visible;          /* HTML: visible code points, ranges in the file */
    uint32_t *page_start;        /* PDF: layer byte each page starts at */
    size_t n_pages;
    zc_char_box_t *boxes;        /* PDF: every character, ascending bytes */
    size_t n_boxes, cap_boxes;
    uint32_t *soft_breaks;       /* PDF: layer bytes of the line breaks that
                                    wrap a line inside a paragraph, ascending */
    size_t n_soft_breaks, cap_soft_breaks;
    char **warnings;             /* owned messages, without the document's name */
    size_t n_warnings;
} zc_document_t;

/* Name of a format as the result and the outputs give it: "text", ... */
const char *zc_format_name(zc_format_t format);

/* The format of a document by its bytes, and by its name's extension
 * where the bytes allow several (markup in a .html file). A .pdf or .docx
 * whose bytes are no PDF or zip, and a zip that holds no Word document,
 * fail with ZC_ERR_DECODE naming doc and what the bytes are. */
zc_status_t zc_sniff_format(const char *doc, const unsigned char *bytes,
                            size_t n, zc_format_t *format, zc_error_t *err);

/* Read doc's bytes into d (initialised here) and text (cleared first).
 * Errors name doc and the reason; d is then empty and needs no free. */
zc_status_t zc_document_load(const char *doc, const unsigned char *bytes,
                             size_t n, zc_document_t *d, zc_cptext_t *text,
                             zc_error_t *err);
void zc_document_free(zc_document_t *d);

/* Add a warning (printf-style) to d. ZC_ERR_NOMEM when it cannot. */
zc_status_t zc_document_warn(zc_document_t *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The `text` of a record spanning [start, end) of the span bytes, in
 * arena: the visible text of that stretch for HTML, the bytes as UTF-8
 * otherwise (the caller decodes those: this is for HTML only). */
zc_status_t zc_document_visible_slice(const zc_document_t *d, size_t start,
                                      size_t end, zc_arena_t *arena,
                                      const char **out);

/* Where [start, end) of a PDF's layer stands: its page and the union of
 * its characters' boxes on that page. */
void zc_document_place(const zc_document_t *d, size_t start, size_t end,
                       zc_claim_place_t *place);

/* The format readers, each filling d (and text) for its format; called by
 * zc_document_load() with d initialised. */
zc_status_t zc_html_load(const char *doc, const unsigned char *bytes,
                         size_t n, zc_document_t *d, zc_cptext_t *text,
                         zc_error_t *err);
zc_status_t zc_docx_load(const char *doc, const unsigned char *bytes,
                         size_t n, zc_document_t *d, zc_error_t *err);
zc_status_t zc_pdf_load(const char *doc, const unsigned char *bytes,
                        size_t n, zc_document_t *d, zc_error_t *err);

#endif

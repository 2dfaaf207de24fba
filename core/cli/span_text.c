/* span_text.c - decoding what record spans index (see span_text.h). */
#include "span_text.h"

#include <string.h>

#include "formats/document.h"

zc_status_t zc_span_text_load(const char *doc, const unsigned char *bytes,
                              size_t n, zc_span_text_t *out, zc_error_t *err)
{
    memset(out, 0, sizeof *out);
    zc_cptext_init(&out->text);
    /* The code points the extraction read, each with its range in the
     * bytes spans index: the file for text and HTML (visible text only),
     * the text layer for PDF and DOCX. */
    zc_document_t d;
    zc_status_t st = zc_document_load(doc, bytes, n, &d, &out->text, err);
    if (st != ZC_OK) {
        zc_cptext_free(&out->text);
        return st;
    }
    out->encoding = d.encoding;
    out->n_bytes = d.n_span_bytes;
    out->paged = d.format == ZC_DOC_PDF;
    zc_document_free(&d);
    return ZC_OK;
}

void zc_span_text_free(zc_span_text_t *t)
{
    zc_cptext_free(&t->text);
    memset(t, 0, sizeof *t);
}

size_t zc_span_text_at(const zc_span_text_t *t, size_t off)
{
    size_t lo = 0, hi = t->text.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->text.src_start[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* span_text.c - decoding what record spans index (see span_text.h). */
#include "span_text.h"

#include <stdio.h>
#include <string.h>

#include "loader.h"

static const char *format_of(const char *doc, const char *format)
{
    if (format)
        return format;
    const char *dot = strrchr(doc, '.');
    if (dot && (strcmp(dot, ".pdf") == 0 || strcmp(dot, ".PDF") == 0))
        return "pdf";
    if (dot && (strcmp(dot, ".docx") == 0 || strcmp(dot, ".DOCX") == 0))
        return "docx";
    return "text";
}

zc_status_t zc_span_text_load(const zc_engine_t *engine, const char *doc,
                              const char *format, const unsigned char *bytes,
                              size_t n, zc_span_text_t *out, zc_error_t *err)
{
    (void)engine; /* the text layer of paged formats will need it */
    memset(out, 0, sizeof *out);
    zc_utext_init(&out->text);
    const char *f = format_of(doc, format);
    if (strcmp(f, "pdf") == 0 || strcmp(f, "docx") == 0) {
        /* Spans of PDF and DOCX records index the UTF-8 text layer: at the
         * merge with the formats work this branch becomes
         * zc_document_text(engine, doc, bytes, n, &layer, &len, err), then
         * zc_load_text() on the layer, with out->paged = 1 for PDF. */
        err->status = ZC_ERR_INVALID;
        snprintf(err->message, sizeof err->message,
                 "%s: no text layer for %s documents in this build", doc, f);
        return ZC_ERR_INVALID;
    }
    const char *enc = NULL;
    zc_status_t st = zc_load_text(bytes, n, &enc, &out->text, err);
    if (st != ZC_OK) {
        /* The loader does not know the document's name. */
        char why[256];
        snprintf(why, sizeof why, "%.255s", err->message);
        snprintf(err->message, sizeof err->message, "%.200s: %s", doc, why);
        zc_utext_free(&out->text);
        return st;
    }
    out->encoding = enc;
    out->n_bytes = n;
    return ZC_OK;
}

void zc_span_text_free(zc_span_text_t *t)
{
    zc_utext_free(&t->text);
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

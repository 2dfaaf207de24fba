/*
 * span_text.h - the text a document's record spans index, decoded.
 *
 * This is the one place that answers "what text do spans index for this
 * document" for `zhclaim show` and `zhclaim eval --errors`. For plain text
 * and HTML it is the original file bytes in their own encoding (SPEC
 * section 8), decoded as the extraction decodes them (for HTML only the
 * visible text), each code point keeping its byte range, so a span cuts
 * the text exactly where it cuts the bytes. For PDF and DOCX it is the
 * UTF-8 text layer that `zhclaim text` prints.
 */
#ifndef ZC_CLI_SPAN_TEXT_H
#define ZC_CLI_SPAN_TEXT_H

#include <stddef.h>

#include "cptext.h"
#include "zhclaim/zhclaim.h"

typedef struct zc_span_text_t {
    zc_cptext_t text;       /* code points; their ranges are span offsets */
    size_t n_bytes;        /* length of what spans index */
    const char *encoding;  /* static */
    int paged;             /* form feeds end pages (a PDF text layer) */
} zc_span_text_t;

/* Load the span text of doc from its original bytes, the format read from
 * the bytes as the extraction reads it. Errors name doc. */
zc_status_t zc_span_text_load(const char *doc, const unsigned char *bytes,
                              size_t n, zc_span_text_t *out, zc_error_t *err);
void zc_span_text_free(zc_span_text_t *t);

/* The index of the first code point whose range starts at or after byte
 * off (t->text.len when none). */
size_t zc_span_text_at(const zc_span_text_t *t, size_t off);

#endif

/*
 * sniff.c - which format a document is, by its first bytes.
 *
 * The content decides, since a PDF saved as .txt is still a PDF; the name
 * only settles what the bytes leave open (markup is HTML in a .html file,
 * and in any file only when it opens as an HTML document does) and makes a
 * .pdf or .docx that is something else an error rather than text.
 */
#include "document.h"

#include <string.h>
#include <strings.h>

#include "error.h"

static int has_ext(const char *doc, const char *ext)
{
    size_t n = strlen(doc), e = strlen(ext);
    return n > e && strcasecmp(doc + n - e, ext) == 0;
}

/* A PDF header may follow some junk; readers look in the first KiB. */
static int is_pdf(const unsigned char *b, size_t n)
{
    if (n < 5)
        return 0;
    size_t last = (n < 1024 ? n : 1024) - 5;
    for (size_t i = 0; i <= last; i++)
        if (memcmp(b + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

static int is_zip(const unsigned char *b, size_t n)
{
    return n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0;
}

/* A zip's local headers name their files in the clear; Word writes
 * word/document.xml among the first, and the reader checks it for real. */
static int zip_names_word(const unsigned char *b, size_t n)
{
    static const char name[] = "word/document.xml";
    size_t k = sizeof name - 1;
    for (size_t i = 0; i + k <= n; i++)
        if (b[i] == 'w' && memcmp(b + i, name, k) == 0)
            return 1;
    return 0;
}

/* Markup that opens an HTML document: after a BOM and white space, a
 * doctype or an <html>/<head>/<meta>/<body> tag (ASCII in every encoding
 * reports use, UTF-16 aside). */
static int opens_as_html(const unsigned char *b, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    static const char *const opens[] = {"<!doctype html", "<html", "<head", "<meta", "<body"};
    for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
        size_t len = strlen(opens[k]);
        if (n - i >= len && strncasecmp((const char *)b + i, opens[k], len) == 0)
            return 1;
    }
    return 0;
}

/* What folder walks take by default: names of the formats read here. */
static const char *const document_globs[] = {"*.txt", "*.text", "*.md", "*.html",
                                             "*.htm", "*.pdf", "*.docx"};

const char *zc_document_glob(size_t index)
{
    return index < sizeof document_globs / sizeof *document_globs ? document_globs[index]
                                                                  : NULL;
}

const char *zc_format_name(zc_format_t format)
{
    switch (format) {
    case ZC_DOC_HTML: return "html";
    case ZC_DOC_PDF: return "pdf";
    case ZC_DOC_DOCX: return "docx";
    case ZC_DOC_TEXT: break;
    }
    return "text";
}

zc_status_t zc_sniff_format(const char *doc, const unsigned char *bytes,
                            size_t n, zc_format_t *format, zc_error_t *err)
{
    *format = ZC_DOC_TEXT;
    if (is_pdf(bytes, n)) {
        *format = ZC_DOC_PDF;
        return ZC_OK;
    }
    if (is_zip(bytes, n)) {
        if (!zip_names_word(bytes, n))
            return zc_error_set(err, ZC_ERR_DECODE,
                                "%s: a zip archive that holds no Word document "
                                "(no word/document.xml)", doc);
        *format = ZC_DOC_DOCX;
        return ZC_OK;
    }
    if (has_ext(doc, ".pdf"))
        return zc_error_set(err, ZC_ERR_DECODE,
                            "%s: not a PDF (no %%PDF- header)", doc);
    if (has_ext(doc, ".docx"))
        return zc_error_set(err, ZC_ERR_DECODE,
                            "%s: not a DOCX (not a zip archive)", doc);
    if (has_ext(doc, ".html") || has_ext(doc, ".htm") || opens_as_html(bytes, n))
        *format = ZC_DOC_HTML;
    return ZC_OK;
}

/*
 * html_charset.h - an HTML page's encoding: BOM, then the declaration in
 * <meta charset> or http-equiv, then detection; a declaration the bytes
 * contradict gives way to detection with a warning.
 */
#ifndef ZC_CORE_FORMATS_HTML_CHARSET_H
#define ZC_CORE_FORMATS_HTML_CHARSET_H

#include <stddef.h>

#include "document.h"

/* Decode the page into src (each code point with its byte range), naming
 * the encoding in d->encoding and warning in d about a declaration that
 * lied. Errors name doc. */
zc_status_t zc_html_decode(const char *doc, const unsigned char *bytes,
                           size_t n, zc_document_t *d, zc_cptext_t *src,
                           zc_error_t *err);

/* The charset a page declares in its first bytes ("gbk", "utf-8"), copied
 * into buf, or NULL: the prescan of the HTML standard, reduced to what
 * matters here (<meta charset=X> and content="...; charset=X"). */
const char *zc_html_declared_charset(const unsigned char *bytes, size_t n,
                                     char *buf, size_t cap);

#endif

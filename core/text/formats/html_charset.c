/*
 * html_charset.c - which encoding an HTML page is in.
 *
 * The declaration is looked for in the raw bytes before any parsing, as
 * browsers do (the prescan of the HTML standard): a parser needs the
 * encoding to read the page at all. Every encoding reports use keeps ASCII
 * as ASCII, so the markup reads the same in all of them.
 */
#include "html_charset.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "decode.h"

/* How far into the page a declaration counts: the standard says 1024
 * bytes; saved pages often put a long <title> or scripts first. */
enum { PRESCAN_MAX = 4096 };

static const unsigned char *find_ci(const unsigned char *s, const unsigned char *end,
                                    const char *what)
{
    size_t k = strlen(what);
    for (; s + k <= end; s++)
        if (strncasecmp((const char *)s, what, k) == 0)
            return s;
    return NULL;
}

const char *zc_html_declared_charset(const unsigned char *bytes, size_t n,
                                     char *buf, size_t cap)
{
    const unsigned char *end = bytes + (n < PRESCAN_MAX ? n : PRESCAN_MAX);
    const unsigned char *p = bytes;
    while ((p = find_ci(p, end, "<meta")) != NULL) {
        const unsigned char *tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end)
            tag_end = end;
        const unsigned char *c = find_ci(p, tag_end, "charset");
        if (c) {
            c += 7;
            while (c < tag_end && isspace(*c))
                c++;
            if (c < tag_end && *c == '=') {
                c++;
                while (c < tag_end && (isspace(*c) || *c == '"' || *c == '\''))
                    c++;
                size_t k = 0;
                while (c < tag_end && k + 1 < cap &&
                       (isalnum(*c) || *c == '-' || *c == '_' || *c == ':' || *c == '.'))
                    buf[k++] = (char)tolower(*c++);
                buf[k] = '\0';
                if (k > 0)
                    return buf;
            }
        }
        p = tag_end;
    }
    return NULL;
}

/* The decoder's name for a declared label; NULL for one we do not read
 * (the page is then detected like any other). */
static const char *encoding_for_label(const char *label)
{
    static const struct {
        const char *label, *encoding;
    } map[] = {
        {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
        {"gbk", "GB18030"}, {"gb2312", "GB18030"}, {"gb18030", "GB18030"},
        {"x-gbk", "GB18030"}, {"cp936", "GB18030"}, {"euc-cn", "GB18030"},
        {"chinese", "GB18030"}, {"csgb2312", "GB18030"},
        {"big5", "Big5"}, {"big5-hkscs", "Big5"}, {"x-x-big5", "Big5"},
        {"cn-big5", "Big5"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(label, map[i].label) == 0)
            return map[i].encoding;
    return NULL;
}

static int has_non_ascii(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] & 0x80)
            return 1;
    return 0;
}

static int has_bom(const unsigned char *b, size_t n)
{
    return (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) ||
           (n >= 2 && (memcmp(b, "\xFF\xFE", 2) == 0 || memcmp(b, "\xFE\xFF", 2) == 0));
}

zc_status_t zc_html_decode(const char *doc, const unsigned char *bytes,
                           size_t n, zc_document_t *d, zc_cptext_t *src,
                           zc_error_t *err)
{
    zc_error_t inner;
    char label[64];
    const char *declared = has_bom(bytes, n) ? NULL
                           : zc_html_declared_charset(bytes, n, label, sizeof label);
    const char *enc = declared ? encoding_for_label(declared) : NULL;
    if (enc) {
        /* Valid UTF-8 with non-ASCII bytes is no GBK page: GB18030 would
         * decode most of it, to nonsense. */
        const char *detected = NULL;
        int lies = 0;
        if (strcmp(enc, "UTF-8") != 0 && has_non_ascii(bytes, n) &&
            zc_detect_encoding(bytes, n, &detected, &inner) == ZC_OK &&
            strcmp(detected, "UTF-8") == 0)
            lies = 1;
        if (!lies && zc_decode(bytes, n, enc, src, &inner) == ZC_OK) {
            d->encoding = enc;
            return ZC_OK;
        }
        zc_cptext_clear(src);
        zc_status_t st = zc_load_text(bytes, n, &d->encoding, src, &inner);
        if (st != ZC_OK)
            return zc_error_set(err, st, "%s: declared charset %s does not decode "
                                "and detection failed: %s", doc, declared, inner.message);
        return zc_document_warn(d, "declared charset %s contradicted by the bytes; "
                                "detected %s", declared, d->encoding) == ZC_OK
                   ? ZC_OK
                   : zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    }
    zc_status_t st = zc_load_text(bytes, n, &d->encoding, src, &inner);
    if (st != ZC_OK)
        return zc_error_set(err, st, "%s: %s", doc, inner.message);
    return ZC_OK;
}

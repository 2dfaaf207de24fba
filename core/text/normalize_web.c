/*
 * normalize_web.c - mask web noise: URLs, e-mail addresses, file names and
 * percent-encoded runs (SPEC 2: nothing inside them is a claim).
 *
 * Web-archive pages and reposts carry addresses such as
 * http://www.gov.cn/xinwen/2023-06/20/content_5887213.htm,
 * audit2023@sjs.gov.cn, news_2019_80%.png or %E5%80%8B%E4%BA%BA, whose digits
 * the plugins would otherwise read as dates, counts and rates. Each such
 * token becomes one U+FFFC (object replacement character) spanning the
 * token's original bytes, so the offset map still covers the text around it
 * and the token no longer glues its neighbours together.
 *
 * A token is a run of ASCII URL characters (letters, digits and
 * -._~:/?#@!$&*+=% ; not the comma, which separates 23%,16%). It is masked
 * when it
 *   - holds "://" or starts with "www." (a URL), or holds a '/' after a
 *     dotted host with a letter (xx.gov.cn/art/...);
 *   - holds an '@' with text before it and a dotted domain after (e-mail);
 *   - ends in a file extension (.png .jpg .pdf .doc .xlsx .htm ...) after at
 *     least one character (a file name);
 *   - holds two or more %XX hex escapes (percent-encoding).
 * Runs after width folding, so full-width ＵＲＬ characters are ASCII here.
 * Chinese text costs one comparison per code point; only ASCII runs are
 * looked at closely.
 */
#include <string.h>

#include "normalize.h"

#define MASK_CP 0xFFFC

static int is_url_char(int32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return 1;
    switch (c) {
    case '-': case '.': case '_': case '~': case ':': case '/': case '?':
    case '#': case '@': case '!': case '$': case '&': case '*': case '+':
    case '=': case '%':
        return 1;
    default:
        return 0;
    }
}

static int is_alpha(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_hex(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static int32_t lower(int32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does cp[a, b) start with the ASCII word w (case-insensitive)? */
static int starts_with(const int32_t *cp, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    if (b - a < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(cp[a + k]) != w[k])
            return 0;
    return 1;
}

static const char *const extensions[] = {
    "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "svg",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et",
    "txt", "csv", "xml", "json", "htm", "html", "shtml", "jsp", "asp",
    "aspx", "php", "zip", "rar", "7z", "mp4", "mp3", "avi", "ofd", "caj",
};

/* Does cp[a, b) end in ".ext" with at least one character before it? */
static int ends_with_extension(const int32_t *cp, size_t a, size_t b)
{
    size_t dot = b;
    while (dot > a && cp[dot - 1] != '.')
        dot--;
    if (dot <= a + 1 || b - dot < 2 || b - dot > 5)
        return 0;
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        size_t n = strlen(extensions[i]);
        if (n == b - dot && starts_with(cp, dot, b, extensions[i]))
            return 1;
    }
    return 0;
}

/* Is the token cp[a, b) web noise (the rules above)? */
static int is_web_token(const int32_t *cp, size_t a, size_t b)
{
    size_t at = 0, escapes = 0, first_slash = 0;
    int has_at = 0, has_slash = 0;
    if (b - a < 4)
        return 0;
    if (starts_with(cp, a, b, "www."))
        return 1;
    for (size_t i = a; i < b; i++) {
        int32_t c = cp[i];
        if (c == ':' && i + 2 < b && cp[i + 1] == '/' && cp[i + 2] == '/')
            return 1;
        if (c == '@' && !has_at) {
            has_at = 1;
            at = i;
        } else if (c == '/' && !has_slash) {
            has_slash = 1;
            first_slash = i;
        } else if (c == '%' && i + 2 < b && is_hex(cp[i + 1]) &&
                   is_hex(cp[i + 2])) {
            escapes++;
        }
    }
    if (escapes >= 2)
        return 1;
    if (has_at && at > a) {
        for (size_t i = at + 2; i + 1 < b; i++)
            if (cp[i] == '.' && is_alpha(cp[i + 1]))
                return 1;
    }
    if (has_slash && first_slash > a) {
        /* xx.gov.cn/art/...: a dotted host with letters before the slash. */
        int dot = 0, letter = 0;
        for (size_t i = a; i < first_slash; i++) {
            dot |= cp[i] == '.';
            letter |= is_alpha(cp[i]);
        }
        if (dot && letter)
            return 1;
    }
    return ends_with_extension(cp, a, b);
}

zc_status_t zc_norm_mask_web_in_place(zc_cptext_t *t)
{
    int32_t *cp = t->cp;
    size_t i = 0, j = 0, len = t->len;
    while (i < len) {
        if (cp[i] >= 0x80 || !is_url_char(cp[i])) {
            if (j != i) {
                t->cp[j] = cp[i];
                t->src_start[j] = t->src_start[i];
                t->src_len[j] = t->src_len[i];
            }
            i++;
            j++;
            continue;
        }
        size_t b = i;
        while (b < len && cp[b] < 0x80 && is_url_char(cp[b]))
            b++;
        /* A URL's last '.' or '-' usually closes the sentence around it. */
        size_t e = b;
        while (e > i && (cp[e - 1] == '.' || cp[e - 1] == '-' ||
                         cp[e - 1] == ':'))
            e--;
        if (is_web_token(cp, i, e)) {
            uint32_t start = t->src_start[i], end = zc_cptext_end(t, e - 1);
            t->cp[j] = MASK_CP;
            zc_status_t st = zc_cptext_set_range(t, j, start, end);
            if (st != ZC_OK)
                return st;
            j++;
            zc_cptext_move(t, j, e, b - e);
            j += b - e;
        } else {
            zc_cptext_move(t, j, i, b - i);
            j += b - i;
        }
        i = b;
    }
    t->len = j;
    return ZC_OK;
}

zc_status_t zc_norm_mask_web(const zc_cptext_t *in, zc_cptext_t *out)
{
    zc_status_t st = zc_cptext_copy(out, in);
    return st == ZC_OK ? zc_norm_mask_web_in_place(out) : st;
}

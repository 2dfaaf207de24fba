/*
 * html_text.c - the visible text of an HTML page, each code point mapped
 * to its bytes in the file.
 *
 * libxml2's HTML parser decides what the page's text is: which runs are
 * script, style, comments or head metadata, and what each entity decodes
 * to. It does not say where a text node came from, so each node is found
 * again in the decoded page, in document order, by a cursor that steps
 * over markup (tags with their quoted attributes, comments) and matches
 * the node's characters against the source, an entity reference matching
 * the characters it decodes to. The map is thus exact by construction: a
 * visible code point's range is the bytes of the character, or the whole
 * reference, it came from.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "document.h"
#include "error.h"
#include "html_charset.h"
#include "utf8.h"

typedef struct aligner_t {
    const zc_cptext_t *src;   /* the decoded page */
    size_t pos;              /* cursor: code point index in src */
    zc_cptext_t *out;         /* the visible text */
    int last_space;          /* out ends in white space or is empty */
    zc_status_t error;
} aligner_t;

static int is_ws(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The code point an entity reference at src[i] ('&') stands for, and how
 * many code points the reference takes; 0 when it is none libxml2 knows. */
static size_t entity_at(const zc_cptext_t *s, size_t i, int32_t *cp)
{
    size_t j = i + 1;
    if (j < s->len && s->cp[j] == '#') {
        int hex = j + 1 < s->len && (s->cp[j + 1] == 'x' || s->cp[j + 1] == 'X');
        j += hex ? 2 : 1;
        int32_t v = 0;
        size_t digits = 0;
        for (; j < s->len && digits < 8; j++, digits++) {
            int32_t c = s->cp[j], d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + d;
        }
        if (digits == 0)
            return 0;
        if (j < s->len && s->cp[j] == ';')
            j++;
        *cp = v;
        return j - i;
    }
    char name[32];
    size_t k = 0;
    while (j < s->len && k + 1 < sizeof name &&
           (is_alpha(s->cp[j]) || (k > 0 && s->cp[j] >= '0' && s->cp[j] <= '9')))
        name[k++] = (char)s->cp[j++];
    name[k] = '\0';
    if (k == 0 || j >= s->len || s->cp[j] != ';')
        return 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *cp = (int32_t)e->value;
    return j + 1 - i;
}

/* Code points of src from i that one character c of a text node came
 * from, or 0 when it did not come from there. */
static size_t match_char(const zc_cptext_t *s, size_t i, int32_t c)
{
    int32_t x = s->cp[i];
    if (x == '&') {
        int32_t v;
        size_t k = entity_at(s, i, &v);
        if (k && v == c)
            return k;
    }
    if (x == '\r' && c == '\n')
        return i + 1 < s->len && s->cp[i + 1] == '\n' ? 2 : 1;
    return x == c ? 1 : 0;
}

/* Past the markup at src[i] ('<'): a comment, or a tag with its quoted
 * attributes; i + 1 when '<' opens no markup. */
static size_t skip_markup(const zc_cptext_t *s, size_t i)
{
    size_t n = s->len;
    if (i + 1 >= n)
        return i + 1;
    int32_t c = s->cp[i + 1];
    if (c == '!' && i + 3 < n && s->cp[i + 2] == '-' && s->cp[i + 3] == '-') {
        for (size_t j = i + 4; j + 2 < n; j++)
            if (s->cp[j] == '-' && s->cp[j + 1] == '-' && s->cp[j + 2] == '>')
                return j + 3;
        return n;
    }
    if (!is_alpha(c) && c != '/' && c != '!' && c != '?')
        return i + 1;
    int32_t quote = 0;
    for (size_t j = i + 1; j < n; j++) {
        int32_t x = s->cp[j];
        if (quote) {
            if (x == quote)
                quote = 0;
        } else if (x == '"' || x == '\'') {
            quote = x;
        } else if (x == '>') {
            return j + 1;
        }
    }
    return n;
}

static void emit(aligner_t *a, int32_t cp, uint32_t start, uint32_t end)
{
    if (a->error == ZC_OK)
        a->error = zc_cptext_push(a->out, cp, start, end);
}

/* A line end where a block starts or ends (none twice in a row, none at
 * the very start), with no bytes of its own. */
static void emit_break(aligner_t *a)
{
    zc_cptext_t *o = a->out;
    if (o->len == 0 || o->cp[o->len - 1] == '\n')
        return;
    /* White space before a line end is not shown. */
    while (o->len > 0 && o->cp[o->len - 1] == ' ')
        o->len--;
    if (o->len == 0)
        return;
    uint32_t at = zc_cptext_end(o, o->len - 1);
    emit(a, '\n', at, at);
    a->last_space = 1;
}

/* Find the text node's characters (UTF-8 t) at or after the cursor; when
 * visible, add them to the output, white space collapsed as a browser
 * shows it. A node not found (which would be a bug in the cursor) adds
 * nothing and leaves the cursor where it was. */
static void align_text(aligner_t *a, const xmlChar *t, int visible)
{
    const zc_cptext_t *s = a->src;
    size_t tlen = strlen((const char *)t);
    if (tlen == 0)
        return;
    int32_t first;
    zc_utf8_next(t, tlen, &first);
    for (size_t p = a->pos; p < s->len;) {
        size_t k = match_char(s, p, first);
        if (k == 0) {
            p = s->cp[p] == '<' ? skip_markup(s, p) : p + 1;
            continue;
        }
        /* Try the whole node from p; remember each character's source. */
        size_t q = p, i = 0, before = a->out->len;
        int last_space = a->last_space;
        while (i < tlen) {
            int32_t c;
            size_t adv = zc_utf8_next(t + i, tlen - i, &c);
            if (adv == 0 || q >= s->len || (k = match_char(s, q, c)) == 0)
                break;
            if (visible) {
                if (is_ws(c)) {
                    if (!a->last_space)
                        emit(a, ' ', s->src_start[q],
                             zc_cptext_end(s, q + k - 1));
                    a->last_space = 1;
                } else {
                    emit(a, c, s->src_start[q],
                         zc_cptext_end(s, q + k - 1));
                    a->last_space = 0;
                }
            }
            q += k;
            i += adv;
        }
        if (i == tlen) {
            a->pos = q;
            return;
        }
        a->out->len = before;
        a->last_space = last_space;
        p++;
    }
}

static int name_is(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp((const char *)n->name, *names) == 0)
            return 1;
    return 0;
}

static const char *const HIDDEN[] = {"script", "style", "head", "title", "noscript",
                                     "template", "iframe", "object", "svg", NULL};
static const char *const BLOCKS[] = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "table", "tbody", "thead", "section", "article", "header",
    "footer", "nav", "aside", "blockquote", "pre", "hr", "dt", "dd", "dl",
    "caption", "form", "main", "figure", "figcaption", "address", "center",
    "body", NULL};

static void walk(aligner_t *a, const xmlNode *n, int hidden)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                align_text(a, n->content, !hidden);
        } else if (n->type == XML_ELEMENT_NODE) {
            int h = hidden || name_is(n, HIDDEN);
            int block = !h && name_is(n, BLOCKS);
            if (block)
                emit_break(a);
            walk(a, n->children, h);
            if (block)
                emit_break(a);
        }
    }
}

/* The page as UTF-8 for the parser, which then needs no charset of its
 * own: it reads the same characters src holds. */
static char *to_utf8(const zc_cptext_t *src, size_t *len)
{
    char *s = malloc(4 * src->len + 1);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < src->len; i++)
        k += zc_utf8_put(s + k, src->cp[i]);
    s[k] = '\0';
    *len = k;
    return s;
}

zc_status_t zc_html_load(const char *doc, const unsigned char *bytes,
                         size_t n, zc_document_t *d, zc_cptext_t *text,
                         zc_error_t *err)
{
    zc_cptext_t src;
    zc_cptext_init(&src);
    zc_status_t st = zc_html_decode(doc, bytes, n, d, &src, err);
    if (st != ZC_OK) {
        zc_cptext_free(&src);
        return st;
    }
    size_t len = 0;
    char *utf8 = to_utf8(&src, &len);
    htmlDocPtr tree = NULL;
    if (utf8 && len <= (size_t)INT32_MAX)
        tree = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
                              HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                  HTML_PARSE_NOIMPLIED);
    free(utf8);
    if (!tree) {
        zc_cptext_free(&src);
        return zc_error_set(err, utf8 ? ZC_ERR_DECODE : ZC_ERR_NOMEM,
                            "%s: the HTML parser could not read the page", doc);
    }
    aligner_t a = {&src, 0, &d->visible, 1, ZC_OK};
    walk(&a, xmlDocGetRootElement(tree) ? tree->children : NULL, 0);
    emit_break(&a);
    xmlFreeDoc(tree);
    zc_cptext_free(&src);
    if (a.error == ZC_OK)
        a.error = zc_cptext_copy(text, &d->visible);
    if (a.error != ZC_OK)
        return zc_error_set(err, a.error, "%s: out of memory", doc);
    return ZC_OK;
}

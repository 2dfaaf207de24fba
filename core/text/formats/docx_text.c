/*
 * docx_text.c - the text layer of a Word file: the paragraphs of
 * word/document.xml in document order, one per line (so each table cell,
 * being paragraphs, is its own line).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "document.h"
#include "error.h"

/* A document.xml larger than this is refused: a zip can claim any size,
 * and 256 MiB of XML is far beyond any report. */
enum { DOCUMENT_XML_MAX = 256 << 20 };

typedef struct layer_t {
    char *s;
    size_t len, cap;
    int failed;
} layer_t;

static void put(layer_t *l, const char *s, size_t n)
{
    if (l->failed)
        return;
    if (l->len + n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 4096;
        while (cap < l->len + n + 1)
            cap *= 2;
        char *b = realloc(l->s, cap);
        if (!b) {
            l->failed = 1;
            return;
        }
        l->s = b;
        l->cap = cap;
    }
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
}

static int is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Line ends only between paragraphs that hold text: an empty paragraph
 * (spacing) adds no blank line, as the text twin has none. */
static void end_line(layer_t *l)
{
    if (l->len > 0 && l->s[l->len - 1] != '\n')
        put(l, "\n", 1);
}

static void walk(layer_t *l, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        /* Word repeats a text box's content in mc:Fallback for old
         * readers: read the choice only. */
        if (strcmp((const char *)n->name, "Fallback") == 0)
            continue;
        if (is_w(n, "t")) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t) {
                put(l, (const char *)t, strlen((const char *)t));
                xmlFree(t);
            }
        } else if (is_w(n, "tab")) {
            put(l, "\t", 1);
        } else if (is_w(n, "br") || is_w(n, "cr")) {
            end_line(l);
        } else if (is_w(n, "p")) {
            end_line(l);
            walk(l, n->children);
            end_line(l);
        } else {
            walk(l, n->children);
        }
    }
}

static zc_status_t read_document_xml(const char *doc, const unsigned char *bytes,
                                     size_t n, char **xml, size_t *xml_len,
                                     zc_error_t *err)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &zerr);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!za) {
        zc_status_t st = zc_error_set(err, ZC_ERR_DECODE, "%s: not a readable zip "
                                      "archive: %s", doc, zip_error_strerror(&zerr));
        if (src)
            zip_source_free(src);
        zip_error_fini(&zerr);
        return st;
    }
    zip_error_fini(&zerr);
    zc_status_t st = ZC_OK;
    zip_stat_t sb;
    zip_int64_t idx = zip_name_locate(za, "word/document.xml", 0);
    zip_file_t *f = NULL;
    if (idx < 0 || zip_stat_index(za, (zip_uint64_t)idx, 0, &sb) != 0 ||
        !(sb.valid & ZIP_STAT_SIZE))
        st = zc_error_set(err, ZC_ERR_DECODE,
                          "%s: not a Word document (no word/document.xml)", doc);
    else if (sb.size > DOCUMENT_XML_MAX)
        st = zc_error_set(err, ZC_ERR_LIMIT, "%s: word/document.xml is larger "
                          "than %d bytes", doc, DOCUMENT_XML_MAX);
    else if (!(f = zip_fopen_index(za, (zip_uint64_t)idx, 0)))
        st = zc_error_set(err, ZC_ERR_DECODE, "%s: cannot open word/document.xml: %s",
                          doc, zip_strerror(za));
    if (st == ZC_OK) {
        char *buf = malloc((size_t)sb.size + 1);
        zip_int64_t got = buf ? zip_fread(f, buf, sb.size) : -1;
        if (!buf)
            st = zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
        else if (got < 0 || (zip_uint64_t)got != sb.size)
            st = zc_error_set(err, ZC_ERR_DECODE, "%s: word/document.xml is damaged: %s",
                              doc, zip_file_strerror(f));
        if (st == ZC_OK) {
            buf[sb.size] = '\0';
            *xml = buf;
            *xml_len = (size_t)sb.size;
        } else {
            free(buf);
        }
    }
    if (f)
        zip_fclose(f);
    zip_discard(za);
    return st;
}

zc_status_t zc_docx_load(const char *doc, const unsigned char *bytes,
                         size_t n, zc_document_t *d, zc_error_t *err)
{
    char *xml = NULL;
    size_t xml_len = 0;
    zc_status_t st = read_document_xml(doc, bytes, n, &xml, &xml_len, err);
    if (st != ZC_OK)
        return st;
    xmlDocPtr tree = xml_len <= (size_t)INT32_MAX
                         ? xmlReadMemory(xml, (int)xml_len, "document.xml", NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                                             XML_PARSE_NOWARNING | XML_PARSE_HUGE)
                         : NULL;
    free(xml);
    if (!tree)
        return zc_error_set(err, ZC_ERR_DECODE,
                            "%s: word/document.xml is not well-formed XML", doc);
    layer_t l = {0};
    walk(&l, xmlDocGetRootElement(tree));
    xmlFreeDoc(tree);
    if (!l.failed && !l.s)
        l.s = calloc(1, 1);
    if (l.failed || !l.s) {
        free(l.s);
        return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    }
    d->layer = l.s;
    d->layer_len = l.len;
    return ZC_OK;
}

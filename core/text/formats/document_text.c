/* document_text.c - zc_document_text(): the text a document's spans refer to. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "utf8.h"

static char *cptext_to_utf8(const zc_cptext_t *t, size_t *len)
{
    char *s = malloc(4 * t->len + 1);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < t->len; i++)
        k += zc_utf8_put(s + k, t->cp[i]);
    s[k] = '\0';
    *len = k;
    return s;
}

zc_status_t zc_document_text(const zc_engine_t *engine, const char *doc,
                             const unsigned char *bytes, size_t n_bytes,
                             char **text, size_t *text_len, zc_error_t *err)
{
    (void)engine; /* reading a format needs no rules or plugins */
    *text = NULL;
    *text_len = 0;
    zc_document_t d;
    zc_cptext_t t;
    zc_cptext_init(&t);
    zc_status_t st = zc_document_load(doc, bytes, n_bytes, &d, &t, err);
    if (st != ZC_OK) {
        zc_cptext_free(&t);
        return st;
    }
    if (d.layer) {
        *text = d.layer;
        *text_len = d.layer_len;
        d.layer = NULL;
    } else {
        *text = cptext_to_utf8(&t, text_len);
        if (!*text)
            st = zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    }
    zc_cptext_free(&t);
    zc_document_free(&d);
    return st;
}

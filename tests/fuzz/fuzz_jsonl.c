/*
 * fuzz_jsonl.c - one --stdin-jsonl line through the reader.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/jsonl_reader.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zc_jsonl_doc_t doc;
    char err[256];

    (void)zc_jsonl_blank((const char *)data, size);
    if (zc_jsonl_parse((const char *)data, size, &doc, err, sizeof err) != 0) {
        /* A refusal always says why. */
        if (err[0] == '\0' || memchr(err, '\0', sizeof err) == NULL)
            abort();
        return 0;
    }
    /* A name is a C string records carry whole: no NUL inside it. */
    if (!doc.doc || strlen(doc.doc) != doc.doc_len || !doc.text ||
        doc.text[doc.text_len] != '\0')
        abort();
    zc_jsonl_doc_free(&doc);
    return 0;
}

/*
 * review_docs.h - documents extracted on the fly for `zhclaim show` and
 * `zhclaim eval`: walk the paths named, read and extract each document in
 * order, keep its result (not its bytes: pages re-read a document when
 * they write it, so a large folder never sits in memory).
 */
#ifndef ZC_CLI_REVIEW_DOCS_H
#define ZC_CLI_REVIEW_DOCS_H

#include <stddef.h>

#include "record_reader.h"
#include "zhclaim/zhclaim.h"

typedef struct zc_review_doc_t {
    char *path;            /* as named: root + path under it */
    zc_result_t *result;   /* NULL when the document failed */
    char *error;           /* why it failed, or NULL */
} zc_review_doc_t;

typedef struct zc_review_docs_t {
    zc_review_doc_t *docs;
    size_t n;
} zc_review_docs_t;

/* Walk and extract (folders: the extract command's default names). Each
 * failure is printed to stderr, "zhclaim: PATH: why", and kept. Returns 0,
 * or -1 when memory ran out. */
int zc_review_docs_extract(zc_engine_t *engine, const char *const *paths, size_t n_paths,
                           zc_review_docs_t *out);
void zc_review_docs_free(zc_review_docs_t *d);

/* Every claim of the documents as records, appended to set. 0 or -1. */
int zc_review_docs_records(const zc_review_docs_t *d, zc_rec_set_t *set);

/* A claim as a record (strings borrowed from the claim, except value_text
 * and from_text, which are written into the two buffers). */
void zc_review_claim_record(const zc_claim_t *c, zc_rec_t *r, char value_buf[64],
                            char from_buf[64]);

#endif

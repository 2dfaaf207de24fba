/*
 * doc_failure.h - why a document failed, in the words `zhclaim extract`
 * prints after "zhclaim: PATH: ". The command's document task and
 * zc_records_extract_files() (the Python runner's workers) both word their
 * failures here, so that the same file fails the same way in both.
 */
#ifndef ZC_DOC_FAILURE_H
#define ZC_DOC_FAILURE_H

#include <stddef.h>

#include "zhclaim/zhclaim.h"

/* The reason alone: message without a leading "DOC: ", which the engine's
 * and the reader's messages start with and the caller prints beside. */
const char *zc_doc_failure_reason(const char *message, const char *doc);

/* Why reading path failed with err (as zc_read_document() or the internal
 * reader report it; max_bytes the limit it was read with), into out (cap
 * bytes). Over the limit, says by how much, and sets *n_bytes to the size
 * stat() saw (left alone when it cannot tell). */
void zc_doc_failure_read(const char *path, const zc_error_t *err, size_t max_bytes,
                         char *out, size_t cap, size_t *n_bytes);

/* "plugin failed: NAME (STATUS), ..." for a result whose plugins failed
 * (res->n_failures > 0; the others' claims are kept), into out. */
void zc_doc_failure_plugins(const zc_result_t *res, char *out, size_t cap);

#endif

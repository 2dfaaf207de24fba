/*
 * doc_task.h - one document's way through a worker: read its bytes (or take
 * them from the input stream), fingerprint them, extract, and render the
 * records, producing an outcome the writer consumes in document order.
 *
 * A job and an outcome each own everything they point to; doc_task_run
 * consumes the job and the writer frees the outcome.
 */
#ifndef ZC_CLI_DOC_TASK_H
#define ZC_CLI_DOC_TASK_H

#include <stddef.h>

#include "doc_outcome.h"
#include "zhclaim/zhclaim.h"

/* What a worker needs, shared read-only by every worker. */
typedef struct zc_task_env_t {
    zc_engine_t *engine;
    unsigned long max_bytes;
    zc_format_t format;
    /* --resume: is (doc, sha256) recorded as done? NULL: never. Must be
     * safe to call from several threads at once. */
    int (*is_done)(const void *user, const char *doc, const char *sha256);
    const void *is_done_user;
} zc_task_env_t;

/* One document to process. */
typedef struct zc_doc_job_t {
    char *doc;            /* its name: a path, or the "doc" of an input line */
    char *problem;        /* set: report this, read nothing (a walk problem) */
    int from_file;        /* 1: read the file named doc */
    unsigned char *bytes; /* !from_file: the document itself */
    size_t n_bytes;
    size_t line;          /* stream input: line number, for messages; else 0 */
    char *raw;            /* stream input: the line, not yet parsed */
    size_t raw_len;
    size_t size_hint;     /* the document's size as far as known (the walk's
                             stat, or the line's length), for the memory
                             budget */
} zc_doc_job_t;

/* Process one job (consumed, freed). Returns the outcome, or NULL only when
 * memory ran out before one could be made. */
zc_doc_outcome_t *zc_doc_task_run(const zc_task_env_t *env, zc_doc_job_t *job);

void zc_doc_job_free(zc_doc_job_t *job);

#endif

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

#include "sha256.h"
#include "run_stats.h"
#include "zhclaim/zhclaim.h"

typedef enum zc_format_t {
    ZC_FORMAT_JSONL,
    ZC_FORMAT_CSV,
    ZC_FORMAT_SQLITE
} zc_format_t;

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

typedef enum zc_doc_status_t {
    ZC_DOC_DONE,    /* every plugin went through */
    ZC_DOC_FAILED,  /* unreadable, undecodable, too large, or a plugin failed */
    ZC_DOC_SKIPPED  /* --resume: already recorded as done */
} zc_doc_status_t;

typedef struct zc_doc_outcome_t {
    char *doc;               /* NULL when an input line named none */
    size_t line;             /* stream input line, or 0 */
    size_t n_bytes;
    char sha256[ZC_SHA256_HEX_LEN + 1]; /* "" when the bytes were never read */
    const char *encoding;    /* static, or owned by result; NULL if unknown */
    zc_doc_status_t status;
    char *error;             /* why it failed (without the path); NULL if none */
    char *messages;          /* the engine's and plugins' lines about it
                                (zc_cli_capture_end), or NULL */
    zc_result_t *result;     /* the claims (kept on a plugin failure too) */
    int result_is_block;     /* result came from a worker process: one
                                block (result_wire.h), freed with free() */
    char *rendered;          /* JSON Lines / CSV text of the claims */
    size_t rendered_len;
    /* From a worker process writing JSON Lines or CSV: the result stays
     * in the worker (the records are rendered), and only its claim counts
     * by kind come back, for the summary line. summarised: there was a
     * result. */
    int summarised;
    zc_kind_count_t *kinds;  /* owned, kind strings too */
    size_t n_kinds;
} zc_doc_outcome_t;

/* Process one job (consumed, freed). Returns the outcome, or NULL only when
 * memory ran out before one could be made. */
zc_doc_outcome_t *zc_doc_task_run(const zc_task_env_t *env, zc_doc_job_t *job);

void zc_doc_job_free(zc_doc_job_t *job);
void zc_doc_outcome_free(zc_doc_outcome_t *outcome);
/* Free the outcome's result (whichever side made it) and forget it. */
void zc_doc_outcome_drop_result(zc_doc_outcome_t *outcome);

/* The status's name in the documents table: "done" or "failed" (skipped
 * documents are not written). */
const char *zc_doc_status_name(zc_doc_status_t status);

#endif

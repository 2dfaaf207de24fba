/*
 * doc_outcome.h - what became of one document: its status, its result or
 * rendered records, its messages. Made by doc_task (in a thread or a worker
 * process, then carried by doc_wire), consumed in document order by the
 * output sinks; a header of its own so that neither side depends on the
 * other.
 */
#ifndef ZC_CLI_DOC_OUTCOME_H
#define ZC_CLI_DOC_OUTCOME_H

#include <stddef.h>

#include "run_stats.h"
#include "sha256.h"
#include "zhclaim/zhclaim.h"

typedef enum zc_format_t {
    ZC_FORMAT_JSONL,
    ZC_FORMAT_CSV,
    ZC_FORMAT_SQLITE
} zc_format_t;

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

void zc_doc_outcome_free(zc_doc_outcome_t *outcome);
/* Free the outcome's result (whichever side made it) and forget it. */
void zc_doc_outcome_drop_result(zc_doc_outcome_t *outcome);

/* The status's name in the documents table: "done" or "failed" (skipped
 * documents are not written). */
const char *zc_doc_status_name(zc_doc_status_t status);

#endif

/*
 * doc_wire.h - a document's job and its outcome as bytes (result_wire.h
 * for the format), so that a worker process can run doc_task on a job the
 * supervisor read, and send back everything the writer needs.
 */
#ifndef ZC_CLI_DOC_WIRE_H
#define ZC_CLI_DOC_WIRE_H

#include "doc_task.h"
#include "result_wire.h"

void zc_wire_put_job(zc_wire_buf_t *b, const zc_doc_job_t *job);
/* A job (the caller's, zc_doc_job_free) or NULL when malformed or out of
 * memory. */
zc_doc_job_t *zc_wire_get_job(zc_wire_in_t *in);

void zc_wire_put_outcome(zc_wire_buf_t *b, const zc_doc_outcome_t *o);
/* An outcome (zc_doc_outcome_free) or NULL; its result, if any, is a wire
 * block (result_is_block set). */
zc_doc_outcome_t *zc_wire_get_outcome(zc_wire_in_t *in);

#endif

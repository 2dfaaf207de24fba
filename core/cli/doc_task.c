/* doc_task.c - read, fingerprint, extract and render one document. */
#include "doc_task.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonl_reader.h"
#include "decode.h"
#include "doc_failure.h"
#include "zhclaim/records.h"

const char *zc_doc_status_name(zc_doc_status_t status)
{
    /* A skipped document is never written: its row is already there. */
    return status == ZC_DOC_DONE ? "done" : "failed";
}

void zc_doc_job_free(zc_doc_job_t *job)
{
    if (!job)
        return;
    free(job->doc);
    free(job->problem);
    free(job->bytes);
    free(job->raw);
    free(job);
}

void zc_doc_outcome_drop_result(zc_doc_outcome_t *o)
{
    if (o->result_is_block)
        free(o->result);
    else
        zc_result_free(o->result);
    o->result = NULL;
    o->result_is_block = 0;
    o->encoding = NULL;
}

void zc_doc_outcome_free(zc_doc_outcome_t *o)
{
    if (!o)
        return;
    free(o->doc);
    free(o->error);
    free(o->messages);
    for (size_t i = 0; i < o->n_kinds; i++)
        free(o->kinds[i].kind);
    free(o->kinds);
    zc_doc_outcome_drop_result(o);
    free(o->rendered);
    free(o);
}

__attribute__((format(printf, 2, 3)))
static void set_failed(zc_doc_outcome_t *o, const char *fmt, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->status = ZC_DOC_FAILED;
    free(o->error);
    /* If even this copy fails, the status still says failed. */
    o->error = strdup(buf);
}

/* Read a whole file (the loader opens it non-blocking and checks it on the
 * open descriptor: a FIFO or device put where the walk saw a file fails
 * instead of hanging the run). */
static int read_document(const char *path, unsigned long max_bytes,
                         unsigned char **bytes, size_t *n, zc_doc_outcome_t *o)
{
    zc_error_t err;
    zc_status_t st = zc_read_file_max(path, max_bytes, bytes, n, &err);
    if (st == ZC_OK)
        return 0;
    char why[600];
    zc_doc_failure_read(path, &err, max_bytes, why, sizeof why, &o->n_bytes);
    set_failed(o, "%s", why);
    return -1;
}

static void extract(const zc_task_env_t *env, const unsigned char *bytes,
                    size_t n, zc_doc_outcome_t *o)
{
    zc_error_t err;
    zc_result_t *res = NULL;
    zc_cli_capture_begin();
    zc_status_t st = zc_engine_extract(env->engine, o->doc, bytes, n, &res, &err);
    o->messages = zc_cli_capture_end();
    if (st != ZC_OK) {
        set_failed(o, "%s", zc_doc_failure_reason(err.message, o->doc));
        return;
    }
    o->result = res;
    o->encoding = res->encoding;
    if (res->n_failures > 0) {
        /* The other plugins' claims are kept and written; the document
         * still counts as failed so that --resume tries it again. */
        char why[600];
        zc_doc_failure_plugins(res, why, sizeof why);
        set_failed(o, "%s", why);
    }
}

/* JSON Lines or CSV: the records rendered here, in the worker, so that
 * formatting runs in parallel. */
static void render(const zc_task_env_t *env, zc_doc_outcome_t *o)
{
    if (env->format == ZC_FORMAT_SQLITE || !o->result)
        return;
    if (zc_records_render(o->result, env->format == ZC_FORMAT_CSV ? ZC_RECORDS_CSV
                                                                  : ZC_RECORDS_JSONL,
                          &o->rendered, &o->rendered_len) != ZC_OK)
        set_failed(o, "out of memory rendering the records");
}

/* A stream line becomes its document, or a failed outcome naming why. */
static int parse_line(zc_doc_job_t *job, zc_doc_outcome_t *o)
{
    zc_jsonl_doc_t d;
    char why[300];
    if (zc_jsonl_parse(job->raw, job->raw_len, &d, why, sizeof why) != 0) {
        set_failed(o, "%s", why);
        return -1;
    }
    o->doc = d.doc; /* ownership moves to the outcome and the job */
    job->bytes = (unsigned char *)d.text;
    job->n_bytes = d.text_len;
    return 0;
}

zc_doc_outcome_t *zc_doc_task_run(const zc_task_env_t *env, zc_doc_job_t *job)
{
    zc_doc_outcome_t *o = calloc(1, sizeof *o);
    if (!o) {
        zc_doc_job_free(job);
        return NULL;
    }
    o->status = ZC_DOC_DONE;
    o->line = job->line;
    o->doc = job->doc;
    job->doc = NULL;
    if (job->problem) {
        set_failed(o, "%s", job->problem);
        zc_doc_job_free(job);
        return o;
    }
    if (job->raw && parse_line(job, o) != 0) {
        zc_doc_job_free(job);
        return o;
    }
    unsigned char *bytes = job->bytes;
    size_t n = job->n_bytes;
    if (job->from_file) {
        if (read_document(o->doc, env->max_bytes, &bytes, &n, o) != 0) {
            zc_doc_job_free(job);
            return o;
        }
        job->bytes = bytes; /* freed with the job */
    } else if (n > env->max_bytes) {
        set_failed(o, "larger than --max-bytes (%zu > %lu bytes)", n, env->max_bytes);
        o->n_bytes = n;
        zc_doc_job_free(job);
        return o;
    }
    o->n_bytes = n;
    /* Only the database stores fingerprints; JSON Lines and CSV runs skip
     * the hashing. */
    if (env->format != ZC_FORMAT_SQLITE) {
        extract(env, bytes, n, o);
    } else if (zc_sha256_hex(bytes, n, o->sha256) != 0) {
        set_failed(o, "cannot compute its sha256 (OpenSSL failed)");
    } else if (env->is_done && env->is_done(env->is_done_user, o->doc, o->sha256)) {
        o->status = ZC_DOC_SKIPPED;
    } else {
        extract(env, bytes, n, o);
    }
    /* The document's bytes go before the records are rendered: on a large
     * document they are the biggest thing left (the result keeps copies
     * of what it needs). */
    zc_doc_job_free(job);
    render(env, o);
    return o;
}

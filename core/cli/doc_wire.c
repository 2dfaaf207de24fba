/* doc_wire.c - jobs to the workers, outcomes back. */
#include "doc_wire.h"

#include <stdlib.h>
#include <string.h>

/* More kinds than any engine has: a corrupt stream. */
#define ZC_WIRE_MAX_KINDS 4096

void zc_wire_put_job(zc_wire_buf_t *b, const zc_doc_job_t *job)
{
    zc_wire_put_str(b, job->doc, NULL);
    zc_wire_put_str(b, job->problem, NULL);
    zc_wire_put_u64(b, (uint64_t)job->from_file);
    zc_wire_put_u64(b, job->line);
    zc_wire_put_u64(b, job->bytes ? job->n_bytes + 1 : 0);
    if (job->bytes)
        zc_wire_put_bytes(b, job->bytes, job->n_bytes);
    zc_wire_put_u64(b, job->raw ? job->raw_len + 1 : 0);
    if (job->raw)
        zc_wire_put_bytes(b, job->raw, job->raw_len);
}

/* n bytes (plus a NUL) from the input into a fresh buffer, tagged as the
 * length plus one (0: none). Returns 0 or -1. */
static int get_blob(zc_wire_in_t *in, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    uint64_t tag = zc_wire_get_u64(in);
    if (in->bad)
        return -1;
    if (tag == 0)
        return 0;
    size_t n = (size_t)(tag - 1);
    const unsigned char *p = zc_wire_get_bytes(in, n);
    if (!p)
        return -1;
    unsigned char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, p, n);
    copy[n] = '\0';
    *out = copy;
    *len = n;
    return 0;
}

zc_doc_job_t *zc_wire_get_job(zc_wire_in_t *in)
{
    zc_doc_job_t *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    unsigned char *raw = NULL;
    if (zc_wire_get_strdup(in, &job->doc) != 0 || zc_wire_get_strdup(in, &job->problem) != 0)
        goto bad;
    job->from_file = (int)zc_wire_get_u64(in);
    job->line = (size_t)zc_wire_get_u64(in);
    if (get_blob(in, &job->bytes, &job->n_bytes) != 0 || get_blob(in, &raw, &job->raw_len) != 0)
        goto bad;
    job->raw = (char *)raw;
    return job;
bad:
    zc_doc_job_free(job);
    return NULL;
}

void zc_wire_put_outcome(zc_wire_buf_t *b, const zc_doc_outcome_t *o)
{
    zc_wire_put_str(b, o->doc, NULL);
    zc_wire_put_u64(b, o->line);
    zc_wire_put_u64(b, o->n_bytes);
    zc_wire_put_str(b, o->sha256, NULL);
    zc_wire_put_u64(b, (uint64_t)o->status);
    zc_wire_put_str(b, o->error, NULL);
    zc_wire_put_str(b, o->messages, NULL);
    zc_wire_put_u64(b, o->result != NULL);
    if (o->result)
        zc_wire_put_result(b, o->result);
    zc_wire_put_u64(b, (uint64_t)o->summarised);
    zc_wire_put_u64(b, o->n_kinds);
    for (size_t i = 0; i < o->n_kinds; i++) {
        zc_wire_put_str(b, o->kinds[i].kind, NULL);
        zc_wire_put_u64(b, o->kinds[i].n);
    }
    zc_wire_put_u64(b, o->rendered ? o->rendered_len + 1 : 0);
    if (o->rendered)
        zc_wire_put_bytes(b, o->rendered, o->rendered_len);
}

zc_doc_outcome_t *zc_wire_get_outcome(zc_wire_in_t *in)
{
    zc_doc_outcome_t *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    char *sha = NULL;
    unsigned char *rendered = NULL;
    if (zc_wire_get_strdup(in, &o->doc) != 0)
        goto bad;
    o->line = (size_t)zc_wire_get_u64(in);
    o->n_bytes = (size_t)zc_wire_get_u64(in);
    if (zc_wire_get_strdup(in, &sha) != 0 || (sha && strlen(sha) >= sizeof o->sha256))
        goto bad;
    if (sha)
        memcpy(o->sha256, sha, strlen(sha) + 1);
    free(sha);
    sha = NULL;
    uint64_t status = zc_wire_get_u64(in);
    if (status > ZC_DOC_SKIPPED)
        goto bad;
    o->status = (zc_doc_status_t)status;
    if (zc_wire_get_strdup(in, &o->error) != 0 || zc_wire_get_strdup(in, &o->messages) != 0)
        goto bad;
    if (zc_wire_get_u64(in)) {
        o->result = zc_wire_get_result(in);
        if (!o->result)
            goto bad;
        o->result_is_block = 1;
        o->encoding = o->result->encoding;
    }
    o->summarised = zc_wire_get_u64(in) != 0;
    uint64_t n_kinds = zc_wire_get_u64(in);
    if (in->bad || n_kinds > ZC_WIRE_MAX_KINDS)
        goto bad;
    if (n_kinds) {
        o->kinds = calloc((size_t)n_kinds, sizeof *o->kinds);
        if (!o->kinds)
            goto bad;
        for (; o->n_kinds < n_kinds; o->n_kinds++) {
            zc_kind_count_t *k = &o->kinds[o->n_kinds];
            if (zc_wire_get_strdup(in, &k->kind) != 0 || !k->kind)
                goto bad;
            k->n = (size_t)zc_wire_get_u64(in);
        }
    }
    if (get_blob(in, &rendered, &o->rendered_len) != 0)
        goto bad;
    o->rendered = (char *)rendered;
    if (in->bad)
        goto bad;
    return o;
bad:
    free(sha);
    zc_doc_outcome_free(o);
    return NULL;
}

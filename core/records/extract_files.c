/*
 * extract_files.c - zc_records_extract_files(): a batch of files read,
 * extracted and rendered to a descriptor in one call. The Python runner's
 * workers spent a fifth of their time in the per-document steps around
 * the extraction (reading in Python, a ctypes call each to extract, count
 * kinds and render, the rendered bytes copied into Python objects); here
 * those steps are the command's own, in C, and the records go straight
 * from the writers to the descriptor.
 *
 * The failure messages are the command's (doc_failure.h), so that a
 * binding prints what `zhclaim extract` prints for the same file.
 */
#define _GNU_SOURCE /* fopencookie, __fsetlocking */
#include "zhclaim/records.h"

#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc_failure.h"
#include "records_write.h"

/* The stream's buffer: each write(2) carries this much, where the
 * documents' records are some tens of KiB each. */
#define OUT_BUFFER (1u << 20)

typedef struct fd_sink_t {
    int fd;
    size_t written;
    int errnum; /* the first write's failure, or 0 */
} fd_sink_t;

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
    fd_sink_t *s = cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t k = write(s->fd, buf + done, size - done);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            s->errnum = errno;
            return -1;
        }
        done += (size_t)k;
    }
    s->written += size;
    return (ssize_t)size;
}

static int read_doc(zc_records_doc_t *d, size_t max_bytes, unsigned char **bytes, size_t *n)
{
    zc_error_t err;
    zc_status_t st = zc_read_document(d->path, max_bytes, bytes, n, &err);
    if (st == ZC_OK)
        return 0;
    d->status = st;
    zc_doc_failure_read(d->path, &err, max_bytes, d->error, sizeof d->error, &d->n_bytes);
    return -1;
}

typedef struct kinds_t {
    zc_records_kind_t *v;
    size_t n, cap;
} kinds_t;

/* Count the claims of res by kind. A plugin gives all its claims of one
 * kind the same string, so consecutive claims mostly share the pointer
 * and strcmp runs once per run of them. */
static int count_kinds(kinds_t *k, const zc_result_t *res)
{
    const char *last = NULL;
    size_t at = 0;
    for (size_t i = 0; i < res->n_claims; i++) {
        const char *kind = zc_result_claim(res, i)->kind;
        if (!kind)
            kind = "";
        if (kind != last) {
            for (at = 0; at < k->n && strcmp(k->v[at].kind, kind) != 0; at++)
                ;
            if (at == k->n) {
                if (k->n == k->cap) {
                    size_t cap = k->cap ? 2 * k->cap : 8;
                    zc_records_kind_t *v = realloc(k->v, cap * sizeof *v);
                    if (!v)
                        return -1;
                    k->v = v;
                    k->cap = cap;
                }
                char *copy = strdup(kind);
                if (!copy)
                    return -1;
                k->v[k->n].kind = copy;
                k->v[k->n].n_claims = 0;
                k->n++;
            }
            last = kind;
        }
        k->v[at].n_claims++;
    }
    return 0;
}

void zc_records_kinds_free(zc_records_kind_t *kinds, size_t n_kinds)
{
    if (!kinds)
        return;
    for (size_t i = 0; i < n_kinds; i++)
        free(kinds[i].kind);
    free(kinds);
}

/* One document: read, extract, write its records to out. A document that
 * fails has its status set; *fatal is set when out failed or memory ran
 * out, which ends the call. */
static void one_doc(zc_engine_t *engine, zc_records_doc_t *d, size_t max_bytes,
                   zc_records_format_t format, FILE *out, kinds_t *kinds, zc_status_t *fatal)
{
    unsigned char *bytes = NULL;
    size_t n = 0;
    if (read_doc(d, max_bytes, &bytes, &n) != 0)
        return;
    d->n_bytes = n;
    zc_error_t err;
    zc_result_t *res = NULL;
    zc_status_t st = zc_engine_extract(engine, d->path, bytes, n, &res, &err);
    /* The bytes go before the records are written: the result keeps
     * copies of what it needs. */
    free(bytes);
    if (st != ZC_OK) {
        d->status = st;
        snprintf(d->error, sizeof d->error, "%s", zc_doc_failure_reason(err.message, d->path));
        return;
    }
    d->has_result = 1;
    d->n_claims = res->n_claims;
    snprintf(d->encoding, sizeof d->encoding, "%s", res->encoding ? res->encoding : "");
    if (res->n_failures > 0) {
        d->status = ZC_ERR_PLUGIN;
        zc_doc_failure_plugins(res, d->error, sizeof d->error);
    }
    if (count_kinds(kinds, res) != 0)
        *fatal = ZC_ERR_NOMEM;
    else if (res->n_claims > 0 && zc_records_write(out, res, format) != 0)
        *fatal = ZC_ERR_IO;
    zc_result_free(res);
}

zc_status_t zc_records_extract_files(zc_engine_t *engine, zc_records_doc_t *docs,
                                     size_t n_docs, size_t doc_size, size_t max_bytes,
                                     zc_records_format_t format, int fd, size_t *written,
                                     zc_records_kind_t **kinds, size_t *n_kinds,
                                     zc_error_t *err)
{
    if (kinds)
        *kinds = NULL;
    if (n_kinds)
        *n_kinds = 0;
    if (written)
        *written = 0;
    if (!err)
        return ZC_ERR_INVALID;
    err->status = ZC_ERR_INVALID;
    err->message[0] = '\0';
    if (!engine || (!docs && n_docs) || !written || !kinds || !n_kinds ||
        doc_size < sizeof(zc_records_doc_t) ||
        (format != ZC_RECORDS_JSONL && format != ZC_RECORDS_CSV)) {
        snprintf(err->message, sizeof err->message,
                 "zc_records_extract_files: invalid argument");
        return ZC_ERR_INVALID;
    }
    fd_sink_t sink = {fd, 0, 0};
    cookie_io_functions_t io = {.write = sink_write};
    FILE *out = fopencookie(&sink, "w", io);
    char *buffer = malloc(OUT_BUFFER);
    if (!out || !buffer || setvbuf(out, buffer, _IOFBF, OUT_BUFFER) != 0) {
        if (out)
            fclose(out);
        free(buffer);
        err->status = ZC_ERR_NOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return ZC_ERR_NOMEM;
    }
    /* Only this call sees the stream: no lock per putc (see records.c). */
    __fsetlocking(out, FSETLOCKING_BYCALLER);
    kinds_t k = {NULL, 0, 0};
    zc_status_t fatal = ZC_OK;
    for (size_t i = 0; i < n_docs && fatal == ZC_OK; i++) {
        zc_records_doc_t *d = (zc_records_doc_t *)(void *)((char *)docs + i * doc_size);
        const char *path = d->path;
        memset(d, 0, sizeof *d);
        d->path = path;
        if (!path) {
            fatal = ZC_ERR_INVALID;
            break;
        }
        one_doc(engine, d, max_bytes, format, out, &k, &fatal);
    }
    if (fclose(out) != 0 && fatal == ZC_OK)
        fatal = ZC_ERR_IO;
    free(buffer);
    if (fatal != ZC_OK) {
        zc_records_kinds_free(k.v, k.n);
        err->status = fatal;
        if (fatal == ZC_ERR_IO)
            snprintf(err->message, sizeof err->message, "cannot write the records: %s",
                     strerror(sink.errnum ? sink.errnum : EIO));
        else if (fatal == ZC_ERR_NOMEM)
            snprintf(err->message, sizeof err->message, "out of memory");
        else
            snprintf(err->message, sizeof err->message,
                     "zc_records_extract_files: a document without a path");
        *written = sink.written;
        return fatal;
    }
    err->status = ZC_OK;
    *written = sink.written;
    *kinds = k.v;
    *n_kinds = k.n;
    return ZC_OK;
}

/* review_docs.c - extract the documents under the paths named, in order. */
#include "review_docs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_walk.h"
#include "decode.h"

int zc_review_docs_extract(zc_engine_t *engine, const char *const *paths, size_t n_paths,
                           zc_review_docs_t *out)
{
    memset(out, 0, sizeof *out);
    zc_walk_options_t wopts = {0};
    zc_walk_list_t list = {0};
    if (zc_walk(paths, n_paths, &wopts, &list) != 0) {
        zc_walk_list_free(&list);
        return -1;
    }
    out->docs = calloc(list.n ? list.n : 1, sizeof *out->docs);
    if (!out->docs) {
        zc_walk_list_free(&list);
        return -1;
    }
    int rc = 0;
    for (size_t k = 0; k < list.n && rc == 0; k++) {
        const zc_walk_entry_t *e = &list.entries[k];
        if (e->is_note) {
            fprintf(stderr, "zhclaim: %s: %s\n", e->path, e->problem);
            continue;
        }
        zc_review_doc_t *d = &out->docs[out->n++];
        d->path = strdup(e->path);
        if (!d->path) {
            rc = -1;
            break;
        }
        zc_error_t err;
        unsigned char *bytes = NULL;
        size_t n = 0;
        if (e->problem) {
            d->error = strdup(e->problem);
        } else if (zc_read_file(e->path, &bytes, &n, &err) != ZC_OK
                   || zc_engine_extract(engine, e->path, bytes, n, &d->result, &err) != ZC_OK) {
            d->error = strdup(err.message);
        }
        free(bytes);
        if (d->error)
            fprintf(stderr, "zhclaim: %s%s%s\n", e->problem ? e->path : "",
                    e->problem ? ": " : "", d->error);
    }
    zc_walk_list_free(&list);
    return rc;
}

void zc_review_docs_free(zc_review_docs_t *d)
{
    for (size_t k = 0; k < d->n; k++) {
        free(d->docs[k].path);
        zc_result_free(d->docs[k].result);
        free(d->docs[k].error);
    }
    free(d->docs);
    memset(d, 0, sizeof *d);
}

void zc_review_claim_record(const zc_claim_t *c, zc_rec_t *r, char value_buf[64],
                            char from_buf[64])
{
    memset(r, 0, sizeof *r);
    /* The record's strings stay the claim's; zc_rec_set_add copies them. */
    r->doc = (char *)c->doc;
    r->kind = (char *)c->kind;
    r->plugin = (char *)c->plugin;
    r->start = c->start_byte;
    r->end = c->end_byte;
    r->text = (char *)c->text;
    r->value = zc_decimal_to_double(c->value);
    zc_decimal_format(c->value, value_buf, 64);
    r->value_text = value_buf;
    r->unit = (char *)c->unit;
    r->approx = (char *)zc_approx_symbol(c->approx);
    r->subject = (char *)c->subject;
    r->metric = (char *)c->metric;
    if (c->has_from) {
        r->has_from = 1;
        r->from = zc_decimal_to_double(c->from);
        zc_decimal_format(c->from, from_buf, 64);
        r->from_text = from_buf;
    }
    if (c->has_range) {
        r->has_range = 1;
        r->range[0] = zc_decimal_to_double(c->range_low);
        r->range[1] = zc_decimal_to_double(c->range_high);
    }
}

int zc_review_docs_records(const zc_review_docs_t *d, zc_rec_set_t *set)
{
    for (size_t k = 0; k < d->n; k++) {
        const zc_result_t *res = d->docs[k].result;
        for (size_t i = 0; res && i < res->n_claims; i++) {
            zc_rec_t r;
            char vb[64], fb[64];
            zc_review_claim_record(zc_result_claim(res, i), &r, vb, fb);
            if (zc_rec_set_add(set, &r) != 0)
                return -1;
        }
    }
    return 0;
}

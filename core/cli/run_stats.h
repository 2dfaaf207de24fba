/*
 * run_stats.h - the totals of an extract run, and its summary line:
 *
 *   zhclaim: 120 documents, 5321 claims (amount 1200, count 2400, rate 1721),
 *   2 errors, 3.21 s, 41.2 MB/s
 *
 * Kinds are counted by name, so a plugin's own kinds show up too.
 */
#ifndef ZC_CLI_RUN_STATS_H
#define ZC_CLI_RUN_STATS_H

#include <stdio.h>

#include "zhclaim/zhclaim.h"

typedef struct zc_kind_count_t {
    char *kind;
    size_t n;
} zc_kind_count_t;

typedef struct zc_run_stats_t {
    size_t documents;   /* every document met, failed and skipped included */
    size_t failed;
    size_t skipped;     /* --resume: already done */
    size_t claims;
    double bytes;       /* bytes of the documents extracted */
    zc_kind_count_t *kinds; /* sorted by name */
    size_t n_kinds;
} zc_run_stats_t;

/* Count a result's claims by kind. Returns 0, or -1 when memory ran out. */
int zc_stats_add_claims(zc_run_stats_t *s, const zc_result_t *r);

/* Add claim counts already made by kind (a worker's summary of a result).
 * Returns 0, or -1 when memory ran out. */
int zc_stats_add_counts(zc_run_stats_t *s, const zc_kind_count_t *kinds, size_t n);

void zc_stats_print(const zc_run_stats_t *s, FILE *out, double seconds, int resume);

void zc_stats_free(zc_run_stats_t *s);

#endif

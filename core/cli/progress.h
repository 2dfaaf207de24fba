/*
 * progress.h - a progress bar on stderr while documents go through:
 *
 *   [##########----------]  512/1024 docs   37.5 MB/s  ETA 0:14
 *
 * Only on a terminal, and never with --quiet: a log file or a pipe gets
 * the summary line alone. Redrawn at most ten times a second, from emit(),
 * which the worker pool runs one call at a time (no locking). With an unknown total (a stream) it
 * shows the count and the rate.
 */
#ifndef ZC_CLI_PROGRESS_H
#define ZC_CLI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

typedef struct zc_progress_t {
    FILE *out;             /* NULL: disabled */
    size_t total_docs;     /* 0: unknown */
    double total_bytes;
    double done_bytes;
    struct timespec start;
    struct timespec last_draw;
    int drawn;             /* a bar is on screen (clear before other output) */
} zc_progress_t;

/* Start; enabled only when enable is set and out is a terminal. */
void zc_progress_start(zc_progress_t *p, FILE *out, int enable, size_t total_docs,
                       double total_bytes);
/* One more document done, of n_bytes; done_docs are done in all (the
 * run's own count). */
void zc_progress_step(zc_progress_t *p, size_t done_docs, double n_bytes);
/* Erase the bar, so that a message can be printed on a clean line (it is
 * drawn again at the next step). */
void zc_progress_clear(zc_progress_t *p);
/* Erase it for good. */
void zc_progress_finish(zc_progress_t *p);

/* Seconds since t0 (CLOCK_MONOTONIC). */
double zc_seconds_since(const struct timespec *t0);

#endif

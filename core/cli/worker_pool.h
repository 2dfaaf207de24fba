/*
 * worker_pool.h - documents processed in parallel, results handed on in
 * input order.
 *
 * Jobs come from next(), one at a time and in order (it is called under a
 * lock, so it need not be thread-safe); work() runs on N threads at once;
 * emit() sees each job's result strictly in the order next() produced the
 * jobs, whatever N, one call at a time (with N > 1 on whichever worker
 * finished the job the output was waiting for). Output is therefore
 * byte-identical for every N, and emit() needs no locking of its own.
 *
 * Memory stays flat: at most `window` jobs are taken but not yet emitted; a
 * worker that runs ahead of the writer waits. next() runs apart from the
 * lock the writer uses, so a worker blocked reading a slow pipe never holds
 * up results that are ready.
 */
#ifndef ZC_CLI_WORKER_POOL_H
#define ZC_CLI_WORKER_POOL_H

#include <stddef.h>

typedef struct zc_pool_ops_t {
    /* Produce the next job into *job. Returns 1 for a job, 0 at the end of
     * input, -1 for a fatal error: no more jobs are taken, those already
     * taken are still emitted, and the run fails. Serialised. */
    int (*next)(void *ctx, void **job);
    /* Turn a job into a result; takes ownership of job. Concurrent. */
    void *(*work)(void *ctx, void *job);
    /* Consume a result (and own it from then on), in job order. Returns 0,
     * or -1 to stop the run (a fatal write error). */
    int (*emit)(void *ctx, void *result);
    /* Free a result that will never be emitted because the run stopped. */
    void (*discard)(void *ctx, void *result);
} zc_pool_ops_t;

/* Run every job through n_threads workers (1: everything on the calling
 * thread, no thread started). Returns 0 when every job was emitted, -1 when
 * next() or emit() failed or no thread could start. */
int zc_pool_run(size_t n_threads, const zc_pool_ops_t *ops, void *ctx);

/* The number of CPUs this process may run on (at least 1). */
size_t zc_pool_cpu_count(void);

#endif

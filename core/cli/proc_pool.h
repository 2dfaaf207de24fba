/*
 * proc_pool.h - documents extracted in worker processes, results handed on
 * in input order (the process-isolated twin of worker_pool.h).
 *
 * A supervisor (the calling process, one thread) forks N workers, each
 * holding the engine it inherited, and talks to each over a socket: jobs go
 * out as bytes, outcomes come back as bytes (doc_wire.h), several small
 * ones per system call (proc_io.h: a wake-up of the other side costs more
 * than a document's bytes). A worker that dies (a signal, an exit) or runs
 * a document past the time limit is killed and replaced, and the job it
 * was running becomes a failed result naming the plugin that was running
 * and the signal: before each job the worker writes the job's number and
 * start time, and before each plugin its name, into a slot of memory it
 * shares with the supervisor. The other jobs it held, finished or not,
 * are sent again, to any worker. The run goes on. As in worker_pool.h,
 * emit() sees results strictly in job order, at most a window of jobs is
 * taken ahead of the writer, and the output is the same for every N; a
 * worker holding finished outcomes while a document runs long is told to
 * send them.
 *
 * Workers are forked before the supervisor starts any thread (it starts
 * none), as Apache Tika's forked parser and PostgreSQL's backends are, so
 * a child never inherits a lock some other thread held.
 */
#ifndef ZC_CLI_PROC_POOL_H
#define ZC_CLI_PROC_POOL_H

#include <signal.h>
#include <stddef.h>

#include "result_wire.h"

typedef struct zc_proc_ops_t {
    /* Supervisor: the next job (as worker_pool's next). */
    int (*next)(void *ctx, void **job);
    /* Supervisor: a job's bytes for the worker. */
    void (*put_job)(void *ctx, const void *job, zc_wire_buf_t *out);
    /* Worker: run the job in `in` and write its result to out. */
    void (*work)(void *ctx, zc_wire_in_t *in, zc_wire_buf_t *out);
    /* Supervisor: a result from its bytes, NULL when they are malformed. */
    void *(*get_result)(void *ctx, zc_wire_in_t *in);
    /* Supervisor: the result of a job whose worker died: why says how
     * ("plugin weight crashed (SIGSEGV)"). NULL only when out of memory. */
    void *(*lost)(void *ctx, const void *job, const char *why);
    /* Supervisor: bytes of memory the job may take in a worker, for the
     * shared budget. */
    size_t (*cost)(void *ctx, const void *job);
    void (*free_job)(void *ctx, void *job);
    /* Supervisor, in job order: as worker_pool's emit and discard. */
    int (*emit)(void *ctx, void *result);
    void (*discard)(void *ctx, void *result);
} zc_proc_ops_t;

typedef struct zc_proc_config_t {
    size_t n_workers;
    double doc_timeout;       /* seconds a job may take; 0: no limit */
    size_t memory_budget;     /* sum of cost() of the jobs running at once;
                                 0: no limit (a job alone always runs) */
    volatile sig_atomic_t *stop; /* set (by a signal): kill the workers and
                                    end now, emitting what is complete */
} zc_proc_config_t;

/* Run every job. Returns 0 when every job was emitted, -1 when next() or
 * emit() failed, the run was stopped, or no worker could be started. */
int zc_proc_run(const zc_proc_config_t *cfg, const zc_proc_ops_t *ops, void *ctx);

#endif

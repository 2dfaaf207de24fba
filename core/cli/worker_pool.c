/* worker_pool.c - N threads, results written in order by whichever
 * thread completes the next one, through a bounded reorder buffer. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "worker_pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool_t {
    const zc_pool_ops_t *ops;
    void *ctx;

    /* Held while a worker takes a job: next() and the job's sequence
     * number. Lock order: input, then state. */
    pthread_mutex_t input;
    size_t taken;          /* sequence number of the next job */
    int input_over;        /* next() said end (or failed): take no more */

    /* Everything below: under state. */
    pthread_mutex_t state;
    pthread_cond_t space;  /* a slot was emitted, or the run stopped */
    void **slots;          /* result of job seq at slots[seq % window] */
    unsigned char *full;
    size_t window;
    size_t emitted;        /* jobs handed to emit() so far */
    int writing;           /* a worker is emitting: the others only store */
    int stopped;           /* fatal: workers stop taking jobs */
    int failed;
} pool_t;

/*
 * Emit every result that is next in order, starting with the caller's.
 * Whoever finishes the job the output is waiting for writes it, and the
 * ones after it that are already done; a worker that finishes out of order
 * only stores its result. So no thread sleeps waiting for results and no
 * thread is woken per document (a dedicated writer thread was: two context
 * switches a document, a tenth of the time at -j2). Called with state held;
 * `writing` makes sure one worker at a time emits, in order.
 */
static void emit_ready(pool_t *p)
{
    p->writing = 1;
    size_t s;
    while (!p->stopped && p->full[s = p->emitted % p->window]) {
        void *result = p->slots[s];
        p->slots[s] = NULL;
        p->full[s] = 0;
        p->emitted++;
        pthread_cond_broadcast(&p->space);
        pthread_mutex_unlock(&p->state);
        int rc = p->ops->emit(p->ctx, result);
        pthread_mutex_lock(&p->state);
        if (rc != 0) {
            p->failed = 1;
            p->stopped = 1;
            pthread_cond_broadcast(&p->space);
        }
    }
    p->writing = 0;
}

/* Take the next job, or return 0 when there is none to take. */
static int take_job(pool_t *p, void **job, size_t *seq)
{
    pthread_mutex_lock(&p->input);
    pthread_mutex_lock(&p->state);
    /* Run at most `window` jobs ahead of what is written. */
    while (!p->stopped && !p->input_over && p->taken - p->emitted >= p->window)
        pthread_cond_wait(&p->space, &p->state);
    int go = !p->stopped && !p->input_over;
    pthread_mutex_unlock(&p->state);
    int got = go ? p->ops->next(p->ctx, job) : 0;
    *seq = p->taken;
    if (got > 0) {
        p->taken++;
    } else if (go) {
        p->input_over = 1;
        /* A failed next() still lets the jobs already taken be written:
         * the output holds everything read before it. */
        if (got < 0) {
            pthread_mutex_lock(&p->state);
            p->failed = 1;
            pthread_mutex_unlock(&p->state);
        }
    }
    pthread_mutex_unlock(&p->input);
    return got > 0;
}

static void *worker_main(void *arg)
{
    pool_t *p = arg;
    void *job;
    size_t seq;
    while (take_job(p, &job, &seq)) {
        void *result = p->ops->work(p->ctx, job);
        pthread_mutex_lock(&p->state);
        p->slots[seq % p->window] = result;
        p->full[seq % p->window] = 1;
        if (seq == p->emitted && !p->writing)
            emit_ready(p);
        pthread_mutex_unlock(&p->state);
    }
    return NULL;
}

static int run_inline(const zc_pool_ops_t *ops, void *ctx)
{
    for (;;) {
        void *job = NULL;
        int got = ops->next(ctx, &job);
        if (got <= 0)
            return got < 0 ? -1 : 0;
        if (ops->emit(ctx, ops->work(ctx, job)) != 0)
            return -1;
    }
}

int zc_pool_run(size_t n_threads, const zc_pool_ops_t *ops, void *ctx)
{
    if (n_threads <= 1)
        return run_inline(ops, ctx);
    pool_t p = {.ops = ops, .ctx = ctx};
    /* Enough slack that a slow document does not idle the other threads,
     * small enough that memory stays a few documents per thread. */
    p.window = 4 * n_threads;
    p.slots = calloc(p.window, sizeof *p.slots);
    p.full = calloc(p.window, 1);
    pthread_t *threads = calloc(n_threads, sizeof *threads);
    if (!p.slots || !p.full || !threads) {
        free(p.slots);
        free(p.full);
        free(threads);
        return -1;
    }
    pthread_mutex_init(&p.input, NULL);
    pthread_mutex_init(&p.state, NULL);
    pthread_cond_init(&p.space, NULL);

    /* With fewer threads than asked the order and output are the same,
     * only slower; no need to fail the run. */
    size_t started = 0;
    for (; started < n_threads; started++)
        if (pthread_create(&threads[started], NULL, worker_main, &p) != 0)
            break;
    if (started == 0)
        p.failed = 1;
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    /* Results finished after the run stopped are never emitted. */
    for (size_t i = 0; i < p.window; i++)
        if (p.full[i])
            ops->discard(ctx, p.slots[i]);

    pthread_cond_destroy(&p.space);
    pthread_mutex_destroy(&p.state);
    pthread_mutex_destroy(&p.input);
    free(threads);
    free(p.full);
    free(p.slots);
    return p.failed ? -1 : 0;
}

size_t zc_pool_cpu_count(void)
{
    /* The affinity mask, not the machine's core count: under taskset or a
     * container's CPU set, more threads than allowed CPUs only contend. */
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return (size_t)n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

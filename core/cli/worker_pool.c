/* worker_pool.c - N threads, one writer, a bounded reorder buffer. */
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
     * number. Never taken by the writer. Lock order: input, then state. */
    pthread_mutex_t input;
    size_t taken;          /* sequence number of the next job */
    int input_over;        /* next() said end (or failed): take no more */

    /* Everything below: under state. */
    pthread_mutex_t state;
    pthread_cond_t ready;  /* a slot filled, or input ended */
    pthread_cond_t space;  /* the writer freed a slot, or the run stopped */
    void **slots;          /* result of job seq at slots[seq % window] */
    unsigned char *full;
    size_t window;
    size_t emitted;        /* jobs handed to emit() so far */
    size_t total;          /* number of jobs, once ended is set */
    int ended;
    int stopped;           /* fatal: workers stop taking jobs */
    int failed;
} pool_t;

static void *worker_main(void *arg)
{
    pool_t *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->input);
        pthread_mutex_lock(&p->state);
        /* Run at most `window` jobs ahead of the writer. */
        while (!p->stopped && !p->input_over && p->taken - p->emitted >= p->window)
            pthread_cond_wait(&p->space, &p->state);
        int go = !p->stopped && !p->input_over;
        pthread_mutex_unlock(&p->state);
        void *job = NULL;
        int got = go ? p->ops->next(p->ctx, &job) : 0;
        size_t seq = p->taken;
        if (got > 0) {
            p->taken++;
        } else if (go) {
            /* End of input (or next() failed): tell the writer how many
             * jobs there are, so it knows when it is done. */
            p->input_over = 1;
            pthread_mutex_lock(&p->state);
            p->ended = 1;
            p->total = p->taken;
            /* A failed next() still lets the jobs already taken be
             * written: the output holds everything read before it. */
            if (got < 0)
                p->failed = 1;
            pthread_cond_broadcast(&p->ready);
            pthread_mutex_unlock(&p->state);
        }
        pthread_mutex_unlock(&p->input);
        if (got <= 0)
            return NULL;

        void *result = p->ops->work(p->ctx, job);

        pthread_mutex_lock(&p->state);
        p->slots[seq % p->window] = result;
        p->full[seq % p->window] = 1;
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->state);
    }
}

/* The writer: the calling thread emits results in sequence order. */
static void write_in_order(pool_t *p)
{
    pthread_mutex_lock(&p->state);
    for (;;) {
        size_t s = p->emitted % p->window;
        while (!p->full[s] && !(p->ended && p->emitted == p->total) && !p->stopped)
            pthread_cond_wait(&p->ready, &p->state);
        if (!p->full[s] || p->stopped)
            break;
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
            break;
        }
    }
    pthread_mutex_unlock(&p->state);
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
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.space, NULL);

    size_t started = 0;
    for (; started < n_threads; started++)
        if (pthread_create(&threads[started], NULL, worker_main, &p) != 0)
            break;
    if (started == 0) {
        p.failed = 1;
    } else {
        /* With fewer threads than asked the order and output are the same,
         * only slower; no need to fail the run. */
        write_in_order(&p);
    }
    pthread_mutex_lock(&p.state);
    if (p.stopped || started == 0) {
        p.stopped = 1;
        pthread_cond_broadcast(&p.space);
    }
    pthread_mutex_unlock(&p.state);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    /* Results finished after the run stopped are never emitted. */
    for (size_t i = 0; i < p.window; i++)
        if (p.full[i])
            ops->discard(ctx, p.slots[i]);

    pthread_cond_destroy(&p.space);
    pthread_cond_destroy(&p.ready);
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

/* test_cli_pool.c - the worker pool: results reach emit() in job order
 * whatever the thread count and however long each job takes; no more than
 * its window of jobs is ever taken ahead of the writer; a failing emit or
 * next stops the run without leaking a result. */
#include "cli/worker_pool.c" /* first: it defines _GNU_SOURCE */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

typedef struct pool_test_t {
    size_t n_jobs;
    size_t taken;
    size_t emitted;
    size_t in_flight;     /* taken, not yet emitted or discarded */
    size_t max_in_flight;
    size_t fail_emit_at;  /* 0: never */
    size_t fail_next_at;
    size_t discarded;
    pthread_mutex_t lock; /* in_flight is touched by next and emit/discard */
} pool_test_t;

static int t_next(void *ctx, void **job)
{
    pool_test_t *t = ctx;
    if (t->fail_next_at && t->taken == t->fail_next_at)
        return -1;
    if (t->taken == t->n_jobs)
        return 0;
    size_t *j = malloc(sizeof *j);
    assert_non_null(j);
    *j = t->taken++;
    pthread_mutex_lock(&t->lock);
    if (++t->in_flight > t->max_in_flight)
        t->max_in_flight = t->in_flight;
    pthread_mutex_unlock(&t->lock);
    *job = j;
    return 1;
}

static void *t_work(void *ctx, void *job)
{
    (void)ctx;
    size_t i = *(size_t *)job;
    /* Uneven work: later jobs often finish before earlier ones. */
    struct timespec d = {0, (long)((i * 7919) % 13) * 20000};
    nanosleep(&d, NULL);
    return job;
}

static int t_emit(void *ctx, void *result)
{
    pool_test_t *t = ctx;
    size_t i = *(size_t *)result;
    free(result);
    pthread_mutex_lock(&t->lock);
    t->in_flight--;
    pthread_mutex_unlock(&t->lock);
    if (i != t->emitted)
        fail_msg("job %zu emitted in place %zu", i, t->emitted);
    t->emitted++;
    return t->fail_emit_at && t->emitted == t->fail_emit_at ? -1 : 0;
}

static void t_discard(void *ctx, void *result)
{
    pool_test_t *t = ctx;
    free(result);
    pthread_mutex_lock(&t->lock);
    t->in_flight--;
    t->discarded++;
    pthread_mutex_unlock(&t->lock);
}

static const zc_pool_ops_t ops = {t_next, t_work, t_emit, t_discard};

static void init(pool_test_t *t, size_t n)
{
    memset(t, 0, sizeof *t);
    t->n_jobs = n;
    pthread_mutex_init(&t->lock, NULL);
}

static void in_order_for_every_thread_count(void **state)
{
    (void)state;
    const size_t threads[] = {1, 2, 3, 8, 32};
    for (size_t k = 0; k < sizeof threads / sizeof *threads; k++) {
        pool_test_t t;
        init(&t, 500);
        assert_int_equal(zc_pool_run(threads[k], &ops, &t), 0);
        assert_int_equal(t.emitted, 500);
        assert_int_equal(t.in_flight, 0);
        /* Bounded: memory does not grow with the number of jobs. The
         * window is 4 per thread; the pool frees a slot just before
         * calling emit, so this count may lag it by the one result that
         * emit is being handed. */
        assert_true(t.max_in_flight <= (threads[k] == 1 ? 1 : 4 * threads[k] + 1));
        pthread_mutex_destroy(&t.lock);
    }
}

static void no_jobs(void **state)
{
    (void)state;
    pool_test_t t;
    init(&t, 0);
    assert_int_equal(zc_pool_run(4, &ops, &t), 0);
    assert_int_equal(t.emitted, 0);
    pthread_mutex_destroy(&t.lock);
}

static void failing_emit_stops_the_run(void **state)
{
    (void)state;
    for (size_t n = 1; n <= 4; n += 3) {
        pool_test_t t;
        init(&t, 200);
        t.fail_emit_at = 50;
        assert_int_equal(zc_pool_run(n, &ops, &t), -1);
        assert_int_equal(t.emitted, 50);
        /* Everything taken was emitted or discarded (ASan checks leaks). */
        assert_int_equal(t.in_flight, 0);
        assert_true(t.taken < 200);
        pthread_mutex_destroy(&t.lock);
    }
}

static void failing_next_keeps_what_was_taken(void **state)
{
    (void)state;
    for (size_t n = 1; n <= 4; n += 3) {
        pool_test_t t;
        init(&t, 200);
        t.fail_next_at = 30;
        assert_int_equal(zc_pool_run(n, &ops, &t), -1);
        assert_int_equal(t.emitted, 30);
        assert_int_equal(t.discarded, 0);
        pthread_mutex_destroy(&t.lock);
    }
}

/* The CPUs this process may use: what nproc says (OpenMP's variables
 * unset, which nproc would honour), and one when pinned to one CPU. */
static void cpu_count_follows_the_affinity_mask(void **state)
{
    (void)state;
    FILE *p = popen("env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc", "r");
    assert_non_null(p);
    unsigned long nproc = 0;
    assert_int_equal(fscanf(p, "%lu", &nproc), 1);
    assert_int_equal(pclose(p), 0);
    assert_int_equal(zc_pool_cpu_count(), nproc);
    cpu_set_t all, one;
    assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
    CPU_ZERO(&one);
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &all)) {
            CPU_SET(c, &one);
            break;
        }
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
    size_t pinned = zc_pool_cpu_count();
    assert_int_equal(sched_setaffinity(0, sizeof all, &all), 0);
    assert_int_equal(pinned, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_order_for_every_thread_count),
        cmocka_unit_test(no_jobs),
        cmocka_unit_test(failing_emit_stops_the_run),
        cmocka_unit_test(failing_next_keeps_what_was_taken),
        cmocka_unit_test(cpu_count_follows_the_affinity_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

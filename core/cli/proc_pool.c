/* proc_pool.c - a supervisor and N worker processes over sockets. */
#define _GNU_SOURCE /* sigabbrev_np, MSG_DONTWAIT, SOCK_CLOEXEC */
#include "proc_pool.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc_io.h"
#include "proc_worker.h"

/* The longest the supervisor sleeps between looks at the stop flag: a
 * signal that lands just before poll() is still seen within this. */
#define POLL_SLICE_MS 200

/* A job sent to a worker (or waiting to be sent again). */
typedef struct pending_t {
    void *job;         /* kept to report a loss */
    size_t seq;
    size_t cost;
    size_t wire;       /* bytes of its message */
} pending_t;

/* Jobs a worker holds: the one it runs and those after it, up to two
 * batches (proc_io.h), so that it starts on the next while the supervisor
 * writes the last outcomes (at -j1 the two processes then overlap instead
 * of taking turns) and a batch's wake-up serves several documents. */
#define QUEUE_DEPTH (2 * ZC_PROC_BATCH_DOCS)
/* Jobs behind the first go only while their messages together are this
 * small: they must fit in the socket's buffer, or the supervisor could
 * block sending them while the worker blocks sending outcomes. */
#define AHEAD_MAX_BYTES (32u << 10)

typedef struct worker_t {
    pid_t pid;         /* 0: not running */
    int fd;            /* the supervisor's end of the socket; -1: none */
    pending_t q[QUEUE_DEPTH]; /* in the order sent; outcomes come back in it */
    size_t nq;
    size_t nsent;      /* q[0..nsent) have gone out */
    uint64_t nudged;   /* seq + 1 of the job it was last nudged in; 0: none */
    zc_msg_rx_t rx;    /* outcomes coming in */
    zc_wire_buf_t tx;  /* job messages going out in this round */
} worker_t;

typedef struct sup_t {
    const zc_proc_config_t *cfg;
    const zc_proc_ops_t *ops;
    void *ctx;
    worker_t *w;
    zc_proc_slot_t *slots;
    size_t n;
    void **ready;      /* result of job seq at ready[seq % window] */
    unsigned char *full;
    size_t window;
    size_t taken, emitted;
    size_t in_flight_cost;
    void *held;        /* a job waiting for room in the memory budget */
    pending_t *again;  /* jobs a dead worker held but never finished */
    size_t n_again;
    zc_wire_buf_t scratch; /* one job's message */
    int input_over;
    int failed;
    int stopped;
} sup_t;

/* Start worker i. Returns 0, or -1 when no process could be made. */
static int spawn(sup_t *s, size_t i)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return -1;
    zc_proc_slot_t *slot = &s->slots[i];
    atomic_store(&slot->start_ns, 0);
    atomic_store(&slot->seq, 0);
    slot->plugin[0] = '\0';
    /* The child gets copies of the stdio buffers: empty them first, so
     * that nothing written before the fork can be written twice. */
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        /* Only its own socket: another worker's end held open here would
         * keep that worker from seeing the supervisor close it. */
        for (size_t j = 0; j < s->n; j++)
            if (s->w[j].fd >= 0)
                close(s->w[j].fd);
        zc_proc_worker_main(s->ops, s->ctx, slot, sv[1]);
    }
    close(sv[1]);
    worker_t *w = &s->w[i];
    w->pid = pid;
    w->fd = sv[0];
    w->nq = w->nsent = 0;
    w->nudged = 0;
    w->rx.len = w->rx.at = 0;
    w->tx.len = 0;
    return 0;
}

static const char *signal_name(int sig, char *buf, size_t cap)
{
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev)
        snprintf(buf, cap, "SIG%s", abbrev);
    else
        snprintf(buf, cap, "signal %d", sig);
    return buf;
}

/* Why a worker that was running a job ended, from its wait status. */
static void death_reason(const sup_t *s, size_t i, int status, char *why, size_t cap)
{
    const char *plugin = s->slots[i].plugin;
    char who[ZC_PROC_PLUGIN_CAP + 40];
    if (plugin[0])
        snprintf(who, sizeof who, "plugin %s", plugin);
    else
        snprintf(who, sizeof who, "the worker process (outside any plugin)");
    if (WIFSIGNALED(status)) {
        char sig[32];
        snprintf(why, cap, "%s crashed (%s)", who, signal_name(WTERMSIG(status), sig, sizeof sig));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 3 && !plugin[0])
        snprintf(why, cap, "out of memory sending the result from the worker process");
    else if (WIFEXITED(status))
        snprintf(why, cap, "%s exited the worker process (status %d)", who, WEXITSTATUS(status));
    else
        snprintf(why, cap, "%s stopped the worker process", who);
}

/* Wait for worker i's process to end (killing it first if asked). */
static int end_process(worker_t *w, int kill_first)
{
    int status = 0;
    if (w->pid > 0) {
        if (kill_first)
            kill(w->pid, SIGKILL);
        while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    w->pid = 0;
    return status;
}

static void store(sup_t *s, size_t seq, void *result)
{
    size_t k = seq % s->window;
    s->ready[k] = result;
    s->full[k] = 1;
}

/* Worker i's oldest job is done (result) or lost (result NULL, why set):
 * store its result and free the job. */
static void finish_head(sup_t *s, size_t i, void *result, const char *why)
{
    worker_t *w = &s->w[i];
    pending_t head = w->q[0];
    if (!result && why)
        result = s->ops->lost(s->ctx, head.job, why);
    store(s, head.seq, result);
    s->ops->free_job(s->ctx, head.job);
    s->in_flight_cost -= head.cost;
    for (size_t k = 1; k < w->nq; k++)
        w->q[k - 1] = w->q[k];
    w->nq--;
    if (w->nsent)
        w->nsent--;
}

/* The complete outcomes that came from worker i, each its oldest job's. */
static void take_outcomes(sup_t *s, size_t i)
{
    worker_t *w = &s->w[i];
    const unsigned char *p;
    size_t n;
    while (w->nq && zc_msg_next(&w->rx, &p, &n)) {
        zc_wire_in_t in = {p, n, 0, 0};
        void *result = s->ops->get_result(s->ctx, &in);
        finish_head(s, i, result, result ? NULL : "a worker process sent a malformed result");
    }
}

static void respawn(sup_t *s, size_t i)
{
    if (!s->input_over || s->held || s->n_again)
        if (spawn(s, i) != 0)
            s->w[i].pid = 0; /* fewer workers; the run goes on if any remain */
}

/* Worker i died, or is killed now: the outcomes it sent before are taken,
 * then one job fails, the one it was running: victim (seq + 1) when the
 * caller knows it, else the one its slot names, else its oldest (it died
 * between documents). Why is the caller's, or said from the wait status,
 * or (timed_out) the time limit. The other jobs it held, finished but not
 * sent or not started, go again, and a fresh worker takes its place when
 * jobs remain. */
static void lose_worker(sup_t *s, size_t i, uint64_t victim, int timed_out)
{
    worker_t *w = &s->w[i];
    zc_proc_slot_t *slot = &s->slots[i];
    int status = end_process(w, 1);
    /* Dead: its stream ends after what it sent. */
    take_outcomes(s, i);
    while (w->nq && zc_msg_fill(&w->rx, w->fd, 0) > 0)
        take_outcomes(s, i);
    close(w->fd);
    w->fd = -1;
    w->rx.len = w->rx.at = 0;
    w->tx.len = 0;
    if (!victim && atomic_load(&slot->start_ns))
        victim = atomic_load(&slot->seq) + 1;
    else if (!victim && w->nsent)
        victim = w->q[0].seq + 1;
    char why[200];
    if (timed_out && slot->plugin[0])
        snprintf(why, sizeof why, "plugin %s took longer than --doc-timeout %g s (killed)",
                 slot->plugin, s->cfg->doc_timeout);
    else if (timed_out)
        snprintf(why, sizeof why, "took longer than --doc-timeout %g s (killed)",
                 s->cfg->doc_timeout);
    else
        death_reason(s, i, status, why, sizeof why);
    while (w->nq) {
        if (w->q[0].seq + 1 == victim) {
            finish_head(s, i, NULL, why);
            continue;
        }
        s->again[s->n_again++] = w->q[0];
        s->in_flight_cost -= w->q[0].cost;
        for (size_t k = 1; k < w->nq; k++)
            w->q[k - 1] = w->q[k];
        w->nq--;
    }
    w->nsent = 0;
    respawn(s, i);
}

/* Take the next job, or the one held back for the memory budget. Returns
 * 1 with *job, or 0 when there is nothing to start now. */
static int take(sup_t *s, void **job, size_t *cost, size_t *seq)
{
    if (s->n_again) {
        pending_t p = s->again[--s->n_again];
        *job = p.job;
        *cost = p.cost;
        *seq = p.seq;
        return 1;
    }
    if (!s->held) {
        if (s->input_over || s->taken - s->emitted >= s->window)
            return 0;
        int got = s->ops->next(s->ctx, &s->held);
        if (got <= 0) {
            s->held = NULL;
            s->input_over = 1;
            if (got < 0)
                s->failed = 1;
            return 0;
        }
    }
    size_t c = s->ops->cost(s->ctx, s->held);
    /* A job alone always runs, however large; others wait for room. */
    if (s->cfg->memory_budget && s->in_flight_cost > 0 &&
        (c > s->cfg->memory_budget || s->in_flight_cost + c > s->cfg->memory_budget))
        return 0;
    *job = s->held;
    *cost = c;
    *seq = s->taken++;
    s->held = NULL;
    return 1;
}

/* Queue jobs for worker i, up to upto held, their messages into its tx
 * (one send for all, flush_jobs()). */
static void queue_jobs(sup_t *s, size_t i, size_t upto)
{
    worker_t *w = &s->w[i];
    size_t ahead = 0;
    for (size_t k = 1; k < w->nq; k++)
        ahead += w->q[k].wire;
    while (w->nq < upto) {
        void *job;
        size_t cost, seq;
        if (!take(s, &job, &cost, &seq))
            return;
        zc_wire_buf_t *b = &s->scratch;
        b->len = 0;
        b->failed = 0;
        size_t mark = zc_msg_begin(b);
        zc_wire_put_u64(b, seq);
        s->ops->put_job(s->ctx, job, b);
        zc_msg_end(b, mark);
        if (w->nq > 0 && !b->failed && ahead + b->len > AHEAD_MAX_BYTES) {
            /* Too large to queue: it waits for an idle worker. */
            s->again[s->n_again++] = (pending_t){job, seq, cost, b->len};
            return;
        }
        if (!b->failed)
            zc_wire_put_bytes(&w->tx, b->data, b->len);
        if (b->failed || w->tx.failed) {
            w->tx.failed = 0; /* what it holds is whole */
            store(s, seq, s->ops->lost(s->ctx, job,
                                       "out of memory sending the document to a worker process"));
            s->ops->free_job(s->ctx, job);
            continue;
        }
        if (w->nq > 0)
            ahead += b->len;
        s->in_flight_cost += cost;
        w->q[w->nq++] = (pending_t){job, seq, cost, b->len};
    }
}

/* Send worker i the jobs queued for it in this round. */
static void flush_jobs(sup_t *s, size_t i)
{
    worker_t *w = &s->w[i];
    if (!w->tx.len)
        return;
    int rc = zc_msg_send_all(w->fd, w->tx.data, w->tx.len);
    w->tx.len = 0;
    if (rc == 0)
        w->nsent = w->nq;
    else
        lose_worker(s, i, 0, 0); /* gone: say why, send its jobs again */
}

static void dispatch(sup_t *s)
{
    /* Idle workers first, a job each, so that few jobs still spread; then
     * each is topped up to a full queue once a batch's room is free (by
     * one job at a time would cost a send per document). */
    for (size_t i = 0; i < s->n && !s->stopped; i++)
        if (s->w[i].pid > 0 && s->w[i].nq == 0)
            queue_jobs(s, i, 1);
    for (size_t i = 0; i < s->n && !s->stopped; i++)
        if (s->w[i].pid > 0 && s->w[i].nq <= QUEUE_DEPTH - ZC_PROC_BATCH_DOCS)
            queue_jobs(s, i, QUEUE_DEPTH);
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].pid > 0)
            flush_jobs(s, i);
}

/* Worker i's socket is readable: what has come, in one read. */
static void collect(sup_t *s, size_t i)
{
    ssize_t k = zc_msg_fill(&s->w[i].rx, s->w[i].fd, MSG_DONTWAIT);
    take_outcomes(s, i);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
        lose_worker(s, i, 0, 0);
}

/* The job worker i runs and since when (ns), read so that the two belong
 * together; 0 when none runs. */
static uint64_t running(const sup_t *s, size_t i, uint64_t *seq)
{
    zc_proc_slot_t *slot = &s->slots[i];
    uint64_t t = atomic_load(&slot->start_ns);
    *seq = atomic_load(&slot->seq);
    /* seq is stored before start_ns: unchanged start_ns, matching seq. */
    return atomic_load(&slot->start_ns) == t ? t : 0;
}

/* Does worker i hold outcomes back while a document of it runs? */
static int holds_outcomes(const sup_t *s, size_t i, uint64_t seq)
{
    const worker_t *w = &s->w[i];
    return w->nsent && w->q[0].seq != seq && w->nudged != seq + 1;
}

static void check_timeouts(sup_t *s)
{
    uint64_t limit = (uint64_t)(s->cfg->doc_timeout * 1e9);
    uint64_t now = zc_proc_now_ns();
    for (size_t i = 0; i < s->n; i++) {
        worker_t *w = &s->w[i];
        uint64_t seq = 0, t = w->nq && w->pid > 0 ? running(s, i, &seq) : 0;
        if (!t || now < t)
            continue;
        if (limit && now - t >= limit) {
            lose_worker(s, i, seq + 1, 1);
        } else if (now - t >= ZC_PROC_NUDGE_NS && holds_outcomes(s, i, seq)) {
            kill(w->pid, ZC_PROC_NUDGE_SIGNAL);
            w->nudged = seq + 1;
        }
    }
}

static void emit_ready(sup_t *s)
{
    while (!s->stopped && s->full[s->emitted % s->window]) {
        size_t k = s->emitted % s->window;
        void *result = s->ready[k];
        s->ready[k] = NULL;
        s->full[k] = 0;
        s->emitted++;
        if (s->ops->emit(s->ctx, result) != 0) {
            s->failed = 1;
            s->stopped = 1;
        }
    }
}

/* How long poll() may wait: until the nearest time limit or nudge, within
 * a slice. */
static int poll_timeout(const sup_t *s)
{
    uint64_t wait = (uint64_t)POLL_SLICE_MS * 1000000u;
    uint64_t limit = (uint64_t)(s->cfg->doc_timeout * 1e9);
    uint64_t now = zc_proc_now_ns();
    for (size_t i = 0; i < s->n; i++) {
        uint64_t seq = 0, t = s->w[i].nq && s->w[i].pid > 0 ? running(s, i, &seq) : 0;
        if (!t)
            continue;
        uint64_t due = UINT64_MAX;
        if (limit)
            due = t + limit;
        if (holds_outcomes(s, i, seq) && t + ZC_PROC_NUDGE_NS < due)
            due = t + ZC_PROC_NUDGE_NS;
        if (due != UINT64_MAX && due - now < wait)
            wait = due > now ? due - now : 0;
    }
    return (int)(wait / 1000000u) + 1;
}

static int any_busy(const sup_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].nq)
            return 1;
    return 0;
}

static int any_alive(const sup_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].pid > 0)
            return 1;
    return 0;
}

static void supervise(sup_t *s, struct pollfd *fds, size_t *who)
{
    for (;;) {
        if (*s->cfg->stop) {
            s->stopped = 1;
            s->failed = 1;
            return;
        }
        dispatch(s);
        emit_ready(s);
        if (s->stopped)
            return;
        if (!any_busy(s)) {
            if (s->input_over && !s->held && !s->n_again)
                return;
            if (!any_alive(s)) {
                s->failed = 1; /* no worker could be started again */
                return;
            }
            continue;
        }
        size_t nf = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->w[i].nq) {
                fds[nf] = (struct pollfd){.fd = s->w[i].fd, .events = POLLIN};
                who[nf++] = i;
            }
        int rc = poll(fds, nf, poll_timeout(s));
        if (rc < 0 && errno != EINTR) {
            s->failed = 1;
            return;
        }
        for (size_t k = 0; rc > 0 && k < nf; k++)
            if (fds[k].revents && s->w[who[k]].nq)
                collect(s, who[k]);
        check_timeouts(s);
        emit_ready(s);
    }
}

int zc_proc_run(const zc_proc_config_t *cfg, const zc_proc_ops_t *ops, void *ctx)
{
    sup_t s = {.cfg = cfg, .ops = ops, .ctx = ctx, .n = cfg->n_workers ? cfg->n_workers : 1};
    /* Room for every worker's queue, and as much again for the others to
     * go on while one document runs long. */
    s.window = 2 * QUEUE_DEPTH * s.n;
    s.w = calloc(s.n, sizeof *s.w);
    s.ready = calloc(s.window, sizeof *s.ready);
    s.full = calloc(s.window, 1);
    /* Every job taken and not emitted may have to go again. */
    s.again = calloc(s.window + 2, sizeof *s.again);
    struct pollfd *fds = calloc(s.n, sizeof *fds);
    size_t *who = calloc(s.n, sizeof *who);
    s.slots = mmap(NULL, s.n * sizeof *s.slots, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int ok = s.w && s.ready && s.full && s.again && fds && who && s.slots != MAP_FAILED;
    if (ok) {
        for (size_t i = 0; i < s.n; i++)
            s.w[i].fd = -1;
        size_t started = 0;
        for (size_t i = 0; i < s.n; i++)
            started += spawn(&s, i) == 0;
        if (started == 0)
            s.failed = 1;
        else
            supervise(&s, fds, who);
        /* Closing a socket ends an idle worker; a busy one (a stop) is
         * killed. */
        for (size_t i = 0; i < s.n; i++) {
            worker_t *w = &s.w[i];
            if (w->fd >= 0)
                close(w->fd);
            w->fd = -1;
            end_process(w, w->nq > 0);
            for (size_t k = 0; k < w->nq; k++)
                ops->free_job(ctx, w->q[k].job);
            w->nq = 0;
        }
        if (s.held)
            ops->free_job(ctx, s.held);
        for (size_t k = 0; k < s.n_again; k++)
            ops->free_job(ctx, s.again[k].job);
        for (size_t k = 0; k < s.window; k++)
            if (s.full[k])
                ops->discard(ctx, s.ready[k]);
    } else {
        s.failed = 1;
    }
    if (s.slots && s.slots != MAP_FAILED)
        munmap(s.slots, s.n * sizeof *s.slots);
    for (size_t i = 0; s.w && i < s.n; i++) {
        zc_msg_rx_free(&s.w[i].rx);
        zc_wire_buf_free(&s.w[i].tx);
    }
    zc_wire_buf_free(&s.scratch);
    free(who);
    free(fds);
    free(s.again);
    free(s.full);
    free(s.ready);
    free(s.w);
    return s.failed ? -1 : 0;
}

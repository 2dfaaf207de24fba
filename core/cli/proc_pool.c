/* proc_pool.c - a supervisor and N worker processes over sockets. */
#define _GNU_SOURCE /* sigabbrev_np, MSG_NOSIGNAL, SOCK_CLOEXEC */
#include "proc_pool.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "plugin_observer.h"

#define PLUGIN_NAME_CAP 64
/* The longest the supervisor sleeps between looks at the stop flag: a
 * signal that lands just before poll() is still seen within this. */
#define POLL_SLICE_MS 200

/* Shared with the worker (MAP_SHARED): the plugin it is running. Written
 * only by the worker, read by the supervisor once the worker is dead or
 * killed, so no lock is needed. */
typedef struct slot_t {
    char plugin[PLUGIN_NAME_CAP];
} slot_t;

/* A job sent to a worker (or waiting to be sent again). */
typedef struct pending_t {
    void *job;         /* kept to report a loss */
    size_t seq;
    size_t cost;
} pending_t;

/* Jobs a worker holds: the one it runs and, when small, the next one, so
 * that it starts on it while the supervisor writes the last result (at -j1
 * the two processes then overlap instead of taking turns). */
#define QUEUE_DEPTH 2
/* The next job is only sent ahead when its message is this small: it must
 * fit in the socket's buffer, or the supervisor could block sending it
 * while the worker blocks sending a result. */
#define AHEAD_MAX_BYTES (32u << 10)

typedef struct worker_t {
    pid_t pid;         /* 0: not running */
    int fd;            /* the supervisor's end of the socket; -1: none */
    pending_t q[QUEUE_DEPTH]; /* q[0] runs; results come back in order */
    size_t nq;
    double started;    /* when q[0] started */
} worker_t;

typedef struct sup_t {
    const zc_proc_config_t *cfg;
    const zc_proc_ops_t *ops;
    void *ctx;
    worker_t *w;
    slot_t *slots;
    size_t n;
    void **ready;      /* result of job seq at ready[seq % window] */
    unsigned char *full;
    size_t window;
    size_t taken, emitted;
    size_t in_flight_cost;
    void *held;        /* a job waiting for room in the memory budget */
    pending_t *again;  /* jobs a dead worker held but never started */
    size_t n_again;
    int input_over;
    int failed;
    int stopped;
} sup_t;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 0 when all n bytes came, -1 at an error or the end of the stream. */
static int read_full(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* A message: its length (8 bytes), then its bytes. Returns the bytes (the
 * caller's) or NULL. */
static unsigned char *read_message(int fd, size_t *len)
{
    uint64_t n;
    if (read_full(fd, &n, sizeof n) != 0 || n > SIZE_MAX - 1)
        return NULL;
    unsigned char *buf = malloc((size_t)n + 1);
    if (!buf)
        return NULL;
    if (read_full(fd, buf, (size_t)n) != 0) {
        free(buf);
        return NULL;
    }
    *len = (size_t)n;
    return buf;
}

/* The length and the bytes in one sendmsg(): a system call per message,
 * not two (each costs, on a virtual machine most of all). */
static int send_message(int fd, const zc_wire_buf_t *b)
{
    uint64_t n = b->len;
    struct iovec iov[2] = {{&n, sizeof n}, {b->data, b->len}};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
    size_t left = sizeof n + b->len;
    while (left > 0) {
        ssize_t k = sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        left -= (size_t)k;
        /* A partial send: step the vector past what went. */
        size_t done = (size_t)k;
        while (msg.msg_iovlen > 0 && done >= msg.msg_iov[0].iov_len) {
            done -= msg.msg_iov[0].iov_len;
            msg.msg_iov++;
            msg.msg_iovlen--;
        }
        if (msg.msg_iovlen > 0) {
            msg.msg_iov[0].iov_base = (char *)msg.msg_iov[0].iov_base + done;
            msg.msg_iov[0].iov_len -= done;
        }
    }
    return 0;
}

/* ---- the worker ---- */

static void note_plugin(void *user, const char *plugin)
{
    slot_t *s = user;
    if (!plugin) {
        s->plugin[0] = '\0';
        return;
    }
    size_t k = strlen(plugin);
    if (k >= sizeof s->plugin)
        k = sizeof s->plugin - 1;
    memcpy(s->plugin, plugin, k);
    s->plugin[k] = '\0';
}

/* Serve jobs until the supervisor closes the socket. Never returns: exits
 * with _exit(), so that the stdio buffers and atexit handlers copied from
 * the supervisor are never run twice. */
static void worker_main(const sup_t *s, size_t self, int fd)
{
    /* The supervisor handles ^C and SIGTERM for the whole run and kills
     * workers itself; a worker outliving a killed supervisor dies too. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    zc_set_plugin_observer(note_plugin, &s->slots[self]);
    for (;;) {
        size_t len;
        unsigned char *msg = read_message(fd, &len);
        if (!msg)
            _exit(0);
        zc_wire_in_t in = {msg, len, 0, 0};
        zc_wire_buf_t out = {0};
        s->ops->work(s->ctx, &in, &out);
        free(msg);
        if (out.failed)
            _exit(3);
        if (send_message(fd, &out) != 0)
            _exit(0);
        zc_wire_buf_free(&out);
    }
}

/* Start worker i. Returns 0, or -1 when no process could be made. */
static int spawn(sup_t *s, size_t i)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return -1;
    s->slots[i].plugin[0] = '\0';
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
        worker_main(s, i, sv[1]);
    }
    close(sv[1]);
    s->w[i] = (worker_t){.pid = pid, .fd = sv[0]};
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
    char who[PLUGIN_NAME_CAP + 40];
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

/* Reap worker i (killing it first if asked) and close its socket. */
static int reap(sup_t *s, size_t i, int kill_first)
{
    worker_t *w = &s->w[i];
    int status = 0;
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
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

/* Worker i's running job is done (result) or lost (result NULL, why
 * set): store its result, free the job, start the clock on the next. */
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
    w->started = now_s();
}

/* Jobs a worker held but never started go out again, to any worker. */
static void take_back(sup_t *s, size_t i)
{
    worker_t *w = &s->w[i];
    for (size_t k = 0; k < w->nq; k++) {
        s->again[s->n_again++] = w->q[k];
        s->in_flight_cost -= w->q[k].cost;
    }
    w->nq = 0;
}

static void respawn(sup_t *s, size_t i)
{
    if (!s->input_over || s->held || s->n_again)
        if (spawn(s, i) != 0)
            s->w[i].pid = 0; /* fewer workers; the run goes on if any remain */
}

/* Worker i died or was killed while running its first job: that job fails
 * with why, the others it held are sent again, and a fresh worker takes its
 * place when jobs remain. */
static void replace(sup_t *s, size_t i, const char *why)
{
    finish_head(s, i, NULL, why);
    take_back(s, i);
    respawn(s, i);
}

static void worker_died(sup_t *s, size_t i)
{
    int status = reap(s, i, 1);
    char why[200];
    death_reason(s, i, status, why, sizeof why);
    replace(s, i, why);
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

/* Send worker i one more job, if there is one and it may go. */
static void send_one(sup_t *s, size_t i)
{
    worker_t *w = &s->w[i];
    void *job;
    size_t cost, seq;
    if (!take(s, &job, &cost, &seq))
        return;
    zc_wire_buf_t b = {0};
    s->ops->put_job(s->ctx, job, &b);
    int ahead = w->nq > 0;
    if (ahead && (b.failed || b.len > AHEAD_MAX_BYTES)) {
        /* Too large to send ahead: it waits for an idle worker. */
        s->again[s->n_again++] = (pending_t){job, seq, cost};
        zc_wire_buf_free(&b);
        return;
    }
    s->in_flight_cost += cost;
    w->q[w->nq++] = (pending_t){job, seq, cost};
    if (!ahead)
        w->started = now_s();
    if (b.failed) {
        finish_head(s, i, NULL, "out of memory sending the document to a worker process");
    } else if (send_message(w->fd, &b) != 0) {
        /* The worker is gone. Results it sent before dying are read first
         * (collect() meets the end of its stream after them); an idle one
         * is replaced now. This job never started: it goes again. */
        s->again[s->n_again++] = w->q[--w->nq];
        s->in_flight_cost -= cost;
        if (w->nq == 0) {
            reap(s, i, 1);
            respawn(s, i);
        }
    }
    zc_wire_buf_free(&b);
}

static void dispatch(sup_t *s)
{
    /* Idle workers first, then one job ahead for each busy one. */
    for (size_t depth = 0; depth < QUEUE_DEPTH; depth++)
        for (size_t i = 0; i < s->n && !s->stopped; i++)
            if (s->w[i].pid > 0 && s->w[i].nq == depth)
                send_one(s, i);
}

static void collect(sup_t *s, size_t i)
{
    size_t len;
    unsigned char *msg = read_message(s->w[i].fd, &len);
    if (!msg) {
        worker_died(s, i);
        return;
    }
    zc_wire_in_t in = {msg, len, 0, 0};
    void *result = s->ops->get_result(s->ctx, &in);
    free(msg);
    if (!result)
        finish_head(s, i, NULL, "a worker process sent a malformed result");
    else
        finish_head(s, i, result, NULL);
}

static void check_timeouts(sup_t *s)
{
    double limit = s->cfg->doc_timeout;
    if (limit <= 0)
        return;
    double t = now_s();
    for (size_t i = 0; i < s->n; i++) {
        worker_t *w = &s->w[i];
        if (w->nq == 0 || t - w->started < limit)
            continue;
        reap(s, i, 1);
        char why[200];
        if (s->slots[i].plugin[0])
            snprintf(why, sizeof why, "plugin %s took longer than --doc-timeout %g s (killed)",
                     s->slots[i].plugin, limit);
        else
            snprintf(why, sizeof why, "took longer than --doc-timeout %g s (killed)", limit);
        replace(s, i, why);
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

/* How long poll() may wait: until the nearest deadline, within a slice. */
static int poll_timeout(const sup_t *s)
{
    double wait = POLL_SLICE_MS / 1000.0;
    if (s->cfg->doc_timeout > 0) {
        double t = now_s();
        for (size_t i = 0; i < s->n; i++)
            if (s->w[i].nq) {
                double left = s->w[i].started + s->cfg->doc_timeout - t;
                if (left < wait)
                    wait = left > 0 ? left : 0;
            }
    }
    return (int)(wait * 1000) + 1;
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
    s.window = 4 * s.n;
    s.w = calloc(s.n, sizeof *s.w);
    s.ready = calloc(s.window, sizeof *s.ready);
    s.full = calloc(s.window, 1);
    s.again = calloc(2 * s.n * QUEUE_DEPTH + 2, sizeof *s.again);
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
            if (s.w[i].nq) {
                reap(&s, i, 1);
                for (size_t k = 0; k < s.w[i].nq; k++)
                    ops->free_job(ctx, s.w[i].q[k].job);
                s.w[i].nq = 0;
            } else if (s.w[i].pid > 0) {
                reap(&s, i, 0);
            }
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
    free(who);
    free(fds);
    free(s.again);
    free(s.full);
    free(s.ready);
    free(s.w);
    return s.failed ? -1 : 0;
}

/* proc_worker.c - a worker process: jobs in, outcomes out, several per
 * system call (proc_io.h). */
#define _GNU_SOURCE /* MSG_DONTWAIT */
#include "proc_worker.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "plugin_observer.h"

/* The outcomes held, as whole messages. The nudge handler sends them while
 * a document runs, so what it reads is volatile and it keeps off while the
 * main line changes them (busy). */
static struct {
    unsigned char *volatile data;
    volatile size_t len;
    size_t cap;
    volatile size_t held; /* outcomes in data */
    int fd;
} tx;
static volatile sig_atomic_t tx_busy, flush_asked;

static void send_held(void)
{
    if (tx.len && zc_msg_send_all(tx.fd, tx.data, tx.len) != 0)
        _exit(0); /* the supervisor is gone */
    tx.len = 0;
    tx.held = 0;
}

static void on_nudge(int sig)
{
    (void)sig;
    if (tx_busy) {
        flush_asked = 1; /* the main line sends when done */
        return;
    }
    int saved = errno;
    send_held();
    errno = saved;
}

static void flush_held(void)
{
    tx_busy = 1;
    atomic_signal_fence(memory_order_seq_cst);
    send_held();
    flush_asked = 0;
    atomic_signal_fence(memory_order_seq_cst);
    tx_busy = 0;
}

/* Add one framed outcome to those held. Returns 1 when they should go now,
 * 0 when not, -1 out of memory. */
static int hold(const zc_wire_buf_t *msg)
{
    int rc = 0;
    tx_busy = 1;
    atomic_signal_fence(memory_order_seq_cst);
    if (tx.cap - tx.len < msg->len) {
        size_t cap = tx.cap ? tx.cap : ZC_PROC_BATCH_BYTES;
        while (cap - tx.len < msg->len)
            cap *= 2;
        unsigned char *d = realloc(tx.data, cap);
        if (d) {
            tx.data = d;
            tx.cap = cap;
        } else {
            rc = -1;
        }
    }
    if (rc == 0) {
        memcpy(tx.data + tx.len, msg->data, msg->len);
        tx.len += msg->len;
        tx.held++;
    }
    int full = tx.held >= ZC_PROC_BATCH_DOCS || tx.len >= ZC_PROC_BATCH_BYTES || flush_asked;
    atomic_signal_fence(memory_order_seq_cst);
    tx_busy = 0;
    return rc < 0 ? rc : full;
}

static void note_plugin(void *user, const char *plugin)
{
    zc_proc_slot_t *s = user;
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

/* The next job's message, waiting for it when none has come; outcomes
 * held are sent first then (nothing else would send them). */
static void next_job(zc_msg_rx_t *rx, int fd, const unsigned char **p, size_t *n)
{
    while (!zc_msg_next(rx, p, n)) {
        if (tx.held) {
            /* A job may be in the socket already: then keep holding. */
            if (zc_msg_fill(rx, fd, MSG_DONTWAIT) > 0)
                continue;
            flush_held();
        }
        if (zc_msg_fill(rx, fd, 0) <= 0)
            _exit(0); /* closed: the run is over */
    }
}

_Noreturn void zc_proc_worker_main(const zc_proc_ops_t *ops, void *ctx, zc_proc_slot_t *slot,
                                   int fd)
{
    /* The supervisor handles ^C and SIGTERM for the whole run and kills
     * workers itself; a worker outliving a killed supervisor dies too. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    tx.fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_nudge;
    sa.sa_flags = SA_RESTART; /* a plugin's system calls go on */
    sigemptyset(&sa.sa_mask);
    sigaction(ZC_PROC_NUDGE_SIGNAL, &sa, NULL);
    zc_set_plugin_observer(note_plugin, slot);
    zc_msg_rx_t rx = {0};
    zc_wire_buf_t out = {0};
    for (;;) {
        const unsigned char *msg;
        size_t len;
        next_job(&rx, fd, &msg, &len);
        zc_wire_in_t in = {msg, len, 0, 0};
        uint64_t seq = zc_wire_get_u64(&in);
        if (in.bad)
            _exit(4);
        /* seq first: start_ns set means seq is the job's. */
        atomic_store(&slot->seq, seq);
        atomic_store(&slot->start_ns, zc_proc_now_ns());
        out.len = 0;
        out.failed = 0;
        size_t mark = zc_msg_begin(&out);
        ops->work(ctx, &in, &out);
        zc_msg_end(&out, mark);
        /* Out of memory: what is held goes, then this job is the one lost
         * (start_ns still names it). */
        int full = out.failed ? -1 : hold(&out);
        if (full < 0) {
            flush_held();
            _exit(3);
        }
        atomic_store(&slot->start_ns, 0);
        if (full)
            flush_held();
    }
}

/*
 * proc_worker.h - the loop of a worker process (proc_pool.h): run the jobs
 * the supervisor sends, in order, and send their outcomes back in order.
 */
#ifndef ZC_CLI_PROC_WORKER_H
#define ZC_CLI_PROC_WORKER_H

#include "proc_io.h"
#include "proc_pool.h"

/* Never returns: exits with _exit() when the supervisor closes the socket,
 * so that the stdio buffers and atexit handlers copied from the supervisor
 * are never run twice. A job message is its seq (8 bytes), then what
 * ops->put_job wrote; the worker writes seq into slot before running it. */
_Noreturn void zc_proc_worker_main(const zc_proc_ops_t *ops, void *ctx, zc_proc_slot_t *slot,
                                   int fd);

#endif

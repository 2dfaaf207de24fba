/*
 * proc_io.h - messages between the supervisor and a worker process, and
 * the memory slot they share (proc_pool.h).
 *
 * A message is its length (8 bytes, the machine's order), then its bytes.
 * Several go out in one send() and come in through a buffer, so that one
 * system call, and one wake-up of the reader, serve several documents:
 * on a virtual machine each costs tens of microseconds.
 */
#ifndef ZC_CLI_PROC_IO_H
#define ZC_CLI_PROC_IO_H

#include <stdatomic.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "result_wire.h"

#define ZC_PROC_PLUGIN_CAP 64

/* A worker holds the outcomes of finished documents and sends them
 * together: once it holds this many, or this many bytes of them, or has no
 * job left to start. The supervisor keeps up to twice as many jobs queued
 * at a worker, topping them up a batch at a time, so that the worker
 * never waits for its next job. */
#define ZC_PROC_BATCH_DOCS 8
#define ZC_PROC_BATCH_BYTES (128u << 10)
/* Sent by the supervisor to a worker that holds outcomes while a document
 * runs long: send them now (records of a finished document must not wait
 * for the next one). */
#define ZC_PROC_NUDGE_SIGNAL SIGUSR1
/* How long the running document may keep the held outcomes back. */
#define ZC_PROC_NUDGE_NS (10u * 1000u * 1000u)

/* Shared (MAP_SHARED) by a worker and the supervisor; written only by the
 * worker. seq and start_ns are read while it runs (the time limit), so
 * they are atomics (lock-free: they work across processes); the plugin's
 * name only once the worker is dead. */
typedef struct zc_proc_slot_t {
    _Atomic uint64_t seq;      /* the job it runs (or ran last) */
    _Atomic uint64_t start_ns; /* when that job started (CLOCK_MONOTONIC); 0: none runs */
    char plugin[ZC_PROC_PLUGIN_CAP];
} zc_proc_slot_t;

uint64_t zc_proc_now_ns(void);

/* Incoming bytes; a message is taken from them once it is complete. */
typedef struct zc_msg_rx_t {
    unsigned char *buf;
    size_t len, cap;
    size_t at; /* where the next message starts */
} zc_msg_rx_t;

/* One recv() (flags: 0, or MSG_DONTWAIT) of whatever has come, room made
 * for all of the message being read. Returns the bytes read, 0 at the end
 * of the stream, -1 at an error (errno; EAGAIN: nothing there). */
ssize_t zc_msg_fill(zc_msg_rx_t *rx, int fd, int flags);
/* The next complete message: 1 with its bytes (valid until the next
 * fill), 0 when none is complete yet. */
int zc_msg_next(zc_msg_rx_t *rx, const unsigned char **p, size_t *n);
void zc_msg_rx_free(zc_msg_rx_t *rx);

/* Framing into a buffer: begin reserves the length, end writes it. */
size_t zc_msg_begin(zc_wire_buf_t *b);
void zc_msg_end(zc_wire_buf_t *b, size_t mark);

/* All n bytes, whatever the interruptions (async-signal-safe: a worker
 * sends from a signal handler). Returns 0, or -1 when the peer is gone. */
int zc_msg_send_all(int fd, const void *p, size_t n);

#endif

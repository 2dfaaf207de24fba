/* proc_io.c - framed messages over a socket, read through a buffer. */
#define _GNU_SOURCE /* MSG_NOSIGNAL */
#include "proc_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* What one recv() asks for at least: a batch of outcomes, in one go. */
#define RX_MIN_READ (128u << 10)

uint64_t zc_proc_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

ssize_t zc_msg_fill(zc_msg_rx_t *rx, int fd, int flags)
{
    if (rx->at > 0) {
        /* Only the start of a message is left: move it to the front. */
        memmove(rx->buf, rx->buf + rx->at, rx->len - rx->at);
        rx->len -= rx->at;
        rx->at = 0;
    }
    size_t want = RX_MIN_READ;
    if (rx->len >= sizeof(uint64_t)) {
        uint64_t n;
        memcpy(&n, rx->buf, sizeof n);
        if (n > SIZE_MAX / 2) {
            errno = EPROTO;
            return -1;
        }
        size_t whole = (size_t)n + sizeof n;
        if (whole > rx->len && whole - rx->len > want)
            want = whole - rx->len;
    }
    if (rx->cap - rx->len < want) {
        size_t cap = rx->len + want;
        unsigned char *b = realloc(rx->buf, cap);
        if (!b)
            return -1;
        rx->buf = b;
        rx->cap = cap;
    }
    for (;;) {
        ssize_t k = recv(fd, rx->buf + rx->len, rx->cap - rx->len, flags);
        if (k < 0 && errno == EINTR)
            continue;
        if (k > 0)
            rx->len += (size_t)k;
        return k;
    }
}

int zc_msg_next(zc_msg_rx_t *rx, const unsigned char **p, size_t *n)
{
    size_t avail = rx->len - rx->at;
    uint64_t m;
    if (avail < sizeof m)
        return 0;
    memcpy(&m, rx->buf + rx->at, sizeof m);
    if (m > avail - sizeof m)
        return 0;
    *p = rx->buf + rx->at + sizeof m;
    *n = (size_t)m;
    rx->at += sizeof m + (size_t)m;
    if (rx->at == rx->len)
        rx->at = rx->len = 0;
    return 1;
}

void zc_msg_rx_free(zc_msg_rx_t *rx)
{
    free(rx->buf);
    memset(rx, 0, sizeof *rx);
}

size_t zc_msg_begin(zc_wire_buf_t *b)
{
    size_t mark = b->len;
    zc_wire_put_u64(b, 0);
    return mark;
}

void zc_msg_end(zc_wire_buf_t *b, size_t mark)
{
    if (b->failed)
        return;
    uint64_t n = b->len - mark - sizeof n;
    memcpy(b->data + mark, &n, sizeof n);
}

int zc_msg_send_all(int fd, const void *p, size_t n)
{
    const unsigned char *c = p;
    while (n > 0) {
        ssize_t k = send(fd, c, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

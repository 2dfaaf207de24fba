/* progress.c - the progress bar. */
#include "progress.h"

#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 24
#define REDRAW_SECONDS 0.1

double zc_seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

void zc_progress_start(zc_progress_t *p, FILE *out, int enable, size_t total_docs,
                       double total_bytes)
{
    memset(p, 0, sizeof *p);
    p->out = enable && out && isatty(fileno(out)) ? out : NULL;
    p->total_docs = total_docs;
    p->total_bytes = total_bytes;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last_draw = p->start;
}

static void format_eta(char *buf, size_t cap, double secs)
{
    if (secs < 0 || secs > 360000) {
        snprintf(buf, cap, "--:--");
        return;
    }
    unsigned long s = (unsigned long)(secs + 0.5);
    if (s >= 3600)
        snprintf(buf, cap, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, cap, "%lu:%02lu", s / 60, s % 60);
}

static void draw(zc_progress_t *p, size_t done_docs)
{
    double secs = zc_seconds_since(&p->start);
    double rate = secs > 0 ? p->done_bytes / 1e6 / secs : 0.0;
    /* \r and erase-to-end-of-line: the bar overwrites itself in place. */
    if (p->total_docs) {
        /* Progress by bytes when sizes are known (documents differ in size
         * by orders of magnitude), else by documents. */
        double frac = p->total_bytes > 0 ? p->done_bytes / p->total_bytes
                                         : (double)done_docs / (double)p->total_docs;
        if (frac > 1)
            frac = 1;
        char bar[BAR_WIDTH + 1];
        size_t fill = (size_t)(frac * BAR_WIDTH);
        for (size_t i = 0; i < BAR_WIDTH; i++)
            bar[i] = i < fill ? '#' : '-';
        bar[BAR_WIDTH] = '\0';
        char eta[32];
        format_eta(eta, sizeof eta, frac > 0 ? secs * (1 - frac) / frac : -1);
        fprintf(p->out, "\r\033[K[%s] %zu/%zu docs  %.1f MB/s  ETA %s", bar, done_docs,
                p->total_docs, rate, eta);
    } else {
        fprintf(p->out, "\r\033[K%zu docs  %.1f MB/s", done_docs, rate);
    }
    fflush(p->out);
    p->drawn = 1;
}

void zc_progress_step(zc_progress_t *p, size_t done_docs, double n_bytes)
{
    p->done_bytes += n_bytes;
    if (!p->out)
        return;
    if (zc_seconds_since(&p->last_draw) < REDRAW_SECONDS && p->drawn)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last_draw);
    draw(p, done_docs);
}

void zc_progress_clear(zc_progress_t *p)
{
    if (p->out && p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
        p->drawn = 0;
    }
}

void zc_progress_finish(zc_progress_t *p)
{
    zc_progress_clear(p);
    p->out = NULL;
}

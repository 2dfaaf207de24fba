/* stdin_stream.c - one job per input line. */
#include "stdin_stream.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "jsonl_reader.h"

void zc_stream_init(zc_stream_t *s, FILE *in)
{
    memset(s, 0, sizeof *s);
    s->in = in;
}

size_t zc_stream_line_limit(unsigned long max_bytes)
{
    const size_t slack = 1u << 20;
    if (max_bytes > (SIZE_MAX - slack) / 6)
        return 0;
    return (size_t)max_bytes * 6 + slack;
}

/* Read one line into s->buf (with its '\n', NUL-terminated), at most
 * max_line bytes of it; a longer one is read to its end and dropped.
 * Returns its length, -1 at the end of the stream or an error, or -2 for a
 * line over the limit. */
static ssize_t read_line(zc_stream_t *s)
{
    size_t n = 0;
    int over = 0, c = 0;
    while ((c = getc_unlocked(s->in)) != EOF) {
        if (!over) {
            if (s->max_line && n >= s->max_line) {
                over = 1;
            } else {
                if (n + 2 > s->cap) {
                    size_t cap = s->cap ? 2 * s->cap : 4096;
                    char *grown = realloc(s->buf, cap);
                    if (!grown) {
                        s->read_error = ENOMEM;
                        return -1;
                    }
                    s->buf = grown;
                    s->cap = cap;
                }
                s->buf[n++] = (char)c;
            }
        }
        if (c == '\n')
            break;
    }
    if (c == EOF && ferror(s->in)) {
        s->read_error = errno ? errno : EIO;
        return -1;
    }
    if (over)
        return -2;
    if (n == 0 && c == EOF)
        return -1;
    s->buf[n] = '\0';
    return (ssize_t)n;
}

int zc_stream_next(zc_stream_t *s, zc_doc_job_t **job)
{
    for (;;) {
        errno = 0;
        ssize_t len = read_line(s);
        if (len == -1)
            return s->read_error ? -1 : 0;
        s->line++;
        zc_doc_job_t *j = calloc(1, sizeof *j);
        if (!j)
            return -1;
        j->line = s->line;
        if (len == -2) {
            char why[160];
            snprintf(why, sizeof why, "line longer than %zu bytes (--max-bytes allows no "
                     "longer one); skipped unread", s->max_line);
            j->problem = strdup(why);
            if (!j->problem) {
                free(j);
                return -1;
            }
            *job = j;
            return 1;
        }
        if (zc_jsonl_blank(s->buf, (size_t)len)) {
            free(j);
            continue;
        }
        /* The job takes the buffer itself (no copy): the next line gets a
         * fresh one. */
        j->raw = s->buf;
        j->raw_len = (size_t)len;
        j->size_hint = (size_t)len;
        s->buf = NULL;
        s->cap = 0;
        *job = j;
        return 1;
    }
}

void zc_stream_free(zc_stream_t *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

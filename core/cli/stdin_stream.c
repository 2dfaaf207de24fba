/* stdin_stream.c - one job per input line. */
#include "stdin_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "jsonl_reader.h"

void zc_stream_init(zc_stream_t *s, FILE *in)
{
    memset(s, 0, sizeof *s);
    s->in = in;
}

int zc_stream_next(zc_stream_t *s, zc_doc_job_t **job)
{
    for (;;) {
        errno = 0;
        ssize_t len = getline(&s->buf, &s->cap, s->in);
        if (len < 0) {
            if (ferror(s->in)) {
                s->read_error = errno ? errno : EIO;
                return -1;
            }
            return 0;
        }
        s->line++;
        if (zc_jsonl_blank(s->buf, (size_t)len))
            continue;
        zc_doc_job_t *j = calloc(1, sizeof *j);
        /* The job gets its own copy: getline's buffer is reused for the
         * next line while a worker parses this one. */
        char *raw = malloc((size_t)len + 1);
        if (!j || !raw) {
            free(j);
            free(raw);
            return -1;
        }
        memcpy(raw, s->buf, (size_t)len + 1);
        j->raw = raw;
        j->raw_len = (size_t)len;
        j->size_hint = (size_t)len;
        j->line = s->line;
        *job = j;
        return 1;
    }
}

void zc_stream_free(zc_stream_t *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

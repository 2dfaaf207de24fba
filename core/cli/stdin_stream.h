/*
 * stdin_stream.h - documents from a stream of JSON lines (--stdin-jsonl).
 *
 * Each line is one object {"doc": "...", "text": "..."}; the line is handed
 * to a worker unparsed (parsing runs in parallel too) with its number, so a
 * bad line is reported as `stdin line 7: column 12: ...` and the stream
 * goes on. Blank lines are skipped. This is what lets zhclaim run as a
 * Hadoop Streaming mapper or a Spark pipe() stage.
 */
#ifndef ZC_CLI_STDIN_STREAM_H
#define ZC_CLI_STDIN_STREAM_H

#include <stdio.h>

#include "doc_task.h"

typedef struct zc_stream_t {
    FILE *in;
    size_t line;     /* lines read so far */
    char *buf;       /* getline's buffer, reused */
    size_t cap;
    int read_error;  /* errno of a failed read, else 0 */
    size_t max_line; /* a longer line is refused as it is read, never held
                        whole (0: no limit) */
} zc_stream_t;

/* The longest line that can hold a document of max_bytes: every byte of
 * text escaped (\u00XX, six bytes), plus room for the name and the other
 * members. */
size_t zc_stream_line_limit(unsigned long max_bytes);

void zc_stream_init(zc_stream_t *s, FILE *in);

/* The next line as a job (the caller's; zc_doc_job_free). Returns 1 for a
 * job, 0 at the end of the stream, -1 when memory ran out or reading
 * failed (read_error says why). */
int zc_stream_next(zc_stream_t *s, zc_doc_job_t **job);

void zc_stream_free(zc_stream_t *s);

#endif

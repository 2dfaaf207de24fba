/*
 * output_sink.h - where the extract command writes its records.
 *
 * stdout, or a file named with -o: a file is written under a temporary
 * name beside it and renamed into place only when the run completes, so a
 * crash never leaves a half-written file that looks complete.
 */
#ifndef ZC_CLI_OUTPUT_SINK_H
#define ZC_CLI_OUTPUT_SINK_H

#include <stdio.h>

#include "zhclaim/zhclaim.h"

typedef enum zc_format_t { ZC_FORMAT_JSONL, ZC_FORMAT_CSV } zc_format_t;

typedef struct zc_sink_t {
    zc_format_t format;
    FILE *out;
    char *final_path; /* NULL for stdout */
    char *tmp_path;
} zc_sink_t;

/* Parse "jsonl" / "json" / "csv". Returns 0, or -1 for an unknown name. */
int zc_format_parse(const char *name, zc_format_t *out);

/* Open the sink (path NULL or "-" for stdout). Returns 0 or -1 with a
 * message in err. */
int zc_sink_open(zc_sink_t *sink, zc_format_t format, const char *path,
                 zc_error_t *err);
/* Write a document's claims. Returns 0, or -1 on a write error. */
int zc_sink_write(zc_sink_t *sink, const zc_result_t *result);
/* Finish: flush, and rename a file into place when commit is set (else
 * remove the temporary file). Returns 0 or -1 with a message in err. */
int zc_sink_close(zc_sink_t *sink, int commit, zc_error_t *err);

#endif

/*
 * output_sink.h - where the extract command writes its records.
 *
 * JSON Lines or CSV to stdout, or to a file named with -o: such a file is
 * written under a temporary name beside it and renamed into place only when
 * the run completes, so a crash never leaves a half-written file that looks
 * complete. Or an SQLite database (sqlite_sink.h), which is valid at every
 * moment since it is written in transactions.
 */
#ifndef ZC_CLI_OUTPUT_SINK_H
#define ZC_CLI_OUTPUT_SINK_H

#include <stdio.h>

#include "doc_outcome.h"
#include "sqlite_sink.h"
#include "zhclaim/zhclaim.h"

typedef struct zc_sink_t {
    FILE *out;
    char *final_path; /* NULL for stdout, and for a device or pipe (-o
                         /dev/null), which is written in place */
    char *tmp_path;
    zc_sqlite_sink_t *db;
} zc_sink_t;

/* Parse "jsonl" / "json" / "csv" / "sqlite". Returns 0, or -1 for an
 * unknown name. */
int zc_format_parse(const char *name, zc_format_t *out);

/* Does an output file name ask for a database (*.sqlite, *.sqlite3, *.db)? */
int zc_format_is_db_name(const char *path);

/* Open the sink (path NULL or "-" for stdout; SQLite needs a path). resume
 * (SQLite only: the caller checks) keeps an existing database and its done
 * documents. Returns 0 or -1 with a message in err. */
int zc_sink_open(zc_sink_t *sink, zc_format_t format, const char *path,
                 int resume, zc_error_t *err);

/* Has a database sink already written a document of this name in this
 * run? Such a document is reported as failed rather than written over the
 * first (documents are keyed by name). Always 0 for JSON Lines and CSV.
 * Returns 1 or 0, or -1 with err set. */
int zc_sink_name_written(zc_sink_t *sink, const char *doc, zc_error_t *err);

/* Write one document: its rendered records, or its row and claims in the
 * database (failed documents too). Returns 0, or -1 with err set. */
int zc_sink_write(zc_sink_t *sink, const zc_doc_outcome_t *outcome, zc_error_t *err);

/* Is (doc, sha256) already done in the database being resumed? For
 * zc_task_env_t.is_done; thread-safe. */
int zc_sink_is_done(const void *sink, const char *doc, const char *sha256);

/* Finish: flush, and rename a file into place when commit is set (else
 * remove the temporary file); a database commits its last batch (else
 * rolls it back). Returns 0 or -1 with a message in err. */
int zc_sink_close(zc_sink_t *sink, int commit, zc_error_t *err);

#endif

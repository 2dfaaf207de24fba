/*
 * sqlite_sink.h - records into an SQLite database (`--format sqlite`).
 *
 *   documents(id, path UNIQUE, bytes, encoding, sha256, status, error,
 *             claim_count)          status: 'done' or 'failed'
 *   claims(id, document_id -> documents.id, seq, kind, plugin, start_byte,
 *          end_byte, text, value, unit, approx, range_low, range_high,
 *          subject, metric, "from", sentence)
 *   records: a view giving the JSON Lines fields, in output order
 *
 * Indexed on claims.kind and claims.document_id. Documents are written in
 * transactions of a batch each, so a run that is killed leaves a valid
 * database holding every document of the batches committed, each complete.
 * A document written again by a later run (a resumed run retrying a
 * failure, or a file whose content changed) replaces its row and claims in
 * place; within one run a name is written once (zc_sqlite_written).
 *
 * One thread writes; zc_sqlite_is_done may be called from any number of
 * threads, since it only reads a set loaded at open.
 */
#ifndef ZC_CLI_SQLITE_SINK_H
#define ZC_CLI_SQLITE_SINK_H

#include "doc_outcome.h"

typedef struct zc_sqlite_sink_t zc_sqlite_sink_t;

/* Open path. A path that exists and is not a regular file (a FIFO, a
 * device, a symbolic link) is refused. Without resume, an existing file
 * there is replaced (as -o replaces a JSON Lines file); with resume, an existing zhclaim database
 * is kept and its done documents are loaded for zc_sqlite_is_done. Returns
 * NULL with a message naming path in err. */
zc_sqlite_sink_t *zc_sqlite_open(const char *path, int resume, zc_error_t *err);

/* Was a document of this name (NULL: never) already written in this run?
 * Returns 1 or 0, or -1 with err set. */
int zc_sqlite_written(zc_sqlite_sink_t *db, const char *doc, zc_error_t *err);

/* Write one document's row and claims. Returns 0, or -1 with err set. */
int zc_sqlite_write(zc_sqlite_sink_t *db, const zc_doc_outcome_t *o, zc_error_t *err);

/* Was doc, with this content, recorded as done when the sink opened? */
int zc_sqlite_is_done(const void *db, const char *doc, const char *sha256);

/* The documents recorded in the database (by this run or an earlier one)
 * whose path is none of paths[0, n), this run's: files deleted or renamed
 * since an earlier run. With prune they are deleted with their claims, in
 * the open batch; otherwise only counted. *stale is how many. Returns 0,
 * or -1 with err set. */
int zc_sqlite_stale(zc_sqlite_sink_t *db, const char *const *paths, size_t n, int prune,
                    size_t *stale, zc_error_t *err);

/* Commit what was written (commit) or roll back the open batch, and close.
 * The sink is freed either way. Returns 0, or -1 with err set. */
int zc_sqlite_close(zc_sqlite_sink_t *db, int commit, zc_error_t *err);

#endif

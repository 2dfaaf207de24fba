/* sqlite_sink.c - the documents and claims tables, batch by batch. */
#include "sqlite_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "decimal.h"
#include "error.h"
#include "progress.h"

/* 'zhcl': tells our databases from others, so --resume never writes into
 * a database it did not make. */
#define ZC_DB_APPLICATION_ID 0x7a68636c
/* 2: claims gained the exact decimal text columns (value_text, ...). */
#define ZC_DB_SCHEMA_VERSION 2

/* A transaction is committed after this many documents or this long,
 * whichever comes first: few enough commits to be fast, often enough that
 * a killed run loses little. */
#define BATCH_DOCUMENTS 256
#define BATCH_SECONDS 1.0

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL UNIQUE,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  encoding TEXT,\n"
    "  sha256 TEXT,\n"
    "  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),\n"
    "  error TEXT,\n"
    "  claim_count INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);\n"
    "CREATE TABLE IF NOT EXISTS claims(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  plugin TEXT NOT NULL,\n"
    "  start_byte INTEGER NOT NULL,\n"
    "  end_byte INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  value NUMERIC NOT NULL,\n"
    "  unit TEXT NOT NULL,\n"
    "  approx TEXT NOT NULL,\n"
    "  range_low NUMERIC,\n"
    "  range_high NUMERIC,\n"
    "  subject TEXT,\n"
    "  metric TEXT,\n"
    "  \"from\" NUMERIC,\n"
    "  sentence TEXT,\n"
    /* The exact decimal text of each number: a REAL holds 15-17 digits,
     * a value such as 12345678901234567 or 0.12345678901234567 does not
     * survive it. The NUMERIC columns stay for arithmetic and old queries. */
    "  value_text TEXT NOT NULL,\n"
    "  range_low_text TEXT,\n"
    "  range_high_text TEXT,\n"
    "  from_text TEXT,\n"
    "  page INTEGER, x0 REAL, y0 REAL, x1 REAL, y1 REAL);\n"
    "CREATE INDEX IF NOT EXISTS claims_kind ON claims(kind);\n"
    "CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id, seq);\n"
    "CREATE VIEW IF NOT EXISTS records AS\n"
    "  SELECT d.path AS doc, c.kind, c.plugin, c.start_byte, c.end_byte, c.text,\n"
    "         c.value, c.unit, c.approx, c.range_low, c.range_high, c.subject,\n"
    "         c.metric, c.\"from\", c.sentence, c.value_text, c.range_low_text,\n"
    "         c.range_high_text, c.from_text, c.page, c.x0, c.y0, c.x1, c.y1\n"
    "  FROM claims c JOIN documents d ON d.id = c.document_id\n"
    "  ORDER BY d.id, c.seq;\n";

typedef struct done_key_t {
    char sha256[ZC_SHA256_HEX_LEN + 1];
    char *path;
} done_key_t;

struct zc_sqlite_sink_t {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *upsert_doc;
    sqlite3_stmt *doc_id;
    sqlite3_stmt *delete_claims;
    sqlite3_stmt *insert_claim;
    sqlite3_stmt *is_written;   /* temp.written: the names written this run */
    sqlite3_stmt *mark_written;
    int in_batch;
    size_t batch_docs;
    struct timespec batch_start;
    done_key_t *done; /* sorted; read-only once open returns */
    size_t n_done;
    int lock_fd;      /* the database file, flock()ed for the whole run */
};

static int db_fail(zc_sqlite_sink_t *s, zc_error_t *err, const char *what)
{
    zc_error_set(err, ZC_ERR_IO, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
    return -1;
}

static int exec(zc_sqlite_sink_t *s, const char *sql, zc_error_t *err, const char *what);

/* A database written before claims had places gets their columns, and the
 * view is made again to show them. */
static const char add_places_sql[] =
    "ALTER TABLE claims ADD COLUMN page INTEGER;\n"
    "ALTER TABLE claims ADD COLUMN x0 REAL;\n"
    "ALTER TABLE claims ADD COLUMN y0 REAL;\n"
    "ALTER TABLE claims ADD COLUMN x1 REAL;\n"
    "ALTER TABLE claims ADD COLUMN y1 REAL;\n"
    "DROP VIEW IF EXISTS records;\n";

static int add_places(zc_sqlite_sink_t *s, zc_error_t *err)
{
    sqlite3_stmt *probe = NULL;
    int has = sqlite3_prepare_v2(s->db, "SELECT page FROM claims LIMIT 0", -1, &probe,
                                 NULL) == SQLITE_OK;
    sqlite3_finalize(probe);
    if (has)
        return 0;
    return exec(s, add_places_sql, err, "cannot add the page and bbox columns") != 0 ||
                   exec(s, schema_sql, err, "cannot create the tables") != 0
               ? -1
               : 0;
}

static int exec(zc_sqlite_sink_t *s, const char *sql, zc_error_t *err, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        zc_error_set(err, ZC_ERR_IO, "%s: %s: %s", s->path, what, msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int pragma_int(zc_sqlite_sink_t *s, const char *sql, long long *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int cmp_done(const void *pa, const void *pb)
{
    const done_key_t *a = pa, *b = pb;
    int c = strcmp(a->sha256, b->sha256);
    return c ? c : strcmp(a->path, b->path);
}

static void free_done(zc_sqlite_sink_t *s)
{
    for (size_t i = 0; i < s->n_done; i++)
        free(s->done[i].path);
    free(s->done);
    s->done = NULL;
    s->n_done = 0;
}

/* The (path, sha256) of every document recorded as done, for --resume. A
 * document is identified by both: a changed file is done again, and a copy
 * of a done file under another path is still recorded under its own. */
static int load_done(zc_sqlite_sink_t *s, zc_error_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT path, sha256 FROM documents "
                           "WHERE status = 'done' AND length(sha256) = 64",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot read the documents done");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (s->n_done == cap) {
            cap = cap ? cap * 2 : 256;
            done_key_t *g = realloc(s->done, cap * sizeof *g);
            if (!g)
                break;
            s->done = g;
        }
        done_key_t *k = &s->done[s->n_done];
        memcpy(k->sha256, sqlite3_column_text(st, 1), ZC_SHA256_HEX_LEN + 1);
        k->path = strdup((const char *)sqlite3_column_text(st, 0));
        if (!k->path)
            break;
        s->n_done++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_ROW)
            zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory reading the documents done",
                         s->path);
        else
            db_fail(s, err, "cannot read the documents done");
        return -1;
    }
    if (s->done)
        qsort(s->done, s->n_done, sizeof *s->done, cmp_done);
    return 0;
}

int zc_sqlite_is_done(const void *sink, const char *doc, const char *sha256)
{
    const zc_sqlite_sink_t *s = sink;
    if (!s->n_done || !doc || strlen(sha256) != ZC_SHA256_HEX_LEN)
        return 0;
    done_key_t key;
    memcpy(key.sha256, sha256, ZC_SHA256_HEX_LEN + 1);
    key.path = (char *)doc; /* only compared */
    return bsearch(&key, s->done, s->n_done, sizeof *s->done, cmp_done) != NULL;
}

/* Refuse a path that exists and is not a regular file (a FIFO, a device,
 * a folder, a symbolic link): the database is never written through it,
 * and replacing it would destroy it (-o /dev/null as root). */
static int check_regular(const char *path, zc_error_t *err)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        zc_error_set(err, ZC_ERR_IO, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        zc_error_set(err, ZC_ERR_IO, "%s: not a regular file", path);
        return -1;
    }
    return 0;
}

/* The files SQLite keeps beside a database: a stale journal or WAL from
 * another database must not be replayed into a new one. Only regular files
 * are removed, and a missing one is no error (on a read-only file system
 * unlink() of a missing file says EROFS, not ENOENT). */
static int remove_sidecars(const char *path, zc_error_t *err)
{
    static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char name[4096];
        struct stat st;
        if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffixes[i]) >= sizeof name) {
            zc_error_set(err, ZC_ERR_IO, "%s: path too long", path);
            return -1;
        }
        if (lstat(name, &st) != 0 && errno == ENOENT)
            continue;
        if (check_regular(name, err) != 0)
            return -1;
        if (unlink(name) != 0 && errno != ENOENT) {
            zc_error_set(err, ZC_ERR_IO, "%s: cannot remove the old %s: %s", name,
                         suffixes[i] + 1, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Take the database for this run: open (or create) it and hold an
 * exclusive flock() on it until the sink closes, so a second run on the
 * same file is refused instead of unlinking the database the first one is
 * filling (whose documents would then vanish while it reports success).
 * flock() and the fcntl() locks SQLite takes do not interact on Linux.
 * Without resume the old contents are cut, in the same inode, only once
 * the lock is held: an empty file is a new database to SQLite. */
static int lock_database(const char *path, int resume, int *fd_out, zc_error_t *err)
{
    struct stat st;
    int existed = lstat(path, &st) == 0;
    if (check_regular(path, err) != 0)
        return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) {
        zc_error_set(err, ZC_ERR_IO, "%s: cannot %s: %s", path,
                     existed ? "open for writing" : "create", strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            zc_error_set(err, ZC_ERR_IO,
                         "%s: in use by another zhclaim run (the database is locked); "
                         "not written", path);
        else
            zc_error_set(err, ZC_ERR_IO, "%s: cannot lock: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!resume && remove_sidecars(path, err) != 0) {
        close(fd);
        return -1;
    }
    if (!resume && ftruncate(fd, 0) != 0) {
        zc_error_set(err, ZC_ERR_IO, "%s: cannot replace: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    *fd_out = fd;
    return 0;
}

static int prepare(zc_sqlite_sink_t *s, zc_error_t *err)
{
    static const char upsert[] =
        "INSERT INTO documents(path, bytes, encoding, sha256, status, error, claim_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT(path) DO UPDATE SET bytes = excluded.bytes,"
        " encoding = excluded.encoding, sha256 = excluded.sha256,"
        " status = excluded.status, error = excluded.error,"
        " claim_count = excluded.claim_count";
    static const char insert[] =
        "INSERT INTO claims(document_id, seq, kind, plugin, start_byte, end_byte, text,"
        " value, unit, approx, range_low, range_high, subject, metric, \"from\", sentence,"
        " value_text, range_low_text, range_high_text, from_text, page, x0, y0, x1, y1)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
        " ?8, ?11, ?12, ?15, ?17, ?18, ?19, ?20, ?21)";
    if (sqlite3_prepare_v2(s->db, upsert, -1, &s->upsert_doc, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id FROM documents WHERE path = ?1", -1,
                           &s->doc_id, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "DELETE FROM claims WHERE document_id = ?1", -1,
                           &s->delete_claims, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, insert, -1, &s->insert_claim, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT 1 FROM temp.written WHERE path = ?1", -1,
                           &s->is_written, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "INSERT INTO temp.written(path) VALUES(?1)", -1,
                           &s->mark_written, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot prepare statements");
    return 0;
}

static void free_sink(zc_sqlite_sink_t *s)
{
    sqlite3_finalize(s->upsert_doc);
    sqlite3_finalize(s->doc_id);
    sqlite3_finalize(s->delete_claims);
    sqlite3_finalize(s->insert_claim);
    sqlite3_finalize(s->is_written);
    sqlite3_finalize(s->mark_written);
    sqlite3_close(s->db);
    /* Only after SQLite let go of the file: closing a descriptor of it
     * drops the process's fcntl() locks on it. */
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    free_done(s);
    free(s->path);
    free(s);
}

zc_sqlite_sink_t *zc_sqlite_open(const char *path, int resume, zc_error_t *err)
{
    int lock_fd;
    if (lock_database(path, resume, &lock_fd, err) != 0)
        return NULL;
    zc_sqlite_sink_t *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        close(lock_fd);
        zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    s->lock_fd = lock_fd;
    /* One emit() at a time touches the connection (results reach the sink
     * one at a time, in document order), so SQLite's own mutexes are not
     * needed. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        db_fail(s, err, "cannot open the database");
        free_sink(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    long long app = 0, version = 0, tables = 0;
    if (pragma_int(s, "PRAGMA application_id", &app) != 0 ||
        pragma_int(s, "PRAGMA user_version", &version) != 0 ||
        pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables) != 0) {
        db_fail(s, err, "not a readable SQLite database");
        free_sink(s);
        return NULL;
    }
    if (tables > 0 && (app != ZC_DB_APPLICATION_ID || version != ZC_DB_SCHEMA_VERSION)) {
        zc_error_set(err, ZC_ERR_IO,
                     "%s: not a zhclaim database (or another schema version); "
                     "not resuming into it", path);
        free_sink(s);
        return NULL;
    }
    /* WAL: commits append to a log instead of rewriting pages, and readers
     * may watch the database fill. synchronous=NORMAL: a commit survives the
     * process being killed (the point of batches); only a power cut may
     * lose the last ones, never consistency. */
    char setup[256];
    snprintf(setup, sizeof setup,
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
             " PRAGMA foreign_keys = ON; PRAGMA application_id = %d;"
             " PRAGMA user_version = %d;",
             ZC_DB_APPLICATION_ID, ZC_DB_SCHEMA_VERSION);
    /* The names written in this run, in a temporary table (SQLite keeps
     * it in a file past its cache, so memory stays flat however many
     * documents): a second document of the same name must not replace the
     * first (two stream lines with one "doc"). */
    if (exec(s, setup, err, "cannot set up the database") != 0 ||
        exec(s, schema_sql, err, "cannot create the tables") != 0 ||
        add_places(s, err) != 0 ||
        exec(s, "CREATE TEMP TABLE written(path TEXT PRIMARY KEY) WITHOUT ROWID", err,
             "cannot create a temporary table") != 0 ||
        prepare(s, err) != 0 || (resume && load_done(s, err) != 0)) {
        free_sink(s);
        return NULL;
    }
    return s;
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    /* SQLITE_STATIC: every string outlives the step that reads it. */
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* A decimal goes in as its exact text; the NUMERIC column stores it as an
 * integer or a real, as JSON readers would read it. */
static int bind_decimal(sqlite3_stmt *st, int i, int present, zc_decimal_t d)
{
    if (!present)
        return sqlite3_bind_null(st, i);
    char buf[ZC_DECIMAL_TEXT_MAX + 1]; /* longer values are refused upstream */
    zc_decimal_format(d, buf, sizeof buf);
    return sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int insert_claims(zc_sqlite_sink_t *s, sqlite3_int64 id, const zc_result_t *r)
{
    sqlite3_stmt *st = s->insert_claim;
    for (size_t i = 0; i < r->n_claims; i++) {
        const zc_claim_t *c = &r->claims[i];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        bind_text(st, 3, c->kind);
        bind_text(st, 4, c->plugin);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)c->start_byte);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)c->end_byte);
        bind_text(st, 7, c->text);
        bind_decimal(st, 8, 1, c->value);
        bind_text(st, 9, c->unit);
        bind_text(st, 10, zc_approx_symbol(c->approx));
        bind_decimal(st, 11, c->has_range, c->range_low);
        bind_decimal(st, 12, c->has_range, c->range_high);
        bind_text(st, 13, c->subject);
        bind_text(st, 14, c->metric);
        bind_decimal(st, 15, c->has_from, c->from);
        bind_text(st, 16, c->sentence);
        /* Unbound parameters are NULL: a claim without a place has none. */
        const zc_claim_place_t *pl = r->places ? &r->places[i] : NULL;
        if (pl && pl->page != 0) {
            sqlite3_bind_int64(st, 17, (sqlite3_int64)pl->page);
            for (int k = 0; pl->has_bbox && k < 4; k++)
                sqlite3_bind_double(st, 18 + k, pl->bbox[k]);
        }
        if (step_done(st) != 0)
            return -1;
    }
    return 0;
}

static int commit_batch(zc_sqlite_sink_t *s, zc_error_t *err)
{
    if (!s->in_batch)
        return 0;
    s->in_batch = 0;
    return exec(s, "COMMIT", err, "cannot commit");
}

int zc_sqlite_written(zc_sqlite_sink_t *s, const char *doc, zc_error_t *err)
{
    if (!doc)
        return 0;
    bind_text(s->is_written, 1, doc);
    int rc = sqlite3_step(s->is_written);
    sqlite3_reset(s->is_written);
    sqlite3_clear_bindings(s->is_written);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return db_fail(s, err, "cannot look up the documents written");
}

/* Open a batch's transaction unless one is open. 0, or -1 with err set. */
static int begin_batch(zc_sqlite_sink_t *s, zc_error_t *err)
{
    if (s->in_batch)
        return 0;
    if (exec(s, "BEGIN", err, "cannot begin a transaction") != 0)
        return -1;
    s->in_batch = 1;
    s->batch_docs = 0;
    clock_gettime(CLOCK_MONOTONIC, &s->batch_start);
    return 0;
}

int zc_sqlite_write(zc_sqlite_sink_t *s, const zc_doc_outcome_t *o, zc_error_t *err)
{
    if (!o->doc)
        return 0; /* an input line with no usable name: nothing to key it by */
    if (begin_batch(s, err) != 0)
        return -1;
    const zc_result_t *r = o->result;
    sqlite3_stmt *st = s->upsert_doc;
    bind_text(st, 1, o->doc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)o->n_bytes);
    bind_text(st, 3, o->encoding);
    bind_text(st, 4, o->sha256[0] ? o->sha256 : NULL);
    bind_text(st, 5, zc_doc_status_name(o->status));
    bind_text(st, 6, o->error);
    sqlite3_bind_int64(st, 7, r ? (sqlite3_int64)r->n_claims : 0);
    if (step_done(st) != 0)
        return db_fail(s, err, "cannot write a document row");
    /* The row's id, whether it was just inserted or already there. */
    bind_text(s->doc_id, 1, o->doc);
    if (sqlite3_step(s->doc_id) != SQLITE_ROW) {
        sqlite3_reset(s->doc_id);
        return db_fail(s, err, "cannot read a document id");
    }
    sqlite3_int64 id = sqlite3_column_int64(s->doc_id, 0);
    sqlite3_reset(s->doc_id);
    sqlite3_clear_bindings(s->doc_id);
    sqlite3_bind_int64(s->delete_claims, 1, id);
    if (step_done(s->delete_claims) != 0)
        return db_fail(s, err, "cannot replace a document's claims");
    if (r && insert_claims(s, id, r) != 0)
        return db_fail(s, err, "cannot write a claim");
    bind_text(s->mark_written, 1, o->doc);
    if (step_done(s->mark_written) != 0)
        return db_fail(s, err, "cannot note a document written");
    s->batch_docs++;
    if (s->batch_docs >= BATCH_DOCUMENTS || zc_seconds_since(&s->batch_start) >= BATCH_SECONDS)
        return commit_batch(s, err);
    return 0;
}

int zc_sqlite_stale(zc_sqlite_sink_t *s, const char *const *paths, size_t n, int prune,
                    size_t *stale, zc_error_t *err)
{
    *stale = 0;
    if (exec(s, "CREATE TEMP TABLE IF NOT EXISTS run_paths(path TEXT PRIMARY KEY) WITHOUT ROWID",
             err, "cannot list the run's documents") != 0)
        return -1;
    if (begin_batch(s, err) != 0)
        return -1;
    sqlite3_stmt *add = NULL, *query = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO temp.run_paths(path) VALUES(?1)", -1,
                           &add, NULL) != SQLITE_OK)
        goto done;
    for (size_t i = 0; i < n; i++) {
        bind_text(add, 1, paths[i]);
        int step = sqlite3_step(add);
        sqlite3_reset(add);
        if (step != SQLITE_DONE)
            goto done;
    }
    /* Pruned, the claims go with their documents (ON DELETE CASCADE). */
    const char *sql = prune
        ? "DELETE FROM documents WHERE path NOT IN (SELECT path FROM temp.run_paths)"
        : "SELECT count(*) FROM documents WHERE path NOT IN (SELECT path FROM temp.run_paths)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &query, NULL) != SQLITE_OK)
        goto done;
    int step = sqlite3_step(query);
    if (prune && step == SQLITE_DONE)
        *stale = (size_t)sqlite3_changes(s->db);
    else if (!prune && step == SQLITE_ROW)
        *stale = (size_t)sqlite3_column_int64(query, 0);
    else
        goto done;
    rc = 0;
done:
    if (rc != 0)
        db_fail(s, err, prune ? "cannot prune" : "cannot count the documents of earlier runs");
    sqlite3_finalize(add);
    sqlite3_finalize(query);
    return rc;
}

int zc_sqlite_close(zc_sqlite_sink_t *s, int commit, zc_error_t *err)
{
    int rc = 0;
    if (commit)
        rc = commit_batch(s, err);
    else if (s->in_batch)
        exec(s, "ROLLBACK", NULL, "rollback");
    free_sink(s);
    return rc;
}

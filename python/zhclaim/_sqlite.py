"""The runner's SQLite output: the tables core/cli/sqlite_sink.c writes.

Same schema (the SQL below is the command's, character for character, so
the two databases dump alike), same pragmas, same rows, committed in
batches of 256 documents or one second like the command's.
"""
import os
import sqlite3
import stat
import time


APPLICATION_ID = 0x7A68636C  # 'zhcl'
SCHEMA_VERSION = 2  # core/cli/sqlite_sink.c ZC_DB_SCHEMA_VERSION
BATCH_DOCUMENTS = 256
BATCH_SECONDS = 1.0

SCHEMA_SQL = (
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
    "  ORDER BY d.id, c.seq;\n")

_UPSERT = ("INSERT INTO documents(path, bytes, encoding, sha256, status, error, claim_count)"
           " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"
           " ON CONFLICT(path) DO UPDATE SET bytes = excluded.bytes,"
           " encoding = excluded.encoding, sha256 = excluded.sha256,"
           " status = excluded.status, error = excluded.error,"
           " claim_count = excluded.claim_count")
# The *_text columns take the exact decimal text bound to the NUMERIC ones
# (?8, ?11, ?12, ?15), as the command binds them.
_INSERT = ("INSERT INTO claims(document_id, seq, kind, plugin, start_byte, end_byte, text,"
           " value, unit, approx, range_low, range_high, subject, metric, \"from\", sentence,"
           " value_text, range_low_text, range_high_text, from_text, page, x0, y0, x1, y1)"
           " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
           " ?8, ?11, ?12, ?15, ?17, ?18, ?19, ?20, ?21)")


class SinkError(Exception):
    pass


def _remove_old(path):
    # The database and the files SQLite keeps beside it; only regular files.
    for suffix in ("", "-journal", "-wal", "-shm"):
        name = path + suffix
        try:
            st = os.lstat(name)
        except FileNotFoundError:
            continue
        except OSError as e:
            raise SinkError("%s: %s" % (name, os.strerror(e.errno)))
        if not stat.S_ISREG(st.st_mode):
            raise SinkError("%s: not a regular file" % name)
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise SinkError("%s: cannot replace: %s" % (name, os.strerror(e.errno)))


class SqliteSink:
    def __init__(self, path):
        self.path = path
        _remove_old(path)
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 5000")
            self.db.executescript(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                " PRAGMA foreign_keys = ON; PRAGMA application_id = %d;"
                " PRAGMA user_version = %d;" % (APPLICATION_ID, SCHEMA_VERSION))
            self.db.executescript(SCHEMA_SQL)
        except sqlite3.Error as e:
            raise SinkError("%s: cannot create the tables: %s" % (path, e))
        self.in_batch = False
        self.batch_docs = 0
        self.batch_start = 0.0

    def write(self, o):
        try:
            if not self.in_batch:
                self.db.execute("BEGIN")
                self.in_batch = True
                self.batch_docs = 0
                self.batch_start = time.monotonic()
            status = "failed" if o.error is not None else "done"
            self.db.execute(_UPSERT, (o.doc, o.n_bytes, o.encoding, o.sha256, status,
                                      o.error, o.n_claims if o.has_result else 0))
            doc_id = self.db.execute("SELECT id FROM documents WHERE path = ?1",
                                     (o.doc,)).fetchone()[0]
            self.db.execute("DELETE FROM claims WHERE document_id = ?1", (doc_id,))
            if o.payload:
                self.db.executemany(_INSERT, [(doc_id,) + row for row in o.payload])
            self.batch_docs += 1
            if (self.batch_docs >= BATCH_DOCUMENTS
                    or time.monotonic() - self.batch_start >= BATCH_SECONDS):
                self._commit()
        except sqlite3.Error as e:
            raise SinkError("%s: cannot write a document: %s" % (self.path, e))

    def _commit(self):
        if self.in_batch:
            self.in_batch = False
            self.db.execute("COMMIT")

    def close(self, commit=True):
        try:
            if commit:
                self._commit()
            elif self.in_batch:
                self.db.execute("ROLLBACK")
        except sqlite3.Error as e:
            raise SinkError("%s: cannot commit: %s" % (self.path, e))
        finally:
            self.db.close()

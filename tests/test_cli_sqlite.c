/* test_cli_sqlite.c - `zhclaim extract --format sqlite`: the tables hold
 * what the JSON Lines hold, failed documents have their status and error,
 * a killed run leaves a valid database, and --resume after it ends with the
 * same database as a run never interrupted. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY

/* Good documents plus one binary and one undecodable file. */
static char *folder(size_t paragraphs)
{
    char *dir = zc_test_tmpdir();
    char *docs = fmt("%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    if (paragraphs)
        paragraph_docs(docs, paragraphs);
    else
        copy_corpus(docs, 2);
    char *p = fmt("%s/bin.txt", docs);
    zc_test_write_file(p, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0", 15);
    free(p);
    p = fmt("%s/p9999.txt", docs);
    zc_test_write_file(p, "\xe4\xb8\xad\x80\xff 5%", 8);
    free(p);
    free(docs);
    return dir;
}

static void sqlite_holds_what_jsonl_holds(void **state)
{
    (void)state;
    char *dir = folder(0);
    assert_int_equal(run(NULL, "%s extract -q -j2 -o '%s/out.jsonl' '%s/docs' 2>/dev/null",
                         Z, dir, dir), 1);
    /* A .db name means SQLite. */
    assert_int_equal(run(NULL, "%s extract -q -j2 -o '%s/out.db' '%s/docs' 2>/dev/null",
                         Z, dir, dir), 1);
    char *out = NULL;
    int rc = run(&out, "%s same '%s/out.db' '%s/out.jsonl' 2>&1", DB_TOOL, dir, dir);
    if (rc != 0)
        fail_msg("%s", out);
    free(out);
    /* Claim counts by kind, as the JSON Lines count them. */
    char *kinds_db = NULL, *kinds_jsonl = NULL;
    assert_int_equal(run(&kinds_db, "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                                    "[print(k, n) for k, n in c.execute('SELECT kind, count(*) FROM "
                                    "claims GROUP BY kind ORDER BY kind')]\" '%s/out.db'", dir), 0);
    assert_int_equal(run(&kinds_jsonl, "grep -o '\"kind\":\"[a-z]*\"' '%s/out.jsonl' | sort | uniq -c "
                                       "| awk '{print substr($2, 9, length($2) - 9), $1}'", dir), 0);
    assert_string_equal(kinds_db, kinds_jsonl);
    assert_true(strlen(kinds_db) > 0);
    free(kinds_db);
    free(kinds_jsonl);
    /* Every document has a row; the failed ones say why. */
    char *docs = NULL;
    assert_int_equal(run(&docs, "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                                "[print(*r, sep='|') for r in c.execute('SELECT path, status, error, "
                                "length(sha256), encoding FROM documents ORDER BY id')]\" '%s/out.db'",
                         dir), 0);
    size_t n;
    free_names(corpus_names(&n));
    /* Two copies of each corpus document, bin.txt and p9999.txt. */
    assert_int_equal(count_lines(docs), 2 * n + 2);
    assert_non_null(strstr(docs, "docs/bin.txt|failed|binary content"));
    assert_non_null(strstr(docs, "docs/p9999.txt|failed|not in a known encoding"));
    assert_non_null(strstr(docs, "docs/c00_000_85037711d64bb8ac.txt|done|None|64|UTF-8"));
    free(docs);
    /* --format sqlite needs a file; --format jsonl wins over a .db name. */
    assert_int_equal(run(NULL, "%s extract -q --format sqlite '%s/docs' 2>/dev/null", Z, dir), 2);
    assert_int_equal(run(NULL, "%s extract -q --format jsonl -o '%s/x.db' '%s/docs' 2>/dev/null",
                         Z, dir, dir), 1);
    char *head = NULL;
    assert_int_equal(run(&head, "head -c 7 '%s/x.db'", dir), 0);
    assert_string_equal(head, "{\"doc\":");
    free(head);
    zc_test_remove_tree(dir);
    free(dir);
}

static char *dump(const char *db)
{
    char *out = NULL;
    assert_int_equal(run(&out, "%s dump '%s'", DB_TOOL, db), 0);
    return out;
}

static void resume_after_a_kill_gives_the_same_database(void **state)
{
    (void)state;
    /* Enough small documents for more than one batch (256 documents or a
     * second), killed with some written and an open batch lost. */
    char *dir = folder(300);
    assert_int_equal(run(NULL, "%s extract -q -j2 -o '%s/full.db' '%s/docs' 2>/dev/null",
                         Z, dir, dir), 1);
    assert_int_equal(run(NULL, "ZHCLAIM_TEST_KILL_AFTER=290 %s extract -q -j2 -o '%s/part.db' "
                               "'%s/docs' 2>/dev/null", Z, dir, dir), 128 + SIGKILL);
    char *count = NULL;
    assert_int_equal(run(&count, "%s check '%s/part.db'", DB_TOOL, dir), 0);
    unsigned long n = strtoul(count, NULL, 10);
    free(count);
    /* Valid, and part-way: some batches committed, the last one lost. */
    assert_true(n > 0);
    assert_true(n < 290);
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract -j2 --resume -o '%s/part.db' '%s/docs' 2>&1 "
                               ">/dev/null", Z, dir, dir), 1);
    /* The documents done before the kill were skipped, not redone; bin.txt
     * (first in order, so among them) failed and is tried again. */
    char *skipped = fmt(", %lu already done", n - 1);
    if (!strstr(err, skipped))
        fail_msg("expected '%s' in: %s", skipped, err);
    free(skipped);
    free(err);
    char *full_db = fmt("%s/full.db", dir), *part_db = fmt("%s/part.db", dir);
    char *a = dump(full_db), *b = dump(part_db);
    assert_true(count_lines(a) > 302);
    assert_string_equal(a, b);
    /* Resuming a complete database changes nothing. */
    assert_int_equal(run(&err, "%s extract -j1 --resume -o '%s' '%s/docs' 2>&1 >/dev/null", Z,
                         part_db, dir), 1);
    assert_non_null(strstr(err, ", 300 already done"));
    free(err);
    free(b);
    b = dump(part_db);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(full_db);
    free(part_db);
    zc_test_remove_tree(dir);
    free(dir);
}

static void resume_redoes_changed_and_failed_documents(void **state)
{
    (void)state;
    char *dir = folder(20);
    assert_int_equal(run(NULL, "%s extract -q -o '%s/r.db' '%s/docs' 2>/dev/null", Z, dir, dir), 1);
    /* Fix the undecodable file and change a good one. */
    char *p = fmt("%s/docs/p9999.txt", dir);
    zc_test_write_file(p, "共计616项。\n", strlen("共计616项。\n"));
    free(p);
    p = fmt("%s/docs/p0003.txt", dir);
    zc_test_write_file(p, "增长5.6%。\n", strlen("增长5.6%。\n"));
    free(p);
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract --resume -o '%s/r.db' '%s/docs' 2>&1 >/dev/null", Z,
                         dir, dir), 1);
    assert_non_null(strstr(err, ", 19 already done"));
    free(err);
    assert_int_equal(run(NULL, "%s extract -q -o '%s/fresh.db' '%s/docs' 2>/dev/null", Z, dir,
                         dir), 1);
    char *r = fmt("%s/r.db", dir), *fresh = fmt("%s/fresh.db", dir);
    char *a = dump(r), *b = dump(fresh);
    assert_string_equal(a, b);
    /* The fixed file's claim is there. */
    assert_non_null(strstr(a, "p9999.txt\", \"count\", \"count\""));
    free(a);
    free(b);
    free(r);
    free(fresh);
    /* Never resume into a database zhclaim did not make. */
    char *other = fmt("%s/other.db", dir);
    assert_int_equal(run(NULL, "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                               "c.execute('CREATE TABLE t(x)'); c.commit()\" '%s'", other), 0);
    assert_int_equal(run(&err, "%s extract -q --resume -o '%s' '%s/docs' 2>&1", Z, other, dir), 2);
    assert_non_null(strstr(err, "not a zhclaim database"));
    free(err);
    free(other);
    zc_test_remove_tree(dir);
    free(dir);
}

/* Files deleted or renamed since the run that recorded them: --resume keeps
 * their rows and says how many; --resume --prune deletes them, and the
 * database is then the one a fresh run over the folder writes. */
static void resume_names_and_prune_removes_documents_gone_since(void **state)
{
    (void)state;
    char *dir = folder(6);
    assert_int_equal(run(NULL, "%s extract -q -o '%s/r.db' '%s/docs' 2>/dev/null", Z, dir, dir), 1);
    char *from = fmt("%s/docs/p0002.txt", dir), *to = fmt("%s/docs/renamed.txt", dir);
    assert_int_equal(rename(from, to), 0);
    char *gone = fmt("%s/docs/p0004.txt", dir);
    assert_int_equal(unlink(gone), 0);
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract --resume -o '%s/r.db' '%s/docs' 2>&1 >/dev/null", Z,
                         dir, dir), 1);
    assert_non_null(strstr(err, "r.db: note: 2 document(s) of earlier runs are not among"));
    free(err);
    char *r = fmt("%s/r.db", dir), *fresh = fmt("%s/fresh.db", dir);
    char *a = dump(r);
    assert_non_null(strstr(a, "p0002.txt"));
    free(a);
    assert_int_equal(run(&err, "%s extract --resume --prune -o '%s/r.db' '%s/docs' 2>&1 "
                               ">/dev/null", Z, dir, dir), 1);
    assert_non_null(strstr(err, "r.db: pruned 2 document(s)"));
    free(err);
    assert_int_equal(run(NULL, "%s extract -q -o '%s/fresh.db' '%s/docs' 2>/dev/null", Z, dir,
                         dir), 1);
    char *x = dump(r), *y = dump(fresh);
    assert_string_equal(x, y);
    assert_null(strstr(x, "p0004.txt"));
    free(x);
    free(y);
    /* --prune alone, or over stdin, is a usage error. */
    assert_int_equal(run(&err, "%s extract --prune -o '%s' '%s/docs' 2>&1", Z, r, dir), 2);
    assert_non_null(strstr(err, "--prune goes with --resume"));
    free(err);
    free(r);
    free(fresh);
    free(from);
    free(to);
    free(gone);
    zc_test_remove_tree(dir);
    free(dir);
}

/* -o naming something that is not a regular file is refused: the database
 * is never written through it, and it is never removed to make room (a FIFO
 * named x.db stays a FIFO; -o /dev/null as root would unlink /dev/null). */
static void sqlite_refuses_a_path_that_is_not_a_regular_file(void **state)
{
    (void)state;
    char *dir = folder(5);
    char *fifo = fmt("%s/x.db", dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    const char *const how[] = {"", "--resume", "--format sqlite"};
    for (size_t i = 0; i < sizeof how / sizeof *how; i++) {
        char *err = NULL;
        /* timeout: were the FIFO opened, SQLite would wait for a writer */
        int rc = run(&err, "timeout 20 %s extract -q %s -o '%s' '%s/docs' 2>&1", Z, how[i],
                     fifo, dir);
        if (rc != 2)
            fail_msg("'%s' exited %d, not 2: %s", how[i], rc, err);
        char *want = fmt("zhclaim: %s: not a regular file\n", fifo);
        assert_string_equal(err, want);
        free(want);
        free(err);
        struct stat st;
        assert_int_equal(lstat(fifo, &st), 0);
        assert_true(S_ISFIFO(st.st_mode));
    }
    /* A FIFO where SQLite keeps its write-ahead log is not removed either. */
    char *db = fmt("%s/y.db", dir), *wal = fmt("%s/y.db-wal", dir);
    assert_int_equal(mkfifo(wal, 0644), 0);
    char *err = NULL;
    assert_int_equal(run(&err, "timeout 20 %s extract -q -o '%s' '%s/docs' 2>&1", Z, db, dir), 2);
    assert_non_null(strstr(err, "y.db-wal: not a regular file"));
    free(err);
    struct stat st;
    assert_int_equal(lstat(wal, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    free(db);
    free(wal);
    free(fifo);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sqlite_holds_what_jsonl_holds),
        cmocka_unit_test(resume_after_a_kill_gives_the_same_database),
        cmocka_unit_test(resume_redoes_changed_and_failed_documents),
        cmocka_unit_test(resume_names_and_prune_removes_documents_gone_since),
        cmocka_unit_test(sqlite_refuses_a_path_that_is_not_a_regular_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

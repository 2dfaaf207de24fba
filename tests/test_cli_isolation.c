/* test_cli_isolation.c - worker processes: a plugin that segfaults or loops
 * on one document costs that document alone, named with the plugin and the
 * signal (or the time limit), and every other document's records are
 * written exactly as a run without it writes them, in each output format
 * and at each -j; --resume after a kill finishes the database; a signal
 * ends a run stuck in a plugin. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY
#define FIX "--plugin-dir " ZC_FIXTURE_PLUGIN_DIR " --plugin-dir " ZC_FAULTY_PLUGIN_DIR " --plugins fixture_good,fixture_crash,fixture_loop"

/* The corpus, plus m_crash.txt (the crash plugin's marker) between its
 * documents in the sorted order, and m_loop.txt (the loop plugin's). */
static char *folder(int with_loop)
{
    char *dir = zc_test_tmpdir();
    char *docs = fmt("%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    copy_corpus(docs, 2);
    char *p = fmt("%s/c00_m_crash.txt", docs);
    const char crash[] = "产量增长5%。CRASH-HERE 12吨\n";
    zc_test_write_file(p, crash, sizeof crash - 1);
    free(p);
    if (with_loop) {
        p = fmt("%s/c01_m_loop.txt", docs);
        const char loop[] = "LOOP-HERE 增长7%\n";
        zc_test_write_file(p, loop, sizeof loop - 1);
        free(p);
    }
    free(docs);
    return dir;
}

static char *file(const char *dir, const char *name)
{
    char *p = fmt("%s/%s", dir, name);
    size_t n;
    char *s = zc_test_read_file(p, &n);
    free(p);
    return s;
}

static void crash_costs_one_document_in_text_formats(void **state)
{
    (void)state;
    char *dir = folder(0);
    static const char *const formats[] = {"jsonl", "csv"};
    for (size_t f = 0; f < 2; f++) {
        /* What the other documents give on their own. */
        assert_int_equal(run(NULL, "%s extract -q -j1 " FIX " -f %s --exclude '*m_*' -o '%s/ref' "
                                   "'%s/docs' 2>/dev/null", Z, formats[f], dir, dir), 0);
        char *ref = file(dir, "ref");
        assert_true(count_lines(ref) > 20);
        for (int j = 1; j <= 3; j++) {
            char *err = NULL;
            assert_int_equal(run(&err, "%s extract -q -j%d " FIX " -f %s -o '%s/out' '%s/docs' "
                                       "2>&1 >/dev/null", Z, j, formats[f], dir, dir), 1);
            if (!strstr(err, "docs/c00_m_crash.txt: plugin fixture_crash crashed (SIGSEGV)"))
                fail_msg("-j%d %s: no crash message in: %s", j, formats[f], err);
            free(err);
            char *out = file(dir, "out");
            assert_string_equal(out, ref);
            free(out);
        }
        /* Standard output too (flushed per document). */
        char *out = NULL;
        assert_int_equal(run(&out, "%s extract -q -j2 " FIX " -f %s '%s/docs' 2>/dev/null", Z,
                             formats[f], dir), 1);
        assert_string_equal(out, ref);
        free(out);
        free(ref);
    }
    zc_test_remove_tree(dir);
    free(dir);
}

static void a_loop_is_cut_by_doc_timeout(void **state)
{
    (void)state;
    char *dir = folder(1);
    assert_int_equal(run(NULL, "%s extract -q -j1 " FIX " --exclude '*m_*' -o '%s/ref.jsonl' "
                               "'%s/docs' 2>/dev/null", Z, dir, dir), 0);
    char *ref = file(dir, "ref.jsonl");
    for (int j = 1; j <= 2; j++) {
        char *err = NULL;
        assert_int_equal(run(&err, "%s extract -q -j%d --doc-timeout 1 " FIX " -o '%s/out.jsonl' "
                                   "'%s/docs' 2>&1 >/dev/null", Z, j, dir, dir), 1);
        if (!strstr(err, "docs/c01_m_loop.txt: plugin fixture_loop took longer than "
                         "--doc-timeout 1 s (killed)"))
            fail_msg("-j%d: no time-out message in: %s", j, err);
        assert_non_null(strstr(err, "docs/c00_m_crash.txt: plugin fixture_crash crashed (SIGSEGV)"));
        free(err);
        char *out = file(dir, "out.jsonl");
        assert_string_equal(out, ref);
        free(out);
    }
    free(ref);
    zc_test_remove_tree(dir);
    free(dir);
}

static char *query(const char *db, const char *sql)
{
    char *out = NULL;
    assert_int_equal(run(&out, "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                               "[print(*r, sep='|') for r in c.execute(sys.argv[2])]\" '%s' \"%s\"",
                         db, sql), 0);
    return out;
}

static char *dump(const char *db)
{
    char *out = NULL;
    assert_int_equal(run(&out, "%s dump '%s'", DB_TOOL, db), 0);
    return out;
}

static void crash_is_stored_failed_and_resume_finishes(void **state)
{
    (void)state;
    char *dir = folder(0);
    char *full = fmt("%s/full.db", dir), *part = fmt("%s/part.db", dir);
    assert_int_equal(run(NULL, "%s extract -q -j2 " FIX " -o '%s' '%s/docs' 2>/dev/null", Z, full,
                         dir), 1);
    char *row = query(full, "SELECT status, error FROM documents WHERE path LIKE '%m_crash.txt'");
    assert_string_equal(row, "failed|plugin fixture_crash crashed (SIGSEGV)\n");
    free(row);
    char *jsonl = fmt("%s/full.jsonl", dir);
    assert_int_equal(run(NULL, "%s extract -q -j2 " FIX " -o '%s' '%s/docs' 2>/dev/null", Z, jsonl,
                         dir), 1);
    char *out = NULL;
    int rc = run(&out, "%s same '%s' '%s' 2>&1", DB_TOOL, full, jsonl);
    if (rc != 0)
        fail_msg("%s", out);
    free(out);
    /* Killed after the crashed document and a few more were written. */
    assert_int_equal(run(NULL, "ZHCLAIM_TEST_KILL_AFTER=8 %s extract -q -j2 " FIX " -o '%s' "
                               "'%s/docs' 2>/dev/null", Z, part, dir), 128 + SIGKILL);
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract -j2 --resume " FIX " -o '%s' '%s/docs' 2>&1 >/dev/null",
                         Z, part, dir), 1);
    assert_non_null(strstr(err, "plugin fixture_crash crashed (SIGSEGV)"));
    free(err);
    char *a = dump(full), *b = dump(part);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(jsonl);
    free(full);
    free(part);
    zc_test_remove_tree(dir);
    free(dir);
}

static void stream_crash_names_the_line_and_doc(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = fmt("%s/in.jsonl", dir);
    const char lines[] = "{\"doc\":\"a\",\"text\":\"增长5%\"}\n"
                         "{\"doc\":\"b\",\"text\":\"CRASH-HERE 6%\"}\n"
                         "{\"doc\":\"c\",\"text\":\"增长7%\"}\n";
    zc_test_write_file(in, lines, sizeof lines - 1);
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, "%s extract -q -j2 --stdin-jsonl " FIX " < '%s' 2>/dev/null", Z, in), 1);
    assert_int_equal(run(&err, "%s extract -q -j2 --stdin-jsonl " FIX " < '%s' 2>&1 >/dev/null", Z,
                         in), 1);
    assert_non_null(strstr(err, "stdin line 2 (b): plugin fixture_crash crashed (SIGSEGV)"));
    assert_non_null(strstr(out, "\"doc\":\"a\""));
    assert_non_null(strstr(out, "\"doc\":\"c\""));
    assert_null(strstr(out, "\"doc\":\"b\""));
    free(out);
    free(err);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

static void every_j_and_in_process_give_the_same_bytes(void **state)
{
    (void)state;
    char *ref = NULL;
    assert_int_equal(run(&ref, "%s extract -q -j1 --in-process '%s'", Z, CORPUS_DIR), 0);
    assert_true(count_lines(ref) > 100);
    for (int j = 1; j <= 4; j++) {
        char *out = NULL;
        assert_int_equal(run(&out, "%s extract -q -j%d --context '%s'", Z, j, CORPUS_DIR), 0);
        char *plain = NULL;
        assert_int_equal(run(&plain, "%s extract -q -j%d '%s'", Z, j, CORPUS_DIR), 0);
        assert_string_equal(plain, ref);
        assert_true(strlen(out) > strlen(ref));
        free(plain);
        free(out);
    }
    free(ref);
}

/* A document stuck in a plugin, no time limit: SIGTERM still ends the run
 * (status 2, "interrupted"), and the database keeps what was done. */
static void sigterm_ends_a_run_stuck_in_a_plugin(void **state)
{
    (void)state;
    char *dir = folder(1);
    char *db = fmt("%s/out.db", dir);
    char *err = NULL;
    int rc = run(&err, "%s extract -q -j1 --doc-timeout 0 " FIX " -o '%s' '%s/docs' 2>&1 & pid=$!; "
                       "sleep 2; kill -TERM $pid; wait $pid", Z, db, dir);
    assert_int_equal(rc, 2);
    if (!strstr(err, "interrupted"))
        fail_msg("no 'interrupted' in: %s", err);
    free(err);
    char *n = query(db, "SELECT count(*) FROM documents");
    /* c00_* (the corpus' first copies and the crashed one) came before the
     * stuck document. */
    assert_true(strtoul(n, NULL, 10) > 5);
    free(n);
    free(db);
    zc_test_remove_tree(dir);
    free(dir);
}

/* Records on stdout are flushed a document at a time: a run killed
 * (SIGKILL, no exit handlers) while stuck in a plugin has already handed
 * the reader every document before the stuck one. */
static void stdout_is_flushed_per_document(void **state)
{
    (void)state;
    char *dir = folder(1);
    assert_int_equal(run(NULL, "%s extract -q -j1 " FIX " --exclude '*m_*' -o '%s/ref.jsonl' "
                               "'%s/docs' 2>/dev/null", Z, dir, dir), 0);
    char *out = NULL;
    run(&out, "%s extract -q -j1 --doc-timeout 0 " FIX " '%s/docs' 2>/dev/null & pid=$!; "
              "sleep 2; kill -KILL $pid; wait $pid", Z, dir);
    char *ref = file(dir, "ref.jsonl");
    /* Every document's records: the stuck c01_m_loop.txt sorts last. */
    assert_true(count_lines(ref) > 10);
    assert_string_equal(out, ref);
    free(ref);
    free(out);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crash_costs_one_document_in_text_formats),
        cmocka_unit_test(a_loop_is_cut_by_doc_timeout),
        cmocka_unit_test(crash_is_stored_failed_and_resume_finishes),
        cmocka_unit_test(stream_crash_names_the_line_and_doc),
        cmocka_unit_test(every_j_and_in_process_give_the_same_bytes),
        cmocka_unit_test(sigterm_ends_a_run_stuck_in_a_plugin),
        cmocka_unit_test(stdout_is_flushed_per_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

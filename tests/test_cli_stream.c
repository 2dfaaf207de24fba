/* test_cli_stream.c - `zhclaim extract --stdin-jsonl`: JSON lines in,
 * records out, spans into each text as UTF-8; a bad line is named by its
 * number and the stream goes on; the same output whatever -j. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY

/* One JSON line per corpus document (doc = its path, as file mode names
 * it), ASCII-escaped; see data/cli/make_stream.py. */
static char *input_file(const char *dir, int bad_lines)
{
    char *path = fmt("%s/in.jsonl", dir);
    assert_int_equal(run(NULL, "python3 %s/cli/make_stream.py '%s' '%s' %d", ZC_TEST_DATA_DIR,
                         CORPUS_DIR, path, bad_lines), 0);
    return path;
}

static void records_of_every_line(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = input_file(dir, 0);
    char *out = NULL;
    assert_int_equal(run(&out, "%s extract -q --stdin-jsonl -j2 < '%s' | tee '%s/out.jsonl'", Z,
                         in, dir), 0);
    /* The corpus documents are UTF-8: the same records as reading the files
     * (whose paths the lines carry as doc). */
    char *files = NULL;
    assert_int_equal(run(&files, "%s extract -q '%s'/*.txt", Z, CORPUS_DIR), 0);
    assert_true(strlen(files) > 0);
    assert_memory_equal(out, files, strlen(files));
    /* Then the emoji line: spans are byte offsets into its text as UTF-8
     * (the emoji is four bytes, its escape twelve). */
    assert_non_null(strstr(out + strlen(files), "{\"doc\":\"emoji\",\"kind\":\"rate\""));
    assert_non_null(strstr(out + strlen(files), "\"span\":[11,15],\"text\":\"5.6%\""));
    char *checked = NULL;
    assert_int_equal(run(&checked, "python3 %s/../check_spans.py '%s/out.jsonl' --texts '%s'",
                         ZC_TEST_DATA_DIR, dir, in), 0);
    size_t n_checked = 0;
    assert_int_equal(sscanf(checked, "check_spans: %zu records, 0 with", &n_checked), 1);
    assert_int_equal(n_checked, count_lines(out));
    free(checked);
    free(files);
    free(out);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

static void bad_lines_are_named_and_the_stream_goes_on(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = input_file(dir, 1);
    char *out = NULL, *err = NULL, *errpath = fmt("%s/err", dir);
    assert_int_equal(run(&out, "%s extract --stdin-jsonl -j2 < '%s' 2>'%s'", Z, in, errpath), 1);
    err = zc_test_read_file(errpath, NULL);
    assert_non_null(strstr(err, "zhclaim: stdin line 4: column 23: high surrogate \\ud800"));
    assert_non_null(strstr(err, "zhclaim: stdin line 6: column 1: expected '{', found 'n'"));
    assert_non_null(strstr(err, ", 2 errors, "));
    /* Every good line's records are there: the same as with no bad line. */
    char *clean = fmt("%s/clean", dir);
    assert_int_equal(mkdir(clean, 0755), 0);
    char *in2 = input_file(clean, 0);
    char *ref = NULL;
    assert_int_equal(run(&ref, "%s extract -q --stdin-jsonl -j1 < '%s'", Z, in2), 0);
    assert_string_equal(out, ref);
    /* And -j does not change a byte, bad lines included. */
    for (int j = 1; j <= 4; j += 3) {
        char *o = NULL;
        assert_int_equal(run(&o, "%s extract -q --stdin-jsonl -j%d < '%s' 2>/dev/null", Z, j, in), 1);
        assert_string_equal(o, out);
        free(o);
    }
    free(ref);
    free(in2);
    free(clean);
    free(errpath);
    free(err);
    free(out);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

static void stream_into_csv_and_sqlite(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = input_file(dir, 0);
    assert_int_equal(run(NULL, "%s extract -q --stdin-jsonl < '%s' > '%s/out.jsonl'", Z, in, dir), 0);
    assert_int_equal(run(NULL, "%s extract -q --stdin-jsonl -o '%s/out.db' < '%s'", Z, dir, in), 0);
    char *msg = NULL;
    int rc = run(&msg, "%s same '%s/out.db' '%s/out.jsonl' 2>&1", DB_TOOL, dir, dir);
    if (rc != 0)
        fail_msg("%s", msg);
    free(msg);
    char *csv = NULL;
    assert_int_equal(run(&csv, "%s extract -q --stdin-jsonl --format csv < '%s' | head -c 9", Z, in), 0);
    assert_string_equal(csv, "doc,kind,");
    free(csv);
    /* An empty stream is no error. */
    assert_int_equal(run(&csv, "%s extract -q --stdin-jsonl < /dev/null", Z), 0);
    assert_string_equal(csv, "");
    free(csv);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

/* Two lines with one "doc": a database keys documents by name, so the
 * second is reported as failed instead of replacing the first (whose
 * claims the summary had counted). */
static void a_name_given_twice_fails_in_a_database(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = fmt("%s/in.jsonl", dir);
    const char lines[] = "{\"doc\":\"a\",\"text\":\"增长5.6%。\"}\n"
                         "{\"doc\":\"a\",\"text\":\"共计616项。\"}\n"
                         "{\"doc\":\"b\",\"text\":\"共计616项。\"}\n";
    zc_test_write_file(in, lines, strlen(lines));
    char *err = NULL;
    assert_int_equal(run(&err, "%s extract --stdin-jsonl -o '%s/out.db' < '%s' 2>&1", Z, dir, in),
                     1);
    assert_non_null(strstr(err, "zhclaim: stdin line 2 (a): document name already written in "
                                "this run\n"));
    assert_non_null(strstr(err, "zhclaim: 3 documents, 2 claims (count 1, rate 1), 1 errors, "));
    free(err);
    /* The records view holds as many claims as the summary counted: a's
     * first text and b's. */
    char *rows = NULL;
    assert_int_equal(run(&rows, "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                                "[print(*r, sep='|') for r in c.execute('SELECT doc, kind, text "
                                "FROM records')]\" '%s/out.db'", dir), 0);
    assert_string_equal(rows, "a|rate|5.6%\nb|count|616项\n");
    free(rows);
    /* JSON Lines have no key: both lines' records are written. */
    char *out = NULL;
    assert_int_equal(run(&out, "%s extract -q --stdin-jsonl < '%s'", Z, in), 0);
    assert_int_equal(count_lines(out), 3);
    free(out);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_of_every_line),
        cmocka_unit_test(bad_lines_are_named_and_the_stream_goes_on),
        cmocka_unit_test(stream_into_csv_and_sqlite),
        cmocka_unit_test(a_name_given_twice_fails_in_a_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

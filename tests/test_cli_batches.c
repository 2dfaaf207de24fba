/* test_cli_batches.c - worker processes take several small documents per
 * message and send their outcomes back several per message (proc_io.h):
 * a crash or a time-out in the middle of a batch still costs that document
 * alone, named with the plugin, and the rest of the batch is written as a
 * run without it writes it, once; the records of finished documents are
 * not held back behind a document that runs long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY
#define FIX "--plugin-dir " ZC_FIXTURE_PLUGIN_DIR " --plugin-dir " ZC_FAULTY_PLUGIN_DIR " --plugins fixture_good,fixture_crash,fixture_loop"

/* n small documents, a00.txt ... (many fit in one batch), and each marker
 * document of marks[] (NULL-terminated "name=text") among them. */
static char *folder(size_t n, const char *const *marks)
{
    char *dir = zc_test_tmpdir();
    char *docs = fmt("%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    for (size_t i = 0; i < n; i++) {
        char *p = fmt("%s/a%02zu.txt", docs, i);
        char *text = fmt("第%zu季度产量增长%zu%%,新建%zu所学校。\n", i % 4 + 1, i + 3, i * 7 + 2);
        zc_test_write_file(p, text, strlen(text));
        free(text);
        free(p);
    }
    for (size_t i = 0; marks[i]; i++) {
        const char *eq = strchr(marks[i], '=');
        char *p = fmt("%s/%.*s", docs, (int)(eq - marks[i]), marks[i]);
        zc_test_write_file(p, eq + 1, strlen(eq + 1));
        free(p);
    }
    free(docs);
    return dir;
}

static size_t occurrences(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static char *ref_without_markers(const char *dir)
{
    char *ref = NULL;
    assert_int_equal(run(&ref, "%s extract -q -j1 " FIX " --exclude '*m_*' '%s/docs' 2>/dev/null",
                         Z, dir), 0);
    assert_true(count_lines(ref) > 40);
    return ref;
}

static void crashes_in_a_batch_cost_their_documents_alone(void **state)
{
    (void)state;
    static const char *const marks[] = {"a05_m_crash.txt=产量增长5%。CRASH-HERE 12吨\n",
                                        "a13_m_crash.txt=CRASH-HERE 增长9%\n", NULL};
    char *dir = folder(30, marks);
    char *ref = ref_without_markers(dir);
    for (int j = 1; j <= 3; j++) {
        char *out = NULL, *err = NULL;
        assert_int_equal(run(&out, "%s extract -q -j%d " FIX " '%s/docs' 2>'%s/err'", Z, j, dir,
                             dir), 1);
        assert_string_equal(out, ref);
        assert_int_equal(run(&err, "cat '%s/err'", dir), 0);
        if (!strstr(err, "docs/a05_m_crash.txt: plugin fixture_crash crashed (SIGSEGV)") ||
            !strstr(err, "docs/a13_m_crash.txt: plugin fixture_crash crashed (SIGSEGV)"))
            fail_msg("-j%d: crash messages missing in: %s", j, err);
        /* Each named once: the documents run again after a crash are not
         * the ones that crashed. */
        assert_int_equal(occurrences(err, "crashed"), 2);
        free(err);
        free(out);
    }
    free(ref);
    zc_test_remove_tree(dir);
    free(dir);
}

static void a_timeout_in_a_batch_costs_its_document_alone(void **state)
{
    (void)state;
    static const char *const marks[] = {"a07_m_loop.txt=LOOP-HERE 增长7%\n",
                                        "a11_m_crash.txt=CRASH-HERE 增长9%\n", NULL};
    char *dir = folder(24, marks);
    char *ref = ref_without_markers(dir);
    for (int j = 1; j <= 2; j++) {
        char *out = NULL, *err = NULL;
        assert_int_equal(run(&out, "%s extract -q -j%d --doc-timeout 1 " FIX " '%s/docs' "
                                   "2>'%s/err'", Z, j, dir, dir), 1);
        assert_string_equal(out, ref);
        assert_int_equal(run(&err, "cat '%s/err'", dir), 0);
        if (!strstr(err, "docs/a07_m_loop.txt: plugin fixture_loop took longer than "
                         "--doc-timeout 1 s (killed)"))
            fail_msg("-j%d: no time-out message in: %s", j, err);
        assert_non_null(strstr(err, "docs/a11_m_crash.txt: plugin fixture_crash crashed (SIGSEGV)"));
        assert_int_equal(occurrences(err, "docs/a"), 2);
        free(err);
        free(out);
    }
    free(ref);
    zc_test_remove_tree(dir);
    free(dir);
}

/* A document stuck in a plugin, with documents queued behind it: the
 * records of those finished before it reach stdout (a worker holding them
 * for its batch is told to send them), though the run never ends. */
static void records_are_not_held_behind_a_stuck_document(void **state)
{
    (void)state;
    static const char *const marks[] = {"a05_m_loop.txt=LOOP-HERE 增长7%\n", NULL};
    char *dir = folder(20, marks);
    char *ref = NULL;
    /* a05.txt sorts before a05_m_loop.txt. */
    assert_int_equal(run(&ref, "%s extract -q -j1 " FIX " '%s'/docs/a0[0-5].txt 2>/dev/null", Z,
                         dir), 0);
    assert_true(count_lines(ref) >= 6);
    char *out = NULL;
    run(&out, "%s extract -q -j1 --doc-timeout 0 " FIX " '%s/docs' 2>/dev/null & pid=$!; "
              "sleep 1; kill -KILL $pid; wait $pid", Z, dir);
    assert_string_equal(out, ref);
    free(out);
    free(ref);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crashes_in_a_batch_cost_their_documents_alone),
        cmocka_unit_test(a_timeout_in_a_batch_costs_its_document_alone),
        cmocka_unit_test(records_are_not_held_behind_a_stuck_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_cli_normalize.c - `zhclaim normalize FILE`: the normalised text on
 * stdout, and nothing on stderr for a good file (no plugin is loaded, and
 * none is warned about). */
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

static void a_good_file_prints_text_and_no_message(void **state)
{
    (void)state;
    size_t n;
    char **names = corpus_names(&n);
    for (size_t i = 0; i < n; i++) {
        char *dir = zc_test_tmpdir();
        char *errpath = fmt("%s/err", dir);
        char *out = NULL;
        assert_int_equal(run(&out, "%s normalize '%s/%s' 2>'%s'", Z, CORPUS_DIR, names[i],
                             errpath), 0);
        assert_true(strlen(out) > 0);
        char *err = zc_test_read_file(errpath, NULL);
        if (err[0])
            fail_msg("normalize %s printed on stderr: %s", names[i], err);
        free(err);
        free(out);
        free(errpath);
        zc_test_remove_tree(dir);
        free(dir);
    }
    free_names(names);
}

static void usage_and_missing_files(void **state)
{
    (void)state;
    assert_int_equal(run(NULL, "%s normalize 2>/dev/null", Z), 2);
    assert_int_equal(run(NULL, "%s normalize --help >/dev/null", Z), 0);
    char *err = NULL;
    assert_int_equal(run(&err, "%s normalize /no/such/file.txt 2>&1", Z), 1);
    assert_non_null(strstr(err, "/no/such/file.txt"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_good_file_prints_text_and_no_message),
        cmocka_unit_test(usage_and_missing_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

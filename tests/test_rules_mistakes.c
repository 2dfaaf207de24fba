/*
 * test_rules_mistakes.c - a mistake in a rules folder is never silent: a
 * .rule (or other) file in extractors/, a .rules file outside extractors/,
 * an unknown {PLACEHOLDER}, and a pattern that does not compile, reported
 * at its column in the line as written (not in the {NUM}-expanded
 * pattern).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "test_support.h"
#include "zhclaim/testkit.h"

static void put(const char *dir, const char *name, const char *text)
{
    char *path = fmt("%s/%s", dir, name);
    zc_test_write_file(path, text, strlen(text));
    free(path);
}

static void test_rules_mistakes_are_reported(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *ex = fmt("%s/extractors", dir);
    assert_int_equal(mkdir(ex, 0755), 0);
    put(dir, "extractors/tons.rule", "kind t\npattern (?<num>{NUM})(?<unit>吨)\n");
    put(dir, "top.rules", "kind t\npattern (?<num>{NUM})(?<unit>吨)\n");
    put(dir, "extractors/ph.rules", "kind p\npattern  (?<num>{NUM})(?<unit>{UNIT}|台)\n");
    /* The stray ')' is byte 34 (1-based) of the line as written; in the
     * expanded pattern it is far further on. */
    put(dir, "extractors/bad.rules", "kind b\npattern (?<num>{NUM})(?<unit>吨))\n");
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "rules", dir, &kit, &err), ZC_OK);
    const char *m = zc_testkit_messages(kit);
    assert_non_null(strstr(m, "extractors/tons.rule: not read: extractor files are named *.rules"));
    assert_non_null(strstr(m, "top.rules: not read: extractors are read from extractors/*.rules"
                              " only (move it to extractors/top.rules)"));
    assert_non_null(strstr(m, "extractors/ph.rules:2:31: unknown placeholder {UNIT}"));
    assert_non_null(strstr(m, "extractors/bad.rules:2: pattern does not compile: unmatched "
                              "closing parenthesis at column 34 of the line; extractor skipped"));
    /* The placeholder file still loads (warned, not skipped): 3台 is p. */
    zc_assert_records(kit, "共3台。", ZC_EXPECT({.kind = "p", .value = "3", .unit = "台"}));
    zc_testkit_close(kit);
    zc_test_remove_tree(dir);
    free(ex);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_mistakes_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

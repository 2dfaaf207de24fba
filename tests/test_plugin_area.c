/*
 * test_plugin_area.c - the area plugin, built as area.so, replaying
 * tests/data/area/cases.txt through the test kit; its refusal to start
 * without its rules; and the test kit's own behaviour (reports, malformed
 * case files, rounded values, formatting), with area as the plugin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_support.h"
#include "zhclaim/testkit.h"

static void test_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "area", ZC_TEST_RULES_DIR, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    zc_assert_cases(kit, ZC_TEST_DATA_DIR "/area/cases.txt");
    zc_testkit_close(kit);
}

/* Records carry the original bytes: a traditional, full-width text keeps
 * its own span and text while the value is read from the normalised one. */
static void test_span_is_in_original_bytes(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "area", ZC_TEST_RULES_DIR,
                                     &kit, &err), ZC_OK);
    zc_result_t *res = NULL;
    const char *text = "用地：４９３０余畝。";
    assert_int_equal(zc_testkit_run(kit, text, &res, &err), ZC_OK);
    assert_int_equal(res->n_claims, 1);
    assert_string_equal(res->claims[0].text, "４９３０余畝");
    assert_int_equal(res->claims[0].start_byte, strlen("用地："));
    assert_int_equal(res->claims[0].end_byte, strlen("用地：４９３０余畝"));
    assert_string_equal(res->claims[0].plugin, "area");
    zc_result_free(res);
    zc_testkit_close(kit);
}

/* Without its rules files the plugin refuses to start, naming the file. */
static void test_missing_rules_refuse_init(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "area", ZC_TEST_DATA_DIR "/area",
                                     &kit, &err), ZC_ERR_NOT_FOUND);
    assert_null(kit);
    assert_non_null(strstr(err.message, "area/units.txt"));
    assert_non_null(strstr(err.message, "init failed"));
}

static zc_testkit_t *open_area(void)
{
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "area", ZC_TEST_RULES_DIR, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    return kit;
}

/* A mismatch is reported with the input, what was expected and what came. */
static void test_kit_reports_mismatch(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_area();
    char why[2048];
    const zc_testkit_expect_t wrong[] = {{.kind = "area", .value = "4931", .unit = "亩"}};
    assert_false(zc_testkit_expect(kit, "用地4930余亩。", wrong, 1, why, sizeof why));
    assert_non_null(strstr(why, "input: 用地4930余亩。"));
    assert_non_null(strstr(why, "expected 1 record(s):\n    area\t4931\t亩\t*"));
    assert_non_null(strstr(why, "got 1 record(s):\n    area\t4930\t亩\t4930余亩\t>"));
    /* Too many records is a mismatch too, and so is none expected. */
    assert_false(zc_testkit_expect(kit, "用地4930余亩。", NULL, 0, why, sizeof why));
    const zc_testkit_expect_t right[] = {{.kind = "area", .value = "4930.0", .unit = "亩",
                                          .text = "4930余亩", .approx = ">"}};
    assert_true(zc_testkit_expect(kit, "用地4930余亩。", right, 1, why, sizeof why));
    zc_testkit_close(kit);
}

/* Six decimals or more stand for a value rounded to them; fewer must be
 * exact. */
static void test_kit_rounded_values(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_area();
    char why[2048];
    const char *text = "面积33.33333349亩。";
    const zc_testkit_expect_t six[] = {{.kind = "area", .value = "33.333333"}};
    const zc_testkit_expect_t two[] = {{.kind = "area", .value = "33.33"}};
    const zc_testkit_expect_t off[] = {{.kind = "area", .value = "33.333334"}};
    assert_true(zc_testkit_expect(kit, text, six, 1, why, sizeof why));
    assert_false(zc_testkit_expect(kit, text, two, 1, why, sizeof why));
    assert_false(zc_testkit_expect(kit, text, off, 1, why, sizeof why));
    zc_testkit_close(kit);
}

/* Malformed case files are refused with file and line; a failing case is
 * counted and named. */
static void test_kit_case_files(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_area();
    char *dir = zc_test_tmpdir();
    char path[4096], why[4096];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    const char before[] = "# no input yet\narea\t1\t亩\n";
    zc_test_write_file(path, before, sizeof before - 1);
    assert_int_equal(zc_testkit_replay(kit, path, &n, why, sizeof why), -1);
    assert_non_null(strstr(why, "bad.txt:2: a record line before any '> input' line"));
    const char unknown[] = "> 用地5亩\narea\t5\t亩\t5亩\t=\tcolour=red\n";
    zc_test_write_file(path, unknown, sizeof unknown - 1);
    assert_int_equal(zc_testkit_replay(kit, path, &n, why, sizeof why), -1);
    assert_non_null(strstr(why, "bad.txt:2: unknown field 'colour=red'"));
    /* Spaces instead of TABs, "" for nothing checked but the record; the
     * second case fails and is named by its line. */
    const char mixed[] = "> 用地5亩\narea 5 亩 5亩 =\n\n> 用地6亩\narea 7 亩\n> 无\n";
    zc_test_write_file(path, mixed, sizeof mixed - 1);
    assert_int_equal(zc_testkit_replay(kit, path, &n, why, sizeof why), 1);
    assert_int_equal(n, 3);
    assert_non_null(strstr(why, "bad.txt:4: input: 用地6亩"));
    assert_null(strstr(why, "bad.txt:1:"));
    assert_int_equal(zc_testkit_replay(kit, "/nonexistent/cases.txt", &n, why, sizeof why), -1);
    assert_non_null(strstr(why, "/nonexistent/cases.txt: cannot read"));
    zc_test_remove_tree(dir);
    free(dir);
    zc_testkit_close(kit);
}

/* zc_testkit_format writes lines a cases file takes back. */
static void test_kit_format(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_area();
    zc_result_t *res = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_run(kit, "约5000平方米，100至120亩。", &res, &err), ZC_OK);
    char buf[512];
    size_t need = zc_testkit_format(res, buf, sizeof buf);
    assert_string_equal(buf, "area\t5000\t平方米\t约5000平方米\t~\n"
                             "area\t100\t亩\t100至120亩\t=\trange=100,120\n");
    assert_int_equal(need, strlen(buf));
    char small[8];
    assert_int_equal(zc_testkit_format(res, small, sizeof small), need);
    assert_int_equal(strlen(small), sizeof small - 1);
    zc_result_free(res);
    zc_testkit_close(kit);
}

/* A plugin name that is not there: the reason, not a crash. */
static void test_kit_unknown_plugin(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "nosuch", NULL, &kit, &err),
                     ZC_ERR_NOT_FOUND);
    assert_null(kit);
    assert_non_null(strstr(err.message, "plugin nosuch did not load from"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_span_is_in_original_bytes),
        cmocka_unit_test(test_missing_rules_refuse_init),
        cmocka_unit_test(test_kit_reports_mismatch),
        cmocka_unit_test(test_kit_rounded_values),
        cmocka_unit_test(test_kit_case_files),
        cmocka_unit_test(test_kit_format),
        cmocka_unit_test(test_kit_unknown_plugin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

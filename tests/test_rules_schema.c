/*
 * test_rules_schema.c - the columns of the rules/common/ word lists are
 * checked when they load (core/measures/rules_schema.c): a keyword, an
 * approx sign or an integer that is none fails the plugin's init with
 * FILE:LINE: what, and the values of a valid file are the ones the reader
 * uses. Each test puts one common file of its own in a folder searched
 * before the shipped rules, which give the others.
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

/* A rules folder holding FOLDER/NAME with text; the caller removes it. */
static char *rules_in(const char *folder, const char *name, const char *text)
{
    char *dir = zc_test_tmpdir();
    char *common = fmt("%s/%s", dir, folder);
    assert_int_equal(mkdir(common, 0755), 0);
    char *path = fmt("%s/%s", common, name);
    zc_test_write_file(path, text, strlen(text));
    free(path);
    free(common);
    return dir;
}

static char *rules_with(const char *name, const char *text)
{
    return rules_in("common", name, text);
}

/* Opening plugin with common/NAME = text fails, and the reasons hold
 * message. */
static void assert_refused(const char *plugin, const char *name,
                           const char *text, const char *message)
{
    char *dir = rules_with(name, text);
    char *path = fmt("%s:%s", dir, ZC_TEST_RULES_DIR);
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    zc_status_t st = zc_testkit_open(ZC_TEST_PLUGIN_DIR, plugin, path, &kit, &err);
    if (st == ZC_OK) {
        zc_testkit_close(kit);
        fail_msg("%s loaded with a bad common/%s", plugin, name);
    }
    if (!strstr(err.message, message))
        fail_msg("expected \"%s\" in:\n%s", message, err.message);
    zc_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* A kit of plugin with common/NAME = text, which must load cleanly. */
static zc_testkit_t *open_with(const char *plugin, const char *name,
                               const char *text, char **dir)
{
    *dir = rules_with(name, text);
    char *path = fmt("%s:%s", *dir, ZC_TEST_RULES_DIR);
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, plugin, path, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    free(path);
    assert_null(strstr(zc_testkit_messages(kit), "error"));
    return kit;
}

static void close_kit(zc_testkit_t *kit, char *dir)
{
    zc_testkit_close(kit);
    zc_test_remove_tree(dir);
    free(dir);
}

/* The typo the schema exists for: a FLAG no code compares with. */
static void test_keyword_typo_fails(void **state)
{
    (void)state;
    assert_refused("rate", "metrics.txt",
                   "# metrics\n增长\n增幅\t\tnown\n",
                   "common/metrics.txt:3: column 3 (FLAG): unknown value "
                   "\"nown\" (expected: noun, before)");
    assert_refused("count", "qualifiers_before.txt",
                   "约\t~\n近\t~\tadjecent\n",
                   "common/qualifiers_before.txt:2: column 3 (REACH): unknown "
                   "value \"adjecent\" (expected: adjacent, clause)");
    assert_refused("count", "not_subjects.txt", "在\thaed\n",
                   "common/not_subjects.txt:1: column 2 (WHERE): unknown value "
                   "\"haed\" (expected: head, tail, drop)");
}

static void test_integer_typo_fails(void **state)
{
    (void)state;
    /* atoi() read "8o" as 8. */
    assert_refused("count", "scales.txt", "万\t4\n亿\t8o\n",
                   "common/scales.txt:2: column 2 (EXP): bad integer \"8o\" "
                   "(expected: a whole number from -18 to 18)");
    assert_refused("count", "scales.txt", "万\t4\n\n亿\t19\n",
                   "common/scales.txt:3: column 2 (EXP): bad integer \"19\"");
    assert_refused("count", "scales.txt", "万\n",
                   "common/scales.txt:1: column 2 (EXP): empty (expected: a "
                   "whole number from -18 to 18)");
}

static void test_approx_typo_fails(void **state)
{
    (void)state;
    assert_refused("rate", "qualifiers_after.txt", "以上\t=>\n",
                   "common/qualifiers_after.txt:1: column 2 (APPROX): unknown "
                   "value \"=>\" (expected: =, ~, >, >=, <, <=)");
    assert_refused("rate", "qualifiers_before.txt", "约\n",
                   "common/qualifiers_before.txt:1: column 2 (APPROX): empty");
    /* Spaces are trimmed at the end of a line only: inside, one is a typo. */
    assert_refused("rate", "qualifiers_before.txt", "近\t~ \tadjacent\n",
                   "common/qualifiers_before.txt:1: column 2 (APPROX): unknown "
                   "value \"~ \"");
}

static void test_columns_counted(void **state)
{
    (void)state;
    assert_refused("count", "change.txt", "由\topen\n到\n",
                   "common/change.txt:2: column 2 (ROLE): empty (expected: "
                   "open, to, join)");
    assert_refused("count", "continues.txt", "较\tcompare\tyes\n",
                   "common/continues.txt:1: too many columns (at most 2: WORD, "
                   "COMPARE)");
    assert_refused("count", "fillers.txt", "为\n达\t~\n",
                   "common/fillers.txt:2: too many columns (at most 1: WORD)");
    assert_refused("count", "places.txt", "\t三门县\n",
                   "common/places.txt:1: the line starts with a TAB: no word");
}

/* A valid file loads, and its values are the ones read: the scale's power
 * of ten, the qualifier's approx, the change word's role. */
/* A measure's own units list has its SCALE read when the measure opens;
 * a bad one is named by file and line, as the shared lists' mistakes are. */
static void test_units_scale_names_line(void **state)
{
    (void)state;
    char *dir = rules_in("area", "units.txt", "# area units\n亩\t亩\n万亩\t亩\t4x\n");
    char *path = fmt("%s:%s", dir, ZC_TEST_RULES_DIR);
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_not_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "area", path, &kit, &err), ZC_OK);
    if (!strstr(err.message, "area/units.txt:3: 万亩: the power of ten '4x'"))
        fail_msg("no FILE:LINE in:\n%s", err.message);
    zc_test_remove_tree(dir);
    free(path);
    free(dir);
}

/* The duration plugin checks its own units list's columns the same way. */
static void test_duration_units_checked(void **state)
{
    (void)state;
    char *dir = rules_in("duration", "units.txt",
                         "# units\n年\t年\tcontxt\n天\t天\tfree\tno-clasifier\n月\t月\tclassifier\n");
    char *path = fmt("%s:%s", dir, ZC_TEST_RULES_DIR);
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    assert_int_not_equal(zc_testkit_open(ZC_TEST_PLUGIN_DIR, "duration", path, &kit, &err), ZC_OK);
    if (!strstr(err.message, "duration/units.txt:2: column 3 (NEEDS): unknown value \"contxt\"") ||
        !strstr(err.message, "duration/units.txt:3: column 4 (NO-CLASSIFIER): unknown value"))
        fail_msg("no FILE:LINE in:\n%s", err.message);
    assert_null(strstr(err.message, "units.txt:4"));
    zc_test_remove_tree(dir);
    free(path);
    free(dir);
}

static void test_valid_values_are_used(void **state)
{
    (void)state;
    char *dir;
    zc_testkit_t *kit = open_with("count", "scales.txt", "万\t5\n", &dir);
    zc_assert_records(kit, "全市共有900多万户。",
                      ZC_EXPECT({.kind = "count", .value = "90000000",
                                 .unit = "户", .approx = ">"}));
    close_kit(kit, dir);

    kit = open_with("rate", "qualifiers_after.txt", "以上\t<\n", &dir);
    zc_assert_records(kit, "满意度达到80%以上。",
                      ZC_EXPECT({.kind = "rate", .value = "80", .unit = "%",
                                 .approx = "<"}));
    close_kit(kit, dir);

    kit = open_with("count", "change.txt", "由\topen\n到\tto\n", &dir);
    zc_assert_records(kit, "机构人员由303人精简到183人。",
                      ZC_EXPECT({.kind = "count", .value = "303"},
                                {.kind = "count", .value = "183", .from = "303"}));
    close_kit(kit, dir);
    /* 到 a join word instead: no change, so 183 has no from (which
     * zc_assert_records cannot say: an absent field is not checked). */
    kit = open_with("count", "change.txt", "由\topen\n到\tjoin\n", &dir);
    zc_result_t *r = NULL;
    zc_error_t err;
    assert_int_equal(zc_testkit_run(kit, "机构人员由303人精简到183人。", &r, &err),
                     ZC_OK);
    assert_int_equal(r->n_claims, 2);
    assert_false(zc_result_claim(r, 1)->has_from);
    zc_result_free(r);
    close_kit(kit, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyword_typo_fails),
        cmocka_unit_test(test_integer_typo_fails),
        cmocka_unit_test(test_approx_typo_fails),
        cmocka_unit_test(test_columns_counted),
        cmocka_unit_test(test_valid_values_are_used),
        cmocka_unit_test(test_units_scale_names_line),
        cmocka_unit_test(test_duration_units_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_temperature.c - replays cases.txt against the built temperature.so
 * with the zhclaim test kit (zhclaim/testkit.h, in libzhclaim-testkit).
 *
 * Usage: test_temperature PLUGIN_DIR RULES_PATH CASES_FILE
 *
 * RULES_PATH is this folder's rules/ and then the installed zhclaim's
 * rules (the measure reader's shared lists), colon-separated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zhclaim/testkit.h" /* after cmocka.h: defines zc_assert_* */

static const char *plugin_dir, *rules_path, *cases_file;

static void test_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(plugin_dir, "temperature", rules_path, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    zc_assert_cases(kit, cases_file);
    /* One case written in C, for the fields a cases file cannot show. */
    zc_assert_records(kit, "最低气温零下12.5℃。",
                      ZC_EXPECT({.kind = "temperature", .value = "-12.5", .unit = "℃",
                                 .text = "零下12.5℃", .subject = "最低气温"}));
    zc_testkit_close(kit);
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    plugin_dir = argv[1];
    rules_path = argv[2];
    cases_file = argv[3];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

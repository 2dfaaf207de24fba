/*
 * test_temperature.c - replays cases.txt against the built temperature.so
 * with the zhclaim test kit (zhclaim/testkit.h, in libzhclaim-testkit).
 *
 * Usage: test_temperature PLUGIN_DIR CASES_FILE
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zhclaim/testkit.h" /* after cmocka.h: defines zc_assert_* */

static const char *plugin_dir, *cases_file;

static void test_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(plugin_dir, "temperature", NULL, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    zc_assert_cases(kit, cases_file);
    /* One case written in C, for the fields a cases file cannot show. */
    zc_assert_records(kit, "零下也有35℃。",
                      ZC_EXPECT({.kind = "temperature", .value = "35", .unit = "℃"}));
    zc_testkit_close(kit);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    plugin_dir = argv[1];
    cases_file = argv[2];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

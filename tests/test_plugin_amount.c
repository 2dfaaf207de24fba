/*
 * test_plugin_amount.c - the amount plugin alone, through the test kit
 * (include/zhclaim/testkit.h): replays tests/data/plugins/amount.cases, written
 * from the SPEC and from the genres the tool meets (work reports, 统计公报,
 * budget texts, traditional script), not from the gold files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zhclaim/testkit.h"

static void test_amount_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "amount", ZC_TEST_RULES_DIR, &kit,
                        &err) != ZC_OK)
        fail_msg("%s", err.message);
    zc_assert_cases(kit, ZC_TEST_DATA_DIR "/plugins/amount.cases");
    zc_testkit_close(kit);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

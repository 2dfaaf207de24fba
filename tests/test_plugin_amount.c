/*
 * test_plugin_amount.c - replays tests/data/plugins/amount.cases against the built
 * amount plugin (format in tests/data/plugins/replay.h).
 */
#include "data/plugins/replay.h"

static void test_amount_cases(void **state)
{
    (void)state;
    replay_file("amount", "amount.cases");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

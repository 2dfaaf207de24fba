/*
 * test_plugin_rate.c - replays tests/data/plugins/rate.cases against the built
 * rate plugin (format in tests/data/plugins/replay.h).
 */
#include "data/plugins/replay.h"

static void test_rate_cases(void **state)
{
    (void)state;
    replay_file("rate", "rate.cases");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_plugin_count.c - replays tests/data/plugins/count.cases against the built
 * count plugin (format in tests/data/plugins/replay.h).
 */
#include "data/plugins/replay.h"

static void test_count_cases(void **state)
{
    (void)state;
    replay_file("count", "count.cases");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

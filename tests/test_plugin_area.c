/*
 * test_plugin_area.c - the area plugin, built as area.so, replaying
 * tests/data/area/cases.txt through the test kit; and its refusal to start
 * without its rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_span_is_in_original_bytes),
        cmocka_unit_test(test_missing_rules_refuse_init),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

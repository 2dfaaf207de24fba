/*
 * test_plugin_rules.c - the built-in rules plugin (rules.so): the shipped
 * rules/extractors/weight.rules replayed from tests/data/rules/cases.txt;
 * extractor files found in every rules directory (first one wins, sorted,
 * non-.rules files ignored) through the host's rules_list(); broken files
 * reported and skipped; ranges, multiple patterns and units as written; and
 * the plugin's refusal to start on a host older than ABI 1.1.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "zhclaim/testkit.h"

#define DATA ZC_TEST_DATA_DIR "/rules"

static zc_testkit_t *open_kit(const char *rules_path)
{
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "rules", rules_path, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    return kit;
}

static void test_weight_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit(ZC_TEST_RULES_DIR);
    zc_assert_cases(kit, DATA "/cases.txt");
    zc_testkit_close(kit);
}

/* Files from several directories: sorted, each name once, the first
 * directory's copy read; broken ones named with file, line and reason. */
static void test_files_across_directories(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit(DATA "/override:" DATA "/extra:" ZC_TEST_RULES_DIR);
    const char *m = zc_testkit_messages(kit);
    const char *b = strstr(m, "extractors/broken.rules:3: pattern does not compile");
    const char *h = strstr(m, "extractors/households.rules: kind households, 2 pattern(s)");
    const char *n = strstr(m, "extractors/nonum.rules:3: a pattern needs the groups");
    const char *t = strstr(m, "extractors/typo.rules:5: approx needs WORD and one of");
    const char *w = strstr(m, "extractors/weight.rules: kind weight, 1 pattern(s), 2 unit(s)");
    if (!b || !h || !n || !t || !w)
        fail_msg("messages:\n%s", m);
    assert_true(b < h && h < n && n < t && t < w);
    assert_null(strstr(w + 1, "extractors/weight.rules"));
    /* A file in extractors/ that is no .rules file is not read, and said so. */
    assert_non_null(strstr(m, "extractors/notes.txt: not read: extractor files are named *.rules"));
    /* The override's weight.rules, not the shipped one: 公斤, scale 3. */
    zc_assert_records(kit, "年产钢材10万吨。",
                      ZC_EXPECT({.kind = "weight", .value = "100000000", .unit = "公斤",
                                 .text = "10万吨"}));
    zc_testkit_close(kit);
}

/* Two patterns over the same text give one record (the first pattern's),
 * num2 makes a range, and with no unit table the unit is as written. */
static void test_patterns_ranges_units(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit(DATA "/extra");
    zc_assert_records(kit, "惠及约1.2万户，帮扶3至5户，新增300余户。",
                      ZC_EXPECT({.kind = "households", .value = "12000", .unit = "户",
                                 .text = "约1.2万户", .approx = "~"},
                                {.kind = "households", .value = "3", .unit = "户",
                                 .text = "3至5户", .approx = "=", .range = "3,5"},
                                {.kind = "households", .value = "300", .unit = "户",
                                 .text = "300余户", .approx = ">"}));
    /* households.rules excludes ordinals: 第一户 is no count of households. */
    zc_assert_records(kit, "第一户人家。", ZC_EXPECT_NONE);
    zc_testkit_close(kit);
}

/* No extractor at all is not an error: the plugin loads and finds nothing. */
static void test_no_extractors(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit(DATA "/nowhere");
    assert_non_null(strstr(zc_testkit_messages(kit), "no extractor in extractors/*.rules"));
    zc_assert_records(kit, "年产钢材10万吨。", ZC_EXPECT_NONE);
    zc_testkit_close(kit);
}

static char logged[512];

static void fake_log(zc_call_t *call, zc_log_level_t level, const char *fmt, ...)
{
    (void)call, (void)level;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(logged, sizeof logged, fmt, ap);
    va_end(ap);
}

/* The ABI policy at work: a 1.2 host's table ends before rules_lines (1.3),
 * and the plugin, which needs it, says so instead of calling past the end. */
static void test_refuses_host_without_rules_lines(void **state)
{
    (void)state;
    void *h = dlopen(ZC_TEST_PLUGIN_DIR "/rules.so", RTLD_NOW | RTLD_LOCAL);
    assert_non_null(h);
    zc_plugin_entry_fn entry;
    *(void **)&entry = dlsym(h, ZC_PLUGIN_ENTRY_SYMBOL);
    assert_non_null(entry);
    const zc_plugin_t *p = entry();
    assert_true(p->abi_minor >= 3); /* built against 1.3 or later */
    zc_host_t old = {0};
    old.struct_size = offsetof(zc_host_t, words_load); /* a 1.2 table */
    old.abi_major = 1;
    old.abi_minor = 2;
    old.log = fake_log;
    zc_plugin_init_t args = {sizeof args, &old, "rules.so", NULL};
    void *plugin_state = NULL;
    assert_int_equal(p->init(&args, &plugin_state), ZC_ERR_PLUGIN);
    assert_null(plugin_state);
    assert_non_null(strstr(logged, "needs a host with plugin ABI 1.3"));
    assert_non_null(strstr(logged, "this host has 1.2"));
    dlclose(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weight_cases),
        cmocka_unit_test(test_files_across_directories),
        cmocka_unit_test(test_patterns_ranges_units),
        cmocka_unit_test(test_no_extractors),
        cmocka_unit_test(test_refuses_host_without_rules_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_plugin_duration.c - the duration plugin, built as duration.so:
 * tests/data/duration/cases.txt replayed through the test kit, a corpus
 * document, and extraction from several threads at once (the plugin's
 * state must be read-only after init).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_support.h"
#include "zhclaim/testkit.h"

static zc_testkit_t *open_kit(void)
{
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "duration", ZC_TEST_RULES_DIR, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    return kit;
}

static void test_cases(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit();
    zc_assert_cases(kit, ZC_TEST_DATA_DIR "/duration/cases.txt");
    zc_testkit_close(kit);
}

/* The same assertions written in C, for a reader of the test kit. */
static void test_records_in_c(void **state)
{
    (void)state;
    zc_testkit_t *kit = open_kit();
    zc_assert_records(kit, "两年内完成，3个工作日办结。",
                      ZC_EXPECT({.kind = "duration", .value = "2", .unit = "年",
                                 .text = "两年内", .approx = "<="},
                                {.kind = "duration", .value = "3", .unit = "工作日",
                                 .text = "3个工作日", .approx = "="}));
    zc_assert_records(kit, "2023年3月", ZC_EXPECT_NONE);
    zc_testkit_close(kit);
}

typedef struct job_t {
    zc_engine_t *engine;
    const char *text;
    size_t len;
    size_t n_claims;
    int failed;
} job_t;

static void *run_job(void *arg)
{
    job_t *job = arg;
    for (int round = 0; round < 20; round++) {
        zc_result_t *res = NULL;
        zc_error_t err;
        if (zc_engine_extract(job->engine, "doc.txt", (const unsigned char *)job->text,
                              job->len, &res, &err) != ZC_OK) {
            job->failed = 1;
            return NULL;
        }
        if (round == 0)
            job->n_claims = res->n_claims;
        else if (res->n_claims != job->n_claims || res->n_failures)
            job->failed = 1;
        zc_result_free(res);
    }
    return NULL;
}

/* Four threads extract different documents with one engine: every run of a
 * document gives what one run alone gives. */
static void test_threads(void **state)
{
    (void)state;
    static const char *const plugin_dirs[] = {ZC_TEST_PLUGIN_DIR};
    static const char *const rules_dirs[] = {ZC_TEST_RULES_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = plugin_dirs;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules_dirs;
    cfg.n_rules_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = "duration,area";
    zc_engine_t *engine = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &engine, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(engine), 2);
    static const char *const texts[] = {
        "审批时限压缩至3个工作日，新增用地4930余亩。",
        "力争在两年内基本完成原定三年的目标任务。",
        "用了三个多月，工期一年半。2023年3月。",
        "规划面积2.5平方公里，建设周期约6个月。",
    };
    static const size_t expected[] = {2, 2, 2, 2};
    job_t jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job_t){engine, texts[i], strlen(texts[i]), 0, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_false(jobs[i].failed);
        assert_int_equal(jobs[i].n_claims, expected[i]);
    }
    zc_engine_close(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_records_in_c),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

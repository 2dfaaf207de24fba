/*
 * test_plugin_loader.c - loading plugins, refusing bad ones by name, and
 * keeping the other plugins' records when one fails on a document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zhclaim/zhclaim.h"

typedef struct messages_t {
    char text[8192];
} messages_t;

static void collect(void *user, zc_log_level_t level, const char *msg)
{
    (void)level;
    messages_t *m = user;
    size_t used = strlen(m->text);
    snprintf(m->text + used, sizeof m->text - used, "%s\n", msg);
}

static zc_engine_t *open_fixtures(messages_t *msgs, const char *only)
{
    static const char *const dirs[] = {ZC_FIXTURE_PLUGIN_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = dirs;
    cfg.n_plugin_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = only;
    cfg.on_message = collect;
    cfg.message_user = msgs;
    cfg.log_level = ZC_LOG_INFO;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    return e;
}

static int has_plugin(const zc_engine_t *e, const char *name)
{
    for (size_t i = 0; i < zc_engine_plugin_count(e); i++)
        if (strcmp(zc_engine_plugin(e, i)->name, name) == 0)
            return 1;
    return 0;
}

static void test_good_plugins_load_and_bad_ones_are_named(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = open_fixtures(&msgs, NULL);
    assert_int_equal(zc_engine_plugin_count(e), 2);
    assert_true(has_plugin(e, "fixture_good"));
    assert_true(has_plugin(e, "fixture_extract_fails"));
    const char *m = msgs.text;
    assert_non_null(strstr(m, "wrong_abi.so refused: ABI mismatch: plugin has 2.0, host needs 1.x"));
    assert_non_null(strstr(m, "short_descriptor.so refused: descriptor too short"));
    assert_non_null(strstr(m, "no_entry.so refused: no symbol zc_plugin_entry"));
    assert_non_null(strstr(m, "init_fails.so refused: init failed (not found)"));
    assert_non_null(strstr(m, "plugin fixture_init_fails: rules file missing, on purpose"));
    assert_non_null(strstr(m, "not_elf.so refused:"));
    zc_engine_close(e);
}

static void test_plugin_info(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = open_fixtures(&msgs, "fixture_good");
    assert_int_equal(zc_engine_plugin_count(e), 1);
    const zc_plugin_info_t *p = zc_engine_plugin(e, 0);
    assert_string_equal(p->name, "fixture_good");
    assert_string_equal(p->version, "1.2.3");
    assert_string_equal(p->kinds[0], "count");
    assert_null(p->kinds[1]);
    assert_int_equal(p->abi_major, ZC_PLUGIN_ABI_MAJOR);
    assert_non_null(strstr(p->file, "/good.so"));
    assert_null(zc_engine_plugin(e, 1));
    zc_engine_close(e);
}

static void test_failing_plugin_loses_only_its_records(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = open_fixtures(&msgs, NULL);
    const char *doc = "共计616项,120个机构。";
    zc_result_t *r = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_extract(e, "mem.txt", (const unsigned char *)doc,
                                       strlen(doc), &r, &err), ZC_OK);
    assert_int_equal(r->n_claims, 2);
    for (size_t i = 0; i < r->n_claims; i++) {
        assert_string_equal(r->claims[i].plugin, "fixture_good");
        assert_string_equal(r->claims[i].doc, "mem.txt");
    }
    assert_string_equal(r->claims[0].text, "616");
    assert_int_equal(r->claims[0].start_byte, 6);
    assert_int_equal(r->claims[0].end_byte, 9);
    assert_string_equal(r->claims[1].text, "120");
    assert_int_equal(r->n_failures, 1);
    assert_string_equal(r->failures[0].plugin, "fixture_extract_fails");
    assert_int_equal(r->failures[0].status, ZC_ERR_PLUGIN);
    /* The failure is in the result; the engine's own line is debug only,
     * so that a caller reporting the result does not say it twice. */
    assert_null(strstr(msgs.text, "plugin fixture_extract_fails failed on mem.txt"));
    zc_result_free(r);
    zc_engine_close(e);
}

static void test_spans_map_to_original_bytes(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = open_fixtures(&msgs, "fixture_good");
    /* Full-width digits and a noise mark: normalised offsets differ from
     * the original ones, and the record must name the original. */
    const char *doc = "★共计１２３项";
    zc_result_t *r = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_extract(e, "fw.txt", (const unsigned char *)doc,
                                       strlen(doc), &r, &err), ZC_OK);
    assert_int_equal(r->n_claims, 1);
    assert_string_equal(r->claims[0].text, "１２３");
    assert_int_equal(r->claims[0].start_byte, 9);
    assert_int_equal(r->claims[0].end_byte, 18);
    char buf[32];
    zc_decimal_format(r->claims[0].value, buf, sizeof buf);
    assert_string_equal(buf, "123");
    zc_result_free(r);
    zc_engine_close(e);
}

/* no_plugins: nothing loads, only_plugins is not looked at (no warning
 * that a selected plugin is missing), and the engine still normalises.
 * A config from before no_plugins (struct_size ending at no_default_dirs)
 * loads plugins as before. */
static void test_no_plugins(void **state)
{
    (void)state;
    static const char *const dirs[] = {ZC_FIXTURE_PLUGIN_DIR};
    messages_t msgs = {{0}};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = dirs;
    cfg.n_plugin_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = "no_such_plugin";
    cfg.no_plugins = 1;
    cfg.on_message = collect;
    cfg.message_user = &msgs;
    cfg.log_level = ZC_LOG_DEBUG;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(e), 0);
    assert_string_equal(msgs.text, "");
    char *text = NULL;
    size_t len = 0;
    const char *doc = "共计６１６项";
    assert_int_equal(zc_normalize(e, "mem.txt", (const unsigned char *)doc,
                                  strlen(doc), &text, &len, &err), ZC_OK);
    assert_string_equal(text, "共计616项");
    free(text);
    zc_engine_close(e);

    cfg.only_plugins = "fixture_good";
    cfg.struct_size = offsetof(zc_engine_config_t, no_default_dirs)
                      + sizeof cfg.no_default_dirs;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(e), 1);
    zc_engine_close(e);
}

static void test_empty_and_binary_documents(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = open_fixtures(&msgs, "fixture_good");
    zc_result_t *r = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_extract(e, "empty.txt", (const unsigned char *)"", 0, &r, &err), ZC_OK);
    assert_int_equal(r->n_claims, 0);
    zc_result_free(r);
    r = NULL;
    const unsigned char binary[] = {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0xff, 0xfe, 0};
    assert_int_equal(zc_engine_extract(e, "bin.txt", binary, sizeof binary, &r, &err),
                     ZC_ERR_DECODE);
    assert_null(r);
    assert_non_null(strstr(err.message, "bin.txt"));
    zc_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_plugins_load_and_bad_ones_are_named),
        cmocka_unit_test(test_plugin_info),
        cmocka_unit_test(test_failing_plugin_loses_only_its_records),
        cmocka_unit_test(test_spans_map_to_original_bytes),
        cmocka_unit_test(test_empty_and_binary_documents),
        cmocka_unit_test(test_no_plugins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_plugin_abi.c - the plugin ABI keeps its promises: a plugin built
 * against the ABI 1.1 header loads and works in this host; the frozen
 * structs keep their 1.1 layout; ZC_HOST_HAS; undeclared kinds refused
 * with the reason, once per document; plugin options reach init();
 * supersede() settles overlapping kinds; regex_match_groups() takes a
 * capacity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine_internal.h"
#include "host.h"
#include "fixtures/abi-1.1/layout_1_1.h"

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

static zc_status_t open_abi(messages_t *msgs, const char *only,
                            const char *const *opts, size_t n_opts,
                            zc_engine_t **e, zc_error_t *err)
{
    static const char *const dirs[] = {ZC_ABI_PLUGIN_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = dirs;
    cfg.n_plugin_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = only;
    cfg.on_message = collect;
    cfg.message_user = msgs;
    cfg.log_level = ZC_LOG_INFO;
    cfg.plugin_options = opts;
    cfg.n_plugin_options = n_opts;
    return zc_engine_open(&cfg, e, err);
}

static zc_result_t *extract(zc_engine_t *e, const char *doc, const char *text)
{
    zc_result_t *r = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_extract(e, doc, (const unsigned char *)text,
                                       strlen(text), &r, &err), ZC_OK);
    return r;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_plugin_built_against_1_1_loads_and_works(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(open_abi(&msgs, "fixture_abi_1_1", NULL, 0, &e, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(e), 1);
    const zc_plugin_info_t *info = zc_engine_plugin(e, 0);
    assert_int_equal(info->abi_major, 1);
    assert_int_equal(info->abi_minor, 1);
    assert_string_equal(info->options[0].name, "unused");
    assert_string_equal(info->option_values[0], "x");
    zc_result_t *r = extract(e, "old.txt", "共计616项,增长5%,另有3人。");
    assert_int_equal(r->n_failures, 0);
    assert_int_equal(r->n_claims, 2);
    const zc_claim_t *c0 = zc_result_claim(r, 0), *c1 = zc_result_claim(r, 1);
    assert_string_equal(c0->kind, "count");
    assert_string_equal(c0->text, "616项");
    assert_string_equal(c0->plugin, "fixture_abi_1_1");
    assert_string_equal(c1->kind, "rate");
    assert_string_equal(c1->text, "5%");
    assert_int_equal(c1->value.mantissa, 5);
    zc_result_free(r);
    zc_engine_close(e);
    assert_null(strstr(msgs.text, "refused"));
}

/* The structs indexed as arrays are frozen: the 1.1 header and this one lay
 * them out alike, and the fields every 1.x side relies on stay put. */
static void test_frozen_structs_keep_their_1_1_layout(void **state)
{
    (void)state;
    const size_t now[ZC_FIXTURE_LAYOUT_N] = {
        sizeof(zc_number_t), offsetof(zc_number_t, value), offsetof(zc_number_t, flags),
        offsetof(zc_number_t, sentence),
        sizeof(zc_sentence_t), offsetof(zc_sentence_t, end_byte),
        sizeof(zc_plugin_option_t), offsetof(zc_plugin_option_t, doc),
        sizeof(zc_match_t), offsetof(zc_match_t, end),
        sizeof(zc_decimal_t),
        offsetof(zc_doc_view_t, n_numbers),
        offsetof(zc_record_t, from),
        offsetof(zc_plugin_t, fini),
        offsetof(zc_plugin_init_t, call),
        offsetof(zc_host_t, rules_list),
    };
    for (size_t i = 0; i < ZC_FIXTURE_LAYOUT_N; i++) {
        if (now[i] != zc_fixture_layout_1_1[i])
            fail_msg("layout entry %zu: %zu now, %zu in ABI 1.1", i, now[i],
                     zc_fixture_layout_1_1[i]);
    }
}

static void test_host_has(void **state)
{
    (void)state;
    const zc_host_t *h = zc_host_table();
    assert_true(ZC_HOST_HAS(h, rules_list));
    assert_true(ZC_HOST_HAS(h, option));
    assert_true(ZC_HOST_HAS(h, supersede));
    zc_host_t old = *h;
    old.struct_size = offsetof(zc_host_t, rules_list); /* a 1.0 table */
    assert_true(ZC_HOST_HAS(&old, number_at));
    assert_false(ZC_HOST_HAS(&old, rules_list));
    assert_false(ZC_HOST_HAS(&old, option));
}

static void test_undeclared_kind_refused_once_per_document(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(open_abi(&msgs, "fixture_kinds_liar", NULL, 0, &e, &err), ZC_OK);
    zc_result_t *r = extract(e, "a.txt", "共计616项,120个机构,3人。");
    assert_int_equal(r->n_failures, 0); /* the plugin saw ZC_ERR_INVALID */
    assert_int_equal(r->n_claims, 3);
    for (size_t i = 0; i < r->n_claims; i++)
        assert_string_equal(zc_result_claim(r, i)->kind, "count");
    zc_result_free(r);
    r = extract(e, "b.txt", "又有5项和6项。");
    assert_int_equal(r->n_claims, 2);
    zc_result_free(r);
    zc_engine_close(e);
    /* Three refusals on a.txt, two on b.txt: one message each, with why. */
    assert_int_equal(count_of(msgs.text, "refused a record"), 2);
    assert_int_equal(count_of(msgs.text,
                              "plugin fixture_kinds_liar: a.txt: refused a record: kind 'weight'"
                              " is not among the kinds the plugin declares"), 1);
    assert_int_equal(count_of(msgs.text, "b.txt: refused a record: kind 'weight'"), 1);
}

static void test_options_reach_init(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = NULL;
    zc_error_t err;
    /* Defaults. */
    assert_int_equal(open_abi(&msgs, "fixture_options", NULL, 0, &e, &err), ZC_OK);
    const zc_plugin_info_t *info = zc_engine_plugin(e, 0);
    assert_string_equal(info->option_values[0], "件");
    assert_null(info->option_values[2]);
    zc_result_t *r = extract(e, "d.txt", "有3台和12台。");
    assert_int_equal(r->n_claims, 2);
    assert_string_equal(zc_result_claim(r, 0)->unit, "件");
    zc_result_free(r);
    zc_engine_close(e);

    /* Given values; the last of two wins; a stray key and a stray plugin
     * are warned about, by name. */
    static const char *const opts[] = {"fixture_options.unit=个", "fixture_options.min=5",
                                       "fixture_options.unit=台", "fixture_options.colour=red",
                                       "nosuch.a=b"};
    memset(&msgs, 0, sizeof msgs);
    assert_int_equal(open_abi(&msgs, "fixture_options", opts, 5, &e, &err), ZC_OK);
    info = zc_engine_plugin(e, 0);
    assert_string_equal(info->option_values[0], "台");
    assert_string_equal(info->option_values[1], "5");
    r = extract(e, "d.txt", "有3台和12台。");
    assert_int_equal(r->n_claims, 1);
    assert_string_equal(zc_result_claim(r, 0)->unit, "台");
    assert_string_equal(zc_result_claim(r, 0)->text, "12");
    zc_result_free(r);
    zc_engine_close(e);
    assert_non_null(strstr(msgs.text, "plugin option fixture_options.colour=red: plugin "
                                      "fixture_options has no option colour"));
    assert_non_null(strstr(msgs.text, "plugin option nosuch.a=b: no plugin named nosuch loaded"));

    /* Malformed: the engine does not open, and says which. */
    static const char *const bad[] = {"fixture_options=3"};
    assert_int_equal(open_abi(&msgs, "fixture_options", bad, 1, &e, &err), ZC_ERR_INVALID);
    assert_non_null(strstr(err.message, "fixture_options=3"));
}

static void test_supersede_settles_overlapping_kinds(void **state)
{
    (void)state;
    messages_t msgs = {{0}};
    zc_engine_t *e = NULL;
    zc_error_t err;
    const char *doc = "能耗1.2万吨标准煤,项目3项。";
    /* Alone, the count plugin reads both numbers. */
    assert_int_equal(open_abi(&msgs, "fixture_kinds_liar", NULL, 0, &e, &err), ZC_OK);
    zc_result_t *r = extract(e, "e.txt", doc);
    assert_int_equal(r->n_claims, 2);
    zc_result_free(r);
    zc_engine_close(e);
    /* With energy, which supersedes count: 1.2万 is energy only. */
    assert_int_equal(open_abi(&msgs, "fixture_energy,fixture_kinds_liar", NULL, 0, &e, &err),
                     ZC_OK);
    r = extract(e, "e.txt", doc);
    assert_int_equal(r->n_claims, 2);
    assert_string_equal(zc_result_claim(r, 0)->kind, "energy");
    assert_string_equal(zc_result_claim(r, 0)->text, "1.2万吨标准煤");
    assert_string_equal(zc_result_claim(r, 1)->kind, "count");
    assert_string_equal(zc_result_claim(r, 1)->text, "3");
    zc_result_free(r);
    zc_engine_close(e);
}

/* The ABI 1.3 services, through a plugin that checks each in init() (see
 * tests/fixtures/abi/measures.c) and reads the kind "gadget" with the
 * measure reader: its own list from tests/data/abi, the shared ones from
 * the built-in rules. */
static void test_measure_services(void **state)
{
    (void)state;
    static const char *const dirs[] = {ZC_ABI_PLUGIN_DIR};
    static const char *const rules[] = {ZC_TEST_DATA_DIR "/abi", ZC_TEST_RULES_DIR};
    messages_t msgs = {{0}};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = dirs;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules;
    cfg.n_rules_dirs = 2;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = "fixture_measures";
    cfg.on_message = collect;
    cfg.message_user = &msgs;
    cfg.log_level = ZC_LOG_INFO;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(e), 1);
    assert_null(strstr(msgs.text, "check failed"));
    assert_non_null(strstr(msgs.text, "services checked"));
    /* What the failing calls logged, by file. */
    assert_non_null(strstr(msgs.text, "gadget/missing.txt"));
    assert_non_null(strstr(msgs.text, "no way to read a unit"));

    /* Qualifiers, 余, a range and the subject come from the shared lists;
     * 13 is vetoed; 套 gets its metric from the finish hook. */
    zc_result_t *r = extract(e, "g.txt",
                             "全市新增设备约120台，其中13台进口，配套3至5套，库存500余台。");
    assert_int_equal(r->n_claims, 3);
    const zc_claim_t *c = zc_result_claim(r, 0);
    assert_string_equal(c->kind, "gadget");
    assert_string_equal(c->text, "约120台");
    assert_int_equal(c->approx, ZC_APPROX_ABOUT);
    assert_string_equal(c->subject, "设备");
    c = zc_result_claim(r, 1);
    assert_string_equal(c->text, "3至5套");
    assert_true(c->has_range);
    assert_string_equal(c->metric, "成套");
    c = zc_result_claim(r, 2);
    assert_string_equal(c->text, "500余台");
    assert_int_equal(c->approx, ZC_APPROX_GT);
    zc_result_free(r);
    /* A unit in Latin letters (gd) is read although the shared rules drop
     * a number a letter follows (5G); letters after the unit still do
     * (50gdx is a name). */
    r = extract(e, "g.txt", "另有40gd，型号50gdx。");
    assert_int_equal(r->n_claims, 1);
    assert_string_equal(zc_result_claim(r, 0)->text, "40gd");
    assert_string_equal(zc_result_claim(r, 0)->unit, "gd");
    zc_result_free(r);
    /* ABI 1.4: 毫米 is rain only after a word of the context list in its
     * clause; the comma of 1,150 does not end the clause, a real one does. */
    r = extract(e, "g.txt", "年降水量1200毫米，管径1200毫米；降雨量分别为980、1,150和1320毫米。");
    assert_int_equal(r->n_claims, 4);
    static const char *const rain[] = {"1200毫米", "980", "1,150", "1320毫米"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(zc_result_claim(r, i)->kind, "rain");
        assert_string_equal(zc_result_claim(r, i)->text, rain[i]);
    }
    assert_int_equal(zc_result_claim(r, 0)->start_byte, strlen("年降水量"));
    zc_result_free(r);
    r = extract(e, "g.txt", "降水量由1,050毫米增加到1,200毫米。");
    assert_int_equal(r->n_claims, 2);
    assert_string_equal(zc_result_claim(r, 1)->text, "1,200毫米");
    zc_result_free(r);
    /* A list asked for outside init() is refused, and said so. */
    assert_non_null(strstr(msgs.text, "words_load is for init() only"));
    zc_engine_close(e);
}

static void quiet(void *user, zc_log_level_t level, const char *msg)
{
    (void)user, (void)level, (void)msg;
}

/* More groups than zc_match_t holds, into an array of the caller's size. */
static void test_regex_match_groups_capacity(void **state)
{
    (void)state;
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.no_default_dirs = 1;
    cfg.no_plugins = 1;
    cfg.on_message = quiet;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    zc_call_t call;
    zc_call_begin(&call, e, NULL, NULL);
    const zc_host_t *h = zc_host_table();
    char pattern[256] = "";
    for (int i = 0; i < 20; i++)
        strcat(pattern, "(.)");
    zc_regex_t *re = NULL;
    char why[128];
    assert_int_equal(h->regex_compile(pattern, 0, &re, why, sizeof why), ZC_OK);
    const char *s = "abcdefghijklmnopqrstuvwxyz";
    zc_match_group_t g[21];
    size_t n = 0;
    assert_int_equal(h->regex_match_groups(&call, re, s, strlen(s), 2, 0, g, 21, &n), 1);
    assert_int_equal(n, 21);
    assert_int_equal(g[0].start, 2);
    assert_int_equal(g[0].end, 22);
    assert_int_equal(g[20].start, 21); /* past ZC_MATCH_MAX_GROUPS */
    /* A small capacity: filled up to it, n says how many there were. */
    zc_match_group_t few[3];
    assert_int_equal(h->regex_match_groups(&call, re, s, strlen(s), 0, 0, few, 3, &n), 1);
    assert_int_equal(n, 21);
    assert_int_equal(few[2].start, 1);
    /* An optional group that did not take part. */
    zc_regex_t *opt = NULL;
    assert_int_equal(h->regex_compile("a(x)?(b)", 0, &opt, why, sizeof why), ZC_OK);
    assert_int_equal(h->regex_match_groups(&call, opt, s, strlen(s), 0, 0, few, 3, &n), 1);
    assert_int_equal(few[1].start, ZC_MATCH_UNSET);
    assert_int_equal(few[2].start, 1);
    assert_int_equal(h->regex_match_groups(&call, opt, "zzz", 3, 0, 0, few, 3, NULL), 0);
    h->regex_free(opt);
    h->regex_free(re);
    zc_call_done(&call);
    zc_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plugin_built_against_1_1_loads_and_works),
        cmocka_unit_test(test_frozen_structs_keep_their_1_1_layout),
        cmocka_unit_test(test_host_has),
        cmocka_unit_test(test_undeclared_kind_refused_once_per_document),
        cmocka_unit_test(test_options_reach_init),
        cmocka_unit_test(test_supersede_settles_overlapping_kinds),
        cmocka_unit_test(test_regex_match_groups_capacity),
        cmocka_unit_test(test_measure_services),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

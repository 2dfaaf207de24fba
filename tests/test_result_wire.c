/* test_result_wire.c - a result sent between processes comes back whole:
 * every field of zc_result_t and zc_claim_t (NULLs, ranges, from, places,
 * warnings, failures), shared strings stay shared, a real extraction
 * renders to the same JSON, and cut or garbled bytes are refused. */
#include "cli/result_wire.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "json_writer.h"
#include "test_support.h"

static zc_decimal_t dec(int64_t m, int32_t e)
{
    return (zc_decimal_t){m, e};
}

static zc_result_t *round_trip(const zc_result_t *r, zc_wire_buf_t *b)
{
    memset(b, 0, sizeof *b);
    zc_wire_put_result(b, r);
    assert_false(b->failed);
    zc_wire_in_t in = {b->data, b->len, 0, 0};
    zc_result_t *back = zc_wire_get_result(&in);
    assert_non_null(back);
    assert_int_equal(in.at, b->len);
    return back;
}

static void assert_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void assert_dec(zc_decimal_t a, zc_decimal_t b)
{
    assert_int_equal(a.mantissa, b.mantissa);
    assert_int_equal(a.exponent, b.exponent);
}

static void every_field_comes_back(void **state)
{
    (void)state;
    const char *sentence = "今年产量增长5.6%，达到约12万吨。";
    zc_claim_t claims[3] = {
        {"a.txt", "rate", "rate", 12, 18, "5.6%", dec(56, -1), "%", ZC_APPROX_EQ, 0, {0}, {0},
         "产量", "增长", 0, {0}, sentence},
        {"a.txt", "weight", "rules", 21, 30, "约12万吨", dec(12, 4), "吨", ZC_APPROX_ABOUT, 1,
         dec(-3, 2), dec(INT64_MAX, INT32_MIN), NULL, NULL, 1, dec(INT64_MIN, INT32_MAX), sentence},
        {"a.txt", "count", "count", 40, 44, "3家", dec(3, 0), "家", ZC_APPROX_GE, 0, {0}, {0},
         "", NULL, 0, {0}, NULL},
    };
    zc_claim_place_t places[3] = {
        {1, 1, {56.69, 97.1, 120.0, 109.1}}, {2, 0, {0}}, {0, 0, {0}}};
    zc_plugin_failure_t failures[1] = {{"weight", ZC_ERR_PLUGIN}};
    const char *const warnings[2] = {"page 3 has no text layer (a scan?)",
                                     "declared charset utf-8 contradicted by the bytes"};
    zc_result_t r = {"a.txt", "GB18030", 123456, claims, 3, failures, 1, sizeof(zc_claim_t),
                     "pdf", places, sizeof(zc_claim_place_t), warnings, 2};
    zc_wire_buf_t b;
    zc_result_t *back = round_trip(&r, &b);
    assert_string_equal(back->doc, "a.txt");
    assert_string_equal(back->encoding, "GB18030");
    assert_string_equal(back->format, "pdf");
    assert_int_equal(back->n_bytes, 123456);
    assert_int_equal(back->n_claims, 3);
    assert_int_equal(back->claim_size, sizeof(zc_claim_t));
    for (size_t i = 0; i < 3; i++) {
        const zc_claim_t *x = &claims[i], *y = zc_result_claim(back, i);
        assert_str(x->doc, y->doc);
        assert_str(x->kind, y->kind);
        assert_str(x->plugin, y->plugin);
        assert_int_equal(x->start_byte, y->start_byte);
        assert_int_equal(x->end_byte, y->end_byte);
        assert_str(x->text, y->text);
        assert_dec(x->value, y->value);
        assert_str(x->unit, y->unit);
        assert_int_equal(x->approx, y->approx);
        assert_int_equal(x->has_range, y->has_range);
        assert_dec(x->range_low, y->range_low);
        assert_dec(x->range_high, y->range_high);
        assert_str(x->subject, y->subject);
        assert_str(x->metric, y->metric);
        assert_int_equal(x->has_from, y->has_from);
        assert_dec(x->from, y->from);
        assert_str(x->sentence, y->sentence);
        assert_int_equal(back->places[i].page, places[i].page);
        assert_int_equal(back->places[i].has_bbox, places[i].has_bbox);
        assert_memory_equal(back->places[i].bbox, places[i].bbox, sizeof places[i].bbox);
    }
    /* A sentence two claims share is sent once, and shared on arrival. */
    assert_ptr_equal(back->claims[0].sentence, back->claims[1].sentence);
    assert_ptr_equal(back->claims[0].doc, back->doc);
    assert_int_equal(back->n_failures, 1);
    assert_string_equal(back->failures[0].plugin, "weight");
    assert_int_equal(back->failures[0].status, ZC_ERR_PLUGIN);
    assert_int_equal(back->n_warnings, 2);
    assert_string_equal(back->warnings[0], warnings[0]);
    assert_string_equal(back->warnings[1], warnings[1]);
    /* Every shorter prefix, and a count too large, is refused. */
    for (size_t n = 0; n < b.len; n++) {
        zc_wire_in_t in = {b.data, n, 0, 0};
        assert_null(zc_wire_get_result(&in));
        assert_true(in.bad);
    }
    uint64_t huge = UINT64_MAX / 2;
    memcpy(b.data, &huge, sizeof huge); /* the doc's length */
    zc_wire_in_t in = {b.data, b.len, 0, 0};
    assert_null(zc_wire_get_result(&in));
    free(back);
    zc_wire_buf_free(&b);
}

static void an_empty_result_stays_empty(void **state)
{
    (void)state;
    zc_result_t r = {"e.txt", "UTF-8", 0, NULL, 0, NULL, 0, sizeof(zc_claim_t), "text", NULL,
                     sizeof(zc_claim_place_t), NULL, 0};
    zc_wire_buf_t b;
    zc_result_t *back = round_trip(&r, &b);
    assert_null(back->claims);
    assert_null(back->places);
    assert_null(back->failures);
    assert_null(back->warnings);
    assert_string_equal(back->format, "text");
    free(back);
    zc_wire_buf_free(&b);
}

static char *render(const zc_result_t *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(zc_json_write_result(mem, r), 0);
    assert_int_equal(fclose(mem), 0);
    return buf;
}

/* The records of every corpus document, with their sentences, render the
 * same after the trip. */
static void real_results_render_the_same(void **state)
{
    (void)state;
    zc_engine_config_t cfg = zc_engine_config_default();
    const char *plugins[] = {ZC_TEST_PLUGIN_DIR};
    const char *rules[] = {ZC_TEST_RULES_DIR};
    cfg.plugin_dirs = plugins;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules;
    cfg.n_rules_dirs = 1;
    cfg.no_default_dirs = 1;
    cfg.with_sentence = 1;
    cfg.log_level = ZC_LOG_ERROR;
    zc_engine_t *e;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);
    size_t n, total = 0;
    char **names = corpus_names(&n);
    for (size_t i = 0; i < n; i++) {
        char *path = fmt("%s/%s", CORPUS_DIR, names[i]);
        size_t len;
        char *bytes = zc_test_read_file(path, &len);
        zc_result_t *r;
        assert_int_equal(zc_engine_extract(e, path, (unsigned char *)bytes, len, &r, &err), ZC_OK);
        zc_wire_buf_t b;
        zc_result_t *back = round_trip(r, &b);
        char *x = render(r), *y = render(back);
        assert_string_equal(x, y);
        total += r->n_claims;
        free(x);
        free(y);
        free(back);
        zc_wire_buf_free(&b);
        zc_result_free(r);
        free(bytes);
        free(path);
    }
    assert_true(total > 100);
    free_names(names);
    zc_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_field_comes_back),
        cmocka_unit_test(an_empty_result_stays_empty),
        cmocka_unit_test(real_results_render_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

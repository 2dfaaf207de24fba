/* test_writers.c - JSON Lines and CSV output: escaping, numbers, fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csv_writer.h"
#include "json_writer.h"
#include "zhclaim/records.h"

/* Run a writer into memory and return what it wrote (caller frees). */
static char *capture_json(const zc_claim_t *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(zc_json_write_claim(f, c), 0);
    fclose(f);
    return buf;
}

static char *capture_csv(const zc_claim_t *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(zc_csv_write_claim(f, c), 0);
    fclose(f);
    return buf;
}

static zc_claim_t sample(void)
{
    zc_claim_t c;
    memset(&c, 0, sizeof c);
    c.doc = "corpus/a.txt";
    c.kind = "rate";
    c.plugin = "rate";
    c.start_byte = 10;
    c.end_byte = 15;
    c.text = "57.4%";
    c.value = (zc_decimal_t){574, -1};
    c.unit = "%";
    c.approx = ZC_APPROX_EQ;
    return c;
}

static void test_json_minimal_record(void **state)
{
    (void)state;
    zc_claim_t c = sample();
    char *s = capture_json(&c);
    assert_string_equal(s, "{\"doc\":\"corpus/a.txt\",\"kind\":\"rate\",\"plugin\":\"rate\","
                           "\"span\":[10,15],\"text\":\"57.4%\",\"value\":57.4,"
                           "\"unit\":\"%\",\"approx\":\"=\"}\n");
    free(s);
}

static void test_json_optional_fields(void **state)
{
    (void)state;
    zc_claim_t c = sample();
    c.kind = "count";
    c.text = "5~6个";
    c.value = (zc_decimal_t){5, 0};
    c.unit = "个";
    c.approx = ZC_APPROX_GE;
    c.has_range = 1;
    c.range_low = (zc_decimal_t){5, 0};
    c.range_high = (zc_decimal_t){6, 0};
    c.subject = "职能机构";
    c.metric = "占比";
    c.has_from = 1;
    c.from = (zc_decimal_t){84, 6};
    c.sentence = "省级开发区职能机构控制在5~6个";
    char *s = capture_json(&c);
    assert_non_null(strstr(s, "\"approx\":\">=\",\"range\":[5,6],\"subject\":\"职能机构\","
                              "\"metric\":\"占比\",\"from\":84000000,\"sentence\":"));
    free(s);
}

static void test_json_escaping(void **state)
{
    (void)state;
    zc_claim_t c = sample();
    c.doc = "dir/\"quoted\"\\name\t.txt";
    c.text = "a\nb\r\x01";
    char *s = capture_json(&c);
    assert_non_null(strstr(s, "\"doc\":\"dir/\\\"quoted\\\"\\\\name\\t.txt\""));
    assert_non_null(strstr(s, "\"text\":\"a\\nb\\r\\u0001\""));
    free(s);
}

static void test_json_values_print_exactly(void **state)
{
    (void)state;
    static const struct {
        zc_decimal_t d;
        const char *want;
    } cases[] = {
        {{84, 6}, "84000000"},           /* 0.84亿元 */
        {{118, 10}, "1180000000000"},    /* 1.18万亿元 */
        {{1720, 0}, "1720"},
        {{11, -2}, "0.11"},
        {{7857, -2}, "78.57"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zc_claim_t c = sample();
        c.value = cases[i].d;
        char *s = capture_json(&c);
        char want[64];
        snprintf(want, sizeof want, "\"value\":%s,", cases[i].want);
        assert_non_null(strstr(s, want));
        free(s);
    }
}

/* Writing a whole result escapes the document's path once; the bytes must
 * be those of writing each claim, also for a claim naming another doc. */
static void test_json_result_equals_claims_one_by_one(void **state)
{
    (void)state;
    static char path[] = "dir/\"q\"\\a.txt";
    static char other[] = "other.txt";
    zc_claim_t claims[3] = {sample(), sample(), sample()};
    claims[0].doc = claims[1].doc = path;
    claims[1].text = "120个";
    claims[2].doc = other;
    zc_result_t result;
    memset(&result, 0, sizeof result);
    result.claims = claims;
    result.n_claims = 3;
    result.claim_size = sizeof claims[0];

    char *whole = NULL, *each = NULL;
    size_t whole_len = 0, each_len = 0;
    FILE *f = open_memstream(&whole, &whole_len);
    assert_int_equal(zc_json_write_result(f, &result), 0);
    fclose(f);
    f = open_memstream(&each, &each_len);
    for (int i = 0; i < 3; i++)
        assert_int_equal(zc_json_write_claim(f, &claims[i]), 0);
    fclose(f);
    assert_string_equal(whole, each);
    assert_non_null(strstr(whole, "\"doc\":\"dir/\\\"q\\\"\\\\a.txt\""));
    assert_non_null(strstr(whole, "\"doc\":\"other.txt\""));
    free(whole);
    free(each);
}

static void test_csv_quoting_and_empty_cells(void **state)
{
    (void)state;
    zc_claim_t c = sample();
    c.subject = "机构,\"编制\"";
    char *s = capture_csv(&c);
    assert_string_equal(s, "corpus/a.txt,rate,rate,10,15,57.4%,57.4,%,=,,,"
                           "\"机构,\"\"编制\"\"\",,,,,\r\n");
    free(s);
}

static void test_csv_header(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(zc_csv_write_header(f), 0);
    fclose(f);
    assert_string_equal(buf, "doc,kind,plugin,start_byte,end_byte,text,value,unit,approx,"
                             "range_low,range_high,subject,metric,from,sentence,page,bbox\r\n");
    free(buf);
}

/* A claim as a later library might lay it out: longer than this build's
 * zc_claim_t. zc_records_render steps by the result's claim_size. */
typedef struct longer_claim_t {
    zc_claim_t claim;
    char appended[40];
} longer_claim_t;

static void test_render_steps_by_claim_size_with_places(void **state)
{
    (void)state;
    longer_claim_t claims[2];
    memset(claims, 0, sizeof claims);
    claims[0].claim = claims[1].claim = sample();
    claims[1].claim.text = "120个";
    zc_claim_place_t places[2] = {{3, 1, {1.5, 2, 30.25, 12}}, {0, 0, {0, 0, 0, 0}}};
    zc_result_t result;
    memset(&result, 0, sizeof result);
    result.claims = &claims[0].claim;
    result.n_claims = 2;
    result.claim_size = sizeof claims[0];
    result.places = places;
    result.place_size = sizeof places[0];

    char *out = NULL;
    size_t len = 0;
    assert_int_equal(zc_records_render(&result, ZC_RECORDS_JSONL, &out, &len), ZC_OK);
    assert_string_equal(out,
        "{\"doc\":\"corpus/a.txt\",\"kind\":\"rate\",\"plugin\":\"rate\",\"span\":[10,15],"
        "\"page\":3,\"bbox\":[1.50,2.00,30.25,12.00],\"text\":\"57.4%\",\"value\":57.4,"
        "\"unit\":\"%\",\"approx\":\"=\"}\n"
        "{\"doc\":\"corpus/a.txt\",\"kind\":\"rate\",\"plugin\":\"rate\",\"span\":[10,15],"
        "\"text\":\"120个\",\"value\":57.4,\"unit\":\"%\",\"approx\":\"=\"}\n");
    assert_int_equal(len, strlen(out));
    zc_records_free(out);

    assert_int_equal(zc_records_render(&result, ZC_RECORDS_CSV, &out, &len), ZC_OK);
    assert_string_equal(out,
        "corpus/a.txt,rate,rate,10,15,57.4%,57.4,%,=,,,,,,,3,1.50 2.00 30.25 12.00\r\n"
        "corpus/a.txt,rate,rate,10,15,120个,57.4,%,=,,,,,,,,\r\n");
    zc_records_free(out);
}

static void test_render_empty_and_bad_arguments(void **state)
{
    (void)state;
    zc_result_t result;
    memset(&result, 0, sizeof result);
    char *out = (char *)"stale";
    size_t len = 7;
    assert_int_equal(zc_records_render(&result, ZC_RECORDS_CSV, &out, &len), ZC_OK);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(zc_records_render(&result, (zc_records_format_t)9, &out, &len),
                     ZC_ERR_INVALID);
    assert_int_equal(zc_records_render(NULL, ZC_RECORDS_JSONL, &out, &len), ZC_ERR_INVALID);
    assert_int_equal(zc_records_render(&result, ZC_RECORDS_JSONL, NULL, &len), ZC_ERR_INVALID);
    assert_string_equal(zc_records_csv_header(),
                        "doc,kind,plugin,start_byte,end_byte,text,value,unit,approx,"
                        "range_low,range_high,subject,metric,from,sentence,page,bbox\r\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_minimal_record),
        cmocka_unit_test(test_json_optional_fields),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_json_values_print_exactly),
        cmocka_unit_test(test_json_result_equals_claims_one_by_one),
        cmocka_unit_test(test_csv_quoting_and_empty_cells),
        cmocka_unit_test(test_csv_header),
        cmocka_unit_test(test_render_steps_by_claim_size_with_places),
        cmocka_unit_test(test_render_empty_and_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

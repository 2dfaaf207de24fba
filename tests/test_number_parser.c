/*
 * test_number_parser.c - every form core/number_parser.c documents, and the
 * words it must leave alone, as a table: text, then each number expected in
 * it (byte span, value as zc_decimal_format prints it, ZC_NUM_* flags).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decimal.h"
#include "number_parser.h"

#define A ZC_NUM_ARABIC
#define C ZC_NUM_CHINESE
#define P ZC_NUM_PERCENT
#define D ZC_NUM_DECIMAL
#define S ZC_NUM_SCALED
#define G ZC_NUM_GROUPED
#define W ZC_NUM_DIGITWISE

#define MAX_EXPECTED 10

typedef struct expected_number {
    size_t start;
    size_t end;
    const char *value;
    uint32_t flags;
} expected_number;

typedef struct number_case {
    const char *text;
    size_t n;
    expected_number nums[MAX_EXPECTED];
} number_case;

static const number_case cases[] = {
    /* Arabic */
    {"57.4", 1, {{0, 4, "57.4", A | D}}},
    {"0.84", 1, {{0, 4, "0.84", A | D}}},
    {"1826", 1, {{0, 4, "1826", A}}},
    {"1,826项", 1, {{0, 5, "1826", A | G}}},
    {"12,345,678.5", 1, {{0, 12, "12345678.5", A | G | D}}},
    /* a trailing zero of the fraction is not kept */
    {"57.40%", 1, {{0, 5, "57.4", A | D}}},
    {"04", 1, {{0, 2, "4", A}}},
    /* a ',' after '%' or before a 4th digit does not group */
    {"23%,16%", 2, {{0, 2, "23", A}, {4, 6, "16", A}}},
    {"60%,1-11月", 3, {{0, 2, "60", A}, {4, 5, "1", A}, {6, 8, "11", A}}},
    {"1,2345", 2, {{0, 1, "1", A}, {2, 6, "2345", A}}},
    {"2023,120家", 2, {{0, 4, "2023", A}, {5, 8, "120", A}}},
    /* '.' needs a digit after it */
    {"151. 二零一四", 2, {{0, 3, "151", A}, {5, 17, "2014", C | W}}},
    {"3.1.2", 2, {{0, 3, "3.1", A | D}, {4, 5, "2", A}}},
    /* no sign */
    {"-5", 1, {{1, 2, "5", A}}},
    /* dates and times are numbers here */
    {"2023-04-17 17:08",
     5,
     {{0, 4, "2023", A},
      {5, 7, "4", A},
      {8, 10, "17", A},
      {11, 13, "17", A},
      {14, 16, "8", A}}},
    {"M21和KPI3", 2, {{1, 3, "21", A}, {9, 10, "3", A}}},
    /* more than 18 significant digits: skipped whole */
    {"12345678901234567890123号", 0, {{0, 0, NULL, 0}}},
    /* trailing zeros cost no precision */
    {"100000000000000000000000", 1, {{0, 24, "100000000000000000000000", A}}},
    /* Arabic with scale words */
    {"1.2万", 1, {{0, 6, "12000", A | D | S}}},
    {"0.84亿元", 1, {{0, 7, "84000000", A | D | S}}},
    {"1.18万亿", 1, {{0, 10, "1180000000000", A | D | S}}},
    {"4万亿", 1, {{0, 7, "4000000000000", A | S}}},
    {"3千", 1, {{0, 4, "3000", A | S}}},
    {"5百", 1, {{0, 4, "500", A | S}}},
    {"500万", 1, {{0, 6, "5000000", A | S}}},
    {"3千万", 1, {{0, 7, "30000000", A | S}}},
    {"5百万", 1, {{0, 7, "5000000", A | S}}},
    {"3千亿", 1, {{0, 7, "300000000000", A | S}}},
    {"1.2万亿", 1, {{0, 9, "1200000000000", A | D | S}}},
    {"16万5千", 1, {{0, 9, "165000", A | S}}},
    {"3亿5000万", 1, {{0, 11, "350000000", A | S}}},
    {"1亿2千万", 1, {{0, 11, "120000000", A | S}}},
    /* a further part needs a scale, and a smaller one */
    {"16万5", 2, {{0, 5, "160000", A | S}, {5, 6, "5", A}}},
    {"2万3万", 2, {{0, 4, "20000", A | S}, {4, 8, "30000", A | S}}},
    /* 百 before 分 is not a scale */
    {"3百分点", 1, {{0, 1, "3", A}}},
    /* 兆 is 10^12 (Taiwan, Hong Kong), not in the SI units 兆瓦 兆帕. */
    {"4兆8,530亿元", 1, {{0, 12, "4853000000000", A | S | G}}},
    {"1兆378亿", 1, {{0, 10, "1037800000000", A | S}}},
    {"120兆瓦", 1, {{0, 3, "120", A}}},
    {"5兆帕", 1, {{0, 1, "5", A}}},
    /* 千 before an SI unit is kilo-: 300千瓦时 is 300, 3千人 and 3千位 3000 */
    {"300千瓦时", 1, {{0, 3, "300", A}}},
    {"500千克", 1, {{0, 3, "500", A}}},
    {"2.5千米", 1, {{0, 3, "2.5", A | D}}},
    {"5万千瓦", 1, {{0, 4, "50000", A | S}}},
    {"3千人", 1, {{0, 4, "3000", A | S}}},
    {"3千位", 1, {{0, 4, "3000", A | S}}},
    {"3千吨", 1, {{0, 4, "3000", A | S}}},
    /* mixed groupings: a grouped part fills the places below the scale */
    {"5万6,566元", 1, {{0, 9, "56566", A | S | G}}},
    {"3亿2,000万", 1, {{0, 12, "320000000", A | S | G}}},
    {"5万16,566元", 2, {{0, 4, "50000", A | S}, {4, 10, "16566", A | G}}},
    {"5万6,566.5元", 2, {{0, 4, "50000", A | S}, {4, 11, "6566.5", A | G | D}}},
    /* a space before the scale (flattened tables); two spaces are too many */
    {"1.2 万人", 1, {{0, 7, "12000", A | D | S}}},
    {"36.5 亿元", 1, {{0, 8, "3650000000", A | D | S}}},
    {"1.2  万", 1, {{0, 3, "1.2", A | D}}},
    /* a middle dot between digits is a decimal point */
    {"1·8%", 1, {{0, 4, "1.8", A | D}}},
    {"1·a", 1, {{0, 1, "1", A}}},
    /* a bare scale after an approximating word */
    {"近千个", 1, {{3, 6, "1000", C | S}}},
    {"超千万人次", 1, {{3, 9, "10000000", C | S}}},
    {"超过千万", 1, {{6, 12, "10000000", C | S}}},
    {"逾百万", 1, {{3, 9, "1000000", C | S}}},
    {"近亿元", 1, {{3, 6, "100000000", C | S}}},
    {"近千亿元", 1, {{3, 9, "100000000000", C | S}}},
    {"千家万户", 0, {{0, 0, NULL, 0}}},
    {"亿万", 0, {{0, 0, NULL, 0}}},
    /* Chinese numerals */
    {"十", 1, {{0, 3, "10", C}}},
    {"十大", 1, {{0, 3, "10", C}}},
    {"十二", 1, {{0, 6, "12", C}}},
    {"二十", 1, {{0, 6, "20", C}}},
    {"一百二十", 1, {{0, 12, "120", C}}},
    {"两千三百", 1, {{0, 12, "2300", C}}},
    {"一千", 1, {{0, 6, "1000", C}}},
    {"一百零五", 1, {{0, 12, "105", C}}},
    {"一千零十", 1, {{0, 12, "1010", C}}},
    {"三千零七十四亿", 1, {{0, 21, "307400000000", C | S}}},
    {"三千二百五十亿", 1, {{0, 21, "325000000000", C | S}}},
    {"五亿二千九百万", 1, {{0, 21, "529000000", C | S}}},
    {"一百三十八亿", 1, {{0, 18, "13800000000", C | S}}},
    {"二百二十三亿", 1, {{0, 18, "22300000000", C | S}}},
    {"九亿六千五百万", 1, {{0, 21, "965000000", C | S}}},
    {"三亿六千万", 1, {{0, 15, "360000000", C | S}}},
    {"十万", 1, {{0, 6, "100000", C | S}}},
    {"一万亿", 1, {{0, 9, "1000000000000", C | S}}},
    /* a last digit takes the next lower place */
    {"一万五", 1, {{0, 9, "15000", C | S}}},
    {"三千五", 1, {{0, 9, "3500", C}}},
    {"一百二", 1, {{0, 9, "120", C}}},
    {"一千五万", 1, {{0, 12, "15000000", C | S}}},
    {"十五万", 1, {{0, 9, "150000", C | S}}},
    {"二百多", 1, {{0, 6, "200", C}}},
    {"一千多万元", 1, {{0, 6, "1000", C}}},
    {"两三个", 2, {{0, 3, "2", C}, {3, 6, "3", C}}},
    /* a trailing 零 is not part of the number */
    {"一千零", 1, {{0, 6, "1000", C}}},
    /* financial forms */
    {"壹佰贰拾", 1, {{0, 12, "120", C}}},
    {"人民币伍万元", 1, {{9, 15, "50000", C | S}}},
    {"叁仟柒佰捌拾玖", 1, {{0, 21, "3789", C}}},
    /* every numeral character */
    {"一二三四五六七八九", 1, {{0, 27, "123456789", C | W}}},
    {"一〇零一", 1, {{0, 12, "1001", C | W}}},
    {"壹贰叁肆伍陆柒捌玖",
     9,
     {{0, 3, "1", C},
      {3, 6, "2", C},
      {6, 9, "3", C},
      {9, 12, "4", C},
      {12, 15, "5", C},
      {15, 18, "6", C},
      {18, 21, "7", C},
      {21, 24, "8", C},
      {24, 27, "9", C}}},
    {"拾万", 1, {{0, 6, "100000", C | S}}},
    /* digit by digit */
    {"二零一四", 1, {{0, 12, "2014", C | W}}},
    {"二〇二三年", 1, {{0, 12, "2023", C | W}}},
    {"二零一四/一五年度", 2, {{0, 12, "2014", C | W}, {13, 19, "15", C | W}}},
    {"三四百人", 2, {{0, 3, "3", C}, {3, 9, "400", C}}},
    /* decimals */
    {"四点一", 1, {{0, 9, "4.1", C | D}}},
    {"零点五", 1, {{0, 9, "0.5", C | D}}},
    {"二十点五", 1, {{0, 12, "20.5", C | D}}},
    {"一点二万", 1, {{0, 12, "12000", C | D | S}}},
    {"三点零五", 1, {{0, 12, "3.05", C | D}}},
    {"三点钟", 1, {{0, 3, "3", C}}},
    /* Percent words */
    {"百分之四点一", 1, {{0, 18, "4.1", P | C | D}}},
    {"超过百分之九十四", 1, {{6, 24, "94", P | C}}},
    {"百分之50", 1, {{0, 11, "50", P | A}}},
    {"百分之5.6", 1, {{0, 12, "5.6", P | A | D}}},
    {"百分之五十", 1, {{0, 15, "50", P | C}}},
    {"百分之百", 1, {{0, 12, "100", P | C}}},
    {"百分之一百", 1, {{0, 15, "100", P | C}}},
    {"百分之零", 1, {{0, 12, "0", P | C}}},
    {"千分之五", 1, {{0, 12, "0.5", P | C}}},
    {"万分之三", 1, {{0, 12, "0.03", P | C}}},
    {"三分之一", 1, {{0, 12, "33.333333333333333", P | C}}},
    {"三分之二", 1, {{0, 12, "66.666666666666667", P | C}}},
    {"十分之一", 1, {{0, 12, "10", P | C}}},
    {"二十分之一", 1, {{0, 15, "5", P | C}}},
    {"四分之3", 1, {{0, 10, "75", P | C | A}}},
    /* 十分 without 之 and a numeral is 十 */
    {"十分重要", 1, {{0, 3, "10", C}}},
    {"三分之后", 1, {{0, 3, "3", C}}},
    {"百分点", 0, {{0, 0, NULL, 0}}},
    /* Not numbers */
    {"万", 0, {{0, 0, NULL, 0}}},
    {"亿", 0, {{0, 0, NULL, 0}}},
    {"百姓", 0, {{0, 0, NULL, 0}}},
    {"千方百计", 0, {{0, 0, NULL, 0}}},
    {"千亿级", 0, {{0, 0, NULL, 0}}},
    {"〇", 0, {{0, 0, NULL, 0}}},
    {"零", 0, {{0, 0, NULL, 0}}},
    {"队伍", 0, {{0, 0, NULL, 0}}},
    {"陆续", 0, {{0, 0, NULL, 0}}},
    {"收拾", 0, {{0, 0, NULL, 0}}},
    {"abc, def.", 0, {{0, 0, NULL, 0}}},
    {"", 0, {{0, 0, NULL, 0}}},
    /* Whole sentences */
    {"由303人、513人精简到183名和267名",
     4,
     {{3, 6, "303", A},
      {12, 15, "513", A},
      {27, 30, "183", A},
      {36, 39, "267", A}}},
    {"同比分别增长5.6%、27.4%、33.3%",
     3,
     {{18, 21, "5.6", A | D},
      {25, 29, "27.4", A | D},
      {33, 37, "33.3", A | D}}},
    {"中央政府拟新增1.18万亿元", 1, {{21, 31, "1180000000000", A | D | S}}},
    {"16万5千个受助家庭和20万名",
     2,
     {{0, 9, "165000", A | S},
      {27, 32, "200000", A | S}}},
    {"共计616项社会事务职能,精简率57.4%",
     2,
     {{6, 9, "616", A},
      {40, 44, "57.4", A | D}}},
    {"经常开支占经营开支超过百分之九十四,为三千零七十四亿元",
     2,
     {{33, 51, "94", P | C},
      {55, 76, "307400000000", C | S}}},
    {"比二零一三/一四年度的修订预算减少一百三十八亿元,即百分之四点一",
     4,
     {{3, 15, "2013", C | W},
      {16, 22, "14", C | W},
      {49, 67, "13800000000", C | S},
      {74, 92, "4.1", P | C | D}}},
};

static void check_number(const number_case *c, size_t i,
                         const zc_number_t *got)
{
    const expected_number *want = &c->nums[i];
    char value[64];

    zc_decimal_format(got->value, value, sizeof value);
    if (got->start_byte != want->start || got->end_byte != want->end ||
        strcmp(value, want->value) != 0 || got->flags != want->flags ||
        got->sentence != 0)
        print_message("in \"%s\", number %zu: got [%zu, %zu) %s flags %#x, "
                      "want [%zu, %zu) %s flags %#x\n",
                      c->text, i, got->start_byte, got->end_byte, value,
                      (unsigned)got->flags, want->start, want->end,
                      want->value, (unsigned)want->flags);
    assert_int_equal(got->start_byte, want->start);
    assert_int_equal(got->end_byte, want->end);
    assert_string_equal(value, want->value);
    assert_int_equal(got->flags, want->flags);
    assert_int_equal(got->sentence, 0);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const number_case *c = &cases[k];
        zc_number_t *nums = NULL;
        size_t n = 99;

        assert_int_equal(zc_find_numbers(c->text, strlen(c->text), &nums, &n),
                         ZC_OK);
        if (n != c->n)
            print_message("in \"%s\": %zu numbers, want %zu\n", c->text, n,
                          c->n);
        assert_int_equal(n, c->n);
        for (size_t i = 0; i < n; i++)
            check_number(c, i, &nums[i]);
        free(nums);
    }
}

/* zc_parse_number_at reads one number at the very start, and no further. */
typedef struct at_case {
    const char *text;
    int found;
    size_t consumed;
    const char *value;
    uint32_t flags;
} at_case;

static const at_case at_cases[] = {
    {"1.2万元", 1, 6, "12000", A | D | S},
    {"三千二百五十亿元", 1, 21, "325000000000", C | S},
    {"百分之四点一,主要", 1, 18, "4.1", P | C | D},
    {"1,826项", 1, 5, "1826", A | G},
    {"十分重要", 1, 3, "10", C},
    {"万元", 0, 0, NULL, 0},
    {"百姓", 0, 0, NULL, 0},
    {"零", 0, 0, NULL, 0},
    {"元1", 0, 0, NULL, 0},
    {" 12", 0, 0, NULL, 0},
    {"", 0, 0, NULL, 0},
};

static void test_parse_at(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof at_cases / sizeof at_cases[0]; k++) {
        const at_case *c = &at_cases[k];
        zc_decimal_t value = {0, 0};
        uint32_t flags = 0;
        size_t consumed = 0;
        char text[64];
        int found = zc_parse_number_at(c->text, strlen(c->text), &value,
                                       &flags, &consumed);

        if (found != c->found)
            print_message("\"%s\": found %d\n", c->text, found);
        assert_int_equal(found, c->found);
        if (!found)
            continue;
        zc_decimal_format(value, text, sizeof text);
        assert_string_equal(text, c->value);
        assert_int_equal(consumed, c->consumed);
        assert_int_equal(flags, c->flags);
    }
}

/* The parser reads len bytes and not one more: the text need not end in a
 * NUL, and a numeral cut by len is not read. */
static void test_respects_len(void **state)
{
    const char *text = "12345三千";
    zc_number_t *nums = NULL;
    size_t n = 0;
    char value[32];

    (void)state;
    assert_int_equal(zc_find_numbers(text, 3, &nums, &n), ZC_OK);
    assert_int_equal(n, 1);
    zc_decimal_format(nums[0].value, value, sizeof value);
    assert_string_equal(value, "123");
    free(nums);

    /* "三" whole, "千" cut after two of its three bytes */
    assert_int_equal(zc_find_numbers(text, 10, &nums, &n), ZC_OK);
    assert_int_equal(n, 2);
    zc_decimal_format(nums[1].value, value, sizeof value);
    assert_string_equal(value, "3");
    assert_int_equal(nums[1].end_byte, 8);
    free(nums);
}

/* Broken UTF-8 never makes the scan jump over a digit. */
static void test_broken_utf8(void **state)
{
    const char text[] = "\xE4" "12" "\xEF\xBC" "34" "\x80" "5" "\xF0" "6";
    zc_number_t *nums = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(zc_find_numbers(text, sizeof text - 1, &nums, &n), ZC_OK);
    assert_int_equal(n, 4);
    assert_int_equal(nums[0].start_byte, 1);
    assert_int_equal(nums[1].start_byte, 5);
    assert_int_equal(nums[2].start_byte, 8);
    assert_int_equal(nums[3].start_byte, 10);
    free(nums);
}

static void test_empty_and_invalid(void **state)
{
    zc_number_t *nums = NULL;
    size_t n = 7;

    (void)state;
    assert_int_equal(zc_find_numbers("", 0, &nums, &n), ZC_OK);
    assert_int_equal(n, 0);
    free(nums);
    assert_int_equal(zc_find_numbers(NULL, 0, &nums, &n), ZC_OK);
    assert_int_equal(n, 0);
    free(nums);
    assert_int_equal(zc_find_numbers(NULL, 3, &nums, &n), ZC_ERR_INVALID);
    assert_int_equal(zc_find_numbers("1", 1, NULL, &n), ZC_ERR_INVALID);
}

/* Many numbers: the result grows, stays in order, and never overlaps. */
static void test_many_numbers(void **state)
{
    static const char unit[] = "增长5.6%、三千零七十四亿元和百分之九十四;";
    enum { REPEAT = 500 };
    size_t unit_len = sizeof unit - 1;
    char *text = malloc(unit_len * REPEAT + 1);
    zc_number_t *nums = NULL;
    size_t n = 0;

    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < REPEAT; i++)
        memcpy(text + i * unit_len, unit, unit_len);
    text[unit_len * REPEAT] = '\0';
    assert_int_equal(zc_find_numbers(text, unit_len * REPEAT, &nums, &n),
                     ZC_OK);
    assert_int_equal(n, 3 * REPEAT);
    for (size_t i = 1; i < n; i++)
        assert_true(nums[i].start_byte >= nums[i - 1].end_byte);
    assert_int_equal(nums[n - 1].start_byte,
                     unit_len * (REPEAT - 1) +
                         strlen("增长5.6%、三千零七十四亿元和"));
    free(nums);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_parse_at),
        cmocka_unit_test(test_respects_len),
        cmocka_unit_test(test_broken_utf8),
        cmocka_unit_test(test_empty_and_invalid),
        cmocka_unit_test(test_many_numbers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

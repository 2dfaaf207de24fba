/* test_sentences.c - zc_split_sentences on normalised text. The cases are
 * written with full-width punctuation and width-folded (normalisation step
 * 3) before splitting, as in the pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "normalize.h"
#include "normtext.h"
#include "sentences.h"
#include "test_support.h"

#define CORPUS_DIR ZC_TEST_DATA_DIR "/../../corpus"

/* s[0, n) width-folded (step 3 alone), NUL-terminated, to free(); its
 * length in *len. */
static char *width_folded(const char *s, size_t n, size_t *len)
{
    zc_cptext_t t;
    zc_normtext_t norm;
    zc_error_t err;
    zc_cptext_init(&t);
    assert_int_equal(zc_decode((const unsigned char *)s, n, "UTF-8", &t, &err), ZC_OK);
    assert_int_equal(zc_norm_fold_width_in_place(&t, &err), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &norm), ZC_OK);
    char *out = norm.text;
    *len = norm.len;
    norm.text = NULL;
    zc_normtext_free(&norm);
    zc_cptext_free(&t);
    return out;
}

static void check_split_folded(const char *text, const char *const *want);

/* Split text, width-folded, and compare each sentence with want[] (NULL-
 * terminated), width-folded likewise. */
static void check_split(const char *text, const char *const *want)
{
    size_t len, n = 0;
    while (want[n])
        n++;
    char **folded = calloc(n + 1, sizeof *folded);
    assert_non_null(folded);
    for (size_t i = 0; i < n; i++)
        folded[i] = width_folded(want[i], strlen(want[i]), &len);
    char *t = width_folded(text, strlen(text), &len);
    check_split_folded(t, (const char *const *)folded);
    free(t);
    for (size_t i = 0; i < n; i++)
        free(folded[i]);
    free(folded);
}

static void check_split_folded(const char *text, const char *const *want)
{
    zc_sentence_t *s;
    size_t n, expect = 0, pos = 0;
    while (want[expect])
        expect++;
    assert_int_equal(zc_split_sentences(text, strlen(text), &s, &n), ZC_OK);
    if (n != expect) {
        for (size_t i = 0; i < n; i++)
            print_message("sentence %zu: [%.*s]\n", i,
                          (int)(s[i].end_byte - s[i].start_byte),
                          text + s[i].start_byte);
        fail_msg("%zu sentences, wanted %zu", n, expect);
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = s[i].end_byte - s[i].start_byte;
        assert_int_equal(s[i].start_byte, pos);
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(text + pos, want[i], len);
        pos = s[i].end_byte;
    }
    assert_int_equal(pos, strlen(text));
    free(s);
}

#define SPLIT(text, ...)                                                      \
    do {                                                                      \
        static const char *const want_[] = {__VA_ARGS__, NULL};               \
        check_split(text, want_);                                             \
    } while (0)

static void test_terminators(void **state)
{
    (void)state;
    SPLIT("今年增长5%。明年呢？很好！", "今年增长5%。", "明年呢？", "很好！");
    SPLIT("a?b!c;d", "a?", "b!", "c;", "d");
    SPLIT("一是构建渠道；二是推行绩效；三是完善体系。",
          "一是构建渠道；", "二是推行绩效；", "三是完善体系。");
    SPLIT("没有结尾", "没有结尾");
}

static void test_closers_and_runs(void **state)
{
    (void)state;
    SPLIT("他说“接得住、管得好。”然后走了。", "他说“接得住、管得好。”", "然后走了。");
    SPLIT("「香港。」『好！』下一句", "「香港。」", "『好！』", "下一句");
    SPLIT("真的吗？！是的。", "真的吗？！", "是的。");
    SPLIT("(详见附表1和附表2。)接着", "(详见附表1和附表2。)", "接着");
    SPLIT("见《通知。》【注。】〔2023。〕完", "见《通知。》", "【注。】", "〔2023。〕", "完");
    /* A closer with no terminator before it ends nothing. */
    SPLIT("“四个聚焦”深化改革。", "“四个聚焦”深化改革。");
}

static void test_decimal_point_is_not_an_end(void **state)
{
    (void)state;
    SPLIT("新增1.18万亿元,增长57.4%。下", "新增1.18万亿元,增长57.4%。", "下");
}

static void test_line_breaks(void **state)
{
    (void)state;
    SPLIT("三、2009年主要任务\n今年的工作。\n(一)加强调控\n",
          "三、2009年主要任务", "\n今年的工作。", "\n(一)加强调控\n");
    SPLIT("标题\r\n正文。\r\n", "标题", "\r\n正文。\r\n");
    SPLIT("一\r二\n\n\n三", "一", "\r二", "\n\n\n三");
    /* Blank lines and indentation lead the next sentence. */
    SPLIT("\n\n  开头。  \n结尾。 ", "\n\n  开头。", "  \n结尾。 ");
}

static void test_edges(void **state)
{
    (void)state;
    zc_sentence_t *s = (zc_sentence_t *)&s;
    size_t n = 99;
    assert_int_equal(zc_split_sentences("", 0, &s, &n), ZC_OK);
    assert_int_equal(n, 0);
    free(s);
    SPLIT(" \n ", " \n ");
    SPLIT("。", "。");
    SPLIT("。。", "。。");
    SPLIT("\n。a", "\n。", "a");
    /* A text cut inside a 3-byte character must not be read past. */
    assert_int_equal(zc_split_sentences("ab\xE3\x80", 4, &s, &n), ZC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].end_byte, 4);
    free(s);
}

static void test_length_not_nul(void **state)
{
    (void)state;
    zc_sentence_t *s;
    size_t n;
    const char text[] = "一。二。三。";
    /* Only the first 12 bytes, 一。二。, are the caller's text. */
    assert_int_equal(zc_split_sentences(text, 12, &s, &n), ZC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(s[1].start_byte, 6);
    assert_int_equal(s[1].end_byte, 12);
    free(s);
}

/* From its first 。 on, a sentence holds nothing but terminators and
 * closers. */
static int only_ending_after_first_stop(const char *text, zc_sentence_t s)
{
    static const char *const ending[] = {"。", "！", "？", "；", "”", "’", "」",
                                         "』", "）", "】", "〕", "》", "!",
                                         "?", ";", ")"};
    size_t b = s.start_byte;
    while (b + 3 <= s.end_byte && memcmp(text + b, "。", 3) != 0)
        b++;
    if (b + 3 > s.end_byte)
        return 1;
    while (b < s.end_byte) {
        size_t k = 0;
        for (size_t e = 0; e < sizeof ending / sizeof *ending && !k; e++)
            if (strncmp(text + b, ending[e], strlen(ending[e])) == 0)
                k = strlen(ending[e]);
        if (!k)
            return 0;
        b += k;
    }
    return 1;
}

/* Over a whole document: in order, covering, none blank, each ends at a
 * terminator (+ closers) or before a line break, or at the end. */
static void test_corpus_document(void **state)
{
    (void)state;
    size_t len, n;
    char *raw = zc_test_read_file(CORPUS_DIR "/001_2495d9d79a311390.txt", &len);
    char *text = width_folded(raw, len, &len);
    free(raw);
    zc_sentence_t *s;
    assert_int_equal(zc_split_sentences(text, len, &s, &n), ZC_OK);
    assert_true(n > 50);
    assert_int_equal(s[0].start_byte, 0);
    assert_int_equal(s[n - 1].end_byte, len);
    for (size_t i = 0; i < n; i++) {
        int blank = 1;
        assert_true(s[i].start_byte < s[i].end_byte);
        if (i > 0)
            assert_int_equal(s[i].start_byte, s[i - 1].end_byte);
        for (size_t b = s[i].start_byte; b < s[i].end_byte; b++)
            if (!strchr(" \t\r\n", text[b]))
                blank = 0;
        assert_false(blank);
        assert_true(only_ending_after_first_stop(text, s[i]));
    }
    free(s);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terminators),
        cmocka_unit_test(test_closers_and_runs),
        cmocka_unit_test(test_decimal_point_is_not_an_end),
        cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_length_not_nul),
        cmocka_unit_test(test_corpus_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

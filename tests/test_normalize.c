/*
 * test_normalize.c - the five normalisation steps, each alone and together,
 * and the byte map of the normalised text.
 *
 * Inputs are built from UTF-8 literals with fake source ranges: code point i
 * gets its byte range in the literal shifted by BASE, so a step that
 * recomputed ranges instead of carrying them would be caught.
 */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "normalize.h"
#include "normtext.h"
#include "test_support.h"
#include "utf8.h"
#include "cptext.h"

#define BASE 1000u
#define CORPUS_DIR ZC_TEST_DATA_DIR "/../../corpus"

typedef zc_status_t (*step_fn)(const zc_cptext_t *in, zc_cptext_t *out);

/* ---- helpers ----------------------------------------------------------- */

static size_t decode_one(const unsigned char *s, size_t n, int32_t *cp)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    int32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    assert_true(len <= n);
    for (size_t i = 1; i < len; i++) {
        assert_int_equal(s[i] & 0xC0, 0x80);
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* t = the code points of s, each with its byte range in s plus base. */
static void cptext_from(zc_cptext_t *t, const char *s, size_t n, uint32_t base)
{
    zc_cptext_init(t);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = decode_one((const unsigned char *)s + i, n - i, &cp);
        assert_int_equal(zc_cptext_push(t, cp, base + (uint32_t)i,
                                       base + (uint32_t)(i + k)), ZC_OK);
        i += k;
    }
}

static void cptext_of(zc_cptext_t *t, const char *s)
{
    cptext_from(t, s, strlen(s), BASE);
}

/* The UTF-8 of t, in a static buffer (tests are single-threaded here). */
static const char *utf8_of(const zc_cptext_t *t)
{
    static char buf[4096];
    zc_normtext_t n;
    assert_int_equal(zc_normtext_from_cptext(t, &n), ZC_OK);
    assert_true(n.len < sizeof buf);
    memcpy(buf, n.text, n.len + 1);
    zc_normtext_free(&n);
    return buf;
}

static void assert_range(const zc_cptext_t *t, size_t i, uint32_t start,
                         uint32_t end)
{
    assert_true(i < t->len);
    assert_int_equal(t->src_start[i], start);
    assert_int_equal(zc_cptext_end(t, i), end);
}

/* Every output code point must carry the range it had in the input: find
 * it there by range and compare. Used for steps that only delete. */
static void assert_ranges_carried(const zc_cptext_t *in, const zc_cptext_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < out->len; i++) {
        while (k < in->len && in->src_start[k] != out->src_start[i])
            k++;
        assert_true(k < in->len);
        assert_int_equal(zc_cptext_end(in, k), zc_cptext_end(out, i));
        assert_int_equal(in->cp[k], out->cp[i]);
        k++;
    }
}

static zc_status_t fold_width(const zc_cptext_t *in, zc_cptext_t *out)
{
    return zc_norm_fold_width(in, out, NULL);
}

static zc_status_t to_simplified(const zc_cptext_t *in, zc_cptext_t *out)
{
    return zc_norm_to_simplified(in, out, NULL);
}

/* Run one step on s and compare the UTF-8 result. */
static void check_step(step_fn step, const char *s, const char *want)
{
    zc_cptext_t in, out;
    cptext_of(&in, s);
    zc_cptext_init(&out);
    assert_int_equal(step(&in, &out), ZC_OK);
    assert_string_equal(utf8_of(&out), want);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static const zc_noise_set_t *default_set(void)
{
    static zc_noise_set_t *set;
    if (!set)
        assert_int_equal(zc_noise_set_default(&set, NULL), ZC_OK);
    return set;
}

static zc_status_t strip_default_noise(const zc_cptext_t *in, zc_cptext_t *out)
{
    return zc_norm_strip_noise(in, out, default_set());
}

/* The whole pipeline on s; returns the normalised UTF-8 in a static buffer
 * and leaves the code points in *t for range checks. */
static const char *normalize_str(zc_cptext_t *t, const char *s)
{
    cptext_of(t, s);
    assert_int_equal(zc_normalize_text(t, NULL, NULL), ZC_OK);
    return utf8_of(t);
}

/* ---- step 1: noise ----------------------------------------------------- */

static void test_noise_strip_ranges(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    /* ● 0-3, 湘 3-6, 潭 6-9, ★ 9-12, 市 12-15 */
    cptext_of(&in, "●湘潭★市");
    zc_cptext_init(&out);
    assert_int_equal(strip_default_noise(&in, &out), ZC_OK);
    assert_string_equal(utf8_of(&out), "湘潭市");
    assert_range(&out, 0, BASE + 3, BASE + 6);
    assert_range(&out, 1, BASE + 6, BASE + 9);
    assert_range(&out, 2, BASE + 12, BASE + 15);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_noise_default_members(void **state)
{
    (void)state;
    check_step(strip_default_noise,
               "a★b☆c●d○e■f□g◆h◇i▲j△k▼l▽m※n\xE2\x80\x8Bo\xEF\xBB\xBFp",
               "abcdefghijklmnop");
    /* Real punctuation and numbering survive. */
    check_step(strip_default_noise, "、·。，；“”《》①(一)—…%",
               "、·。，；“”《》①(一)—…%");
    check_step(strip_default_noise, "", "");
}

static void test_noise_parse(void **state)
{
    (void)state;
    zc_noise_set_t *set = NULL;
    zc_error_t err;
    zc_cptext_t in, out;
    const char *rules = "# header\n"
                        "\n"
                        "★\n"
                        "   U+25CF   # black circle\n"
                        "\t☆\t\r\n"
                        "U+1F31F\n"
                        "u+0041\n";
    /* "u+0041" is neither one character nor U+XXXX: rejected. */
    assert_int_equal(zc_noise_set_parse(rules, &set, &err), ZC_ERR_PATTERN);
    assert_null(set);
    assert_non_null(strstr(err.message, "line 7"));

    rules = "# header\n\n★\n   U+25CF   # black circle\n\t☆\t\r\nU+1F31F\nU+25CF";
    assert_int_equal(zc_noise_set_parse(rules, &set, &err), ZC_OK);
    cptext_of(&in, "x★y●z☆w\xF0\x9F\x8C\x9Fv■u");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_strip_noise(&in, &out, set), ZC_OK);
    assert_string_equal(utf8_of(&out), "xyzwv■u");
    zc_noise_set_free(set);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_noise_parse_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "★★\n", "ab\n", "U+D800\n", "U+110000\n", "U+12\n", "U+12G4\n",
        "★ x\n", "\xE2\x98\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        zc_noise_set_t *set = (zc_noise_set_t *)&set; /* must be reset */
        zc_error_t err;
        assert_int_equal(zc_noise_set_parse(bad[i], &set, &err),
                         ZC_ERR_PATTERN);
        assert_null(set);
        assert_non_null(strstr(err.message, "line 1"));
    }
    zc_noise_set_free(NULL);
}

/* The built-in set and rules/noise.txt must hold the same code points. */
static void test_noise_default_matches_rules_file(void **state)
{
    (void)state;
    char *text = zc_test_read_file(ZC_TEST_RULES_DIR "/noise.txt", NULL);
    zc_noise_set_t *file_set;
    zc_cptext_t all, a, b;
    assert_int_equal(zc_noise_set_parse(text, &file_set, NULL), ZC_OK);
    zc_cptext_init(&all);
    for (int32_t cp = 0; cp < 0x20000; cp++)
        if (cp < 0xD800 || cp > 0xDFFF)
            assert_int_equal(zc_cptext_push(&all, cp, 0, 0), ZC_OK);
    zc_cptext_init(&a);
    zc_cptext_init(&b);
    assert_int_equal(zc_norm_strip_noise(&all, &a, file_set), ZC_OK);
    assert_int_equal(zc_norm_strip_noise(&all, &b, default_set()), ZC_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.cp, b.cp, a.len * sizeof *a.cp);
    assert_true(all.len - a.len >= 40); /* the list is not empty */
    zc_noise_set_free(file_set);
    free(text);
    zc_cptext_free(&all);
    zc_cptext_free(&a);
    zc_cptext_free(&b);
}

/* ---- step 2: pinyin ---------------------------------------------------- */

static void test_pinyin_ranges(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    /* 開 0-3, 發 3-6, (fā) 6-11, 區 11-14, (qū) 14-19 */
    cptext_of(&in, "開發(fā)區(qū)");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_strip_pinyin(&in, &out), ZC_OK);
    assert_string_equal(utf8_of(&out), "開發區");
    assert_int_equal(out.len, 3);
    assert_range(&out, 0, BASE + 0, BASE + 3);
    assert_range(&out, 1, BASE + 3, BASE + 6);
    assert_range(&out, 2, BASE + 11, BASE + 14);
    assert_ranges_carried(&in, &out);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_pinyin_removed(void **state)
{
    (void)state;
    check_step(zc_norm_strip_pinyin, "機構(gòu)編制", "機構編制");
    check_step(zc_norm_strip_pinyin, "單(dān)位", "單位");
    check_step(zc_norm_strip_pinyin, "村(社區(qū))", "村(社區)");
    check_step(zc_norm_strip_pinyin, "機構（gòu）", "機構");
    check_step(zc_norm_strip_pinyin, "構(gòu）", "構");
    check_step(zc_norm_strip_pinyin, "莊(zhuāng)", "莊");
    check_step(zc_norm_strip_pinyin, "綠(lǜ)", "綠");
    check_step(zc_norm_strip_pinyin, "綠(lv\xCC\x80)", "綠");        /* v + grave */
    check_step(zc_norm_strip_pinyin, "構(go\xCC\x8Cu)", "構");        /* o + caron */
    check_step(zc_norm_strip_pinyin, "綠(lu\xCC\x88\xCC\x80)", "綠"); /* u¨ + grave */
    check_step(zc_norm_strip_pinyin, "㐀(ā)𠀀(ā)", "㐀𠀀");
}

static void test_pinyin_kept(void **state)
{
    (void)state;
    static const char *const kept[] = {
        "(一)一园一单",     /* numbering */
        "各区(市、区)",      /* Han inside */
        "指标(KPI)",         /* English */
        "构(gou)",           /* no tone mark */
        "构(Gòu)",           /* uppercase */
        "构(gòu",            /* unclosed */
        "构()",              /* empty */
        "构(zhuàngg)",       /* seven letters */
        "构(gò u)",          /* a space inside */
        "a(fā)",             /* after Latin */
        "1(fā)",             /* after a digit */
        "构 (fā)",           /* not glued */
        "(fā)",              /* at the start */
        "构(\xCC\x80)",      /* a mark alone */
        "(厅字〔2023〕6号)", /* document number */
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        check_step(zc_norm_strip_pinyin, kept[i], kept[i]);
}

/* ---- step 3: width ----------------------------------------------------- */

/* Web noise (SPEC 2): each token becomes one U+FFFC. */
static void test_web_masked(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"见http://www.gov.cn/a/2023-06/20/c_5887213.htm。", "见\uFFFC。"},
        {"网址 https://x.cn/t20230228_1919011.html 显示", "网址 \uFFFC 显示"},
        {"www.stats.gov.cn/2019.", "\uFFFC."},
        {"存档web.archive.org/web/20190312/http://a.cn/3.html抓取",
         "存档\uFFFC抓取"},
        {"xx.gov.cn/art/2019/3/12/art_1229_3344.html", "\uFFFC"},
        {"邮箱：audit2023@sjs.gov.cn，电话", "邮箱：\uFFFC，电话"},
        {"来源：news_2019_80%.png", "来源：\uFFFC"},
        {"附件2023年第5号.pdf", "附件2023年第5号.pdf"}, /* no ASCII name */
        {"附件report_2023.PDF下载", "附件\uFFFC下载"},
        {"搜索词%E5%80%8B%E4%BA%BA出现", "搜索词\uFFFC出现"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_step(zc_norm_mask_web, cases[i].in, cases[i].want);
}

/* Numbers, percentages, decimals and codes that are no web noise. */
static void test_web_kept(void **state)
{
    (void)state;
    static const char *const kept[] = {
        "增长5.2%，", "23%,16%", "1.2万", "PM2.5", "5%AB", "3.1.2",
        "1:2", "A@B", "2018/12/26", "M21和KPI3", "GDP增长5.2%", "1/3",
        "80%的企业", "e.g. a.b",
    };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        check_step(zc_norm_mask_web, kept[i], kept[i]);
}

/* The mask keeps the token's whole original range; neighbours keep theirs. */
static void test_web_ranges(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    cptext_of(&in, "见a@b.cn。");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_mask_web(&in, &out), ZC_OK);
    assert_int_equal(out.len, 3);
    assert_range(&out, 0, BASE, BASE + 3);
    assert_range(&out, 1, BASE + 3, BASE + 9);
    assert_range(&out, 2, BASE + 9, BASE + 12);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_width_fold(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    cptext_of(&in, "１２３％．，：；（）\xE3\x80\x80ＡＢｚ！？");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_fold_width(&in, &out, NULL), ZC_OK);
    assert_string_equal(utf8_of(&out), "123%.,:;() ABz!?");
    assert_int_equal(out.len, in.len);
    for (size_t i = 0; i < out.len; i++)
        assert_range(&out, i, BASE + 3 * (uint32_t)i, BASE + 3 * (uint32_t)i + 3);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_width_scope(void **state)
{
    (void)state;
    /* Chinese sentence punctuation, circled and superscript numbers, units
     * and fractions are not folded: some would become fake numbers. */
    static const char *const kept[] = {
        "。、“”‘’《》【】〔〕「」", "①②⑩⑴⒈", "㎡m²½™㈠", "〇一二",
        "abc 123,.%", "開發區", "\xF0\x9D\x9F\x8F" /* 𝟏 */,
        "\xEF\xBF\xA3", /* ￣: NFKC gives two code points */
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        check_step(fold_width, kept[i], kept[i]);
    check_step(fold_width, "｡､｢｣", "。、「」");            /* half-width */
    check_step(fold_width, "\xC2\xA0|\xE2\x80\x83|\xE2\x80\xAF", " | | ");
    check_step(fold_width, "\xE2\xBC\x88\xE2\xBC\xA4", "人大"); /* ⼈⼤ */
    check_step(fold_width, "\xEF\xA4\x80", "\xE8\xB1\x88");     /* 豈 */
    check_step(fold_width, "￥￠", "¥¢");
}

/* ---- step 4: simplified ------------------------------------------------ */

static void test_simplified(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    cptext_of(&in, "兩萬億個項機構開發區證種");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_to_simplified(&in, &out, NULL), ZC_OK);
    assert_string_equal(utf8_of(&out), "两万亿个项机构开发区证种");
    assert_int_equal(out.len, in.len);
    for (size_t i = 0; i < out.len; i++)
        assert_range(&out, i, BASE + 3 * (uint32_t)i, BASE + 3 * (uint32_t)i + 3);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
    check_step(to_simplified, "「香港」", "“香港”");
    check_step(to_simplified, "简体字不变，abc 123。㐀\xF0\xA0\x80\x80",
               "简体字不变，abc 123。㐀\xF0\xA0\x80\x80");
    check_step(to_simplified, "臺灣財政預算案", "台湾财政预算案");
    check_step(to_simplified, "", "");
}

/* ---- step 5: digits ---------------------------------------------------- */

static void test_digits_ranges(void **state)
{
    (void)state;
    zc_cptext_t in, out;
    /* 事 0-3, 项 3-6, 9 6-7, ' ' 7-8, 9 8-9, 1 9-10, 项 10-13 */
    cptext_of(&in, "事项9 91项");
    zc_cptext_init(&out);
    assert_int_equal(zc_norm_join_digits(&in, &out), ZC_OK);
    assert_string_equal(utf8_of(&out), "事项991项");
    assert_range(&out, 2, BASE + 6, BASE + 7);
    assert_range(&out, 3, BASE + 8, BASE + 9);
    assert_range(&out, 4, BASE + 9, BASE + 10);
    assert_ranges_carried(&in, &out);
    zc_cptext_free(&in);
    zc_cptext_free(&out);
}

static void test_digits_joined(void **state)
{
    (void)state;
    check_step(zc_norm_join_digits, "精简率达4 0%,审批", "精简率达40%,审批");
    /* The step takes width-folded text: U+3000 has become a space. */
    check_step(zc_norm_join_digits, "达4 0%", "达40%");
    check_step(zc_norm_join_digits, "达4  0%", "达40%");
    check_step(zc_norm_join_digits, "9 91项", "991项");
    check_step(zc_norm_join_digits, "标题\n9 91项", "标题\n991项");
    check_step(zc_norm_join_digits, "增长1 2.5%", "增长12.5%");
    /* ，, folded to ',' by then. */
    check_step(zc_norm_join_digits, "共计,12 3个", "共计,123个");
    check_step(zc_norm_join_digits, "“1 2个”", "“12个”");
    check_step(zc_norm_join_digits, "达4 0‰", "达40‰");
    check_step(zc_norm_join_digits, "项9 91项和3 4项", "项991项和34项");
}

static void test_digits_kept(void **state)
{
    (void)state;
    static const char *const kept[] = {
        "Table 3 45",         /* Latin context */
        "Table 3 45项",       /* left run follows a space */
        "2024-04-17 17:08",   /* date and time */
        "于2024-04-17 17:08", /* left run follows '-' */
        "1 2 3",              /* no Chinese around */
        "1 2 3项",            /* the second space: left run follows a space */
        "共3 45",             /* nothing Chinese after */
        "共3 45.",            /* '.' ending a sentence is not a decimal */
        "达4   0%",           /* three spaces */
        "2023年 12月",        /* Han between the digits */
        "达4 a0%",            /* not a digit after the space */
        "v2 3项",             /* Latin before */
        "达4 ",               /* space at the end */
        " 4%",                /* no digit before */
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        check_step(zc_norm_join_digits, kept[i], kept[i]);
}

/* ---- utext: long ranges ------------------------------------------------ */

/* A range of ZC_CPTEXT_LONG bytes or more keeps its end through a push, a
 * later set, moves, copies and an expansion's shared start; short ones
 * around it are unaffected. */
static void test_cptext_long_ranges(void **state)
{
    (void)state;
    zc_cptext_t t, c;
    zc_cptext_init(&t);
    zc_cptext_init(&c);
    assert_int_equal(zc_cptext_push(&t, 'a', 0, 1), ZC_OK);
    assert_int_equal(zc_cptext_push(&t, 0xFFFC, 1, 255), ZC_OK); /* 254: short */
    assert_int_equal(zc_cptext_push(&t, 0xFFFC, 255, 510), ZC_OK); /* 255 */
    assert_int_equal(zc_cptext_push(&t, 'b', 510, 511), ZC_OK);
    assert_int_equal(zc_cptext_push(&t, '(', 600, 70000), ZC_OK); /* expanded */
    assert_int_equal(zc_cptext_push(&t, ')', 600, 70000), ZC_OK);
    assert_int_equal(zc_cptext_push(&t, ' ', 70000, 70000), ZC_OK); /* a point */
    /* Out of order: a long range before the others in the table. */
    assert_int_equal(zc_cptext_set_range(&t, 0, 0, 300), ZC_OK);
    static const uint32_t want[] = {300, 255, 510, 511, 70000, 70000, 70000};
    for (size_t i = 0; i < t.len; i++)
        assert_int_equal(zc_cptext_end(&t, i), want[i]);
    assert_int_equal(zc_cptext_copy(&c, &t), ZC_OK);
    zc_cptext_move(&c, 1, 2, 5); /* drop code point 1 */
    c.len = 6;
    for (size_t i = 0; i < c.len; i++) {
        assert_int_equal(c.src_start[i], t.src_start[i ? i + 1 : 0]);
        assert_int_equal(zc_cptext_end(&c, i), want[i ? i + 1 : 0]);
    }
    zc_cptext_move_long(&c, 0, 1, 5);
    c.len = 5;
    assert_int_equal(zc_cptext_end(&c, 0), 510);
    assert_int_equal(zc_cptext_end(&c, 3), 70000);
    /* A new long range from the same start replaces the old one's end. */
    assert_int_equal(zc_cptext_set_range(&c, 0, 255, 512), ZC_OK);
    assert_int_equal(zc_cptext_end(&c, 0), 512);
    assert_int_equal(zc_cptext_end(&t, 2), 510); /* the copy's own table */
    zc_cptext_free(&c);
    zc_cptext_free(&t);
}

/* A URL longer than ZC_CPTEXT_LONG bytes becomes one code point spanning
 * all of it. */
static void test_mask_web_long_url(void **state)
{
    (void)state;
    char src[600];
    size_t n = (size_t)snprintf(src, sizeof src, "见");
    n += (size_t)snprintf(src + n, sizeof src - n, "http://www.gov.cn/");
    while (n < 500)
        src[n++] = 'a';
    n += (size_t)snprintf(src + n, sizeof src - n, ".html。");
    zc_cptext_t t;
    cptext_from(&t, src, n, 0);
    assert_int_equal(zc_norm_mask_web_in_place(&t), ZC_OK);
    assert_int_equal(t.len, 3);
    assert_int_equal(t.cp[1], 0xFFFC);
    assert_int_equal(t.src_start[1], 3);
    assert_int_equal(zc_cptext_end(&t, 1), n - 3);
    assert_int_equal(t.src_start[2], n - 3);
    assert_int_equal(zc_cptext_end(&t, 2), n);
    zc_normtext_t nt;
    size_t s, e;
    assert_int_equal(zc_normtext_from_cptext(&t, &nt), ZC_OK);
    zc_normtext_map_span(&nt, 3, 6, &s, &e);
    assert_int_equal(s, 3);
    assert_int_equal(e, n - 3);
    zc_normtext_free(&nt);
    zc_cptext_free(&t);
}

/* ---- normtext ---------------------------------------------------------- */

static void test_normtext_map(void **state)
{
    (void)state;
    zc_cptext_t t;
    zc_normtext_t n;
    size_t s, e;
    zc_cptext_init(&t);
    /* a <- [5,6), 区 <- [6,9), 𠀀 <- [20,30) (say, after a merge) */
    assert_int_equal(zc_cptext_push(&t, 'a', 5, 6), ZC_OK);
    assert_int_equal(zc_cptext_push(&t, 0x533A, 6, 9), ZC_OK);
    assert_int_equal(zc_cptext_push(&t, 0x20000, 20, 30), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    assert_int_equal(n.len, 8);
    assert_string_equal(n.text, "a区\xF0\xA0\x80\x80");
    static const uint32_t want_start[] = {5, 6, 20};
    static const uint32_t want_end[] = {6, 9, 30};
    /* a and 区 are one run (each as long as its range, the second right
     * after the first); the merged 𠀀 is a run of its own. */
    assert_int_equal(n.n_runs, 2);
    assert_int_equal(n.runs[0].byte, 0);
    assert_int_equal(n.runs[0].src, 5);
    assert_int_equal(n.runs[0].end, 9);
    assert_int_equal(n.runs[1].byte, 4);
    assert_int_equal(n.runs[1].src, 20);
    assert_int_equal(n.runs[1].end, 30);
    /* Every byte of a character maps to that character's range. */
    for (size_t b = 0; b < n.len; b++) {
        size_t ch = b == 0 ? 0 : b < 4 ? 1 : 2;
        zc_normtext_map_span(&n, b, b + 1, &s, &e);
        assert_int_equal(s, want_start[ch]);
        assert_int_equal(e, want_end[ch]);
    }
    zc_normtext_map_span(&n, 1, 4, &s, &e);
    assert_int_equal(s, 6);
    assert_int_equal(e, 9);
    zc_normtext_map_span(&n, 0, 8, &s, &e);
    assert_int_equal(s, 5);
    assert_int_equal(e, 30);
    zc_normtext_map_span(&n, 2, 3, &s, &e); /* inside a character */
    assert_int_equal(s, 6);
    assert_int_equal(e, 9);
    zc_normtext_map_span(&n, 4, 4, &s, &e); /* empty: a point */
    assert_int_equal(s, 20);
    assert_int_equal(e, 20);
    zc_normtext_map_span(&n, 8, 8, &s, &e); /* empty at the end */
    assert_int_equal(s, 30);
    assert_int_equal(e, 30);
    zc_normtext_map_span(&n, 4, 99, &s, &e); /* clamped */
    assert_int_equal(s, 20);
    assert_int_equal(e, 30);
    zc_normtext_free(&n);
    zc_normtext_free(&n); /* freeing twice is harmless */
    /* The taking form gives the same map and leaves t empty. */
    assert_int_equal(zc_normtext_from_cptext_taking(&t, &n), ZC_OK);
    assert_int_equal(t.len, 0);
    assert_null(t.cp);
    assert_null(t.src_start);
    assert_string_equal(n.text, "a区\xF0\xA0\x80\x80");
    assert_int_equal(n.n_runs, 2);
    for (size_t b = 0; b < n.len; b++) {
        size_t ch = b == 0 ? 0 : b < 4 ? 1 : 2;
        zc_normtext_map_span(&n, b, b + 1, &s, &e);
        assert_int_equal(s, want_start[ch]);
        assert_int_equal(e, want_end[ch]);
    }
    zc_normtext_free(&n);
    zc_cptext_free(&t);
}

/* What the map must give for normalised bytes [start, end): the range of
 * the code point holding start to that of the one holding end - 1, from
 * t's own arrays (the per-code-point map normtext kept before its runs). */
static void reference_span(const zc_cptext_t *t, size_t start, size_t end,
                           size_t *s, size_t *e)
{
    size_t len = 0, first = 0, last = 0;
    for (size_t i = 0; i < t->len; i++) {
        unsigned char u[4];
        size_t k = zc_utf8_put(u, t->cp[i]);
        if (start >= len && start < len + k)
            first = i;
        if (end >= len + 1 && end <= len + k)
            last = i;
        len += k;
    }
    if (end > len)
        end = len, last = t->len - 1;
    if (start >= end) {
        *s = *e = start < len ? t->src_start[first]
                              : zc_cptext_end(t, t->len - 1);
        return;
    }
    *s = t->src_start[first];
    *e = zc_cptext_end(t, last);
}

static void check_every_span(const zc_cptext_t *t, const zc_normtext_t *n)
{
    for (size_t a = 0; a <= n->len + 1; a++)
        for (size_t b = a; b <= n->len + 2; b++) {
            size_t s, e, ws, we;
            zc_normtext_map_span(n, a, b, &s, &e);
            reference_span(t, a, b, &ws, &we);
            assert_int_equal(s, ws);
            assert_int_equal(e, we);
        }
}

/* Runs break wherever a code point's range is not its own length right
 * after the last: a deletion, a fold to fewer bytes, a merge, an empty
 * point, the copies of an expansion; every span maps as it would per code
 * point, with either form of the encoding. */
static void test_normtext_runs(void **state)
{
    (void)state;
    static const struct {
        int32_t cp;
        uint32_t start, end;
    } cps[] = {
        {0x5E02, 0, 3},   {'1', 3, 4},      {0x4E07, 4, 7}, /* one run */
        {0x5143, 10, 13}, {'2', 13, 14},    /* after a deletion */
        {'5', 14, 17},                       /* folded from ５ */
        {'%', 17, 20},    {0x5E74, 20, 23}, /* folded, then unchanged */
        {0xFFFC, 23, 60}, {'\n', 60, 60},  /* a merge, an empty point */
        {'(', 60, 63},    {0x4E00, 60, 63}, {')', 60, 63}, /* an expansion */
        {0xE9, 63, 65},   {0x1F600, 65, 69}, {'x', 69, 70},
    };
    zc_cptext_t t, taken;
    zc_normtext_t n, m;
    zc_cptext_init(&t);
    zc_cptext_init(&taken);
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
        assert_int_equal(zc_cptext_push(&t, cps[i].cp, cps[i].start, cps[i].end),
                         ZC_OK);
    assert_int_equal(zc_cptext_copy(&taken, &t), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    assert_int_equal(n.runs[0].byte, 0);
    assert_int_equal(n.runs[0].end, 7);
    assert_int_equal(n.runs[1].src, 10);
    check_every_span(&t, &n);
    assert_int_equal(zc_normtext_from_cptext_taking(&taken, &m), ZC_OK);
    assert_int_equal(m.len, n.len);
    assert_memory_equal(m.text, n.text, n.len + 1);
    assert_int_equal(m.n_runs, n.n_runs);
    assert_memory_equal(m.runs, n.runs, n.n_runs * sizeof *n.runs);
    check_every_span(&t, &m);
    zc_normtext_free(&m);
    zc_normtext_free(&n);
    zc_cptext_free(&taken);
    zc_cptext_free(&t);
}

static void test_normtext_empty_and_invalid(void **state)
{
    (void)state;
    zc_cptext_t t;
    zc_normtext_t n;
    size_t s = 7, e = 7;
    zc_cptext_init(&t);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    assert_int_equal(n.len, 0);
    assert_string_equal(n.text, "");
    zc_normtext_map_span(&n, 0, 0, &s, &e);
    assert_int_equal(s, 0);
    assert_int_equal(e, 0);
    zc_normtext_free(&n);
    assert_int_equal(zc_cptext_push(&t, 0xD800, 0, 3), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_ERR_INVALID);
    assert_null(n.text);
    zc_cptext_clear(&t);
    assert_int_equal(zc_cptext_push(&t, 0x110000, 0, 3), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_ERR_INVALID);
    zc_cptext_free(&t);
}

/* ---- the pipeline ------------------------------------------------------ */

static void test_pipeline_pinyin(void **state)
{
    (void)state;
    zc_cptext_t t;
    /* The deleted gloss belongs to nothing: 区 maps to 區's own bytes. */
    assert_string_equal(normalize_str(&t, "開發(fā)區(qū)"), "开发区");
    assert_range(&t, 2, BASE + 11, BASE + 14);
    zc_cptext_free(&t);
    assert_string_equal(normalize_str(&t, "村(社區(qū))等共計120個機構(gòu)"),
                        "村(社区)等共计120个机构");
    zc_cptext_free(&t);
}

static void test_pipeline_split_digits(void **state)
{
    (void)state;
    zc_cptext_t t;
    zc_normtext_t n;
    size_t s, e;
    const char *src = "涉改事項9 91項";
    assert_string_equal(normalize_str(&t, src), "涉改事项991项");
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    /* 991 is bytes [12, 15) of the normalised text; in the source it is
     * "9 91", bytes [12, 16), the space included. */
    zc_normtext_map_span(&n, 12, 15, &s, &e);
    assert_int_equal(s, BASE + 12);
    assert_int_equal(e, BASE + 16);
    assert_memory_equal(src + s - BASE, "9 91", 4);
    zc_normtext_free(&n);
    zc_cptext_free(&t);
    /* Full-width digits split by an ideographic space. */
    assert_string_equal(normalize_str(&t, "精簡率達４\xE3\x80\x80０％，"),
                        "精简率达40%,");
    zc_cptext_free(&t);
}

static void test_pipeline_fullwidth(void **state)
{
    (void)state;
    zc_cptext_t t;
    zc_normtext_t n;
    size_t s, e;
    assert_string_equal(normalize_str(&t, "新增１．１８万亿元"),
                        "新增1.18万亿元");
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    zc_normtext_map_span(&n, 6, 10, &s, &e); /* "1.18" */
    assert_int_equal(s, BASE + 6);
    assert_int_equal(e, BASE + 18);
    zc_normtext_free(&n);
    zc_cptext_free(&t);
}

static void test_pipeline_noise_and_kept(void **state)
{
    (void)state;
    zc_cptext_t t;
    assert_string_equal(normalize_str(&t, "●湘潭市委編辦\n剝離率達60%★,(一)一園一單"),
                        "湘潭市委编办\n剥离率达60%,(一)一园一单");
    zc_cptext_free(&t);
    assert_string_equal(normalize_str(&t, "（一）加强和改善宏观调控。"),
                        "(一)加强和改善宏观调控。");
    zc_cptext_free(&t);
    assert_string_equal(normalize_str(&t, ""), "");
    assert_int_equal(t.len, 0);
    zc_cptext_free(&t);
}

static void test_pipeline_custom_noise(void **state)
{
    (void)state;
    zc_noise_set_t *set;
    zc_cptext_t t;
    assert_int_equal(zc_noise_set_parse("U+0023\n", &set, NULL), ZC_OK);
    cptext_of(&t, "#1★");
    assert_int_equal(zc_normalize_text(&t, set, NULL), ZC_OK);
    assert_string_equal(utf8_of(&t), "1★");
    zc_noise_set_free(set);
    zc_cptext_free(&t);
}

/* ---- threads: the lazily built tables are shared ----------------------- */

typedef struct thread_job_t {
    const char *text;
    size_t len;
    char *result;
    zc_status_t status;
} thread_job_t;

static void *normalize_job(void *arg)
{
    thread_job_t *job = arg;
    zc_cptext_t t;
    zc_normtext_t n = {0};
    zc_cptext_init(&t);
    /* Decoded by hand: cmocka's assertions in decode_one are not for
     * threads. */
    for (size_t i = 0; i < job->len;) {
        unsigned char c = (unsigned char)job->text[i];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        int32_t cp = k == 1 ? c : c & (0x7F >> k);
        for (size_t j = 1; j < k; j++)
            cp = (cp << 6) | (job->text[i + j] & 0x3F);
        zc_cptext_push(&t, cp, (uint32_t)i, (uint32_t)(i + k));
        i += k;
    }
    job->status = zc_normalize_text(&t, NULL, NULL);
    if (job->status == ZC_OK && zc_normtext_from_cptext(&t, &n) == ZC_OK)
        job->result = n.text; /* keep only the text */
    free(n.runs);
    zc_cptext_free(&t);
    return NULL;
}

/* Runs first, so the tables are built while four threads race for them. */
static void test_threads_first_use(void **state)
{
    (void)state;
    const char *text = "開發(fā)區★共計１２０個機構，精簡率達4 0%。";
    thread_job_t jobs[4];
    pthread_t tid[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job_t){text, strlen(text), NULL, ZC_OK};
        assert_int_equal(pthread_create(&tid[i], NULL, normalize_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(tid[i], NULL), 0);
        assert_int_equal(jobs[i].status, ZC_OK);
        assert_non_null(jobs[i].result);
        assert_string_equal(jobs[i].result, "开发区共计120个机构,精简率达40%。");
        free(jobs[i].result);
    }
}

/* ---- round trip over the corpus ---------------------------------------- */

static int is_deletable(int32_t cp)
{
    /* What steps 1, 2 and 5 may delete: noise, a pinyin gloss, a space. */
    static const char *const gloss = "()abcdefghijklmnopqrstuvwxyz";
    zc_cptext_t one, out;
    int noise;
    if (cp < 0x80)
        return cp == ' ' || strchr(gloss, (int)cp) != NULL;
    if (cp == 0x3000 || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFC ||
        (cp >= 0xE0 && cp <= 0x1DC) || (cp >= 0x300 && cp <= 0x30C))
        return 1;
    zc_cptext_init(&one);
    zc_cptext_init(&out);
    assert_int_equal(zc_cptext_push(&one, cp, 0, 1), ZC_OK);
    assert_int_equal(zc_norm_strip_noise(&one, &out, default_set()), ZC_OK);
    noise = out.len == 0;
    zc_cptext_free(&one);
    zc_cptext_free(&out);
    return noise;
}

static void check_gap(const char *src, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        int32_t cp;
        i += decode_one((const unsigned char *)src + i, to - i, &cp);
        if (!is_deletable(cp))
            fail_msg("U+%04X at byte %zu was deleted", (unsigned)cp, i);
    }
}

/* What one original code point may have become. */
static void check_char(int32_t orig, int32_t norm, const char *orig_bytes,
                       const char *norm_bytes, size_t n)
{
    if (orig == norm) {
        assert_memory_equal(orig_bytes, norm_bytes, n);
        return;
    }
    assert_true(orig >= 0x80); /* ASCII never changes */
    if (orig >= 0xFF00 && orig <= 0xFFEF)
        return; /* width folding */
    if (orig == 0x3000 || orig == 0xA0 || (orig >= 0x2000 && orig <= 0x200A) ||
        orig == 0x202F || orig == 0x205F) {
        assert_int_equal(norm, ' ');
        return;
    }
    if (orig == 0x300C || orig == 0x300D) {
        assert_int_equal(norm, orig == 0x300C ? 0x201C : 0x201D);
        return;
    }
    if (orig >= 0x3400 && orig <= 0x9FFF) {
        assert_true(norm >= 0x3400 && norm <= 0x9FFF); /* simplified */
        return;
    }
    fail_msg("U+%04X became U+%04X", (unsigned)orig, (unsigned)norm);
}

static void check_document(const char *path)
{
    size_t len;
    char *src = zc_test_read_file(path, &len);
    zc_cptext_t t;
    zc_normtext_t n;
    size_t prev_end = 0;
    cptext_from(&t, src, len, 0);
    assert_int_equal(zc_normalize_text(&t, NULL, NULL), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    assert_int_equal(n.text[n.len], '\0');
    assert_true(n.len > 0 && n.len <= len);
    for (size_t b = 0, i = 0; b < n.len; i++) {
        int32_t norm, orig;
        size_t k = decode_one((const unsigned char *)n.text + b, n.len - b, &norm);
        size_t s = t.src_start[i], e = zc_cptext_end(&t, i);
        assert_true(i < t.len);
        assert_int_equal(norm, t.cp[i]);
        assert_true(s < e && e <= len);
        assert_true(s >= prev_end); /* in order, never overlapping */
        for (size_t j = 0; j < k; j++) { /* each byte maps to the whole */
            size_t ms, me;
            zc_normtext_map_span(&n, b + j, b + j + 1, &ms, &me);
            assert_int_equal(ms, s);
            assert_int_equal(me, e);
        }
        check_gap(src, prev_end, s);
        if (norm == 0xFFFC) { /* a masked web token: an ASCII run */
            assert_true(e - s >= 4);
            for (size_t j = s; j < e; j++)
                assert_true((unsigned char)src[j] < 0x80);
            prev_end = e;
            b += k;
            continue;
        }
        /* Every other step here maps one code point to one: the range is one. */
        assert_int_equal(decode_one((const unsigned char *)src + s, e - s, &orig),
                         e - s);
        check_char(orig, norm, src + s, n.text + b, k);
        prev_end = e;
        b += k;
    }
    check_gap(src, prev_end, len);
    zc_normtext_free(&n);
    zc_cptext_free(&t);
    free(src);
}

static void test_corpus_round_trip(void **state)
{
    (void)state;
    DIR *d = opendir(CORPUS_DIR);
    struct dirent *ent;
    int files = 0;
    assert_non_null(d);
    while ((ent = readdir(d)) != NULL) {
        char path[1024];
        size_t n = strlen(ent->d_name);
        if (n < 4 || strcmp(ent->d_name + n - 4, ".txt") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, ent->d_name);
        check_document(path);
        files++;
    }
    closedir(d);
    assert_true(files >= 10);
}

/* Spot checks on the corpus text itself. */
static void test_corpus_seed_000(void **state)
{
    (void)state;
    size_t len;
    char *src = zc_test_read_file(CORPUS_DIR "/000_85037711d64bb8ac.txt", &len);
    zc_cptext_t t;
    zc_normtext_t n;
    cptext_from(&t, src, len, 0);
    assert_int_equal(zc_normalize_text(&t, NULL, NULL), ZC_OK);
    assert_int_equal(zc_normtext_from_cptext(&t, &n), ZC_OK);
    assert_memory_equal(n.text, "湘潭市委编办\n", strlen("湘潭市委编办\n"));
    assert_non_null(strstr(n.text, "推动开发区高质量发展"));
    assert_non_null(strstr(n.text, "涉改事项991项"));
    assert_non_null(strstr(n.text, "精简率达40%"));
    assert_non_null(strstr(n.text, "村(社区)等共计120个机构"));
    assert_null(strstr(n.text, "(qū)"));
    assert_null(strstr(n.text, "●"));
    zc_normtext_free(&n);
    zc_cptext_free(&t);
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_first_use),
        cmocka_unit_test(test_noise_strip_ranges),
        cmocka_unit_test(test_noise_default_members),
        cmocka_unit_test(test_noise_parse),
        cmocka_unit_test(test_noise_parse_errors),
        cmocka_unit_test(test_noise_default_matches_rules_file),
        cmocka_unit_test(test_pinyin_ranges),
        cmocka_unit_test(test_pinyin_removed),
        cmocka_unit_test(test_pinyin_kept),
        cmocka_unit_test(test_web_masked),
        cmocka_unit_test(test_web_kept),
        cmocka_unit_test(test_web_ranges),
        cmocka_unit_test(test_width_fold),
        cmocka_unit_test(test_width_scope),
        cmocka_unit_test(test_simplified),
        cmocka_unit_test(test_digits_ranges),
        cmocka_unit_test(test_digits_joined),
        cmocka_unit_test(test_digits_kept),
        cmocka_unit_test(test_cptext_long_ranges),
        cmocka_unit_test(test_mask_web_long_url),
        cmocka_unit_test(test_normtext_map),
        cmocka_unit_test(test_normtext_runs),
        cmocka_unit_test(test_normtext_empty_and_invalid),
        cmocka_unit_test(test_pipeline_pinyin),
        cmocka_unit_test(test_pipeline_split_digits),
        cmocka_unit_test(test_pipeline_fullwidth),
        cmocka_unit_test(test_pipeline_noise_and_kept),
        cmocka_unit_test(test_pipeline_custom_noise),
        cmocka_unit_test(test_corpus_round_trip),
        cmocka_unit_test(test_corpus_seed_000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

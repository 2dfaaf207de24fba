/*
 * duration - spans of time, under the kind "duration".
 *
 * Forms recognised (value and unit as written: 3个月 is 3 月, never 90 天):
 *   3个工作日  54个工作日  两个小时  30分钟  一天  3天  两周  ->  3 工作日 ...
 *   3个月  两个季度                -> 月, 季度: only with 个 (3月 is March)
 *   3年以上 (>=)  两年内 (<=)  三年来  一年多 (>)  10余年 (>)  超过3年 (>)
 *   近两年  用三年时间  连续两年    -> 2 年, 3 年 (context words, not in span)
 *   两年  五年  一年               -> 年 after a number in Chinese words
 *   一年半  两个半月               -> 1.5 年, 2.5 月
 *   3-5个工作日  3至5年            -> 3, range [3, 5]
 * Not durations (dates, SPEC section 2):
 *   2023年  二〇二三年  2023年度    a year: 4 digits or digit by digit
 *   3月  1-11月  3月15日           a month's name, a day of the month
 *   3年级  五周年  3天前  第3天     a grade, an anniversary, a point, an ordinal
 *   3年 (Arabic, no context)       too often a shortened year to guess
 * Every word comes from rules/duration/ (units and what each needs to be a
 * duration, classifiers, context and exclusion words) and rules/common/
 * (qualifiers, range marks); units.txt explains the decision. State is
 * those word lists, read-only after init(): extract() may run on several
 * documents at once. Nothing allocated in extract() outlives it.
 *
 * The reading of number, range, 多/余, 个, unit and qualifiers is shared
 * with area (zc_measure_read, plugins/common/zc_measure.h); what is a
 * duration's own is here: its word lists, 半 and the date rules.
 */
#include <stdlib.h>
#include <string.h>

#include "zc_extract.h"
#include "zc_lexicon.h"
#include "zc_measure.h"
#include "zhclaim/plugin.h"

typedef struct duration_state_t {
    const zc_host_t *host;
    zc_lexicon_t units;          /* word -> unit, needs */
    zc_lexicon_t classifiers;    /* 个 */
    zc_lexicon_t context_before; /* 近 用 连续 ... */
    zc_lexicon_t context_after;  /* word -> approx: 内 <=, 来 = ... */
    zc_lexicon_t not_before;     /* 第, 月 */
    zc_lexicon_t not_after;      /* 月 度 级 年 前 ... */
    zc_measure_words_t common;   /* qualifiers, 多/余, range marks */
    zc_measure_spec_t spec;      /* how zc_measure_read reads a duration */
} duration_state_t;

/* "半" (half) after the unit (一年半) or before it (两个半月) adds 0.5. It
 * is arithmetic, not vocabulary, so it lives here rather than in rules. */
static const char half_word[] = "半";

/* d + 0.5, exactly: bring d to at least one decimal place, add 5 tenths
 * (or 50 hundredths ...). Durations are small; the mantissa cannot
 * overflow. */
static zc_decimal_t plus_half(zc_decimal_t d)
{
    while (d.exponent > -1) {
        d.mantissa *= 10;
        d.exponent--;
    }
    int64_t half = 5;
    for (int32_t e = d.exponent; e < -1; e++)
        half *= 10;
    d.mantissa += half;
    return d;
}

/* A number that reads as a year: 1000 or more, or digit by digit. */
static int looks_like_year(const zc_number_t *n)
{
    if (n->flags & ZC_NUM_DIGITWISE)
        return 1;
    int64_t m = n->value.mantissa;
    for (int32_t e = n->value.exponent; e > 0 && m < 1000; e--)
        m *= 10;
    for (int32_t e = n->value.exponent; e < 0; e++)
        m /= 10;
    return m >= 1000;
}

static void duration_fini(void *state)
{
    duration_state_t *st = state;
    if (!st)
        return;
    zc_lexicon_t *all[] = {&st->units, &st->classifiers, &st->context_before,
                           &st->context_after, &st->not_before, &st->not_after};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        zc_lexicon_free(all[i]);
    zc_measure_words_free(&st->common);
    free(st);
}

static zc_status_t duration_init(const zc_plugin_init_t *args, void **state)
{
    zc_status_t rc = zc_check_host(args);
    if (rc != ZC_OK)
        return rc;
    duration_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = args->host;
    const struct {
        zc_lexicon_t *lex;
        const char *file;
    } files[] = {
        {&st->units, "duration/units.txt"},
        {&st->classifiers, "duration/classifiers.txt"},
        {&st->context_before, "duration/context_before.txt"},
        {&st->context_after, "duration/context_after.txt"},
        {&st->not_before, "duration/not_before.txt"},
        {&st->not_after, "duration/not_after.txt"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0] && rc == ZC_OK; i++)
        rc = zc_lexicon_load(files[i].lex, args, files[i].file); /* logs why */
    if (rc == ZC_OK)
        rc = zc_measure_words_load(&st->common, args);
    if (rc != ZC_OK) {
        duration_fini(st);
        return rc;
    }
    /* number [个] [半] unit [半], with the duration's own context words
     * next to the shared qualifiers (zc_measure.h). */
    st->spec = (zc_measure_spec_t){
        .words = &st->common,
        .units = &st->units,
        .not_before = &st->not_before,
        .not_after = &st->not_after,
        .classifiers = &st->classifiers,
        .context_before = &st->context_before,
        .context_after = &st->context_after,
        .half = half_word,
    };
    *state = st;
    return ZC_OK;
}

/* Try doc->numbers[i] as the start of a duration; emit it and return the
 * number of numbers it used (2 for a range), 0 when it is none. */
static size_t duration_at(const duration_state_t *st, const zc_doc_view_t *doc,
                          size_t i, zc_call_t *call, zc_status_t *rc)
{
    const zc_number_t *n = &doc->numbers[i];
    zc_measure_t m;
    if (n->flags & ZC_NUM_PERCENT || !zc_measure_read(&st->spec, doc, i, &m))
        return 0;

    /* Is it a duration? See rules/duration/units.txt. */
    const zc_lex_entry_t *unit = m.unit;
    const char *needs = unit->field[1];
    int ok;
    if (m.classifier && strcmp(unit->field[2], "no-classifier") == 0)
        ok = 0;
    else if (strcmp(needs, "free") == 0)
        ok = 1;
    else if (strcmp(needs, "classifier") == 0)
        ok = m.classifier;
    else {
        int chinese = strcmp(needs, "chinese") == 0 && (n->flags & ZC_NUM_CHINESE);
        ok = m.classifier || ((m.context || chinese) && !(looks_like_year(n) && !m.mid));
    }
    if (!ok)
        return 0;

    zc_record_t r = m.rec;
    r.struct_size = sizeof r;
    r.kind = "duration";
    if (m.half) {
        r.value = plus_half(r.value);
        if (r.has_range)
            r.range_high = plus_half(r.range_high);
    }
    *rc = st->host->emit(call, &r);
    return m.used;
}

static zc_status_t duration_extract(void *state, const zc_doc_view_t *doc,
                                    zc_call_t *call)
{
    const duration_state_t *st = state;
    zc_status_t rc = ZC_OK;
    for (size_t i = 0; i < doc->n_numbers && rc == ZC_OK;) {
        size_t used = duration_at(st, doc, i, call, &rc);
        i += used ? used : 1;
    }
    return rc;
}

static const char *const duration_kinds[] = {"duration", NULL};

static const zc_plugin_t descriptor = {
    .struct_size = sizeof(zc_plugin_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .name = "duration",
    .version = "1.0.0",
    .description = "spans of time: 3个工作日, 3年以上, 一天, 近两年 (in the unit written)",
    .kinds = duration_kinds,
    .options = NULL,
    .init = duration_init,
    .extract = duration_extract,
    .fini = duration_fini,
};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void) { return &descriptor; }

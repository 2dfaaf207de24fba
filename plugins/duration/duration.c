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
 * The reading of number, range, 多/余, 个, 半, unit and qualifiers is in
 * duration_reading.c, over the host's word lists (zc_host_t.words_load,
 * ABI 1.3); here is what makes it a duration: the unit's needs and the
 * date rules.
 */
#include <stdlib.h>
#include <string.h>

#include "duration_reading.h"
#include "units_check.h"
#include "zhclaim/plugin.h"

typedef struct duration_state_t {
    const zc_host_t *host;
    zc_duration_words_t words;
} duration_state_t;

/* 半 (half) after the unit (一年半) or before it (两个半月) adds 0.5. It
 * is arithmetic, not vocabulary, so it lives here rather than in rules.
 * d + 0.5, exactly: bring d to at least one decimal place, add 5 tenths
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

static void duration_fini(void *state) { free(state); }

static zc_status_t duration_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, words_load)) {
        h->log(args->call, ZC_LOG_ERROR, "needs a host of ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    duration_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = h;
    zc_status_t rc = zc_duration_words_load(args, &st->words); /* logs why */
    if (rc == ZC_OK)
        rc = zc_duration_units_check(args, "duration/units.txt");
    if (rc != ZC_OK) {
        free(st);
        return rc;
    }
    *state = st;
    return ZC_OK;
}

/* Try doc->numbers[i] as the start of a duration; emit it and return the
 * number of numbers it used (2 for a range), 0 when it is none. */
static size_t duration_at(const duration_state_t *st, const zc_doc_view_t *doc,
                          size_t i, zc_call_t *call, zc_status_t *rc)
{
    const zc_number_t *n = &doc->numbers[i];
    zc_duration_reading_t m;
    if (n->flags & ZC_NUM_PERCENT || !zc_duration_read(st->host, &st->words, doc, i, &m))
        return 0;

    /* Is it a duration? See rules/duration/units.txt. */
    const zc_word_t *unit = m.unit;
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

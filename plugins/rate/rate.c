/*
 * rate - percentages, percentage points, tenths, fractions and multiples.
 *
 * Forms recognised (value in percent unless noted; SPEC sections 2-3):
 *   57.4%  4 0%  57.4％            -> 57.4 %     (the core joins digits and
 *                                                makes ％ ASCII)
 *   百分之五十  百分之四点一          -> 50 %, 4.1 %
 *   千分之五                        -> 0.5 %
 *   三分之一                        -> 33.333... %
 *   3个百分点  0.5个百分点  3百分点  -> 3 pp
 *   三成  两成  3成                 -> 30 %, 20 %  (成 must follow the
 *                                   numeral directly and not begin a word
 *                                   such as 成为 成立 成果 完成: rules/rate/
 *                                   not_units.txt)
 *   2倍  0.6倍                      -> 2 x, 0.6 x  (not 倍增)
 *   翻一番  翻两番  翻三番           -> 2 x, 4 x, 8 x (番 only after 翻)
 *   八成四  三成五                   -> 84 %, 35 %  (a digit after 成)
 *   5%-6%  5~6%  5至6%              -> 5 %, range [5, 6]
 * Growth, shares, ratios and thresholds all count: 同比增长5.6%, 占比70%,
 * 精简率40%, 不高于上限70%. Qualifiers (approx): 超过85% (>), 70%以上 (>=),
 * 不足30% (<), 3%以内 (<=), 17%左右 (~). Subjects and metrics: 规模以上
 * 工业总产值同比增长12.5% -> subject 规模以上工业总产值, metric 同比增长;
 * 分别 lists and changes (占比由60%上升至78.57%: from 60) as in SPEC 5.
 *
 * Rules: rules/rate/units.txt (unit words, scale, default metric),
 * rules/rate/not_units.txt, rules/rate/exclude.re, and rules/common/.
 * The reading itself (ranges, qualifiers, lists, changes, subjects) is the
 * host's measure reader (zhclaim/plugin.h, measure_open); what is the
 * rate's own is here: 番 only after 翻, and the arithmetic of 翻N番 and
 * 八成四.
 */
#include <stdlib.h>
#include <string.h>

#include "zhclaim/plugin.h"

typedef struct rate_state_t {
    const zc_host_t *host;
    const zc_words_t *units;   /* word, unit, exp, default metric */
    const zc_measure_t *measure;
} rate_state_t;

/* 翻一番: the doubling word; 番 is a unit only after 翻 (三番五次 is none). */
#define FAN_UNIT "\xE7\x95\xAA" /* 番 */
#define FAN_VERB "\xE7\xBF\xBB" /* 翻 */
#define CHENG_UNIT "\xE6\x88\x90" /* 成 */

/* A single Chinese or Arabic digit 1-9 at t[pos] (the 四 of 八成四), as its
 * value, else 0; *len gets its bytes. */
static int single_digit_at(const zc_doc_view_t *doc, size_t pos, size_t *len)
{
    static const char *const han[] = {"\xE4\xB8\x80", "\xE4\xBA\x8C",
        "\xE4\xB8\x89", "\xE5\x9B\x9B", "\xE4\xBA\x94", "\xE5\x85\xAD",
        "\xE4\xB8\x83", "\xE5\x85\xAB", "\xE4\xB9\x9D"}; /* 一...九 */
    const char *t = doc->text;
    if (pos >= doc->text_len)
        return 0;
    if (t[pos] >= '1' && t[pos] <= '9') {
        *len = 1;
        return pos + 1 < doc->text_len && t[pos + 1] >= '0' && t[pos + 1] <= '9'
                   ? 0 : t[pos] - '0';
    }
    if (pos + 3 > doc->text_len)
        return 0;
    for (int i = 0; i < 9; i++)
        if (memcmp(t + pos, han[i], 3) == 0) {
            *len = 3;
            return i + 1;
        }
    return 0;
}

/* After the unit is read: 翻一番 is 2 to the power of the count; 八成四 adds
 * the tenth-of-a-tenth digit. */
static void rate_finish(void *user, const zc_doc_view_t *doc,
                        zc_measure_claim_t *c)
{
    (void)user;
    const char *u = doc->text + c->unit_end - 3;
    if (c->unit_end < c->num_start + 3 || c->has_range)
        return;
    if (memcmp(u, FAN_UNIT, 3) == 0 && c->value.exponent == 0 &&
        c->value.mantissa >= 1 && c->value.mantissa <= 10) {
        c->value.mantissa = (int64_t)1 << c->value.mantissa;
        if (c->start == c->num_start)
            c->start = c->num_start - 3;
        c->metric[0] = '\0';
        return;
    }
    size_t len = 0;
    int d;
    if (memcmp(u, CHENG_UNIT, 3) == 0 && c->unit_end == c->end &&
        c->value.exponent == 1 && (d = single_digit_at(doc, c->unit_end, &len))) {
        /* 八成 is {8, 1}: 80; 八成四 is 84. */
        c->value.mantissa = c->value.mantissa * 10 + d;
        c->value.exponent = 0;
        c->end = c->unit_end + len;
    }
}

/* The units of rules/rate/units.txt, but 番 only right after 翻. */
static int rate_unit_at(void *user, const zc_doc_view_t *doc,
                        const zc_number_t *n, size_t pos, size_t hi,
                        zc_measure_unit_t *hit)
{
    const rate_state_t *st = user;
    const zc_word_t *e = st->host->words_forward(st->units, doc->text, pos, hi);
    if (!e)
        return 0;
    if (e->len == 3 && memcmp(e->word, FAN_UNIT, 3) == 0 &&
        !(n->start_byte >= 3 && memcmp(doc->text + n->start_byte - 3, FAN_VERB, 3) == 0))
        return 0;
    hit->end = pos + e->len;
    hit->unit = e->field[0];
    hit->exp = e->field[1][0] ? (int)strtol(e->field[1], NULL, 10) : 0;
    hit->metric = e->field[2][0] ? e->field[2] : NULL;
    return 1;
}

static void rate_fini(void *state) { free(state); }

static zc_status_t rate_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, measure_extract)) {
        h->log(args->call, ZC_LOG_ERROR, "needs a host of ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    rate_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    s->host = h;
    zc_measure_def_t def = {
        .struct_size = sizeof def,
        .kind = "rate",
        .not_units = "rate/not_units.txt",
        .exclude = "rate/exclude.re",
        .percent = 1,
        .user = s,
        .unit_at = rate_unit_at,
        .finish = rate_finish,
    };
    /* Each load logs the file and the reason when it fails. */
    zc_status_t st = h->words_load(args->call, "rate/units.txt", &s->units);
    if (st == ZC_OK)
        st = h->measure_open(args->call, &def, &s->measure);
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    *state = s;
    return ZC_OK;
}

static zc_status_t rate_extract(void *state, const zc_doc_view_t *doc,
                                zc_call_t *call)
{
    const rate_state_t *s = state;
    return s->host->measure_extract(call, s->measure, doc);
}

static const char *const rate_kinds[] = {"rate", NULL};

static const zc_plugin_t rate_plugin = {
    sizeof(zc_plugin_t), ZC_PLUGIN_ABI_MAJOR, ZC_PLUGIN_ABI_MINOR, "rate",
    "1.0.0", "percentages, percentage points, tenths, fractions, multiples",
    rate_kinds, NULL, rate_init, rate_extract, rate_fini};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void)
{
    return &rate_plugin;
}

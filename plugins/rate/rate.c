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
 */
#include <stdlib.h>
#include <string.h>

#include "zc_extract.h"
#include "zhclaim/plugin.h"

typedef struct rate_state_t {
    zc_common_t common;
    zc_lexicon_t units;      /* word, unit, exp, default metric */
    zc_lexicon_t not_units;  /* words that begin with a unit word: 成为 */
    zc_patterns_t exclude;
    zc_kind_ops_t ops;
} rate_state_t;

/* 翻一番: the doubling word; 番 is a unit only after 翻 (三番五次 is none). */
#define FAN_UNIT "\xE7\x95\xAA" /* 番 */
#define FAN_VERB "\xE7\xBF\xBB" /* 翻 */
#define CHENG_UNIT "\xE6\x88\x90" /* 成 */

static int is_fan(const zc_lex_entry_t *e)
{
    return e->len == 3 && memcmp(e->word, FAN_UNIT, 3) == 0;
}

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
static void rate_finish(const void *self, const zc_doc_view_t *doc,
                        zc_cand_t *c)
{
    (void)self;
    const char *u = doc->text + c->hit.end - 3;
    if (c->hit.end < c->num_start + 3 || c->has_range)
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
    if (memcmp(u, CHENG_UNIT, 3) == 0 && c->hit.end == c->end &&
        c->value.exponent == 1 && (d = single_digit_at(doc, c->hit.end, &len))) {
        /* 八成 is {8, 1}: 80; 八成四 is 84. */
        c->value.mantissa = c->value.mantissa * 10 + d;
        c->value.exponent = 0;
        c->end = c->hit.end + len;
    }
}

static int rate_unit_at(const void *self, const zc_doc_view_t *doc,
                        const zc_number_t *n, size_t pos, size_t hi,
                        zc_unit_hit_t *hit)
{
    const rate_state_t *st = self;
    memset(hit, 0, sizeof *hit);
    if (n->flags & ZC_NUM_PERCENT) {
        /* 百分之五十 and 三分之一 carry their unit; a stray % after is its. */
        hit->end = pos;
        if (pos < hi && doc->text[pos] == '%' && pos == n->end_byte)
            hit->end = pos + 1;
        hit->unit = "%";
        return 1;
    }
    const zc_lex_entry_t *e = zc_lex_forward(&st->units, doc->text, pos, hi);
    if (!e)
        return 0;
    if (is_fan(e) && !(n->start_byte >= 3 &&
                       memcmp(doc->text + n->start_byte - 3, FAN_VERB, 3) == 0))
        return 0;
    hit->end = pos + e->len;
    hit->unit = e->field[0];
    hit->exp = atoi(e->field[1]);
    hit->metric = e->field[2][0] ? e->field[2] : NULL;
    return 1;
}

/* The kind's rules files, for zc_kind_load and zc_kind_free. */
#define RATE_FILES(s)                                                      \
    {                                                                      \
        {&(s)->units, NULL, "rate/units.txt"},                             \
        {&(s)->not_units, NULL, "rate/not_units.txt"},                     \
        {NULL, &(s)->exclude, "rate/exclude.re"},                          \
    }

static void rate_fini(void *state)
{
    rate_state_t *s = state;
    if (!s)
        return;
    const zc_kind_file_t files[] = RATE_FILES(s);
    zc_kind_free(&s->common, files, sizeof files / sizeof files[0]);
    free(s);
}

static zc_status_t rate_init(const zc_plugin_init_t *args, void **state)
{
    zc_status_t st = zc_check_host(args);
    if (st != ZC_OK)
        return st;
    rate_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    const zc_kind_file_t files[] = RATE_FILES(s);
    st = zc_kind_load(&s->common, args, files, sizeof files / sizeof files[0]);
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    s->ops.kind = "rate";
    s->ops.self = s;
    s->ops.unit_at = rate_unit_at;
    s->ops.exclude = &s->exclude;
    s->ops.not_units = &s->not_units;
    s->ops.finish = rate_finish;
    *state = s;
    return ZC_OK;
}

static zc_status_t rate_extract(void *state, const zc_doc_view_t *doc,
                                zc_call_t *call)
{
    const rate_state_t *s = state;
    return zc_extract_run(&s->common, &s->ops, doc, call);
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

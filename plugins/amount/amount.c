/*
 * amount - money.
 *
 * Forms recognised (value in the currency's base unit; SPEC sections 2-3):
 *   1196元  0.84亿元  199.6亿元  3.5万元  4万亿元  31751万元   -> CNY
 *   三千二百五十亿元  五亿二千九百万元  二千元                  -> CNY
 *   (the core puts 万/亿 inside the number; rules/amount/
 *   currencies.txt also scales 万元 亿元 千元 when they stand apart, as in
 *   一千多万元 -> 10000000, approx >)
 *   5亿美元 -> USD;  42亿港元  3亿港币 -> HKD;  港幣50億元 (currency before
 *   the number: a word of rules/amount/currencies.txt, or of
 *   currency_before.txt: 美金 台币) -> HKD; plain 元 is CNY whatever
 *   the document's place (SPEC 2); 100亿人民币 -> CNY
 *   约5000亿元 (~)  近六亿元 (~)  5万亿元以上 (>=)  超过100亿元 (>)
 *   per-item amounts: 每家奖励5万元 -> 50000
 *   ranges: 5~6亿元 -> 500000000, range [500000000, 600000000]
 * Not amounts: 元旦 元素 一元化 (rules/amount/not_units.txt), dates and
 * document numbers (rules/common/).
 * Subject: the phrase before the amount (新增注册资本199.6亿元 -> 注册资本)
 * or after 的 (4万亿元的两年投资计划); metric for changes: 比上年增加5700
 * 亿元 -> 比上年增加. Changes: 从39亿元增加到96亿元 -> 96e8 from 39e8.
 */
#include <stdlib.h>
#include <string.h>

#include "zc_extract.h"
#include "zhclaim/plugin.h"

typedef struct amount_state_t {
    zc_common_t common;
    zc_lexicon_t currencies;  /* word, currency code, exp */
    zc_lexicon_t not_units;   /* 元旦 元素 ... */
    zc_lexicon_t before;      /* names only written before: 美金 台币 */
    zc_patterns_t exclude;
    zc_kind_ops_t ops;
} amount_state_t;

static int amount_unit_at(const void *self, const zc_doc_view_t *doc,
                          const zc_number_t *n, size_t pos, size_t hi,
                          zc_unit_hit_t *hit)
{
    const amount_state_t *st = self;
    memset(hit, 0, sizeof *hit);
    if (n->flags & ZC_NUM_PERCENT)
        return 0;
    const zc_lex_entry_t *e =
        zc_lex_forward(&st->currencies, doc->text, pos, hi);
    if (!e)
        return 0;
    hit->end = pos + e->len;
    hit->unit = e->field[0];
    hit->exp = atoi(e->field[1]);
    return 1;
}

/* 港幣50億元, 港币约一百亿元, 港币5~6亿元: a currency named right before
 * the claim (before its qualifiers and fillers) rules over the plain 元
 * after it. Once per candidate, so both ends of a range get it. */
static void amount_finish(const void *self, const zc_doc_view_t *doc,
                          zc_cand_t *c)
{
    const amount_state_t *st = self;
    const char *t = doc->text;
    size_t u = c->hit.end;
    if (strcmp(c->hit.unit, "CNY") != 0 || u < c->num_start + 3 ||
        memcmp(t + u - 3, "元", 3) != 0)
        return;
    /* Any currency word (港元, 美元) or a name only found before (美金);
     * a plain 元 there is CNY, which changes nothing. */
    const zc_lex_entry_t *b = zc_lex_backward(&st->before, t, 0, c->lead);
    const zc_lex_entry_t *b2 = zc_lex_backward(&st->currencies, t, 0, c->lead);
    if (!b || (b2 && b2->len > b->len)) /* 新台币 over 台币 */
        b = b2;
    if (!b)
        return;
    c->hit.unit = b->field[0];
    /* The currency word is no part of the subject: 歲出為新臺幣2兆元 has
     * the subject 岁出 (the span stays the number and its unit). */
    c->lead -= b->len;
}

/* The kind's rules files, for zc_kind_load and zc_kind_free. */
#define AMOUNT_FILES(s)                                                    \
    {                                                                      \
        {&(s)->currencies, NULL, "amount/currencies.txt"},                 \
        {&(s)->not_units, NULL, "amount/not_units.txt"},                   \
        {&(s)->before, NULL, "amount/currency_before.txt"},                \
        {NULL, &(s)->exclude, "amount/exclude.re"},                        \
    }

static void amount_fini(void *state)
{
    amount_state_t *s = state;
    if (!s)
        return;
    const zc_kind_file_t files[] = AMOUNT_FILES(s);
    zc_kind_free(&s->common, files, sizeof files / sizeof files[0]);
    free(s);
}

static zc_status_t amount_init(const zc_plugin_init_t *args, void **state)
{
    zc_status_t st = zc_check_host(args);
    if (st != ZC_OK)
        return st;
    amount_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    const zc_kind_file_t files[] = AMOUNT_FILES(s);
    st = zc_kind_load(&s->common, args, files, sizeof files / sizeof files[0]);
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    s->ops.kind = "amount";
    s->ops.self = s;
    s->ops.unit_at = amount_unit_at;
    s->ops.finish = amount_finish;
    s->ops.subject_after = 2;
    s->ops.exclude = &s->exclude;
    s->ops.not_units = &s->not_units;
    *state = s;
    return ZC_OK;
}

static zc_status_t amount_extract(void *state, const zc_doc_view_t *doc,
                                  zc_call_t *call)
{
    const amount_state_t *s = state;
    return zc_extract_run(&s->common, &s->ops, doc, call);
}

static const char *const amount_kinds[] = {"amount", NULL};

static const zc_plugin_t amount_plugin = {
    sizeof(zc_plugin_t), ZC_PLUGIN_ABI_MAJOR, ZC_PLUGIN_ABI_MINOR, "amount",
    "1.0.0", "money: 元 万元 亿元, 美元, 港元", amount_kinds, NULL,
    amount_init, amount_extract, amount_fini};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void)
{
    return &amount_plugin;
}

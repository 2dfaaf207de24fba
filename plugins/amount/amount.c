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

#include "zhclaim/plugin.h"

typedef struct amount_state_t {
    const zc_host_t *host;
    const zc_words_t *currencies; /* word, currency code, exp */
    const zc_words_t *before;     /* names only written before: 美金 台币 */
    const zc_measure_t *measure;
} amount_state_t;

/* 港幣50億元, 港币约一百亿元, 港币5~6亿元: a currency named right before
 * the number (and its qualifiers) makes the 元 after it that currency. */
static void amount_finish(void *user, const zc_doc_view_t *doc,
                          zc_measure_claim_t *c)
{
    const amount_state_t *st = user;
    const char *t = doc->text;
    size_t u = c->unit_end;
    if (strcmp(c->unit, "CNY") != 0 || u < c->num_start + 3 ||
        memcmp(t + u - 3, "\xE5\x85\x83", 3) != 0) /* 元 */
        return;
    /* Any currency word (港元, 美元) or a name only found before (美金);
     * a plain 元 there is CNY, which changes nothing. */
    const zc_word_t *b = st->host->words_backward(st->before, t, 0, c->lead);
    const zc_word_t *b2 = st->host->words_backward(st->currencies, t, 0, c->lead);
    if (!b || (b2 && b2->len > b->len)) /* 新台币 over 台币 */
        b = b2;
    if (!b)
        return;
    c->unit = b->field[0];
    /* The currency word is no part of the subject: 歲出為新臺幣2兆元 has
     * the subject 岁出 (the span stays the number and its unit). */
    c->lead -= b->len;
}

static void amount_fini(void *state) { free(state); }

static zc_status_t amount_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, measure_extract)) {
        h->log(args->call, ZC_LOG_ERROR, "needs a host of ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    amount_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    s->host = h;
    zc_measure_def_t def = {
        .struct_size = sizeof def,
        .kind = "amount",
        .units = "amount/currencies.txt",
        .not_units = "amount/not_units.txt",
        .exclude = "amount/exclude.re",
        .subject_at = ZC_SUBJECT_AFTER_AMOUNT,
        .user = s,
        .finish = amount_finish,
    };
    /* Each load logs the file and the reason when it fails. */
    zc_status_t st = h->words_load(args->call, "amount/currencies.txt", &s->currencies);
    if (st == ZC_OK)
        st = h->words_load(args->call, "amount/currency_before.txt", &s->before);
    if (st == ZC_OK)
        st = h->measure_open(args->call, &def, &s->measure);
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    *state = s;
    return ZC_OK;
}

static zc_status_t amount_extract(void *state, const zc_doc_view_t *doc,
                                  zc_call_t *call)
{
    const amount_state_t *s = state;
    return s->host->measure_extract(call, s->measure, doc);
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

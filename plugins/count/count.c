/*
 * count - numbers of things.
 *
 * Forms recognised (unit = the classifier, simplified; SPEC sections 2-3):
 *   616项  120个机构  303人  17名  14家  700所  8次  四种  三届  两个
 *   750万户  16万5千个  1,826项  9 91项      -> the number, unit 项/个/...
 *   四个等次  八个方面                      -> 4 个, 8 个 (longest classifier)
 *   七方面  三部分  四级                    -> 7 方面, 3 部分, 4 级
 *   4大开发运营集团  三大领域               -> 4, 3 with unit ""
 *   40多项  50余名  10余个  二百多位        -> approx >
 *   近2000项 (~)  超过700所 (>)  4名左右 (~)  最多一千名 (<=)
 *   5~6个  5-6个  5至6个  5—6个             -> 5, range [5, 6]
 *   bare counts where the text plainly counts (rules/count/bare_verbs.txt):
 *   新增各类市场主体1853、  增加500万沼气用户 -> 1853 "", 5000000 ""
 * Not counts (no record): durations 3个工作日 两个月 (rules/count/
 * exclude.re), areas 4930余亩 and ages 十二岁 (no classifier), ranks 前30名
 * 最后2位 进位达5名以上, a bare 一 as an article (一个法定机构), 一批,
 * dates, document numbers, ordinals, quoted slogans (rules/common/).
 * Subject: the noun phrase after the classifier (616项社会事务职能 ->
 * 社会事务职能), else the phrase before (内设机构全部精简至7个 -> 内设机构).
 * Changes give from: 由162项精简为69项 -> 69 from 162.
 */
#include <stdlib.h>
#include <string.h>

#include "zhclaim/plugin.h"

typedef struct count_state_t {
    const zc_host_t *host;
    const zc_measure_t *measure;
} count_state_t;

/* A bare Chinese 一 before a classifier is an article (一个法定机构, 一类
 * 市场主体), not a count. */
static int count_veto(void *user, const zc_doc_view_t *doc,
                      const zc_number_t *n)
{
    (void)user;
    return (n->flags & ZC_NUM_CHINESE) && n->end_byte - n->start_byte == 3 &&
           memcmp(doc->text + n->start_byte, "\xE4\xB8\x80", 3) == 0; /* 一 */
}

/* Words that end a bare count: count/not_bare.txt (吨 岁 倍 ...) and every
 * currency, area and duration unit (元 亩 年), from their own files. */
static const char *const not_bare[] = {"count/not_bare.txt",
    "amount/currencies.txt", "area/units.txt", "duration/units.txt", NULL};

static void count_fini(void *state) { free(state); }

static zc_status_t count_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, measure_extract)) {
        h->log(args->call, ZC_LOG_ERROR, "needs a host of ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    count_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    s->host = h;
    zc_measure_def_t def = {
        .struct_size = sizeof def,
        .kind = "count",
        .units = "count/classifiers.txt",
        .exclude = "count/exclude.re",
        .subject_at = ZC_SUBJECT_AFTER_UNIT,
        .bare_verbs = "count/bare_verbs.txt",
        .not_bare = not_bare,
        .veto = count_veto,
    };
    zc_status_t st = h->measure_open(args->call, &def, &s->measure); /* logs why */
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    *state = s;
    return ZC_OK;
}

static zc_status_t count_extract(void *state, const zc_doc_view_t *doc,
                                 zc_call_t *call)
{
    const count_state_t *s = state;
    return s->host->measure_extract(call, s->measure, doc);
}

static const char *const count_kinds[] = {"count", NULL};

static const zc_plugin_t count_plugin = {
    sizeof(zc_plugin_t), ZC_PLUGIN_ABI_MAJOR, ZC_PLUGIN_ABI_MINOR, "count",
    "1.0.0", "numbers of things: 616项, 120个机构, 303人, 四种", count_kinds,
    NULL, count_init, count_extract, count_fini};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void)
{
    return &count_plugin;
}

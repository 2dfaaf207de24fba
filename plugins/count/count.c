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

#include "zc_extract.h"
#include "zc_text.h"
#include "zhclaim/plugin.h"

typedef struct count_state_t {
    zc_common_t common;
    zc_lexicon_t classifiers;  /* word, unit ("" for none) */
    zc_lexicon_t bare_verbs;   /* verbs before a bare count: 新增 增加 */
    /* Words that end a bare count: count/not_bare.txt (吨 岁 倍 ...) and
     * every currency, area and duration unit (元 亩 年), from their files. */
    zc_lexicon_t not_bare[4];
    zc_patterns_t exclude;
    zc_kind_ops_t ops;
} count_state_t;

static const char *unit_of(const zc_lex_entry_t *e)
{
    if (strcmp(e->field[0], "\"\"") == 0)
        return "";
    return e->field[0][0] ? e->field[0] : e->word;
}

static int count_unit_at(const void *self, const zc_doc_view_t *doc,
                         const zc_number_t *n, size_t pos, size_t hi,
                         zc_unit_hit_t *hit)
{
    const count_state_t *st = self;
    memset(hit, 0, sizeof *hit);
    if (n->flags & ZC_NUM_PERCENT)
        return 0;
    const zc_lex_entry_t *e =
        zc_lex_forward(&st->classifiers, doc->text, pos, hi);
    if (!e)
        return 0;
    hit->end = pos + e->len;
    hit->unit = unit_of(e);
    return 1;
}

/* A word of the not_bare lists at pos. */
static int not_bare_at(const count_state_t *st, const char *t, size_t pos,
                       size_t hi)
{
    for (size_t i = 0; i < sizeof st->not_bare / sizeof st->not_bare[0]; i++)
        if (zc_lex_forward(&st->not_bare[i], t, pos, hi))
            return 1;
    return 0;
}

/* A count with no classifier, only where a counting verb opens its clause
 * (新增各类市场主体1853、) or stands right before a scaled number followed
 * by the counted noun (增加500万沼气用户). */
static int count_bare(const void *self, const zc_common_t *cm,
                      const zc_doc_view_t *doc, const zc_number_t *n,
                      size_t lo, size_t hi, zc_unit_hit_t *hit)
{
    const count_state_t *st = self;
    const char *t = doc->text;
    (void)cm;
    memset(hit, 0, sizeof *hit);
    if (!(n->flags & ZC_NUM_ARABIC) || (n->flags & (ZC_NUM_DECIMAL | ZC_NUM_PERCENT)))
        return 0;
    uint32_t next = zc_u8_at(t, n->end_byte, hi);
    if (n->flags & ZC_NUM_SCALED) {
        if (!zc_is_word_char(next) || not_bare_at(st, t, n->end_byte, hi))
            return 0;
        const zc_lex_entry_t *v =
            zc_lex_backward(&st->bare_verbs, t, lo, n->start_byte);
        if (!v)
            return 0;
    } else {
        if (!(next == 0x3001 || zc_is_clause_end(next)))
            return 0;
        /* The verb opens the clause, and a noun sits before the number. */
        size_t p = n->start_byte;
        size_t cs = p;
        while (cs > lo) {
            size_t q = zc_u8_prev(t, lo, cs);
            uint32_t c = zc_u8_at(t, q, cs);
            if (!zc_is_word_char(c))
                break;
            cs = q;
        }
        if (cs == p || (cs > lo && !zc_is_clause_end(zc_u8_at(t, zc_u8_prev(t, lo, cs), cs))))
            return 0;
        if (!zc_lex_forward(&st->bare_verbs, t, cs, p))
            return 0;
    }
    hit->end = n->end_byte;
    hit->unit = "";
    return 1;
}

/* A bare Chinese 一 before a classifier is an article (一个法定机构, 一类
 * 市场主体), not a count. */
static int count_veto(const void *self, const zc_doc_view_t *doc,
                      const zc_number_t *n)
{
    (void)self;
    return (n->flags & ZC_NUM_CHINESE) && n->end_byte - n->start_byte == 3 &&
           zc_starts_with(doc->text, n->start_byte, n->end_byte, "一");
}

/* The kind's rules files, for zc_kind_load and zc_kind_free. */
#define COUNT_FILES(s)                                                     \
    {                                                                      \
        {&(s)->classifiers, NULL, "count/classifiers.txt"},                \
        {&(s)->bare_verbs, NULL, "count/bare_verbs.txt"},                  \
        {&(s)->not_bare[0], NULL, "count/not_bare.txt"},                   \
        {&(s)->not_bare[1], NULL, "amount/currencies.txt"},                \
        {&(s)->not_bare[2], NULL, "area/units.txt"},                       \
        {&(s)->not_bare[3], NULL, "duration/units.txt"},                   \
        {NULL, &(s)->exclude, "count/exclude.re"},                         \
    }

static void count_fini(void *state)
{
    count_state_t *s = state;
    if (!s)
        return;
    const zc_kind_file_t files[] = COUNT_FILES(s);
    zc_kind_free(&s->common, files, sizeof files / sizeof files[0]);
    free(s);
}

static zc_status_t count_init(const zc_plugin_init_t *args, void **state)
{
    zc_status_t st = zc_check_host(args);
    if (st != ZC_OK)
        return st;
    count_state_t *s = calloc(1, sizeof *s);
    if (!s)
        return ZC_ERR_NOMEM;
    const zc_kind_file_t files[] = COUNT_FILES(s);
    st = zc_kind_load(&s->common, args, files, sizeof files / sizeof files[0]);
    if (st != ZC_OK) {
        free(s);
        return st;
    }
    s->ops.kind = "count";
    s->ops.self = s;
    s->ops.unit_at = count_unit_at;
    s->ops.bare = count_bare;
    s->ops.veto = count_veto;
    s->ops.subject_after = 1;
    s->ops.exclude = &s->exclude;
    *state = s;
    return ZC_OK;
}

static zc_status_t count_extract(void *state, const zc_doc_view_t *doc,
                                 zc_call_t *call)
{
    const count_state_t *s = state;
    return zc_extract_run(&s->common, &s->ops, doc, call);
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

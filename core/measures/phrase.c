/*
 * phrase.c - the subject and metric of a claim.
 *
 * Chinese puts the head of a noun phrase last and the measured thing before
 * its indicator, so:
 *   - a count's subject is the noun phrase right after its classifier
 *     (616项社会事务职能 -> 社会事务职能), else the phrase before it
 *     (内设机构全部精简至7个 -> 内设机构);
 *   - a rate's or amount's metric is the indicator word nearest before it
 *     (同比增长, 精简率, 占比; rules/common/metrics.txt) and its subject the
 *     phrase before the metric (规模以上工业总产值同比增长12.5%), or the
 *     object after a verb metric (压减开发园区管理机构40%);
 *   - X元的Y / X%的Y name Y;
 *   - a clause with no subject of its own (增长9.9%, 提速84.2%) continues the
 *     topic of the clause before it.
 * Phrases stop at punctuation and at the previous number, and are cleaned
 * with rules/common/head_strip.txt and tail_strip.txt.
 */
#include <string.h>

#include "measure_internal.h"
#include "rules_schema.h"
#include "text_scan.h"
#include "word_breaks.h"

#define AFTER_MAX_CHARS 20
#define PAREN_MAX_CHARS 20
#define TOPIC_CLAUSES 5

size_t zc_copy_text(const char *t, size_t a, size_t b, char *out, size_t cap)
{
    size_t n = b > a ? b - a : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)t[a + n] & 0xC0u) == 0x80u)
            n--;
    }
    memcpy(out, t + a, n);
    out[n] = '\0';
    return n;
}

size_t zc_clause_start(const char *t, size_t lo, size_t pos)
{
    size_t p = pos;
    while (p > lo) {
        size_t q = zc_u8_prev(t, lo, p);
        /* Every clause end is ASCII or starts with byte E3 (。) or EF (the
         * full-width forms): most characters are rejected by their lead
         * byte, without decoding. */
        unsigned char b = (unsigned char)t[q];
        int may_end = b < 0x80u || b == 0xE3u || b == 0xEFu;
        if (may_end && zc_is_clause_end(zc_u8_at(t, q, p)))
            return p;
        p = q;
    }
    return lo;
}

static int is_digitish(uint32_t c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '~' ||
           c == '%' || c == '+';
}

/* Digits followed by a Latin letter name a thing (5G基站, 4A景区): keep
 * them in a subject. */
static int code_at(const char *t, size_t a, size_t b)
{
    size_t p = a;
    while (p < b && t[p] >= '0' && t[p] <= '9')
        p++;
    return p > a && p < b && ((t[p] >= 'A' && t[p] <= 'Z') ||
                              (t[p] >= 'a' && t[p] <= 'z'));
}

size_t zc_phrase_clean(const zc_common_t *cm, const char *t, size_t a,
                       size_t b, char *out, size_t cap)
{
    for (int guard = 0; guard < 16 && a < b; guard++) {
        int changed = 0;
        uint32_t c = zc_u8_at(t, a, b);
        if ((!zc_is_word_char(c) || is_digitish(c)) && !code_at(t, a, b)) {
            a = zc_u8_next(t, a, b);
            continue;
        }
        const zc_lex_entry_t *e = zc_lex_forward(&cm->head_strip, t, a, b);
        if (e && a + e->len <= b) {
            a += e->len;
            changed = 1;
        }
        size_t p = zc_u8_prev(t, a, b);
        c = zc_u8_at(t, p, b);
        if (!zc_is_word_char(c) || is_digitish(c)) {
            b = p;
            changed = 1;
        } else {
            /* The longest of the three: 最高可达 drops 可达, not 达. */
            const zc_lex_entry_t *cands[3] = {
                zc_lex_backward(&cm->tail_strip, t, a, b),
                zc_lex_backward(&cm->fillers, t, a, b),
                zc_lex_backward(&cm->q_before, t, a, b)};
            e = NULL;
            for (int i = 0; i < 3; i++)
                if (cands[i] && (!e || cands[i]->len > e->len))
                    e = cands[i];
            if (e && b >= a + e->len) {
                b -= e->len;
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    /* An agent and its verb before the object (中央财政安排[补助资金],
     * 培训[基层干部]): keep the object, at least two characters. */
    for (size_t p = b; p > a;) {
        p = zc_u8_prev(t, a, p);
        const zc_lex_entry_t *v = zc_lex_forward(&cm->object_verbs, t, p, b);
        if (v && b - (p + v->len) >= 6) {
            a = p + v->len;
            break;
        }
    }
    /* Keep the head after the last 的 when something is left of it. */
    for (size_t p = b; p > a;) {
        p = zc_u8_prev(t, a, p);
        if (zc_starts_with(t, p, b, "的")) {
            if (b - (p + 3) >= 6)
                a = p + 3;
            break;
        }
    }
    size_t chars = 0;
    size_t p = b;
    while (p > a && chars < ZC_PHRASE_MAX_CHARS) {
        p = zc_u8_prev(t, a, p);
        chars++;
    }
    a = p;
    /* A lone character is rarely a subject (等, 中); drop it. */
    if (b - a <= 3) {
        out[0] = '\0';
        return 0;
    }
    return zc_copy_text(t, a, b, out, cap);
}

/* A metrics.txt entry's FLAG: ZC_FLAG_NOUN, ZC_FLAG_BEFORE or 0. */
static int metric_flag(const zc_common_t *cm, const zc_lex_entry_t *e)
{
    return zc_lex_value(&cm->metrics, e, ZC_METRIC_FLAG);
}

/* A not_subjects.txt entry's WHERE: ZC_WHERE_HEAD, _TAIL or _DROP. */
static int not_subject_where(const zc_common_t *cm, const zc_lex_entry_t *e)
{
    return zc_lex_value(&cm->not_subjects, e, ZC_NOT_SUBJECT_WHERE);
}

/* A metric word at pos, unless it only begins a longer noun (增加值 is no
 * 增加, 增长点 no 增长: rules/common/not_metrics.txt). */
static const zc_lex_entry_t *metric_fwd(const zc_common_t *cm, const char *t,
                                        size_t pos, size_t hi)
{
    const zc_lex_entry_t *e = zc_lex_forward(&cm->metrics, t, pos, hi);
    if (!e)
        return NULL;
    const zc_lex_entry_t *no = zc_lex_forward(&cm->not_metrics, t, pos, hi);
    return no && no->len > e->len ? NULL : e;
}

/* A metric word ending at pos (starting at or after lo), with the same
 * check; the noun may run on up to hi. */
static const zc_lex_entry_t *metric_bwd(const zc_common_t *cm, const char *t,
                                        size_t lo, size_t pos, size_t hi)
{
    const zc_lex_entry_t *e = zc_lex_backward(&cm->metrics, t, lo, pos);
    if (!e)
        return NULL;
    const zc_lex_entry_t *no =
        zc_lex_forward(&cm->not_metrics, t, pos - e->len, hi);
    return no && no->len > e->len ? NULL : e;
}

/* Word formation: a verb or adjective stem + 率 names the rate of it
 * (剥离率 整合率 瘦身率 提速率 不及格率), a noun indicator whether listed
 * in metrics.txt or not. A CJK ideograph? */
static int is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

#define RATE_STEM_CHARS 2  /* before the number: 2 (管委会机关人员[瘦身率]) */
#define RATE_WORD_CHARS 5  /* after it, up to a break: 设置5%[不及格率], */

/* An unlisted X率 of RATE_STEM_CHARS ideographs ending at pos (>= lo), as
 * an entry pointing into t (*scratch holds it), or NULL. It is no entry of
 * cm->metrics, so it names a metric (set_metric) and is never asked for
 * its FLAG (metric_flag): only listed words are. */
static const zc_lex_entry_t *rate_word_bwd(const char *t, size_t lo,
                                           size_t pos, zc_lex_entry_t *scratch)
{
    if (pos < lo + 3 * (RATE_STEM_CHARS + 1) ||
        memcmp(t + pos - 3, "率", 3) != 0)
        return NULL;
    size_t p = pos - 3;
    for (int k = 0; k < RATE_STEM_CHARS; k++) {
        p = zc_u8_prev(t, lo, p);
        if (!is_han(zc_u8_at(t, p, pos)))
            return NULL;
    }
    scratch->word = t + p;
    scratch->len = pos - p;
    scratch->field[0] = "";
    scratch->field[1] = "noun";
    scratch->field[2] = "";
    return scratch;
}

/* An X率 word of 3 to RATE_WORD_CHARS ideographs starting at pos and
 * ending the phrase there (followed by no ideograph): its length, or 0. */
static size_t rate_word_fwd(const char *t, size_t pos, size_t hi)
{
    size_t q = pos;
    for (int k = 0; k < RATE_WORD_CHARS && q < hi; k++) {
        if (!is_han(zc_u8_at(t, q, hi)))
            return 0;
        q = zc_u8_next(t, q, hi);
        if (k >= 2 && memcmp(t + q - 3, "率", 3) == 0)
            return q < hi && is_han(zc_u8_at(t, q, hi)) ? 0 : q - pos;
    }
    return 0;
}

/* Start of the phrase ending at pos: after the last punctuation, the
 * previous number, or the previous candidate (floor). */
static size_t segment_start(const char *t, size_t floor, size_t pos)
{
    size_t p = pos;
    while (p > floor) {
        size_t q = zc_u8_prev(t, floor, p);
        uint32_t c = zc_u8_at(t, q, p);
        if (c >= '0' && c <= '9' && code_at(t, q, pos))
            ; /* 5G基站: the digits belong to the name */
        else if (zc_is_phrase_break(c) || (c >= '0' && c <= '9') || c == '%')
            return p;
        p = q;
    }
    return floor;
}

/* Is a change word of role (ZC_ROLE_OPEN, ZC_ROLE_TO) at t[pos]? */
static int change_word_at(const zc_common_t *cm, const char *t, size_t pos,
                          size_t hi, int role)
{
    const zc_lex_entry_t *e = zc_lex_forward(&cm->change, t, pos, hi);
    return e && zc_lex_value(&cm->change, e, ZC_CHANGE_ROLE) == role;
}

/* A verb at t[q] that ends a noun phrase read after a claim (10余个领域
 * 一个平台[办案], 11家[拨给]所在县): a word of two or more characters from
 * the verb lists (object_verbs, tail_strip, metric verbs); single
 * characters there (有 中 各) are parts of nouns too often. */
static int verb_at(const zc_common_t *cm, const char *t, size_t q, size_t hi)
{
    const zc_lex_entry_t *v = zc_lex_forward(&cm->object_verbs, t, q, hi);
    if (v && v->len >= 6)
        return 1;
    v = zc_lex_forward(&cm->tail_strip, t, q, hi);
    if (v && v->len >= 6)
        return 1;
    v = metric_fwd(cm, t, q, hi);
    return v && v->len >= 6 && metric_flag(cm, v) != ZC_FLAG_NOUN;
}

/* The noun phrase after a claim: 616项[社会事务职能], 4万亿元的[两年投资计划].
 * A number inside it (at next_num) starts another phrase: 10余个[领域]一个
 * 平台办案; one opening it is its modifier (两年投资计划). */
static size_t after_phrase(const zc_common_t *cm, const char *t, size_t p,
                           size_t hi, size_t next_num, int always, char *out,
                           size_t cap)
{
    if (zc_starts_with(t, p, hi, "的"))
        p += 3;
    else if (!always)
        return 0;
    size_t q = p;
    for (int chars = 0; q < hi && chars < AFTER_MAX_CHARS; chars++) {
        uint32_t c = zc_u8_at(t, q, hi);
        if (!zc_is_word_char(c))
            break;
        const zc_lex_entry_t *stop = zc_lex_forward(&cm->stop, t, q, hi);
        if ((stop && zc_lex_value(&cm->stop, stop, ZC_STOP_KEEP) != ZC_KEEP) ||
            zc_lex_forward(&cm->q_before, t, q, hi) ||
            change_word_at(cm, t, q, hi, ZC_ROLE_TO) ||
            change_word_at(cm, t, q, hi, ZC_ROLE_OPEN) ||
            (q > p && (q == next_num || verb_at(cm, t, q, hi))))
            break;
        q = zc_u8_next(t, q, hi);
    }
    if (q == p && always && zc_lex_forward(&cm->stop, t, p, hi) &&
        !zc_starts_with(t, p, hi, "的")) {
        /* A relative clause before the noun: 三项[惠及清贫学生的]关爱基金
         * 措施, 二百多位[来自多间中学的]学生. Read on after its 的. */
        size_t r = p;
        for (int chars = 0; r < hi && chars < AFTER_MAX_CHARS; chars++) {
            if (!zc_is_word_char(zc_u8_at(t, r, hi)))
                break;
            if (zc_starts_with(t, r, hi, "的"))
                return after_phrase(cm, t, r, hi, next_num, 0, out, cap);
            r = zc_u8_next(t, r, hi);
        }
    }
    if (q == p)
        return 0;
    return zc_phrase_clean(cm, t, p, q, out, cap);
}

static void set_metric(char *dst, size_t cap, const zc_lex_entry_t *e)
{
    const char *w = e->field[0][0] ? e->field[0] : e->word;
    zc_copy_text(w, 0, e->field[0][0] ? strlen(w) : e->len, dst, cap);
}

/* The first metric word in t[a, b), or NULL. */
static const zc_lex_entry_t *first_metric(const zc_common_t *cm,
                                          const char *t, size_t a, size_t b)
{
    for (size_t q = a; q < b; q = zc_u8_next(t, q, b)) {
        const zc_lex_entry_t *e = metric_fwd(cm, t, q, b);
        if (e)
            return e;
    }
    return NULL;
}

/* Index of the first number ending after pos, searched from index hint. */
static size_t number_after(const zc_doc_view_t *doc, size_t hint, size_t pos)
{
    size_t j = hint < doc->n_numbers ? hint : doc->n_numbers;
    while (j > 0 && doc->numbers[j - 1].end_byte > pos)
        j--;
    while (j < doc->n_numbers && doc->numbers[j].end_byte <= pos)
        j++;
    return j;
}

/* The topic of the clause holding pos (up to its first number, change word
 * or metric), or of an earlier clause when this one continues the one
 * before (较上年增长9.9%) or has no words of its own. A metric met on the
 * way fills an empty metric (绩效薪酬分配系数由..., 即百分之四点一 after
 * 减少一百三十八亿元). */
static size_t topic(const zc_common_t *cm, const zc_doc_view_t *doc,
                    zc_sent_t *s, size_t pos, zc_cand_t *c)
{
    const char *t = doc->text;
    size_t lo = s->lo, hi = s->hi;
    size_t cs = zc_sent_clause_start(s, t, pos);
    size_t end = pos;
    for (int k = 0; k < TOPIC_CLAUSES; k++) {
        while (cs < end && !zc_is_word_char(zc_u8_at(t, cs, hi)))
            cs = zc_u8_next(t, cs, hi);
        const zc_lex_entry_t *cont = zc_lex_forward(&cm->continues, t, cs, hi);
        const zc_lex_entry_t *m0 = metric_fwd(cm, t, cs, hi);
        if (!cont && !m0) {
            size_t q = cs;
            const zc_lex_entry_t *m = NULL;
            zc_lex_entry_t formed;
            /* The numbers are sorted and apart: walk them alongside q (the
             * first one ending after q) instead of a lookup per character. */
            size_t ni = number_after(doc, (size_t)c->num_index, q);
            while (q < end) {
                uint32_t ch = zc_u8_at(t, q, hi);
                while (ni < doc->n_numbers && doc->numbers[ni].end_byte <= q)
                    ni++;
                if (ni < doc->n_numbers && doc->numbers[ni].start_byte <= q) {
                    /* A year or a lone numeral (二零一四/一五年度, 一般) is
                     * part of the topic; a quantity ends it. */
                    const zc_number_t *num = &doc->numbers[ni];
                    int weak = (num->flags & ZC_NUM_DIGITWISE) ||
                               ((num->flags & ZC_NUM_CHINESE) &&
                                num->end_byte - num->start_byte == 3) ||
                               zc_lex_forward(&cm->not_after, t,
                                              num->end_byte, hi);
                    if (!weak)
                        break;
                    q = num->end_byte > q ? num->end_byte : zc_u8_next(t, q, hi);
                    continue;
                }
                if (!zc_is_word_char(ch) && ch != 0x3001 && ch != '(' &&
                    ch != ')' && ch != '/' && ch != 0x201C && ch != 0x201D)
                    break;
                if (change_word_at(cm, t, q, hi, ZC_ROLE_OPEN))
                    break;
                m = metric_fwd(cm, t, q, hi);
                if (!m && end == pos && rate_word_bwd(t, q, end, &formed) &&
                    formed.word == t + q)
                    m = &formed;
                if (m)
                    break;
                q = zc_u8_next(t, q, hi);
            }
            size_t n = zc_phrase_clean(cm, t, segment_start(t, cs, q), q,
                                       c->subject, sizeof c->subject);
            if (n) {
                if (m && !c->metric[0])
                    set_metric(c->metric, sizeof c->metric, m);
                return n;
            }
        } else if (!c->metric[0] && k > 0) {
            const zc_lex_entry_t *m = first_metric(cm, t, cs, end);
            if (m)
                set_metric(c->metric, sizeof c->metric, m);
        }
        if (cs <= lo)
            break;
        size_t prev_end = zc_u8_prev(t, lo, cs);
        cs = zc_sent_clause_start(s, t, prev_end);
        end = prev_end;
    }
    c->subject[0] = '\0';
    return 0;
}

static void metric_subject_in(const zc_common_t *cm, const char *t,
                              size_t seg, size_t end, zc_cand_t *c);

/* Metric and subject of a rate or amount from the phrase [seg, end). */
static void metric_subject(const zc_common_t *cm, const char *t,
                           zc_sent_t *s, size_t seg, size_t end,
                           zc_cand_t *c)
{
    metric_subject_in(cm, t, seg, end, c);
    /* In a comparison (较上年28899万元增长9.9%) the words after 较/比 name
     * the base, not the subject. The clause may start before the sentence
     * (when its start is no clause end): scan on back from there. */
    size_t cs = zc_sent_clause_start(s, t, seg);
    if (cs == s->lo)
        cs = zc_clause_start(t, 0, s->lo);
    const zc_lex_entry_t *cont = zc_lex_forward(&cm->continues, t, cs, end);
    if (cont &&
        zc_lex_value(&cm->continues, cont, ZC_CONTINUES_COMPARE) == ZC_COMPARE)
        c->subject[0] = '\0';
    /* No metric in the phrase: one earlier in the clause still names it
     * (占调整预算数539267万元的99.6%). */
    if (!c->metric[0] && cs < seg) {
        for (size_t q = seg; q > cs;) {
            q = zc_u8_prev(t, cs, q);
            const zc_lex_entry_t *e = metric_bwd(cm, t, cs, q, end);
            if (e) {
                set_metric(c->metric, sizeof c->metric, e);
                break;
            }
        }
    }
}

static void metric_subject_in(const zc_common_t *cm, const char *t,
                              size_t seg, size_t end, zc_cand_t *c)
{
    zc_lex_entry_t formed;
    const zc_lex_entry_t *e = metric_bwd(cm, t, seg, end, end);
    if (!e)
        e = rate_word_bwd(t, seg, end, &formed);
    if (e) {
        set_metric(c->metric, sizeof c->metric, e);
        /* 占国内生产总值比重: the metric runs from 占, the subject is
         * before it. */
        for (size_t q = seg; q < end - e->len; q = zc_u8_next(t, q, end)) {
            const zc_lex_entry_t *b = metric_fwd(cm, t, q, end);
            if (b && metric_flag(cm, b) == ZC_FLAG_BEFORE) {
                zc_copy_text(t, q, end, c->metric, sizeof c->metric);
                zc_phrase_clean(cm, t, seg, q, c->subject, sizeof c->subject);
                return;
            }
        }
        zc_phrase_clean(cm, t, seg, end - e->len, c->subject,
                        sizeof c->subject);
        return;
    }
    /* A verb metric further back takes an object: 压减[开发园区管理机构]40%;
     * 占 keeps its subject before it: 税收收入占收入的57.7%. */
    for (size_t q = end; q > seg;) {
        q = zc_u8_prev(t, seg, q);
        e = metric_bwd(cm, t, seg, q, end);
        if (!e)
            continue;
        size_t ms = q - e->len;
        if (metric_flag(cm, e) == ZC_FLAG_BEFORE) {
            /* 占国内生产总值比重 names its own metric. */
            const zc_lex_entry_t *tail =
                metric_bwd(cm, t, q, end, end);
            if (tail)
                zc_copy_text(t, ms, end, c->metric, sizeof c->metric);
            else
                set_metric(c->metric, sizeof c->metric, e);
            /* 全年完成固定资产投资503036亿元: nothing but a time before
             * 完成, so its object is the subject; not for a share (占,
             * 相等于: shown as 占比), whose object is the base. */
            if (!zc_phrase_clean(cm, t, seg, ms, c->subject,
                                 sizeof c->subject) && !tail &&
                zc_lex_value(&cm->metrics, e, ZC_METRIC_SHARE) != ZC_SHARE)
                zc_phrase_clean(cm, t, q, end, c->subject, sizeof c->subject);
            return;
        }
        set_metric(c->metric, sizeof c->metric, e);
        if (metric_flag(cm, e) == ZC_FLAG_NOUN) {
            /* 失业率平均值为5.2%: what follows an indicator noun is its
             * tail; the subject is before it. */
            zc_phrase_clean(cm, t, seg, ms, c->subject, sizeof c->subject);
            return;
        }
        if (!zc_phrase_clean(cm, t, q, end, c->subject, sizeof c->subject))
            zc_phrase_clean(cm, t, seg, ms, c->subject, sizeof c->subject);
        return;
    }
    zc_phrase_clean(cm, t, seg, end, c->subject, sizeof c->subject);
}

/* s starts with a not_subjects entry of that place. A head of one
 * character must also be a word by itself there (在 in 在全省, not in
 * 在校生), as ICU's word breaks tell. */
static int starts_as(const zc_common_t *cm, const char *s, size_t len, int where)
{
    const zc_lex_entry_t *e = zc_lex_forward(&cm->not_subjects, s, 0, len);
    if (!e || not_subject_where(cm, e) != where)
        return 0;
    int one_char = e->len < len && zc_u8_next(s, 0, len) == e->len;
    return !one_char || zc_word_start(s, 0, e->len, len) == e->len;
}

/* rules/common/not_subjects.txt: a light verb inside the subject is
 * deleted (第一产业实现增加值 -> 第一产业增加值), or, when what comes before
 * it is a prepositional or time phrase, ends that phrase (到本世纪末实现
 * 国民生产总值 -> 国民生产总值). Then the subject is dropped whole when it
 * still starts as such a phrase or ends as a verb fragment: a wrong
 * subject is worse than none. */
static void vet_subject(const zc_common_t *cm, char *subj)
{
    size_t len = strlen(subj);
    for (size_t p = 0; p < len;) {
        const zc_lex_entry_t *e = zc_lex_forward(&cm->not_subjects, subj, p, len);
        if (e && not_subject_where(cm, e) == ZC_WHERE_DROP && p > 0 &&
            p + e->len < len) {
            size_t from = starts_as(cm, subj, p, ZC_WHERE_HEAD) ? 0 : p;
            memmove(subj + from, subj + p + e->len, len - p - e->len + 1);
            len -= p + e->len - from;
            p = from;
            continue;
        }
        p++;
        while (p < len && ((unsigned char)subj[p] & 0xC0u) == 0x80u)
            p++;
    }
    const zc_lex_entry_t *t = zc_lex_backward(&cm->not_subjects, subj, 0, len);
    if (starts_as(cm, subj, len, ZC_WHERE_HEAD) ||
        (t && not_subject_where(cm, t) == ZC_WHERE_TAIL))
        subj[0] = '\0';
}

void zc_phrase_fill(const zc_common_t *cm, const zc_kind_ops_t *ops,
                    const zc_doc_view_t *doc, zc_sent_t *s,
                    zc_cand_t *c, size_t n)
{
    const char *t = doc->text;
    size_t lo = s->lo, hi = s->hi;
    for (size_t i = 0; i < n; i++) {
        zc_cand_t *k = &c[i];
        size_t floor = lo;
        if (k->num_index > 0) {
            /* A lone Chinese numeral is mostly part of a word (一般, 三农),
             * so it does not cut the phrase. */
            const zc_number_t *prev = &doc->numbers[k->num_index - 1];
            int weak = ((prev->flags & ZC_NUM_CHINESE) &&
                        prev->end_byte - prev->start_byte == 3) ||
                       code_at(t, prev->start_byte, hi);
            if (!weak && prev->end_byte <= k->lead && prev->end_byte > floor)
                floor = prev->end_byte;
        }
        if (i > 0 && c[i - 1].end <= k->lead && c[i - 1].end > floor)
            floor = c[i - 1].end;
        /* 固定资产投资（不含农户）503036亿元: a parenthesis right before the
         * claim glosses the phrase before it; read that phrase. */
        size_t lead = k->lead;
        if (lead > floor && t[lead - 1] == ')') {
            size_t p = lead - 1;
            for (int chars = 0; p > floor && chars < PAREN_MAX_CHARS; chars++) {
                p = zc_u8_prev(t, floor, p);
                if (t[p] == '(') {
                    lead = p;
                    break;
                }
            }
        }
        size_t seg = segment_start(t, floor, lead);
        /* The phrase after the claim stops at the next number. */
        size_t nx = number_after(doc, (size_t)k->num_index, k->end);
        size_t next_num = nx < doc->n_numbers ? doc->numbers[nx].start_byte
                                               : (size_t)-1;
        if (ops->subject_after == 1) {
            k->subj_after = after_phrase(cm, t, k->end, hi, next_num, 1, k->subject,
                                         sizeof k->subject) > 0;
            if (!k->subj_after)
                zc_phrase_clean(cm, t, seg, lead, k->subject,
                                sizeof k->subject);
        } else {
            char buf[ZC_SUBJECT_MAX];
            metric_subject(cm, t, s, seg, lead, k);
            if (after_phrase(cm, t, k->end, hi, next_num,
                             ops->subject_after == 2, buf,
                             sizeof buf)) {
                memcpy(k->subject, buf, sizeof buf);
                k->subj_after = 1;
            }
            /* The indicator named right after the number it sets (设置5%
             * 不及格率, 保持95%满意率): a listed metric or an X率 word. */
            if (!k->metric[0]) {
                const zc_lex_entry_t *m = metric_fwd(cm, t, k->end, hi);
                size_t len = m ? m->len : rate_word_fwd(t, k->end, hi);
                if (len)
                    zc_copy_text(t, k->end, k->end + len, k->metric,
                                 sizeof k->metric);
            }
        }
        if (!k->subject[0])
            topic(cm, doc, s, k->lead, k);
        vet_subject(cm, k->subject);
        if (!k->metric[0] && k->hit.metric)
            zc_copy_text(k->hit.metric, 0, strlen(k->hit.metric), k->metric,
                         sizeof k->metric);
    }
}

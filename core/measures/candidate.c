/*
 * candidate.c - from one number to a candidate claim: the kind's unit
 * (maybe after 多/余 or a range), the exclusions, the qualifiers.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "measure_internal.h"
#include "rules_schema.h"
#include "text_scan.h"
#include "word_breaks.h"

/* How far back a non-adjacent qualifier may sit: 最高可达2倍, 最低可降为0.6倍,
 * 最多保留1家. Longer gaps name other things (低于全国平均水平5个百分点). */
#define QUAL_GAP_CHARS 3

/* The kind's unit at pos, unless a longer not_units word starts there. */
static int kind_unit_at(const zc_kind_ops_t *ops, const zc_doc_view_t *doc,
                        const zc_number_t *n, size_t pos, size_t hi,
                        zc_unit_hit_t *hit)
{
    if (!ops->unit_at(ops->self, doc, n, pos, hi, hit))
        return 0;
    if (!ops->not_units || hit->end <= pos)
        return 1;
    const zc_lex_entry_t *no = zc_lex_forward(ops->not_units, doc->text, pos, hi);
    return !no || no->len <= hit->end - pos;
}

/* Does the number end a run of spaced single digits it is not part of
 * ("1 2 0" read as three: the 0 must not take the unit)? */
static int spaced_tail(const char *t, const zc_number_t *n)
{
    size_t a = n->start_byte;
    return a >= 2 && t[a - 1] == ' ' && t[a - 2] >= '0' && t[a - 2] <= '9';
}

/* 675(项)个: a unit of the kind in brackets right before the unit. Returns
 * the position after the closing bracket, or pos. */
static size_t bracketed_unit(const zc_kind_ops_t *ops, const zc_doc_view_t *doc,
                             const zc_number_t *n, size_t pos, size_t hi)
{
    zc_unit_hit_t in;
    if (pos >= hi || doc->text[pos] != '(' ||
        !kind_unit_at(ops, doc, n, pos + 1, hi, &in) || in.end >= hi ||
        doc->text[in.end] != ')')
        return pos;
    return in.end + 1;
}

/* Read the unit at pos, allowing 多/余 first, and after 多/余 a scale word
 * (900多万户, 二百多万人, 10余万名: the core's number stops at 多, so the
 * 万 is read here and goes into hit->exp). Flattened tables and OCR put one
 * space between digits and unit (45 所, 1.4 %); a bracketed unit may come
 * first (675(项)个). */
static int unit_after(const zc_common_t *cm, const zc_kind_ops_t *ops,
                      const zc_doc_view_t *doc, const zc_number_t *n,
                      size_t pos, size_t hi, zc_unit_hit_t *hit, int *mid)
{
    *mid = 0;
    if (kind_unit_at(ops, doc, n, pos, hi, hit))
        return 1;
    if (pos + 1 < hi && doc->text[pos] == ' ' && (n->flags & ZC_NUM_ARABIC) &&
        doc->text[pos + 1] != ' ' && !spaced_tail(doc->text, n) &&
        kind_unit_at(ops, doc, n, pos + 1, hi, hit))
        return 1;
    size_t after = bracketed_unit(ops, doc, n, pos, hi);
    if (after > pos && kind_unit_at(ops, doc, n, after, hi, hit))
        return 1;
    const zc_lex_entry_t *e = zc_lex_forward(&cm->q_mid, doc->text, pos, hi);
    if (!e)
        return 0;
    pos += e->len;
    if (kind_unit_at(ops, doc, n, pos, hi, hit)) {
        *mid = 1;
        return 1;
    }
    /* Try the longest scale word first, then shorter ones: 多万元 is 万 +
     * 元 for amounts, 多千瓦 no 千 + 瓦 for anyone (瓦 is no unit). */
    const zc_lex_entry_t *sc = zc_lex_forward(&cm->scales, doc->text, pos, hi);
    if (sc && kind_unit_at(ops, doc, n, pos + sc->len, hi, hit)) {
        hit->exp += zc_lex_value(&cm->scales, sc, ZC_SCALE_EXP);
        *mid = 1;
        return 1;
    }
    return 0;
}

/* The scale word ending number m, as a power of ten (50万 -> 4), or 0. */
static int trailing_scale(const zc_common_t *cm, const char *t,
                          const zc_number_t *m)
{
    if (!(m->flags & ZC_NUM_SCALED))
        return 0;
    const zc_lex_entry_t *sc =
        zc_lex_backward(&cm->scales, t, m->start_byte, m->end_byte);
    return sc ? zc_lex_value(&cm->scales, sc, ZC_SCALE_EXP) : 0;
}

/* The marks that join the items of a list of numbers: 5.3、1.3和1.3. */
static size_t list_mark_len(const char *t, size_t at, size_t hi)
{
    static const char *const marks[] = {"、", "和", "及", "与", "以及"};
    size_t best = 0;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t k = strlen(marks[i]);
        if (k > best && at + k <= hi && memcmp(t + at, marks[i], k) == 0)
            best = k;
    }
    return best;
}

/* How many numbers a list may hold before its unit. */
#define LIST_MAX_ITEMS 8

/* A number with no unit of its own that is an item of a list whose last
 * item has one (分别增长5.3、1.3和1.3个百分点, 3.2、4.5、6.1亿元): it takes that
 * unit, and the last item's scale when it has none (3.2 -> 3.2亿). *first
 * and *last are the list's first and last items: the exclusions look
 * before the one (第1、2、3条 is ordinals) and after the other (1.3个百分点
 * is no count of 个). */
static int list_unit(const zc_common_t *cm, const zc_kind_ops_t *ops,
                     const zc_doc_view_t *doc, size_t idx, size_t lo, size_t hi,
                     zc_unit_hit_t *hit, int *mid, zc_decimal_t *value,
                     const zc_number_t **first, const zc_number_t **last)
{
    const char *t = doc->text;
    const zc_number_t *n = &doc->numbers[idx];
    *first = n;
    for (size_t j = idx; j > 0; j--) {
        const zc_number_t *b = &doc->numbers[j - 1];
        size_t mark = b->end_byte >= lo ? list_mark_len(t, b->end_byte, hi) : 0;
        if (!mark || b->end_byte + mark != (*first)->start_byte || j + LIST_MAX_ITEMS <= idx)
            break;
        *first = b;
    }
    const zc_number_t *prev = n;
    for (size_t k = 1; k <= LIST_MAX_ITEMS && idx + k < doc->n_numbers; k++) {
        const zc_number_t *m = &doc->numbers[idx + k];
        size_t mark = list_mark_len(t, prev->end_byte, hi);
        if (!mark || m->start_byte != prev->end_byte + mark || m->end_byte > hi ||
            (m->flags & ZC_NUM_DIGITWISE))
            return 0;
        zc_unit_hit_t h;
        int md = 0;
        if (unit_after(cm, ops, doc, m, m->end_byte, hi, &h, &md)) {
            if (md)
                return 0; /* 3、5余个: the qualifier is the last item's */
            if (!(n->flags & ZC_NUM_SCALED)) {
                int sc = trailing_scale(cm, t, m);
                if (sc)
                    *value = zc_decimal_scale(n->value, sc);
            }
            *hit = h;
            *mid = 0;
            *last = m;
            return 1;
        }
        prev = m;
    }
    return 0;
}

/* Inside a 《title》, or a short quoted name or slogan (“一园一单”,
 * “1+1+N”, “四个聚焦”)? Quotes longer than this are reported speech, whose
 * numbers are claims. */
#define QUOTE_MAX_CHARS 10

static int quoted(const char *t, zc_sent_t *s, size_t start, size_t end)
{
    /* Most sentences hold no mark before the number: nothing to walk. */
    zc_sent_reach(s, t, start);
    if (s->mark_end > start)
        return 0;
    size_t lo = s->lo, hi = s->hi;
    size_t p = start;
    int ascii_quotes = 0;
    size_t open = (size_t)-1;
    uint32_t want = 0;
    while (p > lo) {
        p = zc_u8_prev(t, lo, p);
        uint32_t c = zc_u8_at(t, p, hi);
        if (c == 0x300B || c == 0x201D || c == 0x300D || c == 0x300F)
            break; /* a closing mark first: not inside */
        if (c == 0x300A) /* 《 */
            return 1;
        if (c == 0x201C || c == 0x300C || c == 0x300E) {
            open = p;
            want = c == 0x201C ? 0x201D : (c == 0x300C ? 0x300D : 0x300F);
            break;
        }
        if (c == '"')
            ascii_quotes++;
    }
    if (open == (size_t)-1 && (ascii_quotes & 1) == 0)
        return 0;
    /* Find the closing mark and measure the quote. */
    size_t chars = 0;
    size_t q = open == (size_t)-1 ? start : open;
    for (size_t k = q; k < hi; k = zc_u8_next(t, k, hi)) {
        uint32_t c = zc_u8_at(t, k, hi);
        if (k >= end && (want ? c == want : c == '"'))
            return chars <= QUOTE_MAX_CHARS + 1;
        if (zc_is_clause_end(c) && c != ':' && c != ',')
            return 0;
        chars++;
    }
    return 0;
}

/* Does the qualifier at q start a word? Either a word starts there, or
 * the word that holds it begins with a filler standing before numbers
 * (共约300人: ICU reads 共约 as one word, but 共 is a filler). Not 约 in 节约5000吨,
 * 近 in 附近3家, 最近3年. */
static int qualifier_starts_word(const zc_common_t *cm, const char *t, size_t lo, size_t q,
                                 size_t hi)
{
    size_t ws = zc_word_start(t, lo, q, hi);
    if (ws == q)
        return 1;
    const zc_lex_entry_t *f = zc_lex_forward(&cm->fillers, t, ws, q);
    return f && ws + f->len == q;
}

/* A qualifiers_before.txt entry's APPROX and REACH. */
static zc_approx_t approx_before(const zc_common_t *cm, const zc_lex_entry_t *e)
{
    return (zc_approx_t)zc_lex_value(&cm->q_before, e, ZC_QUAL_APPROX);
}

static int reach_before(const zc_common_t *cm, const zc_lex_entry_t *e)
{
    return zc_lex_value(&cm->q_before, e, ZC_QUAL_REACH);
}

/* Qualifier before the number: adjacent (约2000, 超过85%, 不高于上限70%) or
 * a few characters back (最高可达2倍). Sets *qstart to its start when it is
 * adjacent (so the span covers it). */
/* How far back a "clause" qualifier may open the claim's verb: 约占全国
 * 的一成, 约为上年同期的2倍. */
#define CLAUSE_QUAL_CHARS 12

static int qualifier_before(const zc_common_t *cm, const char *t, size_t lo,
                            size_t start, const zc_lex_entry_t *e,
                            zc_approx_t *ap, size_t *qstart)
{
    /* e: the qualifier ending at start, looked up once by the caller. */
    if (e) {
        *ap = approx_before(cm, e);
        *qstart = start - e->len;
        return 1;
    }
    size_t p = start;
    for (int k = 0; k < QUAL_GAP_CHARS && p > lo; k++) {
        p = zc_u8_prev(t, lo, p);
        uint32_t c = zc_u8_at(t, p, start);
        if (!zc_is_word_char(c))
            return 0;
        e = zc_lex_backward(&cm->q_before, t, lo, p);
        if (e && reach_before(cm, e) != ZC_REACH_ADJACENT &&
            qualifier_starts_word(cm, t, lo, p - e->len, start)) {
            *ap = approx_before(cm, e);
            return 1;
        }
    }
    /* Further back, only a "clause" word, within the clause and with no
     * digit between (lo is already past the previous claim's number). */
    for (int k = QUAL_GAP_CHARS; k < CLAUSE_QUAL_CHARS && p > lo; k++) {
        p = zc_u8_prev(t, lo, p);
        uint32_t c = zc_u8_at(t, p, start);
        if (zc_is_clause_end(c) || (c >= '0' && c <= '9'))
            return 0;
        e = zc_lex_backward(&cm->q_before, t, lo, p);
        if (e && reach_before(cm, e) == ZC_REACH_CLAUSE &&
            qualifier_starts_word(cm, t, lo, p - e->len, start)) {
            *ap = approx_before(cm, e);
            return 1;
        }
    }
    return 0;
}

/* Walk back over fillers and qualifiers (为 达 均在 约 超过 ...) so the
 * phrase before a claim ends where its words end. q0: the qualifier ending
 * at pos, already looked up. */
static size_t lead_of(const zc_common_t *cm, const char *t, size_t lo,
                      size_t pos, const zc_lex_entry_t *q0)
{
    for (int k = 0; k < 4; k++) {
        const zc_lex_entry_t *f = zc_lex_backward(&cm->fillers, t, lo, pos);
        const zc_lex_entry_t *q =
            k == 0 ? q0 : zc_lex_backward(&cm->q_before, t, lo, pos);
        size_t len = f ? f->len : 0;
        if (q && q->len > len)
            len = q->len;
        if (len == 0)
            break;
        pos -= len;
        /* The modal 可 before a filler verb: 最低可[降为]0.6倍. */
        if (f && len == f->len && pos >= lo + 3 &&
            memcmp(t + pos - 3, "可", 3) == 0)
            pos -= 3;
    }
    return pos;
}

/* Does needle occur in hay? (memmem is a GNU extension.) */
static int contains(const char *hay, size_t hay_len, const char *needle,
                    size_t n_len)
{
    if (n_len == 0 || n_len > hay_len)
        return n_len == 0;
    for (const char *p = hay; (p = memchr(p, needle[0], (size_t)(hay + hay_len - p - (ptrdiff_t)n_len + 1))) != NULL; p++)
        if (memcmp(p, needle, n_len) == 0)
            return 1;
    return 0;
}

/* How far before a number a name holding it may start, in bytes (four
 * Han characters: 安徽芜湖三山). */
#define NAME_BACK_BYTES 12

/* Does a word of lex that starts at most NAME_BACK_BYTES before the number
 * cover its first character? A word with a second field (三门 -> 三门县)
 * counts only when the document also writes that field. */
static int name_covers(const zc_lexicon_t *lex, const zc_doc_view_t *doc,
                       size_t lo, size_t hi, const zc_number_t *n)
{
    const char *t = doc->text;
    size_t p = n->start_byte;
    for (size_t back = 0; back <= NAME_BACK_BYTES && p >= lo; back++) {
        /* Only code point starts: skip continuation bytes. */
        if (((unsigned char)t[p] & 0xC0u) != 0x80u) {
            const zc_lex_entry_t *e = zc_lex_forward(lex, t, p, hi);
            if (e && p + e->len > n->start_byte &&
                (!e->field[0][0] || contains(t, doc->text_len, e->field[0],
                                             strlen(e->field[0]))))
                return 1;
        }
        if (p == 0)
            break;
        p--;
    }
    return 0;
}

/* Does a word of ctx end between the start of the clause holding number
 * first and the number? The clause's start is found here, not from the
 * clause index, whose clause ends include the comma inside a number
 * (1,150): a character inside one of the document's numbers ends none. */
static int context_before(const zc_lexicon_t *ctx, const zc_doc_view_t *doc,
                          size_t lo, const zc_number_t *first)
{
    const char *t = doc->text;
    size_t k = (size_t)(first - doc->numbers); /* numbers[k] ends after q */
    for (size_t p = first->start_byte; p > lo;) {
        if (zc_lex_backward(ctx, t, lo, p))
            return 1;
        size_t q = zc_u8_prev(t, lo, p);
        while (k > 0 && doc->numbers[k - 1].end_byte > q)
            k--;
        int in_number = doc->numbers[k].start_byte <= q;
        if (!in_number && zc_is_clause_end(zc_u8_at(t, q, p)))
            return 0;
        p = q;
    }
    return 0;
}

/* Numbers inside names are no claims (SPEC 2): places from the gazetteer
 * (三门县, 六盘水), set terms (三次产业, 五大发展理念). */
static int in_name(const zc_common_t *cm, const zc_doc_view_t *doc, size_t lo,
                   size_t hi, const zc_number_t *n)
{
    return name_covers(&cm->places, doc, lo, hi, n) ||
           name_covers(&cm->set_terms, doc, lo, hi, n);
}

int zc_cand_build(const zc_common_t *cm, const zc_kind_ops_t *ops,
                  zc_call_t *call, const zc_doc_view_t *doc, size_t idx,
                  zc_sent_t *s, zc_cand_t *c, size_t *used)
{
    const char *t = doc->text;
    size_t lo = s->lo, hi = s->hi;
    const zc_number_t *n = &doc->numbers[idx];
    const zc_number_t *last = n;
    const zc_number_t *first = n; /* a list's first item (list_unit) */
    zc_unit_hit_t hit;
    int mid = 0;
    /* Most numbers are no candidate: the value and range are kept in
     * locals, and c (some 400 bytes) is cleared and filled only once the
     * exclusions are passed. */
    zc_decimal_t value = n->value, range_low = {0}, range_high = {0};
    int has_range = 0;
    *used = 1;
    /* 二零一四: digit-by-digit Chinese numerals are years or codes. */
    if (n->flags & ZC_NUM_DIGITWISE)
        return 0;
    if (!unit_after(cm, ops, doc, n, n->end_byte, hi, &hit, &mid)) {
        /* A range: 5~6个, 5至6个. */
        const zc_lex_entry_t *sep =
            zc_lex_forward(&cm->range_sep, t, n->end_byte, hi);
        const zc_number_t *m =
            idx + 1 < doc->n_numbers ? &doc->numbers[idx + 1] : NULL;
        if (sep && m && m->start_byte == n->end_byte + sep->len &&
            zc_decimal_cmp(n->value, m->value) < 0 &&
            unit_after(cm, ops, doc, m, m->end_byte, hi, &hit, &mid)) {
            has_range = 1;
            range_low = n->value;
            /* 30~50万元: a scale on the second end only applies to both. */
            if (!(n->flags & ZC_NUM_SCALED)) {
                int k = trailing_scale(cm, t, m);
                if (k && zc_decimal_cmp(zc_decimal_scale(n->value, k), m->value) < 0) {
                    range_low = zc_decimal_scale(n->value, k);
                    value = range_low;
                }
            }
            range_high = m->value;
            last = m;
            *used = 2;
        } else if (list_unit(cm, ops, doc, idx, lo, hi, &hit, &mid, &value, &first, &last)) {
            /* 5.3、1.3和1.3个百分点: the unit is written once, at the end. */
        } else if (!ops->bare || !ops->bare(ops->self, cm, doc, n, lo, hi, &hit)) {
            return 0;
        }
    } else if (idx + 1 < doc->n_numbers) {
        /* A range with the unit twice: 5%-6%, 5%~6%. */
        const zc_lex_entry_t *sep =
            zc_lex_forward(&cm->range_sep, t, hit.end, hi);
        const zc_number_t *m = &doc->numbers[idx + 1];
        zc_unit_hit_t h2;
        int mid2;
        if (sep && m->start_byte == hit.end + sep->len &&
            zc_decimal_cmp(n->value, m->value) < 0 &&
            unit_after(cm, ops, doc, m, m->end_byte, hi, &h2, &mid2) &&
            strcmp(h2.unit, hit.unit) == 0 && h2.exp == hit.exp) {
            has_range = 1;
            range_low = n->value;
            range_high = m->value;
            last = m;
            hit = h2;
            *used = 2;
        }
    }
    /* The kind's veto looks at the number only: before the exclusions. */
    if (ops->veto && ops->veto(ops->self, doc, n))
        return 0;
    /* The kind's own words around it: 第3亩, 亩产1000斤. */
    if ((ops->not_before && zc_lex_backward(ops->not_before, t, lo, first->start_byte)) ||
        (ops->not_after && zc_lex_forward(ops->not_after, t, hit.end, hi)))
        return 0;
    if (ops->context && !context_before(ops->context, doc, lo, first))
        return 0;
    /* Exclusions: dates, document numbers, ordinals, names, slogans. */
    /* 3月, 5日 are dates; 3500亿日元 is no 日 (the longer unit wins). */
    const zc_lex_entry_t *na = zc_lex_forward(&cm->not_after, t, last->end_byte, hi);
    if (na && (mid || hit.end < last->end_byte ||
               na->len >= hit.end - last->end_byte))
        return 0;
    /* A unit of the kind's own list that is written in Latin letters
     * (1200mm, 5GW) has claimed those letters: the "after" rules, such as
     * the one for names like 5G, read what follows the unit instead. */
    size_t after = last->end_byte;
    unsigned char next = (unsigned char)t[after];
    if (hit.end > after && next < 0x80 && zc_is_word_char(next))
        after = hit.end;
    if (zc_patterns_exclude(&cm->exclude, call, t, lo, hi, first->start_byte,
                            after))
        return 0;
    if (ops->exclude && zc_patterns_exclude(ops->exclude, call, t, lo, hi,
                                            first->start_byte, after))
        return 0;
    int listed = last != n && !has_range; /* an item before the list's unit */
    if (quoted(t, s, n->start_byte, hit.end))
        return 0;
    if (in_name(cm, doc, lo, hi, n))
        return 0;

    memset(c, 0, sizeof *c);
    c->value = value;
    c->has_range = has_range;
    c->range_low = range_low;
    c->range_high = range_high;
    c->num_index = (long)idx;
    c->num_start = n->start_byte;
    c->hit = hit;
    c->start = n->start_byte;
    c->end = listed ? n->end_byte : hit.end;
    c->approx = mid ? ZC_APPROX_GT : ZC_APPROX_EQ;
    if (hit.exp) {
        c->value = zc_decimal_scale(c->value, hit.exp);
        c->range_low = zc_decimal_scale(c->range_low, hit.exp);
        c->range_high = zc_decimal_scale(c->range_high, hit.exp);
    }

    /* Qualifiers: after wins (80%以上), else before (超过85%). */
    const zc_lex_entry_t *q0 =
        zc_lex_backward(&cm->q_before, t, lo, n->start_byte);
    /* A qualifier starts a word: not 约 in 节约5000吨, 近 in 附近3家. */
    if (q0 && !qualifier_starts_word(cm, t, lo, n->start_byte - q0->len, hi))
        q0 = NULL;
    /* A list item's own digits are its span: the last item's 以上 is its. */
    const zc_lex_entry_t *qa = listed ? NULL : zc_lex_forward(&cm->q_after, t, hit.end, hi);
    zc_approx_t ap;
    size_t qstart = c->start;
    if (qa) {
        c->approx = (zc_approx_t)zc_lex_value(&cm->q_after, qa, ZC_QUAL_APPROX);
        c->end = hit.end + qa->len;
    } else if (!mid && qualifier_before(cm, t, lo, n->start_byte, q0, &ap,
                                        &qstart)) {
        c->approx = ap;
    }
    if (qstart < c->start)
        c->start = qstart;
    c->lead = lead_of(cm, t, lo, n->start_byte, q0);
    if (ops->finish)
        ops->finish(ops->self, doc, c);
    return 1;
}

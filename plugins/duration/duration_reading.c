/*
 * zc_measure.c - number [range] [多/余] [classifier] unit, with qualifiers
 * before and after: the reading duration and area share (zc_measure.h).
 */
#include <string.h>

#include "zc_internal.h"
#include "zc_measure.h"
#include "zc_text.h"
#include "zc_words.h"

/* A plugin's optional lexicon: NULL reads as "no word here". */
static const zc_lex_entry_t *forward(const zc_lexicon_t *lex, const char *t,
                                     size_t pos, size_t hi)
{
    return lex ? zc_lex_forward(lex, t, pos, hi) : NULL;
}

static const zc_lex_entry_t *backward(const zc_lexicon_t *lex, const char *t,
                                      size_t lo, size_t pos)
{
    return lex ? zc_lex_backward(lex, t, lo, pos) : NULL;
}

static size_t hit_len(const zc_lex_entry_t *e) { return e ? e->len : 0; }

/* The half word at pos, if the plugin has one: its length, else 0. Most
 * positions differ in the first byte, tested before the call. */
static size_t half_at(const char *half, const char *t, size_t pos, size_t hi)
{
    if (!half || pos >= hi || t[pos] != half[0] || !zc_starts_with(t, pos, hi, half))
        return 0;
    return strlen(half);
}

int zc_measure_read(const zc_measure_spec_t *spec, const zc_doc_view_t *doc,
                    size_t i, zc_measure_t *m)
{
    const zc_measure_words_t *w = spec->words;
    const zc_number_t *n = &doc->numbers[i];
    const zc_sentence_t *s = &doc->sentences[n->sentence];
    const char *t = doc->text;
    size_t lo = s->start_byte, hi = s->end_byte;

    /* Most numbers have no unit after them: read up to the unit in locals
     * and fill m only for the few that do. */
    size_t used = 1, pos = n->end_byte;
    const zc_number_t *high = NULL;

    /* A range: 3-5个工作日, 100至120亩; the second number right after the
     * mark. */
    const zc_lex_entry_t *sep = zc_lex_forward(&w->range_sep, t, pos, hi);
    if (sep && i + 1 < doc->n_numbers
        && doc->numbers[i + 1].start_byte == pos + sep->len
        && zc_dec_cmp(n->value, doc->numbers[i + 1].value) < 0) {
        high = &doc->numbers[i + 1];
        pos = high->end_byte;
        used = 2;
    }
    /* [多|余] [classifier] [多|余] [half] unit [half]: 4930余亩, 三个多月,
     * 两个半月, 一年半. */
    const zc_lex_entry_t *mid = zc_lex_forward(&w->q_mid, t, pos, hi);
    pos += hit_len(mid);
    const zc_lex_entry_t *cls = forward(spec->classifiers, t, pos, hi);
    pos += hit_len(cls);
    if (!mid && cls) {
        mid = zc_lex_forward(&w->q_mid, t, pos, hi);
        pos += hit_len(mid);
    }
    size_t half = half_at(spec->half, t, pos, hi);
    pos += half;
    const zc_lex_entry_t *unit = zc_lex_forward(spec->units, t, pos, hi);
    if (!unit)
        return 0;
    pos += unit->len;
    if (!half) {
        half = half_at(spec->half, t, pos, hi);
        pos += half;
    }
    if (forward(spec->not_after, t, pos, hi)
        || backward(spec->not_before, t, lo, n->start_byte))
        return 0;

    memset(m, 0, sizeof *m);
    zc_record_t *r = &m->rec;
    r->start_byte = n->start_byte;
    r->value = n->value;
    r->unit = unit->field[0][0] ? unit->field[0] : unit->word;
    r->approx = mid ? ZC_APPROX_GT : ZC_APPROX_EQ;
    if (high) {
        r->has_range = 1;
        r->range_low = n->value;
        r->range_high = high->value;
    }
    m->used = used;
    m->unit = unit;
    m->mid = mid != NULL;
    m->classifier = cls != NULL;
    m->half = half > 0;
    m->context = high || mid;

    /* Before the number: a context word (近两年: no qualifier) or a
     * qualifier (约5000平方米: ~), whichever is longer. */
    const zc_lex_entry_t *cb = backward(spec->context_before, t, lo, n->start_byte);
    const zc_lex_entry_t *qb = zc_lex_backward(&w->q_before, t, lo, n->start_byte);
    /* A qualifier starts a word: not 近 in 附近3家 (zc_words.h). */
    size_t qpos = qb ? n->start_byte - qb->len : 0;
    if (qb && zc_word_start(t, lo, qpos, hi) != qpos)
        qb = NULL;
    if (hit_len(qb) > hit_len(cb)) {
        if (r->approx == ZC_APPROX_EQ) {
            zc_approx_parse(qb->field[0], &r->approx);
            r->start_byte -= qb->len;
        }
        m->context = 1;
    } else if (cb) {
        m->context = 1;
    }
    /* After the unit: the plugin's words (两年内) or the shared qualifiers
     * (3000平方米以上), the longer; an "=" word is context only. */
    const zc_lex_entry_t *ca = forward(spec->context_after, t, pos, hi);
    const zc_lex_entry_t *qa = zc_lex_forward(&w->q_after, t, pos, hi);
    const zc_lex_entry_t *after = hit_len(qa) > hit_len(ca) ? qa : ca;
    if (after) {
        m->context = 1;
        zc_approx_t a;
        zc_approx_parse(after->field[0], &a);
        if (a != ZC_APPROX_EQ && r->approx == ZC_APPROX_EQ) {
            r->approx = a;
            pos += after->len;
        }
    }
    r->end_byte = pos;
    return 1;
}

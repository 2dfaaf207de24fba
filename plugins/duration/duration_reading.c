/*
 * duration_reading.c - number [range] [多/余] [个] [半] unit [半], with
 * qualifiers and context words around it (duration_reading.h).
 */
#include "duration_reading.h"

#include <string.h>

zc_status_t zc_duration_words_load(const zc_plugin_init_t *args,
                                   zc_duration_words_t *w)
{
    const struct {
        const zc_words_t **out;
        const char *file;
    } lists[] = {
        {&w->q_before, "common/qualifiers_before.txt"},
        {&w->q_mid, "common/qualifiers_mid.txt"},
        {&w->q_after, "common/qualifiers_after.txt"},
        {&w->range_sep, "common/range_sep.txt"},
        {&w->units, "duration/units.txt"},
        {&w->classifiers, "duration/classifiers.txt"},
        {&w->context_before, "duration/context_before.txt"},
        {&w->context_after, "duration/context_after.txt"},
        {&w->not_before, "duration/not_before.txt"},
        {&w->not_after, "duration/not_after.txt"},
    };
    zc_status_t st = ZC_OK;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0] && st == ZC_OK; i++)
        st = args->host->words_load(args->call, lists[i].file, lists[i].out);
    return st;
}

/* The value as a long double: only to tell the low end of a range from the
 * high one, which it does exactly for the numbers durations are written
 * with. */
static long double approx_value(zc_decimal_t d)
{
    long double v = (long double)d.mantissa;
    for (int32_t e = d.exponent; e > 0; e--)
        v *= 10;
    for (int32_t e = d.exponent; e < 0; e++)
        v /= 10;
    return v;
}

static size_t hit_len(const zc_word_t *e) { return e ? e->len : 0; }

/* "半" (half) next to the unit: its length at pos, else 0. */
static size_t half_at(const char *t, size_t pos, size_t hi)
{
    static const char half[] = "半";
    size_t len = sizeof half - 1;
    return hi - pos >= len && memcmp(t + pos, half, len) == 0 ? len : 0;
}

int zc_duration_read(const zc_host_t *h, const zc_duration_words_t *w,
                     const zc_doc_view_t *doc, size_t i,
                     zc_duration_reading_t *m)
{
    const zc_number_t *n = &doc->numbers[i];
    const zc_sentence_t *s = &doc->sentences[n->sentence];
    const char *t = doc->text;
    size_t lo = s->start_byte, hi = s->end_byte;

    /* Most numbers have no unit after them: read up to the unit in locals
     * and fill m only for the few that do. */
    size_t used = 1, pos = n->end_byte;
    const zc_number_t *high = NULL;

    /* A range: 3-5个工作日, 3至5年; the second number right after the
     * mark. */
    const zc_word_t *sep = h->words_forward(w->range_sep, t, pos, hi);
    if (sep && i + 1 < doc->n_numbers
        && doc->numbers[i + 1].start_byte == pos + sep->len
        && approx_value(n->value) < approx_value(doc->numbers[i + 1].value)) {
        high = &doc->numbers[i + 1];
        pos = high->end_byte;
        used = 2;
    }
    /* [多|余] [个] [多|余] [半] unit [半]: 三个多月, 两个半月, 一年半. */
    const zc_word_t *mid = h->words_forward(w->q_mid, t, pos, hi);
    pos += hit_len(mid);
    const zc_word_t *cls = h->words_forward(w->classifiers, t, pos, hi);
    pos += hit_len(cls);
    if (!mid && cls) {
        mid = h->words_forward(w->q_mid, t, pos, hi);
        pos += hit_len(mid);
    }
    size_t half = half_at(t, pos, hi);
    pos += half;
    const zc_word_t *unit = h->words_forward(w->units, t, pos, hi);
    if (!unit)
        return 0;
    pos += unit->len;
    if (!half) {
        half = half_at(t, pos, hi);
        pos += half;
    }
    if (h->words_forward(w->not_after, t, pos, hi)
        || h->words_backward(w->not_before, t, lo, n->start_byte))
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
     * qualifier (约5年: ~), whichever is longer. A qualifier starts a
     * word: not 近 in 最近3年. */
    const zc_word_t *cb = h->words_backward(w->context_before, t, lo, n->start_byte);
    const zc_word_t *qb = h->words_backward(w->q_before, t, lo, n->start_byte);
    size_t qpos = qb ? n->start_byte - qb->len : 0;
    if (qb && h->word_start(t, lo, qpos, hi) != qpos)
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
    /* After the unit: a context word (两年内) or a shared qualifier
     * (3年以上), the longer; an "=" word is context only. */
    const zc_word_t *ca = h->words_forward(w->context_after, t, pos, hi);
    const zc_word_t *qa = h->words_forward(w->q_after, t, pos, hi);
    const zc_word_t *after = hit_len(qa) > hit_len(ca) ? qa : ca;
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

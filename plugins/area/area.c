/*
 * area - land and floor areas, under the kind "area".
 *
 * Forms recognised (value as written, unit as in rules/area/units.txt):
 *   4930余亩                 -> 4930 亩, approx ">"
 *   2.5平方公里  2.5平方千米  -> 2.5 平方公里
 *   10万平方米  10万平米      -> 100000 平方米 (万 is part of the number)
 *   300公顷  三百公顷         -> 300 公顷
 *   约5000平方米 (~)  超过2万亩 (>)  3000平方米以上 (>=)  50亩左右 (~)
 *   100至120亩  100-120亩    -> 100, range [100, 120]
 * Not areas: 第3亩 (rules/area/not_before.txt), 亩产1000斤 and 亩均税收
 * (rules/area/not_after.txt), a number with no area unit after it.
 *
 * The plugin reads every word it knows from rules files: its own units and
 * exclusions, and the qualifiers (约, 超过, 以上, 余 ...) and range marks
 * every extractor shares (rules/common/). It keeps no state but those word
 * lists, read-only after init(), so extract() may run on several documents
 * at once. A record's span covers the qualifiers that set its approx.
 */
#include <stdlib.h>
#include <string.h>

#include "zc_lexicon.h"
#include "zc_text.h"
#include "zhclaim/plugin.h"

typedef struct area_state_t {
    const zc_host_t *host;
    zc_lexicon_t units;      /* word -> unit */
    zc_lexicon_t not_before; /* words before a number that rule it out */
    zc_lexicon_t not_after;  /* words after the unit that rule it out */
    zc_lexicon_t q_before;   /* common: word -> approx (约 ~, 超过 >) */
    zc_lexicon_t q_mid;      /* common: 多, 余 between number and unit (>) */
    zc_lexicon_t q_after;    /* common: word -> approx (以上 >=, 左右 ~) */
    zc_lexicon_t range_sep;  /* common: ~ - 至 到 */
} area_state_t;

/* The approx a rules file names ("~", ">=" ...); "=" for anything else. */
static zc_approx_t approx_of(const char *s)
{
    static const char *const symbols[] = {"=", "~", ">", ">=", "<", "<="};
    for (int i = 0; i < 6; i++)
        if (strcmp(s, symbols[i]) == 0)
            return (zc_approx_t)i;
    return ZC_APPROX_EQ;
}

static void area_fini(void *state)
{
    area_state_t *st = state;
    if (!st)
        return;
    zc_lexicon_free(&st->units);
    zc_lexicon_free(&st->not_before);
    zc_lexicon_free(&st->not_after);
    zc_lexicon_free(&st->q_before);
    zc_lexicon_free(&st->q_mid);
    zc_lexicon_free(&st->q_after);
    zc_lexicon_free(&st->range_sep);
    free(st);
}

static zc_status_t area_init(const zc_plugin_init_t *args, void **state)
{
    /* Everything used here exists since ABI 1.0: a 1.x host will do. */
    if (args->host->abi_major != ZC_PLUGIN_ABI_MAJOR)
        return ZC_ERR_PLUGIN;
    area_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = args->host;
    /* Each load logs the file and the reason when it fails. */
    zc_status_t rc = zc_lexicon_load(&st->units, args, "area/units.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->not_before, args, "area/not_before.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->not_after, args, "area/not_after.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->q_before, args, "common/qualifiers_before.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->q_mid, args, "common/qualifiers_mid.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->q_after, args, "common/qualifiers_after.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->range_sep, args, "common/range_sep.txt");
    if (rc != ZC_OK) {
        area_fini(st);
        return rc;
    }
    *state = st;
    return ZC_OK;
}

/* Try doc->numbers[i] as the start of an area claim; emit it and return the
 * number of numbers it used (2 for a range), 0 when it is none. */
static size_t area_at(const area_state_t *st, const zc_doc_view_t *doc,
                      size_t i, zc_call_t *call, zc_status_t *rc)
{
    const zc_number_t *n = &doc->numbers[i];
    const zc_sentence_t *s = &doc->sentences[n->sentence];
    const char *t = doc->text;
    size_t lo = s->start_byte, hi = s->end_byte;
    if (zc_lex_backward(&st->not_before, t, lo, n->start_byte))
        return 0;

    zc_record_t r = {0};
    r.struct_size = sizeof r;
    r.kind = "area";
    r.start_byte = n->start_byte;
    r.value = n->value;
    r.approx = ZC_APPROX_EQ;
    size_t used = 1, pos = n->end_byte;

    /* A range: 100至120亩. The second number must follow the mark at once. */
    const zc_lex_entry_t *sep = zc_lex_forward(&st->range_sep, t, pos, hi);
    if (sep && i + 1 < doc->n_numbers
        && doc->numbers[i + 1].start_byte == pos + sep->len) {
        r.has_range = 1;
        r.range_low = n->value;
        r.range_high = doc->numbers[i + 1].value;
        pos = doc->numbers[i + 1].end_byte;
        used = 2;
    }
    /* 4930余亩: a lower bound. */
    const zc_lex_entry_t *mid = zc_lex_forward(&st->q_mid, t, pos, hi);
    if (mid) {
        pos += mid->len;
        r.approx = ZC_APPROX_GT;
    }
    const zc_lex_entry_t *unit = zc_lex_forward(&st->units, t, pos, hi);
    if (!unit)
        return 0;
    pos += unit->len;
    if (zc_lex_forward(&st->not_after, t, pos, hi))
        return 0;
    r.unit = unit->field[0][0] ? unit->field[0] : unit->word;

    /* Qualifiers directly before the number or after the unit. */
    const zc_lex_entry_t *q = zc_lex_backward(&st->q_before, t, lo, n->start_byte);
    if (q && r.approx == ZC_APPROX_EQ) {
        r.approx = approx_of(q->field[0]);
        r.start_byte -= q->len;
    }
    q = zc_lex_forward(&st->q_after, t, pos, hi);
    if (q && r.approx == ZC_APPROX_EQ) {
        r.approx = approx_of(q->field[0]);
        pos += q->len;
    }
    r.end_byte = pos;
    *rc = st->host->emit(call, &r);
    return used;
}

static zc_status_t area_extract(void *state, const zc_doc_view_t *doc,
                                zc_call_t *call)
{
    const area_state_t *st = state;
    zc_status_t rc = ZC_OK;
    for (size_t i = 0; i < doc->n_numbers && rc == ZC_OK;) {
        size_t used = area_at(st, doc, i, call, &rc);
        i += used ? used : 1;
    }
    return rc;
}

static const char *const area_kinds[] = {"area", NULL};

static const zc_plugin_t descriptor = {
    .struct_size = sizeof(zc_plugin_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .name = "area",
    .version = "1.0.0",
    .description = "areas: 4930余亩, 2.5平方公里, 10万平方米, 300公顷 (value as written)",
    .kinds = area_kinds,
    .options = NULL,
    .init = area_init,
    .extract = area_extract,
    .fini = area_fini,
};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void) { return &descriptor; }

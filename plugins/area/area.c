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
 *
 * The reading itself (number, range, 余, unit, qualifiers) is
 * zc_measure_read (plugins/common/zc_measure.h), shared with duration: an
 * area plugin is its word lists.
 */
#include <stdlib.h>

#include "zc_extract.h"
#include "zc_lexicon.h"
#include "zc_measure.h"
#include "zhclaim/plugin.h"

typedef struct area_state_t {
    const zc_host_t *host;
    zc_lexicon_t units;        /* word -> unit */
    zc_lexicon_t not_before;   /* words before a number that rule it out */
    zc_lexicon_t not_after;    /* words after the unit that rule it out */
    zc_measure_words_t common; /* qualifiers, 多/余, range marks */
    zc_measure_spec_t spec;    /* how zc_measure_read reads an area */
} area_state_t;

static void area_fini(void *state)
{
    area_state_t *st = state;
    if (!st)
        return;
    zc_lexicon_free(&st->units);
    zc_lexicon_free(&st->not_before);
    zc_lexicon_free(&st->not_after);
    zc_measure_words_free(&st->common);
    free(st);
}

static zc_status_t area_init(const zc_plugin_init_t *args, void **state)
{
    /* Everything used here exists since ABI 1.0: a 1.x host will do. */
    zc_status_t rc = zc_check_host(args);
    if (rc != ZC_OK)
        return rc;
    area_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = args->host;
    /* Each load logs the file and the reason when it fails. */
    rc = zc_lexicon_load(&st->units, args, "area/units.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->not_before, args, "area/not_before.txt");
    if (rc == ZC_OK)
        rc = zc_lexicon_load(&st->not_after, args, "area/not_after.txt");
    if (rc == ZC_OK)
        rc = zc_measure_words_load(&st->common, args);
    if (rc != ZC_OK) {
        area_fini(st);
        return rc;
    }
    /* number [余] unit with the shared qualifiers; no classifier, no
     * context words of its own (zc_measure.h). */
    st->spec = (zc_measure_spec_t){
        .words = &st->common,
        .units = &st->units,
        .not_before = &st->not_before,
        .not_after = &st->not_after,
    };
    *state = st;
    return ZC_OK;
}

/* Try doc->numbers[i] as the start of an area claim; emit it and return the
 * number of numbers it used (2 for a range), 0 when it is none. Every
 * number with an area unit after it is one. */
static size_t area_at(const area_state_t *st, const zc_doc_view_t *doc,
                      size_t i, zc_call_t *call, zc_status_t *rc)
{
    zc_measure_t m;
    if (!zc_measure_read(&st->spec, doc, i, &m))
        return 0;
    zc_record_t r = m.rec;
    r.struct_size = sizeof r;
    r.kind = "area";
    *rc = st->host->emit(call, &r);
    return m.used;
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

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
 * The plugin is its word lists: the reading (number, range, 余, unit,
 * qualifiers, subject) is the host's measure reader (zhclaim/plugin.h,
 * measure_open), which also reads the qualifiers (约, 超过, 以上, 余 ...)
 * and range marks every extractor shares (rules/common/). Its state is
 * read-only after init(), so extract() may run on several documents at
 * once. A record's span covers the qualifiers that set its approx.
 */
#include <stdlib.h>

#include "zhclaim/plugin.h"

typedef struct area_state_t {
    const zc_host_t *host;
    const zc_measure_t *measure;
} area_state_t;

static void area_fini(void *state) { free(state); }

static zc_status_t area_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, measure_extract)) {
        h->log(args->call, ZC_LOG_ERROR, "needs a host of ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    area_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = h;
    zc_measure_def_t def = {
        .struct_size = sizeof def,
        .kind = "area",
        .units = "area/units.txt",
        .not_before = "area/not_before.txt",
        .not_after = "area/not_after.txt",
        .subject_at = ZC_SUBJECT_BEFORE,
    };
    zc_status_t rc = h->measure_open(args->call, &def, &st->measure); /* logs why */
    if (rc != ZC_OK) {
        free(st);
        return rc;
    }
    *state = st;
    return ZC_OK;
}

static zc_status_t area_extract(void *state, const zc_doc_view_t *doc,
                                zc_call_t *call)
{
    const area_state_t *st = state;
    return st->host->measure_extract(call, st->measure, doc);
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

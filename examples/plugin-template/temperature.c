/*
 * temperature.c - an example zhclaim plugin, built outside the zhclaim tree:
 * temperatures in degrees Celsius, reported under a kind of its own.
 *
 * Forms recognised (the text a plugin sees is normalised: full-width
 * digits arrive as ASCII, traditional script as simplified):
 *   35℃, 35°C              temperature 35 ℃
 *   三十五摄氏度             temperature 35 ℃
 *   约20℃, 20℃左右          temperature 20 ℃, approx "~"
 *   零下5℃                  temperature -5 ℃
 *   气温由3℃升至5℃          temperature 5 ℃, from 3; and the subject 气温
 *
 * The reading (number, unit, qualifiers, ranges, lists, changes, subject)
 * is zhclaim's measure reader (plugin ABI 1.3); the plugin is its unit
 * list, rules/temperature/units.txt, and one hook for 零下.
 *
 * Build (either):
 *   cmake -S . -B build && cmake --build build
 *   cc -shared -fPIC $(pkg-config --cflags zhclaim) temperature.c -o temperature.so
 * Run:
 *   zhclaim extract --plugin-dir build --rules-dir rules report.txt
 *
 * Copy this folder, rename the plugin (descriptor name, kinds, file names,
 * the rules folder) and change the definition in init(). docs/plugins.md
 * walks through every line.
 */
#include <stdlib.h>
#include <string.h>

#include "zhclaim/plugin.h"

/* What init() builds and extract() reads. It must stay read-only after
 * init(): extract() may run on several documents at once. */
typedef struct temperature_state_t {
    const zc_host_t *host;       /* valid until fini() returns */
    const zc_measure_t *measure; /* the engine's: never freed here */
} temperature_state_t;

/* 零下 (below zero) before the number makes it negative; it belongs to the
 * claim's span, not to its subject. */
static void temperature_negate(void *user, const zc_doc_view_t *doc,
                               zc_measure_claim_t *c)
{
    static const char below[] = "零下";
    const size_t len = sizeof below - 1;
    (void)user;
    if (c->has_range || c->start < len
        || memcmp(doc->text + c->start - len, below, len) != 0)
        return;
    c->value.mantissa = -c->value.mantissa;
    c->start -= len;
    c->lead = c->start;
}

static zc_status_t temperature_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    if (!ZC_HOST_HAS(h, measure_extract)) { /* the reader came with ABI 1.3 */
        h->log(args->call, ZC_LOG_ERROR, "needs a zhclaim of plugin ABI 1.3 or later");
        return ZC_ERR_PLUGIN;
    }
    temperature_state_t *st = malloc(sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = h;
    zc_measure_def_t def = {
        .struct_size = sizeof def,
        .kind = "temperature",
        .units = "temperature/units.txt",
        .finish = temperature_negate,
    };
    /* Logs which file is missing or malformed when it fails. */
    zc_status_t rc = h->measure_open(args->call, &def, &st->measure);
    if (rc != ZC_OK) {
        free(st);
        return rc;
    }
    *state = st;
    return ZC_OK;
}

static zc_status_t temperature_extract(void *state, const zc_doc_view_t *doc,
                                       zc_call_t *call)
{
    const temperature_state_t *st = state;
    return st->host->measure_extract(call, st->measure, doc);
}

static void temperature_fini(void *state) { free(state); }

static const char *const temperature_kinds[] = {"temperature", NULL};

static const zc_plugin_t descriptor = {
    .struct_size = sizeof(zc_plugin_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .name = "temperature",
    .version = "1.0.0",
    .description = "temperatures in degrees Celsius (35℃, 十二摄氏度, 零下5℃)",
    .kinds = temperature_kinds,
    .options = NULL,
    .init = temperature_init,
    .extract = temperature_extract,
    .fini = temperature_fini,
};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void) { return &descriptor; }

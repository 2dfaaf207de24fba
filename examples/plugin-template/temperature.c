/*
 * temperature.c - an example zhclaim plugin, built outside the zhclaim tree:
 * temperatures in degrees Celsius, reported under a kind of its own.
 *
 * Forms recognised (the text a plugin sees is normalised: full-width
 * digits arrive as ASCII, traditional script as simplified):
 *   35℃, 35°C       temperature 35 ℃
 *   三十五摄氏度      temperature 35 ℃
 *   约20℃, 20℃左右   temperature 20 ℃, approx "~"
 *
 * Build (either):
 *   cmake -S . -B build && cmake --build build
 *   cc -shared -fPIC $(pkg-config --cflags zhclaim) temperature.c -o temperature.so
 * Run:
 *   zhclaim extract --plugin-dir build report.txt
 *
 * Copy this folder, rename the plugin (descriptor name, kinds, file names)
 * and change extract(). docs/plugins.md walks through every line.
 */
#include <stdlib.h>
#include <string.h>

#include "zhclaim/plugin.h"

/* What init() builds and extract() reads. It must stay read-only after
 * init(): extract() may run on several documents at once. */
typedef struct temperature_state_t {
    const zc_host_t *host;
} temperature_state_t;

/* The unit words, as they read in normalised text. A real plugin reads
 * its words from a rules file (host->rules_read) so they can change
 * without a rebuild; the built-in duration plugin shows how. */
static const char *const units[] = {"℃", "°C", "摄氏度", NULL};

static zc_status_t temperature_init(const zc_plugin_init_t *args, void **state)
{
    /* The host table only grows at its end: everything this plugin calls
     * exists in every 1.x host. A plugin calling a later service checks
     * host->struct_size first. */
    if (args->host->abi_major != ZC_PLUGIN_ABI_MAJOR)
        return ZC_ERR_PLUGIN;
    temperature_state_t *st = malloc(sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = args->host;
    *state = st;
    return ZC_OK;
}

static void temperature_fini(void *state) { free(state); }

/* Length of the word w if text starts with it at pos, else 0. The text is
 * NUL-terminated, so strncmp never reads past its end. */
static size_t word_at(const char *text, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return strncmp(text + pos, w, n) == 0 ? n : 0;
}

static zc_status_t temperature_extract(void *state, const zc_doc_view_t *doc,
                                       zc_call_t *call)
{
    const temperature_state_t *st = state;
    /* The core found every number once, with its exact decimal value; the
     * plugin only decides which of them are its claims. */
    for (size_t i = 0; i < doc->n_numbers; i++) {
        const zc_number_t *n = &doc->numbers[i];
        size_t unit_len = 0;
        for (size_t u = 0; units[u] && !unit_len; u++)
            unit_len = word_at(doc->text, n->end_byte, units[u]);
        if (!unit_len)
            continue;
        zc_record_t r = {0};
        r.struct_size = sizeof r;
        r.kind = "temperature";
        r.start_byte = n->start_byte;            /* bytes in doc->text */
        r.end_byte = n->end_byte + unit_len;
        r.value = n->value;
        r.unit = "℃";
        r.approx = ZC_APPROX_EQ;
        /* 约 (3 bytes in UTF-8) just before, or 左右 just after: about. */
        if (n->start_byte >= 3 && word_at(doc->text, n->start_byte - 3, "约")) {
            r.start_byte -= 3;
            r.approx = ZC_APPROX_ABOUT;
        } else if (word_at(doc->text, r.end_byte, "左右")) {
            r.end_byte += strlen("左右");
            r.approx = ZC_APPROX_ABOUT;
        }
        /* The host copies the record before emit() returns. */
        zc_status_t rc = st->host->emit(call, &r);
        if (rc != ZC_OK)
            return rc;
    }
    return ZC_OK;
}

static const char *const temperature_kinds[] = {"temperature", NULL};

static const zc_plugin_t descriptor = {
    .struct_size = sizeof(zc_plugin_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .name = "temperature",
    .version = "1.0.0",
    .description = "temperatures in degrees Celsius (35℃, 三十五摄氏度)",
    .kinds = temperature_kinds,
    .options = NULL,
    .init = temperature_init,
    .extract = temperature_extract,
    .fini = temperature_fini,
};

/* The one symbol zhclaim looks for. */
ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void) { return &descriptor; }

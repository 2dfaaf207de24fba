/*
 * overlaps.c - settling claims of different kinds on the same text.
 *
 * Two plugins may both read one stretch of text: an `energy` plugin's
 * 1.2万吨标准煤 is also, to a `weight` plugin, the weight 1.2万吨. A plugin
 * says in init() which kinds its records supersede (zc_host_t.supersede,
 * ABI 1.2);
 * a claim of such a kind whose span overlaps a claim of the superseding
 * plugin is dropped. Nothing else is ever dropped here, so without a
 * supersedes list the claims are untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

static const zc_loaded_plugin_t *plugin_of(const zc_engine_t *e,
                                           const zc_claim_t *c)
{
    /* A claim's plugin is the loaded plugin's own name string. */
    for (size_t i = 0; i < e->n_plugins; i++)
        if (e->plugins[i].info.name == c->plugin)
            return &e->plugins[i];
    return NULL;
}

static int supersedes(const zc_loaded_plugin_t *lp, const char *kind)
{
    for (size_t i = 0; i < lp->n_supersedes; i++)
        if (strcmp(lp->supersedes[i], kind) == 0)
            return 1;
    return 0;
}

static int overlap(const zc_claim_t *a, const zc_claim_t *b)
{
    return a->start_byte < b->end_byte && b->start_byte < a->end_byte;
}

/* Whether another plugin's claim that supersedes c's kind overlaps c. */
static int superseded(const zc_engine_t *e, const zc_docrun_t *run,
                      const zc_claim_t *c)
{
    for (size_t j = 0; j < run->n_claims; j++) {
        const zc_claim_t *o = &run->claims[j];
        if (o == c || o->plugin == c->plugin || !overlap(o, c))
            continue;
        const zc_loaded_plugin_t *lp = plugin_of(e, o);
        if (lp && supersedes(lp, c->kind))
            return 1;
    }
    return 0;
}

void zc_settle_overlaps(const zc_engine_t *engine, zc_docrun_t *run)
{
    int any = 0;
    for (size_t i = 0; i < engine->n_plugins && !any; i++)
        any = engine->plugins[i].n_supersedes > 0;
    if (!any)
        return;
    /* Decide every claim against the full list first, then compact: a
     * claim that is dropped still supersedes others. */
    size_t n = run->n_claims;
    unsigned char *drop = calloc(n ? n : 1, 1);
    if (!drop)
        return; /* out of memory: keep everything rather than lose claims */
    for (size_t i = 0; i < n; i++)
        drop[i] = (unsigned char)superseded(engine, run, &run->claims[i]);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop[i])
            run->claims[kept++] = run->claims[i];
    run->n_claims = kept;
    free(drop);
}

/*
 * measure_kind.h - a plugin's zc_measure_def_t made into the measure
 * reader's zc_kind_ops_t: its word lists, its exclusions and its hooks.
 * The word cache (word_cache.h) owns every measure; plugins hold the
 * opaque zc_measure_t of plugin.h.
 */
#ifndef ZC_MEASURE_KIND_H
#define ZC_MEASURE_KIND_H

#include "word_cache.h"

/* Make a measure for def, its lists read through cache. On failure logs
 * why (through args) and returns the status. */
zc_status_t zc_measure_open(zc_word_cache_t *cache,
                            const zc_plugin_init_t *args,
                            const zc_measure_def_t *def, zc_measure_t **out);
void zc_measure_free(zc_measure_t *m);

/* Run the measure over doc, emitting its claims through call. */
zc_status_t zc_measure_run(const zc_measure_t *m, const zc_doc_view_t *doc,
                           zc_call_t *call);

/* The cache's list of the measures it owns. */
zc_measure_t *zc_measure_next(const zc_measure_t *m);
void zc_measure_set_next(zc_measure_t *m, zc_measure_t *next);

#endif

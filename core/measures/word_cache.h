/*
 * word_cache.h - the word lists, common rules and measure readers of one
 * engine. Plugins ask for them in init() (zc_host_t.words_load,
 * measure_open); each rules file is read once per engine however many
 * plugins load it, and the engine frees everything when it closes, after
 * every plugin's fini(). Written only during init(), which the engine runs
 * on one thread; read-only, and so safe to share, while documents run.
 */
#ifndef ZC_WORD_CACHE_H
#define ZC_WORD_CACHE_H

#include "lexicon.h"
#include "measure_run.h"
#include "zhclaim/plugin.h"

typedef struct zc_word_cache_t zc_word_cache_t;

zc_word_cache_t *zc_word_cache_new(void);
void zc_word_cache_free(zc_word_cache_t *cache);

/* The lexicon of rules file name, read through args on first request
 * (logging why when that fails). */
zc_status_t zc_word_cache_words(zc_word_cache_t *cache,
                                const zc_plugin_init_t *args,
                                const char *name, const zc_lexicon_t **out);

/* The rules every kind shares (rules/common/), loaded on first request. */
zc_status_t zc_word_cache_common(zc_word_cache_t *cache,
                                 const zc_plugin_init_t *args,
                                 const zc_common_t **out);

/* Make a measure reader for def; the cache owns it. */
zc_status_t zc_word_cache_measure(zc_word_cache_t *cache,
                                  const zc_plugin_init_t *args,
                                  const zc_measure_def_t *def,
                                  const zc_measure_t **out);

#endif

/* word_cache.c - one engine's word lists and measure readers (see
 * word_cache.h). */
#include "word_cache.h"

#include <stdlib.h>
#include <string.h>

#include "measure_kind.h"

typedef struct cached_words_t {
    char *name;
    zc_lexicon_t lex;
    struct cached_words_t *next;
} cached_words_t;

struct zc_word_cache_t {
    cached_words_t *words;
    zc_common_t common;
    int common_loaded;
    zc_measure_t *measures; /* linked through zc_measure_next() */
};

zc_word_cache_t *zc_word_cache_new(void)
{
    return calloc(1, sizeof(zc_word_cache_t));
}

void zc_word_cache_free(zc_word_cache_t *cache)
{
    if (!cache)
        return;
    while (cache->measures) {
        zc_measure_t *next = zc_measure_next(cache->measures);
        zc_measure_free(cache->measures);
        cache->measures = next;
    }
    while (cache->words) {
        cached_words_t *next = cache->words->next;
        zc_lexicon_free(&cache->words->lex);
        free(cache->words->name);
        free(cache->words);
        cache->words = next;
    }
    if (cache->common_loaded)
        zc_common_free(&cache->common);
    free(cache);
}

zc_status_t zc_word_cache_common(zc_word_cache_t *cache,
                                 const zc_plugin_init_t *args,
                                 const zc_common_t **out)
{
    if (!cache->common_loaded) {
        zc_status_t st = zc_common_load(&cache->common, args);
        if (st != ZC_OK)
            return st;
        cache->common_loaded = 1;
    }
    *out = &cache->common;
    return ZC_OK;
}

zc_status_t zc_word_cache_words(zc_word_cache_t *cache,
                                const zc_plugin_init_t *args,
                                const char *name, const zc_lexicon_t **out)
{
    /* A common list is the one the measure readers use, not a second copy. */
    if (zc_common_has(name)) {
        const zc_common_t *common;
        zc_status_t st = zc_word_cache_common(cache, args, &common);
        if (st == ZC_OK)
            *out = zc_common_find(common, name);
        return st;
    }
    for (cached_words_t *w = cache->words; w; w = w->next)
        if (strcmp(w->name, name) == 0) {
            *out = &w->lex;
            return ZC_OK;
        }
    cached_words_t *w = calloc(1, sizeof *w);
    if (!w || !(w->name = strdup(name))) {
        free(w);
        return ZC_ERR_NOMEM;
    }
    zc_status_t st = zc_lexicon_load(&w->lex, args, name);
    if (st != ZC_OK) {
        free(w->name);
        free(w);
        return st;
    }
    w->next = cache->words;
    cache->words = w;
    *out = &w->lex;
    return ZC_OK;
}

zc_status_t zc_word_cache_measure(zc_word_cache_t *cache,
                                  const zc_plugin_init_t *args,
                                  const zc_measure_def_t *def,
                                  const zc_measure_t **out)
{
    zc_measure_t *m = NULL;
    zc_status_t st = zc_measure_open(cache, args, def, &m);
    if (st != ZC_OK)
        return st;
    zc_measure_set_next(m, cache->measures);
    cache->measures = m;
    *out = m;
    return ZC_OK;
}

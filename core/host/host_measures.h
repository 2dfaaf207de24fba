/*
 * host_measures.h - the word list and measure services of zc_host_t
 * (ABI 1.3), over the engine's word cache (measures/word_cache.h).
 */
#ifndef ZC_CORE_HOST_MEASURES_H
#define ZC_CORE_HOST_MEASURES_H

#include "zhclaim/plugin.h"

zc_status_t zc_host_words_load(zc_call_t *call, const char *name,
                               const zc_words_t **out);
const zc_word_t *zc_host_words_forward(const zc_words_t *words,
                                       const char *text, size_t pos,
                                       size_t hi);
const zc_word_t *zc_host_words_backward(const zc_words_t *words,
                                        const char *text, size_t lo,
                                        size_t pos);
size_t zc_host_word_start(const char *text, size_t lo, size_t pos, size_t hi);
zc_status_t zc_host_measure_open(zc_call_t *call, const zc_measure_def_t *def,
                                 const zc_measure_t **out);
zc_status_t zc_host_measure_extract(zc_call_t *call,
                                    const zc_measure_t *measure,
                                    const zc_doc_view_t *doc);

#endif

/*
 * host_measures.c - word lists and the measure reader as host services
 * (see plugin.h, ABI 1.3). Lists and readers are made in init() only,
 * when the engine runs one plugin at a time, and are read-only after.
 */
#include "host_measures.h"

#include "engine_internal.h"
#include "host.h"
#include "measure_kind.h"
#include "word_breaks.h"

/* The init() call's arguments, as the loaders take them. NULL outside
 * init(): lists and readers are shared, and documents may be running. */
static int init_args(zc_call_t *call, const char *what, zc_plugin_init_t *args)
{
    if (!call || !call->plugin || !call->engine)
        return 0;
    if (call->run) {
        zc_host_table()->log(call, ZC_LOG_ERROR, "%s is for init() only", what);
        return 0;
    }
    *args = (zc_plugin_init_t){sizeof *args, zc_host_table(), call->plugin->file, call};
    return 1;
}

zc_status_t zc_host_words_load(zc_call_t *call, const char *name,
                               const zc_words_t **out)
{
    zc_plugin_init_t args;
    if (!out || !name || !init_args(call, "words_load", &args))
        return ZC_ERR_INVALID;
    return zc_word_cache_words(call->engine->words, &args, name, out);
}

const zc_word_t *zc_host_words_forward(const zc_words_t *words,
                                       const char *text, size_t pos,
                                       size_t hi)
{
    return words && text ? zc_lex_forward(words, text, pos, hi) : NULL;
}

const zc_word_t *zc_host_words_backward(const zc_words_t *words,
                                        const char *text, size_t lo,
                                        size_t pos)
{
    return words && text ? zc_lex_backward(words, text, lo, pos) : NULL;
}

size_t zc_host_word_start(const char *text, size_t lo, size_t pos, size_t hi)
{
    if (!text || lo > pos || pos > hi)
        return pos;
    return zc_word_start(text, lo, pos, hi);
}

zc_status_t zc_host_measure_open(zc_call_t *call, const zc_measure_def_t *def,
                                 const zc_measure_t **out)
{
    zc_plugin_init_t args;
    if (!out || !init_args(call, "measure_open", &args))
        return ZC_ERR_INVALID;
    return zc_word_cache_measure(call->engine->words, &args, def, out);
}

zc_status_t zc_host_measure_extract(zc_call_t *call,
                                    const zc_measure_t *measure,
                                    const zc_doc_view_t *doc)
{
    if (!call || !measure || !doc)
        return ZC_ERR_INVALID;
    return zc_measure_run(measure, doc, call);
}

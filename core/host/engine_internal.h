/*
 * engine_internal.h - the types the engine, the plugin loader and the host
 * services share (their functions are in engine_messages.h,
 * rules_files.h, plugin_loader.h and host.h). Not installed; plugins never
 * see these types.
 */
#ifndef ZC_CORE_ENGINE_INTERNAL_H
#define ZC_CORE_ENGINE_INTERNAL_H

#include <pthread.h>
#include <string.h>

#include "arena.h"
#include "normalize.h"
#include "normtext.h"
#include "regex.h"
#include "zhclaim/zhclaim.h"

/* A plugin that loaded and initialised. The engine owns the handle, the
 * file name and the state, and releases them in zc_plugins_unload(). */
typedef struct zc_loaded_plugin_t {
    void *handle;
    const zc_plugin_t *desc;
    void *state;
    char *file;
    zc_plugin_info_t info;
    const char **option_values; /* owned array, parallel to desc->options;
                                   the strings are the engine's or the
                                   plugin's defaults */
    char **supersedes;          /* owned kinds from host->supersede() */
    size_t n_supersedes;
} zc_loaded_plugin_t;

struct zc_engine_t {
    char **rules_dirs;          /* owned, searched in order */
    size_t n_rules_dirs;
    zc_loaded_plugin_t *plugins;
    size_t n_plugins;
    zc_noise_set_t *noise;      /* from noise.txt; NULL: the built-in set */
    int with_sentence;
    zc_message_fn on_message;
    void *message_user;
    zc_log_level_t log_level;
    char **plugin_opts;         /* owned copies of "NAME.KEY=VALUE" */
    size_t n_plugin_opts;
    struct zc_word_cache_t *words; /* owned: the word lists and measure
                                      readers plugins made in init()
                                      (measures/word_cache.h) */
};

/* One document on its way through the pipeline. */
typedef struct zc_docrun_t {
    const char *doc;
    const unsigned char *bytes;
    size_t n_bytes;
    const char *encoding;
    zc_normtext_t norm;
    zc_doc_view_t view;
    zc_arena_t *arena;     /* the result's arena: claims' strings live here */
    zc_claim_t *claims;    /* grown with realloc; handed to the result */
    size_t n_claims;
    size_t cap_claims;
    zc_status_t emit_error; /* first failure inside emit(), if any */
    zc_matcher_t *matcher;  /* PCRE2 match data every plugin call on this
                               document shares; made on first use, freed
                               when the document is done */
    const char **contexts;  /* --context: each short sentence's copy, made
                               once and shared by its claims (context.h) */
} zc_docrun_t;

/* The host's side of one plugin call (see plugin.h). */
struct zc_call_t {
    const zc_engine_t *engine;
    const zc_loaded_plugin_t *plugin;
    zc_docrun_t *run;       /* NULL during init */
    zc_matcher_t *matcher;  /* init calls only (run NULL): made on first
                               use, freed by zc_call_done */
    unsigned refused;       /* ZC_REFUSED_* reasons already reported for
                               this plugin on this document */
    const char *kind_copy;  /* the arena copy of the kind last emitted: the
                               claims of one kind share one string, which a
                               caller counting kinds can count by pointer */
};

/* Why a record was refused; each reason is logged once per plugin and
 * document. */
enum {
    ZC_REFUSED_SHAPE = 1u << 0,  /* struct_size, kind or unit missing */
    ZC_REFUSED_SPAN = 1u << 1,   /* empty, or past the end of the text */
    ZC_REFUSED_KIND = 1u << 2,   /* a kind the descriptor does not declare */
    ZC_REFUSED_APPROX = 1u << 3  /* not a zc_approx_t */
};

/* Drop the claims that a superseding plugin's claims overlap
 * (zc_plugin_t.supersedes); keeps the others in order. */
void zc_settle_overlaps(const zc_engine_t *engine, zc_docrun_t *run);


/* Walk a comma-separated list of names: the item at *p (possibly empty)
 * into *item and *len, and *p moved past it and its comma. Returns 0 when
 * the list is used up. */
static inline int zc_list_next(const char **p, const char **item, size_t *len)
{
    if (!*p || !**p)
        return 0;
    const char *comma = strchr(*p, ',');
    *item = *p;
    *len = comma ? (size_t)(comma - *p) : strlen(*p);
    *p += *len + (comma ? 1 : 0);
    return 1;
}

/* Whether name (len bytes) is an item of the comma-separated list. */
static inline int zc_name_in_list(const char *list, const char *name,
                                  size_t len)
{
    const char *item;
    size_t n;
    while (zc_list_next(&list, &item, &n))
        if (n == len && strncmp(item, name, n) == 0)
            return 1;
    return 0;
}

#endif

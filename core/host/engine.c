/*
 * engine.c - a document's way through zhclaim:
 *
 *   bytes -> detect encoding -> decode (code points + original byte ranges)
 *         -> normalise (normalize.h) -> UTF-8 with a byte map (normtext.h)
 *         -> sentences -> numbers -> each plugin's extract() -> claims
 *
 * Claims come out sorted by their span in the original file, with their
 * `text` decoded from the original bytes, so every span can be checked
 * against the file it names.
 */
/* dladdr() is a GNU extension: it tells where this library was loaded from. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine_internal.h"
#include "engine_messages.h"
#include "plugin_loader.h"
#include "rules_files.h"
#include "word_cache.h"
#include "error.h"

void zc_engine_config_init(zc_engine_config_t *config, size_t size)
{
    zc_engine_config_t c;
    memset(&c, 0, sizeof c);
    c.log_level = ZC_LOG_WARN;
    if (size > sizeof c) {
        /* A caller newer than this library: zero the fields it knows and
         * this library does not; struct_size tells the engine to skip them. */
        memset((char *)config + sizeof c, 0, size - sizeof c);
        size = sizeof c;
    }
    c.struct_size = size;
    memcpy(config, &c, size);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where this library lives: the build tree keeps plugins beside it
 * (build/plugins), an installed copy in <libdir>/zhclaim/plugins. The path
 * is resolved (bin/../lib becomes lib) so messages and `zhclaim plugins`
 * name files plainly. */
static int library_dir(char *buf, size_t cap)
{
    Dl_info info;
    if (!dladdr((void *)zc_engine_config_init, &info) || !info.dli_fname)
        return 0;
    /* Linked into the program itself (the installed command), the file is
     * named as argv[0] was: a bare "zhclaim" found on PATH is no path from
     * here, and the kernel's link names the program whatever the cwd. */
    const char *file = strchr(info.dli_fname, '/') ? info.dli_fname : "/proc/self/exe";
    char *real = realpath(file, NULL);
    if (!real)
        return 0;
    const char *slash = strrchr(real, '/');
    size_t n = slash ? (size_t)(slash - real) : 0;
    int ok = slash && n + 1 <= cap;
    if (ok) {
        memcpy(buf, real, n);
        buf[n] = '\0';
    }
    free(real);
    return ok;
}

/* Append the directories of a colon-separated list to list. */
static zc_status_t push_dir(char ***list, size_t *n, const char *dir, size_t len)
{
    if (len == 0)
        return ZC_OK;
    char **grown = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown)
        return ZC_ERR_NOMEM;
    *list = grown;
    grown[*n] = malloc(len + 1);
    if (!grown[*n])
        return ZC_ERR_NOMEM;
    memcpy(grown[*n], dir, len);
    grown[*n][len] = '\0';
    (*n)++;
    return ZC_OK;
}

static zc_status_t push_path_list(char ***list, size_t *n, const char *paths)
{
    if (!paths)
        return ZC_OK;
    while (*paths) {
        const char *colon = strchr(paths, ':');
        size_t len = colon ? (size_t)(colon - paths) : strlen(paths);
        if (push_dir(list, n, paths, len) != ZC_OK)
            return ZC_ERR_NOMEM;
        paths += len + (colon ? 1 : 0);
    }
    return ZC_OK;
}

static void free_dirs(char **dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
    free(dirs);
}

/* The search list: the environment first, then the caller's, then the
 * built-in default (the build tree when running from it, else the install
 * prefix; NULL for none). */
static zc_status_t collect_dirs(const char *env, const char *const *given,
                                size_t n_given, const char *def, char ***out,
                                size_t *n_out)
{
    char **dirs = NULL;
    size_t n = 0;
    zc_status_t st = env ? push_path_list(&dirs, &n, getenv(env)) : ZC_OK;
    for (size_t i = 0; st == ZC_OK && i < n_given; i++)
        st = push_dir(&dirs, &n, given[i], strlen(given[i]));
    if (st == ZC_OK && def)
        st = push_dir(&dirs, &n, def, strlen(def));
    if (st != ZC_OK) {
        free_dirs(dirs, n);
        return st;
    }
    *out = dirs;
    *n_out = n;
    return ZC_OK;
}

/* The noise set of the first noise.txt in the rules folders. Without one
 * (or when it does not parse) e->noise stays NULL, which has
 * zc_normalize_text() use the built-in set it keeps for the process. */
static void load_noise_set(zc_engine_t *e)
{
    char *data = NULL;
    size_t len = 0;
    char why[512];
    zc_error_t err;
    if (zc_engine_rules_read(e, "noise.txt", &data, &len, why, sizeof why) == ZC_OK) {
        if (zc_noise_set_parse(data, &e->noise, &err) != ZC_OK)
            zc_engine_message(e, ZC_LOG_WARN, "rules noise.txt: %s", err.message);
        free(data);
    }
}

/* Warn about each name in only (comma-separated) that no loaded plugin has:
 * a typo in --plugins would otherwise just extract nothing. */
static void warn_missing_plugins(const zc_engine_t *e, const char *only)
{
    const char *name;
    size_t n;
    while (zc_list_next(&only, &name, &n)) {
        int found = n == 0;
        for (size_t i = 0; i < e->n_plugins && !found; i++)
            found = strlen(e->plugins[i].info.name) == n
                    && strncmp(e->plugins[i].info.name, name, n) == 0;
        if (!found)
            zc_engine_message(e, ZC_LOG_WARN,
                              "plugin %.*s was selected but none of that name loaded"
                              " (see `zhclaim plugins`)", (int)n, name);
    }
}

/* Copy the config's plugin options, each checked to be NAME.KEY=VALUE. */
static zc_status_t copy_plugin_options(zc_engine_t *e, const zc_engine_config_t *cfg,
                                       zc_error_t *err)
{
    if (cfg->struct_size < offsetof(zc_engine_config_t, n_plugin_options)
                               + sizeof cfg->n_plugin_options
        || cfg->n_plugin_options == 0)
        return ZC_OK;
    e->plugin_opts = calloc(cfg->n_plugin_options, sizeof *e->plugin_opts);
    if (!e->plugin_opts)
        return zc_error_set(err, ZC_ERR_NOMEM, "out of memory opening the engine");
    for (size_t i = 0; i < cfg->n_plugin_options; i++) {
        const char *o = cfg->plugin_options[i];
        const char *dot = o ? strchr(o, '.') : NULL;
        const char *eq = dot ? strchr(dot, '=') : NULL;
        if (!o || !dot || dot == o || !eq || eq == dot + 1)
            return zc_error_set(err, ZC_ERR_INVALID,
                                "plugin option '%s': expected NAME.KEY=VALUE", o ? o : "(null)");
        if (!(e->plugin_opts[i] = strdup(o)))
            return zc_error_set(err, ZC_ERR_NOMEM, "out of memory opening the engine");
        e->n_plugin_opts = i + 1;
    }
    return ZC_OK;
}

zc_status_t zc_engine_open(const zc_engine_config_t *cfg, zc_engine_t **out,
                           zc_error_t *err)
{
    zc_engine_config_t def = zc_engine_config_default();
    if (!cfg)
        cfg = &def;
    if (cfg->struct_size < offsetof(zc_engine_config_t, no_default_dirs) + sizeof cfg->no_default_dirs)
        return zc_error_set(err, ZC_ERR_INVALID, "engine config too short");
    zc_engine_t *e = calloc(1, sizeof *e);
    if (!e)
        return zc_error_set(err, ZC_ERR_NOMEM, "out of memory opening the engine");
    e->on_message = cfg->on_message ? cfg->on_message : zc_default_message;
    e->message_user = cfg->message_user;
    e->log_level = cfg->log_level;
    e->with_sentence = cfg->with_sentence;
    if (!(e->words = zc_word_cache_new())) {
        zc_engine_close(e);
        return zc_error_set(err, ZC_ERR_NOMEM, "out of memory opening the engine");
    }
    zc_status_t opt_st = copy_plugin_options(e, cfg, err);
    if (opt_st != ZC_OK) {
        zc_engine_close(e);
        return opt_st;
    }

    /* The built-in folders. From the build tree (plugins beside the
     * library), the build's plugins and the source's rules. Installed, the
     * folders are found relative to the library itself, so a prefix that
     * was moved or installed with `cmake --install --prefix` still finds
     * them; the configured absolute folders are the last resort (a library
     * linked statically into a program elsewhere). */
    char libdir[4096], local_plugins[4200], local_rules[4200];
    const char *plugin_default = ZC_PLUGIN_INSTALL_DIR;
    const char *rules_default = ZC_RULES_INSTALL_DIR;
    if (library_dir(libdir, sizeof libdir)) {
        snprintf(local_plugins, sizeof local_plugins, "%s/plugins", libdir);
        if (is_dir(local_plugins)) {
            plugin_default = local_plugins;
            rules_default = ZC_SOURCE_RULES_DIR;
        } else {
            snprintf(local_plugins, sizeof local_plugins, "%s/%s", libdir,
                     ZC_PLUGIN_REL_DIR);
            snprintf(local_rules, sizeof local_rules, "%s/%s", libdir,
                     ZC_RULES_REL_DIR);
            /* The installed command links the library statically: the
             * code then lives in bin/, and the folders hang off bin/../lib. */
            if (!is_dir(local_plugins)) {
                size_t need = strlen(libdir) + sizeof ZC_BIN_TO_LIB_DIR + 1;
                char *up = malloc(need);
                /* Named plainly (lib, not bin/../lib) like the rest. */
                char *real = NULL;
                if (up) {
                    snprintf(up, need, "%s/%s", libdir, ZC_BIN_TO_LIB_DIR);
                    real = realpath(up, NULL);
                    free(up);
                }
                if (real) {
                    snprintf(local_plugins, sizeof local_plugins, "%s/%s", real,
                             ZC_PLUGIN_REL_DIR);
                    snprintf(local_rules, sizeof local_rules, "%s/%s", real,
                             ZC_RULES_REL_DIR);
                    free(real);
                }
            }
            if (is_dir(local_plugins))
                plugin_default = local_plugins;
            if (is_dir(local_rules))
                rules_default = local_rules;
        }
    }
    char **plugin_dirs = NULL;
    size_t n_plugin_dirs = 0;
    int defaults = !cfg->no_default_dirs;
    zc_status_t st = collect_dirs(defaults ? "ZHCLAIM_RULES_PATH" : NULL,
                                  cfg->rules_dirs, cfg->n_rules_dirs,
                                  defaults ? rules_default : NULL,
                                  &e->rules_dirs, &e->n_rules_dirs);
    if (st == ZC_OK)
        st = collect_dirs(defaults ? "ZHCLAIM_PLUGIN_PATH" : NULL,
                          cfg->plugin_dirs, cfg->n_plugin_dirs,
                          defaults ? plugin_default : NULL, &plugin_dirs,
                          &n_plugin_dirs);
    if (st != ZC_OK) {
        zc_engine_close(e);
        return zc_error_set(err, st, "out of memory opening the engine");
    }
    for (size_t i = 0; i < cfg->n_plugin_dirs; i++)
        if (!is_dir(cfg->plugin_dirs[i]))
            zc_engine_message(e, ZC_LOG_WARN, "plugin directory %s: not a directory",
                              cfg->plugin_dirs[i]);
    load_noise_set(e);
    /* no_plugins exists only in configs at least that long. */
    int no_plugins = cfg->struct_size >= offsetof(zc_engine_config_t, no_plugins)
                                             + sizeof cfg->no_plugins
                     && cfg->no_plugins;
    if (!no_plugins) {
        zc_plugins_load(e, (const char *const *)plugin_dirs, n_plugin_dirs,
                        cfg->only_plugins);
        warn_missing_plugins(e, cfg->only_plugins);
        zc_plugins_check_options(e);
    }
    free_dirs(plugin_dirs, n_plugin_dirs);
    *out = e;
    return ZC_OK;
}

void zc_engine_close(zc_engine_t *engine)
{
    if (!engine)
        return;
    zc_plugins_unload(engine);
    /* After every fini(): a plugin's state may point into the cache. */
    zc_word_cache_free(engine->words);
    zc_noise_set_free(engine->noise);
    free_dirs(engine->rules_dirs, engine->n_rules_dirs);
    free_dirs(engine->plugin_opts, engine->n_plugin_opts);
    free(engine);
}

size_t zc_engine_plugin_count(const zc_engine_t *engine)
{
    return engine->n_plugins;
}

const zc_plugin_info_t *zc_engine_plugin(const zc_engine_t *engine, size_t i)
{
    return i < engine->n_plugins ? &engine->plugins[i].info : NULL;
}

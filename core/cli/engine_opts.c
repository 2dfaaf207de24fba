/* engine_opts.c - opening an engine from command-line options. */
#include <stdio.h>

#include "cli.h"

int zc_cli_add_dir(const char **dirs, size_t *n, const char *dir)
{
    if (*n >= ZC_CLI_MAX_DIRS) {
        fprintf(stderr, "zhclaim: at most %d directories of a kind\n", ZC_CLI_MAX_DIRS);
        return -1;
    }
    dirs[(*n)++] = dir;
    return 0;
}

zc_engine_t *zc_cli_open_engine(const zc_engine_opts_t *o, int with_sentence)
{
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = o->plugin_dirs;
    cfg.n_plugin_dirs = o->n_plugin_dirs;
    cfg.rules_dirs = o->rules_dirs;
    cfg.n_rules_dirs = o->n_rules_dirs;
    cfg.only_plugins = o->plugins;
    cfg.no_plugins = o->no_plugins;
    cfg.with_sentence = with_sentence;
    cfg.log_level = o->verbose ? ZC_LOG_DEBUG : ZC_LOG_WARN;
    zc_engine_t *engine = NULL;
    zc_error_t err;
    if (zc_engine_open(&cfg, &engine, &err) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        return NULL;
    }
    return engine;
}

/*
 * fuzz_common.c - engine set-up and result checks for the fuzz targets.
 */
#include "fuzz_common.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void quiet(void *user, zc_log_level_t level, const char *message)
{
    (void)user;
    (void)level;
    (void)message;
}

/* libFuzzer keeps pointers to each module's coverage counters: a plugin
 * unloaded when an engine closes would leave them dangling. One reference
 * of our own, never dropped, keeps every plugin mapped. */
static void pin_plugins(void)
{
    static int done;
    DIR *d;

    if (done)
        return;
    done = 1;
    d = opendir(ZC_FUZZ_PLUGIN_DIR);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        char path[4096];
        size_t n = strlen(e->d_name);

        if (n < 4 || strcmp(e->d_name + n - 3, ".so") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", ZC_FUZZ_PLUGIN_DIR, e->d_name);
        (void)dlopen(path, RTLD_NOW | RTLD_LOCAL);
    }
    closedir(d);
}

zc_engine_t *zc_fuzz_engine(const char *only, const char *const *rules_dirs,
                            size_t n_rules_dirs)
{
    static const char *const plugin_dirs[] = {ZC_FUZZ_PLUGIN_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    zc_engine_t *engine = NULL;
    zc_error_t err;

    pin_plugins();
    cfg.plugin_dirs = plugin_dirs;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules_dirs;
    cfg.n_rules_dirs = n_rules_dirs;
    cfg.no_default_dirs = 1;
    cfg.only_plugins = only;
    cfg.with_sentence = 1;
    cfg.on_message = quiet;
    if (zc_engine_open(&cfg, &engine, &err) != ZC_OK)
        return NULL;
    return engine;
}

void zc_fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
}

char *zc_fuzz_temp_dir(const char *tag)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(4096);

    if (!dir)
        abort();
    snprintf(dir, 4096, "%s/zc-fuzz-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);
    if (!mkdtemp(dir))
        abort();
    return dir;
}

void zc_fuzz_check_result(const zc_result_t *r, size_t n_bytes)
{
    size_t prev = 0;

    if (r->n_bytes != n_bytes || (r->n_claims && r->claim_size < sizeof(zc_claim_t)))
        abort();
    for (size_t i = 0; i < r->n_claims; i++) {
        const zc_claim_t *c = zc_result_claim(r, i);

        if (c->start_byte >= c->end_byte || c->end_byte > n_bytes ||
            c->start_byte < prev || !c->text || !c->kind || !c->unit)
            abort();
        prev = c->start_byte;
    }
}

/*
 * plugin_loader.c - finding, checking and initialising plugins.
 *
 * Every *.so in a plugin directory is dlopen()ed with RTLD_NOW|RTLD_LOCAL
 * (unresolved symbols fail here, not in the middle of a batch; plugins do
 * not see each other's symbols). Its one entry symbol must return a
 * descriptor at least as large as the fields the host reads, with the
 * host's ABI major. A plugin refused for any reason is reported with its
 * file and the reason, unloaded, and the others load on.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dir_list.h"
#include "engine_messages.h"
#include "host.h"
#include "plugin_loader.h"
#include "error.h"

/* The descriptor fields the host reads, up to and including fini. */
#define ZC_DESCRIPTOR_MIN_SIZE (offsetof(zc_plugin_t, fini) + sizeof(void (*)(void *)))

static int has_so_suffix(const char *dir, const char *name, void *user)
{
    (void)dir;
    (void)user;
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".so") == 0;
}

static int name_selected(const char *only, const char *name)
{
    return !only || !*only || zc_name_in_list(only, name, strlen(name));
}

static int already_loaded(const zc_engine_t *e, const char *name)
{
    for (size_t i = 0; i < e->n_plugins; i++)
        if (strcmp(e->plugins[i].info.name, name) == 0)
            return 1;
    return 0;
}

/* Check a descriptor; on refusal write the reason to why. */
static int descriptor_ok(const zc_plugin_t *p, char *why, size_t why_len)
{
    if (!p) {
        snprintf(why, why_len, "%s returned NULL", ZC_PLUGIN_ENTRY_SYMBOL);
        return 0;
    }
    if (p->struct_size < ZC_DESCRIPTOR_MIN_SIZE) {
        snprintf(why, why_len, "descriptor too short (%zu bytes, need %zu)",
                 p->struct_size, (size_t)ZC_DESCRIPTOR_MIN_SIZE);
        return 0;
    }
    if (p->abi_major != ZC_PLUGIN_ABI_MAJOR) {
        snprintf(why, why_len, "ABI mismatch: plugin has %u.%u, host needs %u.x",
                 (unsigned)p->abi_major, (unsigned)p->abi_minor,
                 (unsigned)ZC_PLUGIN_ABI_MAJOR);
        return 0;
    }
    if (!p->name || !p->name[0] || !p->extract || !p->kinds) {
        snprintf(why, why_len, "descriptor lacks a name, kinds or extract()");
        return 0;
    }
    return 1;
}

/* Split "NAME.KEY=VALUE" (checked by zc_engine_open) into its parts. */
static void option_parts(const char *opt, size_t *name_len, const char **key,
                         size_t *key_len, const char **value)
{
    const char *dot = strchr(opt, '.');
    const char *eq = strchr(dot, '=');
    *name_len = (size_t)(dot - opt);
    *key = dot + 1;
    *key_len = (size_t)(eq - *key);
    *value = eq + 1;
}

/* The value the user gave for plugin's key (the last one given wins), or
 * NULL. */
static const char *option_given(const zc_engine_t *e, const char *plugin,
                                const char *key)
{
    const char *found = NULL;
    for (size_t i = 0; i < e->n_plugin_opts; i++) {
        size_t nl, kl;
        const char *k, *v;
        option_parts(e->plugin_opts[i], &nl, &k, &kl, &v);
        if (nl == strlen(plugin) && strncmp(e->plugin_opts[i], plugin, nl) == 0
            && kl == strlen(key) && strncmp(k, key, kl) == 0)
            found = v;
    }
    return found;
}

/* The value in effect of each declared option, before init() reads them. */
static zc_status_t resolve_options(const zc_engine_t *e, zc_loaded_plugin_t *lp)
{
    const zc_plugin_option_t *opt = lp->desc->options;
    size_t n = 0;
    while (opt && opt[n].name)
        n++;
    if (n == 0)
        return ZC_OK;
    lp->option_values = calloc(n + 1, sizeof *lp->option_values);
    if (!lp->option_values)
        return ZC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *v = option_given(e, lp->desc->name, opt[i].name);
        lp->option_values[i] = v ? v : opt[i].default_value;
    }
    return ZC_OK;
}

void zc_plugins_check_options(const zc_engine_t *e)
{
    for (size_t i = 0; i < e->n_plugin_opts; i++) {
        size_t nl, kl;
        const char *k, *v;
        option_parts(e->plugin_opts[i], &nl, &k, &kl, &v);
        const zc_loaded_plugin_t *lp = NULL;
        for (size_t p = 0; p < e->n_plugins && !lp; p++)
            if (strlen(e->plugins[p].info.name) == nl
                && strncmp(e->plugins[p].info.name, e->plugin_opts[i], nl) == 0)
                lp = &e->plugins[p];
        if (!lp) {
            zc_engine_message(e, ZC_LOG_WARN,
                              "plugin option %s: no plugin named %.*s loaded"
                              " (see `zhclaim plugins`)", e->plugin_opts[i], (int)nl,
                              e->plugin_opts[i]);
            continue;
        }
        int declared = 0;
        const zc_plugin_option_t *opt = lp->desc->options;
        for (size_t o = 0; opt && opt[o].name && !declared; o++)
            declared = strlen(opt[o].name) == kl && strncmp(opt[o].name, k, kl) == 0;
        if (!declared)
            zc_engine_message(e, ZC_LOG_WARN,
                              "plugin option %s: plugin %s has no option %.*s"
                              " (see `zhclaim plugins`)", e->plugin_opts[i],
                              lp->info.name, (int)kl, k);
    }
}

static void free_supersedes(zc_loaded_plugin_t *lp)
{
    for (size_t i = 0; i < lp->n_supersedes; i++)
        free(lp->supersedes[i]);
    free(lp->supersedes);
}

static zc_status_t init_plugin(zc_engine_t *e, zc_loaded_plugin_t *lp)
{
    if (!lp->desc->init)
        return ZC_OK;
    zc_call_t call;
    zc_call_begin(&call, e, lp, NULL);
    zc_plugin_init_t args = {
        .struct_size = sizeof args,
        .host = zc_host_table(),
        .plugin_file = lp->file,
        .call = &call,
    };
    zc_status_t st = lp->desc->init(&args, &lp->state);
    zc_call_done(&call);
    return st;
}

/* Load one file; returns 1 if it joined the engine. */
static int load_one(zc_engine_t *e, const char *file, const char *only)
{
    /* dlopen() of a FIFO named *.so blocks forever, and of a folder or a
     * device is meaningless: only regular files (or links to them). */
    struct stat sb;
    if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        zc_engine_message(e, ZC_LOG_WARN, "plugin %s refused: not a regular file", file);
        return 0;
    }
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        zc_engine_message(e, ZC_LOG_WARN, "plugin %s refused: %s", file, dlerror());
        return 0;
    }
    char why[256];
    zc_plugin_entry_fn entry;
    /* POSIX's sanctioned way to turn dlsym's void * into a function. */
    *(void **)&entry = dlsym(h, ZC_PLUGIN_ENTRY_SYMBOL);
    if (!entry) {
        zc_engine_message(e, ZC_LOG_WARN, "plugin %s refused: no symbol %s",
                          file, ZC_PLUGIN_ENTRY_SYMBOL);
        dlclose(h);
        return 0;
    }
    const zc_plugin_t *desc = entry();
    if (!descriptor_ok(desc, why, sizeof why)) {
        zc_engine_message(e, ZC_LOG_WARN, "plugin %s refused: %s", file, why);
        dlclose(h);
        return 0;
    }
    if (!name_selected(only, desc->name) || already_loaded(e, desc->name)) {
        if (already_loaded(e, desc->name))
            zc_engine_message(e, ZC_LOG_INFO,
                              "plugin %s skipped: a plugin named %s is already loaded",
                              file, desc->name);
        dlclose(h);
        return 0;
    }
    zc_loaded_plugin_t *grown =
        realloc(e->plugins, (e->n_plugins + 1) * sizeof *e->plugins);
    char *file_copy = strdup(file);
    if (!grown || !file_copy) {
        if (grown)
            e->plugins = grown;
        free(file_copy);
        dlclose(h);
        return 0;
    }
    e->plugins = grown;
    zc_loaded_plugin_t *lp = &e->plugins[e->n_plugins];
    memset(lp, 0, sizeof *lp);
    lp->handle = h;
    lp->desc = desc;
    lp->file = file_copy;
    lp->info = (zc_plugin_info_t){
        .name = desc->name,
        .version = desc->version ? desc->version : "",
        .description = desc->description ? desc->description : "",
        .kinds = desc->kinds,
        .file = file_copy,
        .abi_major = desc->abi_major,
        .abi_minor = desc->abi_minor,
        .options = desc->options,
    };
    zc_status_t st = resolve_options(e, lp);
    lp->info.option_values = lp->option_values;
    if (st == ZC_OK)
        st = init_plugin(e, lp);
    if (st != ZC_OK) {
        zc_engine_message(e, ZC_LOG_WARN, "plugin %s refused: init failed (%s)",
                          file, zc_status_name(st));
        free(lp->option_values);
        free_supersedes(lp);
        free(file_copy);
        dlclose(h);
        return 0;
    }
    e->n_plugins++;
    return 1;
}

void zc_plugins_load(zc_engine_t *engine, const char *const *dirs,
                     size_t n_dirs, const char *only)
{
    for (size_t d = 0; d < n_dirs; d++) {
        /* The *.so files, sorted so loading order never depends on the
         * file system. A folder that is missing, or cannot be listed, adds
         * none. */
        size_t n = 0;
        char **files = NULL;
        if (zc_dir_list(dirs[d], has_so_suffix, NULL, &files, &n) != ZC_OK)
            continue;
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(dirs[d]) + strlen(files[i]) + 2;
            char *path = malloc(len);
            if (path) {
                snprintf(path, len, "%s/%s", dirs[d], files[i]);
                load_one(engine, path, only);
                free(path);
            }
        }
        zc_dir_list_free(files, n);
    }
    if (engine->n_plugins == 0 && !(only && *only)) {
        /* Say where it looked (with --plugins, the names are warned about): an installed command that lost its own
         * folders, or a --plugin-dir typo, shows here. */
        char where[2048] = "";
        size_t used = 0;
        for (size_t d = 0; d < n_dirs && used < sizeof where; d++)
            used += (size_t)snprintf(where + used, sizeof where - used, " %s", dirs[d]);
        zc_engine_message(engine, ZC_LOG_WARN, "no plugin loaded from the plugin folders:%s",
                          n_dirs ? where : " (none)");
    }
}

void zc_plugins_unload(zc_engine_t *engine)
{
    for (size_t i = engine->n_plugins; i-- > 0;) {
        zc_loaded_plugin_t *lp = &engine->plugins[i];
        if (lp->desc->fini)
            lp->desc->fini(lp->state);
        dlclose(lp->handle);
        free(lp->option_values);
        free_supersedes(lp);
        free(lp->file);
    }
    free(engine->plugins);
    engine->plugins = NULL;
    engine->n_plugins = 0;
}

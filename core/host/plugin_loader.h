/*
 * plugin_loader.h - the engine's plugins: dlopen, descriptor and ABI
 * checks, init() with its options, and unloading.
 */
#ifndef ZC_CORE_PLUGIN_LOADER_H
#define ZC_CORE_PLUGIN_LOADER_H

#include <stddef.h>

#include "engine_internal.h"

/* Load every plugin in dirs (in order; the first plugin of a name wins),
 * keeping those named in only (comma-separated; NULL for all). Refusals are
 * reported as warnings and skipped. */
void zc_plugins_load(zc_engine_t *engine, const char *const *dirs,
                     size_t n_dirs, const char *only);
void zc_plugins_unload(zc_engine_t *engine);
/* Warn about each plugin option that names no loaded plugin, or a key the
 * plugin does not declare. */
void zc_plugins_check_options(const zc_engine_t *engine);

#endif

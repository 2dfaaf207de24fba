/*
 * host.h - the services a plugin calls (zc_host_t), and the call record
 * each service is handed so that it knows the plugin and the document.
 */
#ifndef ZC_CORE_HOST_H
#define ZC_CORE_HOST_H

#include "engine_internal.h"

/* The table every plugin's init() and extract() receive. */
const zc_host_t *zc_host_table(void);
/* Start a call of plugin on run (NULL during init); zc_call_done frees
 * what the call made on the way. */
void zc_call_begin(zc_call_t *call, const zc_engine_t *engine,
                   const zc_loaded_plugin_t *plugin, zc_docrun_t *run);
void zc_call_done(zc_call_t *call);

#endif

/*
 * plugin_observer.h - be told which plugin is about to run on a document.
 *
 * The CLI's worker processes record the name in memory the supervisor
 * shares, so that a crash or a hang inside a plugin can be blamed on it.
 * One process-wide observer: set it before any extraction, in a process
 * (a worker) that extracts on one thread.
 */
#ifndef ZC_CORE_PLUGIN_OBSERVER_H
#define ZC_CORE_PLUGIN_OBSERVER_H

/* fn(user, name) before each plugin's extract call, fn(user, NULL) when a
 * document's plugins are done. NULL: no observer (the default). */
typedef void (*zc_plugin_observer_fn)(void *user, const char *plugin);
void zc_set_plugin_observer(zc_plugin_observer_fn fn, void *user);

#endif

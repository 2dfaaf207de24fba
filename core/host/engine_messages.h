/*
 * engine_messages.h - messages from the engine, the plugin loader and the
 * host services, through the engine's callback. A unit of its own so that
 * the loader and the host report without depending on the engine that
 * loads them.
 */
#ifndef ZC_CORE_ENGINE_MESSAGES_H
#define ZC_CORE_ENGINE_MESSAGES_H

#include "zhclaim/zhclaim.h"

/* Report a message through the engine's callback, when level is within
 * the engine's log level. */
void zc_engine_message(const zc_engine_t *engine, zc_log_level_t level,
                       const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The callback of an engine opened without one: "zhclaim: LEVEL: message"
 * on stderr. */
void zc_default_message(void *user, zc_log_level_t level, const char *msg);

#endif

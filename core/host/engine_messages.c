/* engine_messages.c - the engine's messages, through its callback. */
#include "engine_messages.h"

#include <stdarg.h>
#include <stdio.h>

#include "engine_internal.h"

void zc_default_message(void *user, zc_log_level_t level, const char *msg)
{
    (void)user;
    static const char *const names[] = {"error", "warning", "info", "debug"};
    fprintf(stderr, "zhclaim: %s: %s\n", names[level], msg);
}

void zc_engine_message(const zc_engine_t *engine, zc_log_level_t level,
                       const char *fmt, ...)
{
    if (level > engine->log_level)
        return;
    char msg[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    engine->on_message(engine->message_user, level, msg);
}

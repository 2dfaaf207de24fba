/*
 * engine_config_compat.c - zc_engine_config_default() for 0.1 binaries.
 *
 * In 0.1 the defaults came back by value from the library, so a program
 * built against that header calls this symbol with room for the 0.1 struct
 * only. It must go on getting exactly that layout, whatever zhclaim.h
 * appends later; newer code calls the inline zc_engine_config_default() of
 * the header, which asks zc_engine_config_init() for its own size.
 */
#define ZC_ENGINE_CONFIG_COMPAT
#include "zhclaim/zhclaim.h"

#include <stddef.h>
#include <string.h>

/* The 0.1 zc_engine_config_t, field for field: frozen, never to grow. */
typedef struct zc_engine_config_0_1_t {
    size_t struct_size;
    const char *const *plugin_dirs;
    size_t n_plugin_dirs;
    const char *const *rules_dirs;
    size_t n_rules_dirs;
    const char *only_plugins;
    int with_sentence;
    zc_message_fn on_message;
    void *message_user;
    zc_log_level_t log_level;
    int no_default_dirs;
    int no_plugins;
} zc_engine_config_0_1_t;

/* The prefix must be the current struct's, or the engine misreads it. */
_Static_assert(offsetof(zc_engine_config_0_1_t, no_plugins) ==
                   offsetof(zc_engine_config_t, no_plugins),
               "the 0.1 config is a prefix of today's");

ZC_API zc_engine_config_0_1_t zc_engine_config_default(void);

zc_engine_config_0_1_t zc_engine_config_default(void)
{
    zc_engine_config_0_1_t c;
    memset(&c, 0, sizeof c);
    zc_engine_config_init((zc_engine_config_t *)(void *)&c, sizeof c);
    return c;
}

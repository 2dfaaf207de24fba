/* engine_opts.c - opening an engine from command-line options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int zc_cli_add_plugin_opt(zc_engine_opts_t *o, const char *opt)
{
    const char *dot = strchr(opt, '.');
    const char *eq = dot ? strchr(dot, '=') : NULL;
    if (!dot || dot == opt || !eq || eq == dot + 1) {
        fprintf(stderr, "zhclaim: --plugin-opt %s: expected NAME.KEY=VALUE\n", opt);
        return -1;
    }
    if (o->n_plugin_opts >= ZC_CLI_MAX_DIRS) {
        fprintf(stderr, "zhclaim: at most %d --plugin-opt\n", ZC_CLI_MAX_DIRS);
        return -1;
    }
    o->plugin_opts[o->n_plugin_opts++] = opt;
    return 0;
}

/* Messages as the library prints them by default, counting the warnings
 * and errors given while the engine opens (for --strict). The count is
 * written before any extraction thread starts and only then. */
static struct {
    int opening;
    size_t problems;
} open_watch;

/* The messages of the document this thread is extracting (zc_cli_capture_begin). */
typedef struct msg_capture_t {
    int on;
    char *text;
    size_t len, cap;
} msg_capture_t;
static _Thread_local msg_capture_t capture;

void zc_cli_capture_begin(void)
{
    capture.on = 1;
    capture.text = NULL;
    capture.len = capture.cap = 0;
}

char *zc_cli_capture_end(void)
{
    char *text = capture.text;
    capture.on = 0;
    capture.text = NULL;
    capture.len = capture.cap = 0;
    return text;
}

/* Keep line for the document's outcome; 0, or -1 when memory ran out. */
static int keep_line(const char *line, size_t n)
{
    if (capture.len + n + 1 > capture.cap) {
        size_t cap = capture.cap ? capture.cap * 2 : 256;
        while (cap < capture.len + n + 1)
            cap *= 2;
        char *grown = realloc(capture.text, cap);
        if (!grown)
            return -1;
        capture.text = grown;
        capture.cap = cap;
    }
    memcpy(capture.text + capture.len, line, n + 1);
    capture.len += n;
    return 0;
}

static void print_message(void *user, zc_log_level_t level, const char *msg)
{
    (void)user;
    static const char *const names[] = {"error", "warning", "info", "debug"};
    if (open_watch.opening && level <= ZC_LOG_WARN)
        open_watch.problems++;
    if (capture.on) {
        char line[1200];
        int n = snprintf(line, sizeof line, "zhclaim: %s: %s\n", names[level], msg);
        size_t len = n < 0 ? 0 : (size_t)n;
        if (len >= sizeof line) { /* cut, and still one line */
            len = sizeof line - 1;
            line[len - 1] = '\n';
        }
        if (len > 0 && keep_line(line, len) == 0)
            return;
    }
    fprintf(stderr, "zhclaim: %s: %s\n", names[level], msg);
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
    cfg.plugin_options = o->plugin_opts;
    cfg.n_plugin_options = o->n_plugin_opts;
    cfg.on_message = print_message;
    zc_engine_t *engine = NULL;
    zc_error_t err;
    open_watch.opening = 1;
    open_watch.problems = 0;
    zc_status_t st = zc_engine_open(&cfg, &engine, &err);
    open_watch.opening = 0;
    if (st != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        return NULL;
    }
    if (o->strict && open_watch.problems > 0) {
        fprintf(stderr, "zhclaim: --strict: %zu problem%s loading the plugins (above); stopping\n",
                open_watch.problems, open_watch.problems == 1 ? "" : "s");
        zc_engine_close(engine);
        return NULL;
    }
    return engine;
}

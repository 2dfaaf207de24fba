/* cli.h - the zhclaim command's subcommands and their shared options. */
#ifndef ZC_CLI_CLI_H
#define ZC_CLI_CLI_H

#include <stddef.h>

#include "zhclaim/zhclaim.h"

/* Exit statuses of every subcommand. */
enum {
    ZC_EXIT_OK = 0,       /* everything went through */
    ZC_EXIT_PARTIAL = 1,  /* some documents failed; the rest are complete */
    ZC_EXIT_USAGE = 2     /* bad usage or a fatal error: nothing trustworthy */
};

#define ZC_CLI_MAX_DIRS 32

/* Options every subcommand that opens an engine accepts. */
typedef struct zc_engine_opts_t {
    const char *plugin_dirs[ZC_CLI_MAX_DIRS];
    size_t n_plugin_dirs;
    const char *rules_dirs[ZC_CLI_MAX_DIRS];
    size_t n_rules_dirs;
    const char *plugins;
    int no_plugins; /* load none: an engine that only normalises */
    int verbose;
    const char *plugin_opts[ZC_CLI_MAX_DIRS]; /* --plugin-opt NAME.KEY=VALUE */
    size_t n_plugin_opts;
    int strict; /* --strict: any warning while loading plugins is fatal */
} zc_engine_opts_t;

/* Append a directory; returns -1 (with a message) when there are too many. */
int zc_cli_add_dir(const char **dirs, size_t *n, const char *dir);
/* Append a --plugin-opt; -1 (with a message) when malformed or too many. */
int zc_cli_add_plugin_opt(zc_engine_opts_t *o, const char *opt);
/* Open an engine from the options; prints the error and returns NULL. */
zc_engine_t *zc_cli_open_engine(const zc_engine_opts_t *o, int with_sentence);

/* The engine's and plugins' messages about one document are kept for its
 * outcome while this thread extracts it, so that they print once, with the
 * document's other lines and in document order, whatever -j; outside a
 * capture they print at once. zc_cli_capture_end() returns them ("zhclaim:
 * LEVEL: ..." lines, the caller's to free) or NULL when there were none. */
void zc_cli_capture_begin(void);
char *zc_cli_capture_end(void);

int zc_cmd_extract(int argc, char **argv);
int zc_cmd_normalize(int argc, char **argv);
int zc_cmd_text(int argc, char **argv);
int zc_cmd_plugins(int argc, char **argv);
int zc_cmd_show(int argc, char **argv);
int zc_cmd_eval(int argc, char **argv);
int zc_cmd_debug(int argc, char **argv);

#endif

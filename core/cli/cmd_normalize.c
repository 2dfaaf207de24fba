/* cmd_normalize.c - `zhclaim normalize FILE`: the text plugins see. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "decode.h"

int zc_cmd_normalize(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rules-dir", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    zc_engine_opts_t o = {0};
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'R') {
            if (zc_cli_add_dir(o.rules_dirs, &o.n_rules_dirs, optarg))
                return ZC_EXIT_USAGE;
        } else {
            FILE *out = c == 'h' ? stdout : stderr;
            fputs("usage: zhclaim normalize [--rules-dir DIR] FILE\n"
                  "prints the decoded, normalised text that plugins work on.\n"
                  "  --rules-dir DIR   also read rules (noise.txt) from DIR\n"
                  "  -h, --help        this text\n", out);
            return c == 'h' ? ZC_EXIT_OK : ZC_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fputs("usage: zhclaim normalize [--rules-dir DIR] FILE\n", stderr);
        return ZC_EXIT_USAGE;
    }
    const char *path = argv[optind];
    /* Only the rules (the noise set) matter here, not the plugins. */
    o.no_plugins = 1;
    zc_engine_t *engine = zc_cli_open_engine(&o, 0);
    if (!engine)
        return ZC_EXIT_USAGE;
    unsigned char *bytes = NULL;
    size_t n = 0;
    char *text = NULL;
    size_t len = 0;
    zc_error_t err;
    int rc = ZC_EXIT_OK;
    if (zc_read_file(path, &bytes, &n, &err) != ZC_OK
        || zc_normalize(engine, path, bytes, n, &text, &len, &err) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        rc = ZC_EXIT_PARTIAL;
    } else if (fwrite(text, 1, len, stdout) != len) {
        fprintf(stderr, "zhclaim: write failed\n");
        rc = ZC_EXIT_USAGE;
    }
    free(text);
    free(bytes);
    zc_engine_close(engine);
    return rc;
}

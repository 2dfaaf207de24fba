/* main.c - the zhclaim command: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: zhclaim <command> [options]\n"
          "\n"
          "commands:\n"
          "  extract PATH...   find the claims in documents and folders (JSON Lines, CSV\n"
          "                    or SQLite; --stdin-jsonl reads documents from a stream)\n"
          "  normalize FILE    print a document's normalised text\n"
          "  plugins           list the plugins that load, with their kinds and files\n"
          "\n"
          "`zhclaim <command> --help` describes a command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return ZC_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "extract") == 0)
        return zc_cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "normalize") == 0 || strcmp(cmd, "normalise") == 0)
        return zc_cmd_normalize(argc - 1, argv + 1);
    if (strcmp(cmd, "plugins") == 0)
        return zc_cmd_plugins(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return ZC_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("zhclaim %s\n", ZC_VERSION);
        return ZC_EXIT_OK;
    }
    fprintf(stderr, "zhclaim: unknown command '%s'\n", cmd);
    usage(stderr);
    return ZC_EXIT_USAGE;
}

/* main.c - the zhclaim command: dispatch to a subcommand. */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Every document allocates and frees buffers of tens to hundreds of KiB.
 * By default glibc hands such memory back to the kernel as soon as the top
 * of the heap is free, and the next document faults it in again: measured
 * on the 200 MB bench, 100k page faults and a quarter of the wall time at
 * -j2. Keeping up to 32 MiB per arena costs little memory and none of it. */
#define ZC_KEEP_HEAP (32 << 20)

static void tune_heap(void)
{
    mallopt(M_TRIM_THRESHOLD, ZC_KEEP_HEAP);
    mallopt(M_MMAP_THRESHOLD, ZC_KEEP_HEAP);
}

static void usage(FILE *out)
{
    fputs("usage: zhclaim <command> [options]\n"
          "\n"
          "commands:\n"
          "  extract PATH...   find the claims in documents and folders (JSON Lines, CSV\n"
          "                    or SQLite; --stdin-jsonl reads documents from a stream)\n"
          "  normalize FILE    print a document's normalised text\n"
          "  text FILE         print the text a PDF's or DOCX file's spans index\n"
          "  plugins           list the plugins that load, with their kinds and files\n"
          "  show PATH...      a review page: documents with their claims highlighted\n"
          "  eval --gold G PRED  score records (or documents, extracted) against gold\n"
          "  debug FILE        print FILE's sentences and numbers with their offsets\n"
          "\n"
          "`zhclaim <command> --help` describes a command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    tune_heap();
    if (argc < 2) {
        usage(stderr);
        return ZC_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "extract") == 0)
        return zc_cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "normalize") == 0 || strcmp(cmd, "normalise") == 0)
        return zc_cmd_normalize(argc - 1, argv + 1);
    if (strcmp(cmd, "text") == 0)
        return zc_cmd_text(argc - 1, argv + 1);
    if (strcmp(cmd, "plugins") == 0)
        return zc_cmd_plugins(argc - 1, argv + 1);
    if (strcmp(cmd, "show") == 0)
        return zc_cmd_show(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return zc_cmd_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "debug") == 0)
        return zc_cmd_debug(argc - 1, argv + 1);
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

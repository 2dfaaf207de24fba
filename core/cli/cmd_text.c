/* cmd_text.c - `zhclaim text FILE`: the text a document's spans refer to. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "decode.h"

static const char usage_text[] =
    "usage: zhclaim text FILE\n"
    "prints the text that records' spans refer to: a PDF's or DOCX file's text\n"
    "layer (PDF pages each ended by a form feed, DOCX paragraphs one per line),\n"
    "the decoded visible text of a text or HTML file.\n";

int zc_cmd_text(int argc, char **argv)
{
    static const struct option longopts[] = {{"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        FILE *out = c == 'h' ? stdout : stderr;
        fputs(usage_text, out);
        return c == 'h' ? ZC_EXIT_OK : ZC_EXIT_USAGE;
    }
    if (optind != argc - 1) {
        fputs(usage_text, stderr);
        return ZC_EXIT_USAGE;
    }
    const char *path = argv[optind];
    unsigned char *bytes = NULL;
    size_t n = 0;
    char *text = NULL;
    size_t len = 0;
    zc_error_t err;
    int rc = ZC_EXIT_OK;
    if (zc_read_file(path, &bytes, &n, &err) != ZC_OK
        || zc_document_text(NULL, path, bytes, n, &text, &len, &err) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        rc = ZC_EXIT_PARTIAL;
    } else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "zhclaim: write failed\n");
        rc = ZC_EXIT_USAGE;
    }
    free(text);
    free(bytes);
    return rc;
}

/*
 * cmd_debug.c - `zhclaim debug FILE`: a document as a plugin receives it.
 *
 * Prints the sentences of the normalised text and, under each, the numbers
 * the core found in it, with the byte offsets, values and flags a plugin
 * gets in zc_doc_view_t. The first thing to look at when a plugin misses
 * a claim: is the number there, with the span and value expected?
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "number_parser.h"
#include "sentences.h"

static void usage(FILE *out)
{
    fputs("usage: zhclaim debug [options] FILE\n"
          "prints FILE's sentences and the numbers found in each, with their byte\n"
          "offsets in the normalised text (the offsets plugins see), values and flags.\n"
          "  --rules-dir DIR   also read rules (noise.txt) from DIR\n"
          "  -h, --help        this text\n",
          out);
}

/* Bytes as a quoted string: control characters escaped, so that one item
 * stays on one line. */
static void put_quoted(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void put_flags(uint32_t flags)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        {ZC_NUM_ARABIC, "arabic"},   {ZC_NUM_CHINESE, "chinese"},
        {ZC_NUM_PERCENT, "percent"}, {ZC_NUM_DECIMAL, "decimal"},
        {ZC_NUM_SCALED, "scaled"},   {ZC_NUM_GROUPED, "grouped"},
        {ZC_NUM_DIGITWISE, "digitwise"}};
    const char *sep = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit) {
            printf("%s%s", sep, names[i].name);
            sep = ",";
        }
    if (!*sep)
        fputs("-", stdout);
}

static void print_view(const char *path, const char *text, size_t len,
                       const zc_sentence_t *s, size_t n_s, const zc_number_t *num,
                       size_t n_num)
{
    printf("# %s: %zu bytes of normalised text, %zu sentences, %zu numbers\n"
           "# offsets: half-open byte ranges in the normalised text\n",
           path, len, n_s, n_num);
    size_t k = 0;
    for (size_t i = 0; i < n_s; i++) {
        printf("sentence %zu [%zu,%zu) ", i, s[i].start_byte, s[i].end_byte);
        put_quoted(text + s[i].start_byte, s[i].end_byte - s[i].start_byte);
        putchar('\n');
        /* Numbers are in order and never straddle sentences. */
        for (; k < n_num && (i + 1 == n_s || num[k].start_byte < s[i].end_byte); k++) {
            char value[64];
            zc_decimal_format(num[k].value, value, sizeof value);
            printf("  number %zu [%zu,%zu) ", k, num[k].start_byte, num[k].end_byte);
            put_quoted(text + num[k].start_byte, num[k].end_byte - num[k].start_byte);
            printf(" value %s flags ", value);
            put_flags(num[k].flags);
            putchar('\n');
        }
    }
}

int zc_cmd_debug(int argc, char **argv)
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
            usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? ZC_EXIT_OK : ZC_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return ZC_EXIT_USAGE;
    }
    const char *path = argv[optind];
    o.no_plugins = 1; /* the noise set of the rules folders is all it needs */
    zc_engine_t *engine = zc_cli_open_engine(&o, 0);
    if (!engine)
        return ZC_EXIT_USAGE;
    unsigned char *bytes = NULL;
    size_t n = 0, len = 0, n_s = 0, n_num = 0;
    char *text = NULL;
    zc_sentence_t *s = NULL;
    zc_number_t *num = NULL;
    zc_error_t err;
    int rc = ZC_EXIT_OK;
    if (zc_read_file(path, &bytes, &n, &err) != ZC_OK
        || zc_normalize(engine, path, bytes, n, &text, &len, &err) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        rc = ZC_EXIT_PARTIAL;
    } else if (zc_split_sentences(text, len, &s, &n_s) != ZC_OK
               || zc_find_numbers(text, len, &num, &n_num) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s: out of memory\n", path);
        rc = ZC_EXIT_USAGE;
    } else {
        print_view(path, text, len, s, n_s, num, n_num);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "zhclaim: write failed\n");
            rc = ZC_EXIT_USAGE;
        }
    }
    free(num);
    free(s);
    free(text);
    free(bytes);
    zc_engine_close(engine);
    return rc;
}

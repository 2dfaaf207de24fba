/*
 * cmd_extract.c - `zhclaim extract PATH...`: every claim of every document.
 *
 * Documents are read one at a time and their claims written as soon as they
 * are found, so memory stays flat however large the folder. A document that
 * cannot be read or decoded is reported on stderr with its path and the
 * reason; the others are processed in full. Exit status: 0 all good, 1 some
 * documents failed, 2 usage or fatal error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "file_walk.h"
#include "loader.h"
#include "output_sink.h"

#define ZC_MAX_GLOBS 32
#define ZC_DEFAULT_MAX_BYTES (256ul << 20)

typedef struct extract_opts_t {
    zc_engine_opts_t engine;
    const char *output;
    zc_format_t format;
    int with_sentence;
    int quiet;
    unsigned long max_bytes;
    const char *include[ZC_MAX_GLOBS];
    size_t n_include;
    const char *exclude[ZC_MAX_GLOBS];
    size_t n_exclude;
} extract_opts_t;

/* Totals for the summary line. */
typedef struct extract_stats_t {
    size_t documents;
    size_t failed;
    size_t claims;
    size_t rate, count, amount, other;
    double bytes;
} extract_stats_t;

static void usage(FILE *out)
{
    fputs("usage: zhclaim extract [options] PATH...\n"
          "Writes one record per claim (JSON Lines, SPEC section 1) for each document\n"
          "named or found under the folders named.\n"
          "\n"
          "  -o, --output FILE     write to FILE (renamed into place when done); default stdout\n"
          "  -f, --format FMT      jsonl (default) or csv\n"
          "      --include GLOB    take files whose name matches (default *.txt *.text *.md)\n"
          "      --exclude GLOB    skip files whose name matches\n"
          "      --context         add the normalised sentence to each record\n"
          "      --max-bytes N     skip documents larger than N bytes (default 256 MiB)\n"
          "      --plugins a,b     run only these plugins\n"
          "      --plugin-dir DIR  also load plugins from DIR (before the built-in ones)\n"
          "      --rules-dir DIR   also read rules from DIR (before the built-in ones)\n"
          "  -q, --quiet           no summary line\n"
          "  -v, --verbose         plugin messages too\n",
          out);
}

static int add_glob(const char **globs, size_t *n, const char *g)
{
    if (*n >= ZC_MAX_GLOBS) {
        fprintf(stderr, "zhclaim: at most %d globs\n", ZC_MAX_GLOBS);
        return -1;
    }
    globs[(*n)++] = g;
    return 0;
}

/* Returns -1 to exit with usage error, 1 to exit OK (help), 0 to go on. */
static int parse_options(int argc, char **argv, extract_opts_t *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},
        {"include", required_argument, 0, 'I'},
        {"exclude", required_argument, 0, 'X'},
        {"context", no_argument, 0, 'c'},
        {"max-bytes", required_argument, 0, 'M'},
        {"plugins", required_argument, 0, 'p'},
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"quiet", no_argument, 0, 'q'},
        {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) != -1) {
        int bad = 0;
        char *end;
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f':
            if (zc_format_parse(optarg, &o->format) != 0) {
                fprintf(stderr, "zhclaim: unknown format '%s' (jsonl or csv)\n", optarg);
                bad = 1;
            }
            break;
        case 'I': bad = add_glob(o->include, &o->n_include, optarg); break;
        case 'X': bad = add_glob(o->exclude, &o->n_exclude, optarg); break;
        case 'c': o->with_sentence = 1; break;
        case 'M':
            o->max_bytes = strtoul(optarg, &end, 10);
            if (*end || o->max_bytes == 0) {
                fprintf(stderr, "zhclaim: --max-bytes wants a positive number\n");
                bad = 1;
            }
            break;
        case 'p': o->engine.plugins = optarg; break;
        case 'P': bad = zc_cli_add_dir(o->engine.plugin_dirs, &o->engine.n_plugin_dirs, optarg); break;
        case 'R': bad = zc_cli_add_dir(o->engine.rules_dirs, &o->engine.n_rules_dirs, optarg); break;
        case 'q': o->quiet = 1; break;
        case 'v': o->engine.verbose = 1; break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
        if (bad)
            return -1;
    }
    if (optind >= argc) {
        fprintf(stderr, "zhclaim: extract needs at least one file or folder\n");
        usage(stderr);
        return -1;
    }
    return 0;
}

static void count_kinds(extract_stats_t *s, const zc_result_t *r)
{
    for (size_t i = 0; i < r->n_claims; i++) {
        const char *k = r->claims[i].kind;
        if (strcmp(k, "rate") == 0)
            s->rate++;
        else if (strcmp(k, "count") == 0)
            s->count++;
        else if (strcmp(k, "amount") == 0)
            s->amount++;
        else
            s->other++;
    }
    s->claims += r->n_claims;
}

/* Read, extract and write one document. Returns 0 when it went through,
 * 1 when the document failed (reported), -1 when writing failed (fatal). */
static int extract_one(zc_engine_t *engine, zc_sink_t *sink, const char *path,
                       const extract_opts_t *o, extract_stats_t *stats)
{
    struct stat st;
    if (stat(path, &st) == 0 && (unsigned long)st.st_size > o->max_bytes) {
        fprintf(stderr, "zhclaim: %s: larger than --max-bytes (%lld > %lu bytes)\n",
                path, (long long)st.st_size, o->max_bytes);
        return 1;
    }
    unsigned char *bytes = NULL;
    size_t n = 0;
    zc_error_t err;
    if (zc_read_file(path, &bytes, &n, &err) != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        return 1;
    }
    zc_result_t *res = NULL;
    zc_status_t rc = zc_engine_extract(engine, path, bytes, n, &res, &err);
    free(bytes);
    stats->bytes += (double)n;
    if (rc != ZC_OK) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        return 1;
    }
    count_kinds(stats, res);
    int failed = res->n_failures > 0;
    int wrote = zc_sink_write(sink, res);
    zc_result_free(res);
    if (wrote != 0)
        return -1;
    return failed;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_summary(const extract_stats_t *s, double secs)
{
    fprintf(stderr,
            "zhclaim: %zu documents, %zu claims (rate %zu, count %zu, amount %zu, other %zu), "
            "%zu errors, %.2f s, %.1f MB/s\n",
            s->documents, s->claims, s->rate, s->count, s->amount, s->other, s->failed,
            secs, secs > 0 ? s->bytes / 1e6 / secs : 0.0);
}

int zc_cmd_extract(int argc, char **argv)
{
    extract_opts_t o;
    memset(&o, 0, sizeof o);
    o.max_bytes = ZC_DEFAULT_MAX_BYTES;
    int p = parse_options(argc, argv, &o);
    if (p != 0)
        return p > 0 ? ZC_EXIT_OK : ZC_EXIT_USAGE;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    zc_walk_options_t wo = {o.include, o.n_include, o.exclude, o.n_exclude};
    zc_walk_list_t list = {0};
    for (int i = optind; i < argc; i++) {
        if (zc_walk(argv[i], &wo, &list) != 0) {
            fprintf(stderr, "zhclaim: out of memory listing %s\n", argv[i]);
            zc_walk_list_free(&list);
            return ZC_EXIT_USAGE;
        }
    }
    zc_engine_t *engine = zc_cli_open_engine(&o.engine, o.with_sentence);
    if (!engine) {
        zc_walk_list_free(&list);
        return ZC_EXIT_USAGE;
    }
    if (zc_engine_plugin_count(engine) == 0)
        fprintf(stderr, "zhclaim: warning: no plugin loaded (see `zhclaim plugins`)\n");
    zc_sink_t sink;
    zc_error_t err;
    if (zc_sink_open(&sink, o.format, o.output, &err) != 0) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        zc_engine_close(engine);
        zc_walk_list_free(&list);
        return ZC_EXIT_USAGE;
    }
    extract_stats_t stats = {0};
    int fatal = 0;
    for (size_t i = 0; i < list.n && !fatal; i++) {
        const zc_walk_entry_t *e = &list.entries[i];
        stats.documents++;
        if (e->problem) {
            fprintf(stderr, "zhclaim: %s: %s\n", e->path, e->problem);
            stats.failed++;
            continue;
        }
        int rc = extract_one(engine, &sink, e->path, &o, &stats);
        if (rc < 0) {
            fprintf(stderr, "zhclaim: writing the records failed\n");
            fatal = 1;
        } else {
            stats.failed += (size_t)rc;
        }
    }
    if (zc_sink_close(&sink, !fatal, &err) != 0) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        fatal = 1;
    }
    if (!o.quiet)
        print_summary(&stats, seconds_since(&t0));
    zc_engine_close(engine);
    zc_walk_list_free(&list);
    if (fatal)
        return ZC_EXIT_USAGE;
    return stats.failed ? ZC_EXIT_PARTIAL : ZC_EXIT_OK;
}

/*
 * cmd_extract.c - `zhclaim extract PATH...`: every claim of every document.
 *
 * The pieces, one job each:
 *   file_walk     the documents under the paths named, in sorted order
 *   stdin_stream  or documents from JSON lines on stdin (--stdin-jsonl)
 *   proc_pool     N worker processes, results written strictly in document
 *                 order; a crash or a hang costs its document alone
 *   worker_pool   or N threads in this process (--in-process)
 *   doc_wire      a job and its outcome as bytes between the processes
 *   doc_task      one document: read, fingerprint, extract, render
 *   output_sink   JSON Lines / CSV (renamed into place) or SQLite
 *   progress      the bar on a terminal;  run_stats  the summary line
 *
 * Memory stays flat: documents are read by the workers as they go, and
 * only a few per thread wait in the reorder buffer. A document that fails
 * is reported on stderr with its path and the reason; the others are
 * processed in full. Exit status: 0 all good, 1 some documents failed, 2
 * usage or fatal error.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "doc_task.h"
#include "doc_wire.h"
#include "jsonl_reader.h"
#include "file_walk.h"
#include "output_sink.h"
#include "proc_pool.h"
#include "progress.h"
#include "run_stats.h"
#include "sqlite_sink.h"
#include "stdin_stream.h"
#include "worker_pool.h"

#define ZC_MAX_GLOBS 32
#define ZC_MAX_JOBS 1024
#define ZC_DEFAULT_MAX_BYTES (256ul << 20)
#define ZC_DEFAULT_DOC_TIMEOUT 60.0
#define ZC_DEFAULT_MEMORY_BUDGET_MB 1024ul
/* What a document may take in a worker, per byte of it (decoded,
 * normalised and mapped text, sentences, numbers, claims), plus a floor:
 * the estimate the shared memory budget counts. */
#define ZC_COST_PER_BYTE 8
#define ZC_COST_FLOOR (1u << 20)

typedef struct extract_opts_t {
    zc_engine_opts_t engine;
    const char *output;
    zc_format_t format;
    int format_given;
    int with_sentence;
    int quiet;
    int resume;
    int prune;
    int stdin_jsonl;
    size_t jobs;
    unsigned long max_bytes;
    double doc_timeout;
    unsigned long memory_budget_mb;
    int in_process;
    const char *include[ZC_MAX_GLOBS];
    size_t n_include;
    const char *exclude[ZC_MAX_GLOBS];
    size_t n_exclude;
} extract_opts_t;

/* Everything the pool's callbacks share. next() and emit() run one at a
 * time each (next under the pool's lock, emit by whichever worker finished
 * the document the output waits for, one at a time, in order); work()
 * only reads env. */
typedef struct extract_run_t {
    zc_task_env_t env;
    zc_sink_t sink;
    zc_progress_t progress;
    const zc_walk_list_t *list; /* file mode */
    size_t next_entry;
    zc_stream_t *stream;        /* stream mode */
    zc_run_stats_t stats;
    zc_error_t fatal;           /* the first fatal error */
    int failed_fatally;
    unsigned long kill_after;   /* test hook, see maybe_die() */
} extract_run_t;

/* Set by SIGINT / SIGTERM: stop taking documents, keep what is complete. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *out)
{
    fputs("usage: zhclaim extract [options] PATH...\n"
          "       zhclaim extract [options] --stdin-jsonl\n"
          "Writes one record per claim (JSON Lines, SPEC section 1) for each document\n"
          "named or found under the folders named, in a fixed order whatever -j.\n"
          "\n"
          "  -o, --output FILE     write to FILE (renamed into place when done; a .sqlite,\n"
          "                        .sqlite3 or .db name means --format sqlite); default stdout\n"
          "  -f, --format FMT      jsonl (default), csv or sqlite\n"
          "  -j, --jobs N          documents processed at once (default: the CPUs)\n"
          "      --resume          with sqlite: skip documents already recorded as done\n"
          "      --prune           with --resume: delete the documents an earlier run\n"
          "                        recorded that this run does not find (deleted, renamed)\n"
          "      --include GLOB    take files whose name matches (default: the formats\n"
          "                        read,", out);
    for (size_t i = 0; zc_document_glob(i); i++)
        fprintf(out, " %s", zc_document_glob(i));
    fputs(")\n"
          "      --exclude GLOB    skip files whose name matches\n"
          "      --context         add the normalised sentence to each record\n"
          "      --max-bytes N     skip documents larger than N bytes (default 256 MiB)\n"
          "      --stdin-jsonl     read {\"doc\": ..., \"text\": ...} lines from stdin (spans\n"
          "                        are then byte offsets into text as UTF-8)\n"
          "      --plugins a,b     run only these plugins\n"
          "      --plugin-dir DIR  also load plugins from DIR (before the built-in ones)\n"
          "      --rules-dir DIR   also read rules from DIR (before the built-in ones)\n"
          "      --plugin-opt NAME.KEY=VALUE  set option KEY of plugin NAME (repeatable;\n"
          "                        `zhclaim plugins` lists the options)\n"
          "      --strict          exit 2 when a plugin is refused, fails init, or skips\n"
          "                        an extractor (any warning while loading plugins)\n"
          "      --doc-timeout S   fail a document still running after S seconds (default\n"
          "                        60; 0: no limit)\n"
          "      --memory-budget MB  the documents in flight at once may take about MB\n"
          "                        MiB together (default 1024; a document alone always runs)\n"
          "      --in-process      run documents on threads in this process: no worker\n"
          "                        processes, so a crashing plugin ends the run, and no\n"
          "                        --doc-timeout\n"
          "  -q, --quiet           no progress bar, no summary line\n"
          "  -v, --verbose         plugin messages too\n"
          "  -h, --help            this text\n",
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

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > max || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

/* Returns -1 to exit with usage error, 1 to exit OK (help), 0 to go on. */
static int parse_options(int argc, char **argv, extract_opts_t *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},
        {"jobs", required_argument, 0, 'j'},
        {"resume", no_argument, 0, 'r'},
        {"prune", no_argument, 0, 'D'},
        {"include", required_argument, 0, 'I'},
        {"exclude", required_argument, 0, 'X'},
        {"context", no_argument, 0, 'c'},
        {"max-bytes", required_argument, 0, 'M'},
        {"stdin-jsonl", no_argument, 0, 's'},
        {"plugins", required_argument, 0, 'p'},
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"plugin-opt", required_argument, 0, 'O'},
        {"strict", no_argument, 0, 'S'},
        {"doc-timeout", required_argument, 0, 'T'},
        {"memory-budget", required_argument, 0, 'B'},
        {"in-process", no_argument, 0, 'i'},
        {"quiet", no_argument, 0, 'q'},
        {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:f:j:qvh", longopts, NULL)) != -1) {
        int bad = 0;
        unsigned long n;
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f':
            if (zc_format_parse(optarg, &o->format) != 0) {
                fprintf(stderr, "zhclaim: unknown format '%s' (jsonl, csv or sqlite)\n", optarg);
                bad = 1;
            }
            o->format_given = 1;
            break;
        case 'j':
            if (parse_count(optarg, ZC_MAX_JOBS, &n) != 0) {
                fprintf(stderr, "zhclaim: -j wants a number from 1 to %d, not '%s'\n",
                        ZC_MAX_JOBS, optarg);
                bad = 1;
            }
            o->jobs = n;
            break;
        case 'r': o->resume = 1; break;
        case 'D': o->prune = 1; break;
        case 'I': bad = add_glob(o->include, &o->n_include, optarg); break;
        case 'X': bad = add_glob(o->exclude, &o->n_exclude, optarg); break;
        case 'c': o->with_sentence = 1; break;
        case 'M':
            if (parse_count(optarg, (unsigned long)-1, &o->max_bytes) != 0) {
                fprintf(stderr, "zhclaim: --max-bytes wants a positive number, not '%s'\n",
                        optarg);
                bad = 1;
            }
            break;
        case 's': o->stdin_jsonl = 1; break;
        case 'T': {
            char *end;
            errno = 0;
            o->doc_timeout = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(o->doc_timeout >= 0) || o->doc_timeout > 1e7) {
                fprintf(stderr, "zhclaim: --doc-timeout wants seconds (0 for no limit), not '%s'\n",
                        optarg);
                bad = 1;
            }
            break;
        }
        case 'B':
            if (parse_count(optarg, 1ul << 30, &o->memory_budget_mb) != 0) {
                fprintf(stderr, "zhclaim: --memory-budget wants MiB, a positive number, not '%s'\n",
                        optarg);
                bad = 1;
            }
            break;
        case 'i': o->in_process = 1; break;
        case 'p': o->engine.plugins = optarg; break;
        case 'P': bad = zc_cli_add_dir(o->engine.plugin_dirs, &o->engine.n_plugin_dirs, optarg); break;
        case 'R': bad = zc_cli_add_dir(o->engine.rules_dirs, &o->engine.n_rules_dirs, optarg); break;
        case 'O': bad = zc_cli_add_plugin_opt(&o->engine, optarg); break;
        case 'S': o->engine.strict = 1; break;
        case 'q': o->quiet = 1; break;
        case 'v': o->engine.verbose = 1; break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
        if (bad)
            return -1;
    }
    if (o->stdin_jsonl && optind < argc) {
        fprintf(stderr, "zhclaim: --stdin-jsonl reads stdin; no PATH wanted ('%s')\n",
                argv[optind]);
        return -1;
    }
    if (!o->stdin_jsonl && optind >= argc) {
        fprintf(stderr, "zhclaim: extract needs at least one file or folder\n");
        usage(stderr);
        return -1;
    }
    if (!o->format_given && zc_format_is_db_name(o->output))
        o->format = ZC_FORMAT_SQLITE;
    if (o->resume && o->format != ZC_FORMAT_SQLITE) {
        fprintf(stderr, "zhclaim: --resume needs a database (--format sqlite, "
                        "or -o FILE.sqlite)\n");
        return -1;
    }
    if (o->prune && (!o->resume || o->stdin_jsonl)) {
        fprintf(stderr, "zhclaim: --prune goes with --resume over files and folders\n");
        return -1;
    }
    if (o->jobs == 0)
        o->jobs = zc_pool_cpu_count();
    return 0;
}

/* A resumed database still holds the documents of earlier runs that this
 * run did not find (files deleted or renamed since): say how many, or with
 * --prune delete them. */
static int report_stale(zc_sink_t *sink, const zc_walk_list_t *list, const char *output,
                        int prune)
{
    const char **paths = malloc((list->n ? list->n : 1) * sizeof *paths);
    if (!paths) {
        fprintf(stderr, "zhclaim: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < list->n; i++)
        paths[i] = list->entries[i].path;
    size_t stale = 0;
    zc_error_t err;
    int rc = zc_sqlite_stale(sink->db, paths, list->n, prune, &stale, &err);
    free(paths);
    if (rc != 0) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        return -1;
    }
    if (stale && prune)
        fprintf(stderr, "zhclaim: %s: pruned %zu document(s) of earlier runs not found in "
                        "this one\n", output, stale);
    else if (stale)
        fprintf(stderr, "zhclaim: %s: note: %zu document(s) of earlier runs are not among "
                        "this run's (deleted or renamed since?); kept, --prune deletes "
                        "them\n", output, stale);
    return 0;
}

/* ---- the pool's callbacks ---- */

static int next_job(void *ctx, void **out)
{
    extract_run_t *run = ctx;
    if (interrupted)
        return -1;
    if (run->stream) {
        zc_doc_job_t *job = NULL;
        int rc = zc_stream_next(run->stream, &job);
        *out = job;
        return rc;
    }
    const zc_walk_list_t *list = run->list;
    while (run->next_entry < list->n && list->entries[run->next_entry].is_note)
        run->next_entry++; /* printed before the run; not documents */
    if (run->next_entry >= list->n)
        return 0;
    const zc_walk_entry_t *e = &list->entries[run->next_entry++];
    zc_doc_job_t *job = calloc(1, sizeof *job);
    if (!job)
        return -1;
    job->doc = strdup(e->path);
    job->problem = e->problem ? strdup(e->problem) : NULL;
    job->from_file = 1;
    job->size_hint = e->size > 0 ? (size_t)e->size : 0;
    if (!job->doc || (e->problem && !job->problem)) {
        zc_doc_job_free(job);
        return -1;
    }
    *out = job;
    return 1;
}

static void *work_job(void *ctx, void *job)
{
    const extract_run_t *run = ctx;
    return zc_doc_task_run(&run->env, job);
}

static void discard_outcome(void *ctx, void *outcome)
{
    (void)ctx;
    zc_doc_outcome_free(outcome);
}

/* ---- the same, across the worker processes ---- */

static void put_job(void *ctx, const void *job, zc_wire_buf_t *out)
{
    (void)ctx;
    zc_wire_put_job(out, job);
}

/* In the worker, for JSON Lines and CSV: the records are rendered, so the
 * supervisor needs of the result only its counts by kind; the result
 * stays here (sending it too would double what crosses the socket). */
static int summarise(const extract_run_t *run, zc_doc_outcome_t *o)
{
    if (run->env.format == ZC_FORMAT_SQLITE || !o->result)
        return 0;
    zc_run_stats_t counts;
    memset(&counts, 0, sizeof counts);
    if (zc_stats_add_claims(&counts, o->result) != 0) {
        zc_stats_free(&counts);
        return -1;
    }
    o->kinds = counts.kinds;
    o->n_kinds = counts.n_kinds;
    o->summarised = 1;
    o->encoding = NULL; /* it lived in the result */
    zc_doc_outcome_drop_result(o);
    return 0;
}

/* In the worker: the job's bytes become its outcome's. */
static void work_wire(void *ctx, zc_wire_in_t *in, zc_wire_buf_t *out)
{
    const extract_run_t *run = ctx;
    zc_doc_job_t *job = zc_wire_get_job(in);
    zc_doc_outcome_t *o = job ? zc_doc_task_run(&run->env, job) : NULL;
    if (!o || summarise(run, o) != 0) {
        zc_doc_outcome_free(o);
        out->failed = 1;
        return;
    }
    zc_wire_put_outcome(out, o);
    zc_doc_outcome_free(o);
}

static void *get_outcome(void *ctx, zc_wire_in_t *in)
{
    (void)ctx;
    return zc_wire_get_outcome(in);
}

/* The outcome of a job whose worker crashed or was killed: failed, named
 * as the worker would have named it (a stream line's own "doc"). */
static void *lost_outcome(void *ctx, const void *job_ptr, const char *why)
{
    (void)ctx;
    const zc_doc_job_t *job = job_ptr;
    zc_doc_outcome_t *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->status = ZC_DOC_FAILED;
    o->line = job->line;
    o->n_bytes = job->size_hint;
    o->error = strdup(why);
    if (job->doc) {
        o->doc = strdup(job->doc);
    } else if (job->raw) {
        zc_jsonl_doc_t d;
        char err[200];
        if (zc_jsonl_parse(job->raw, job->raw_len, &d, err, sizeof err) == 0) {
            o->doc = d.doc;
            d.doc = NULL;
            zc_jsonl_doc_free(&d);
        }
    }
    if (!o->error) {
        zc_doc_outcome_free(o);
        return NULL;
    }
    return o;
}

static size_t job_cost(void *ctx, const void *job)
{
    (void)ctx;
    size_t n = ((const zc_doc_job_t *)job)->size_hint;
    return n > (SIZE_MAX - ZC_COST_FLOOR) / ZC_COST_PER_BYTE ? SIZE_MAX
                                                             : n * ZC_COST_PER_BYTE + ZC_COST_FLOOR;
}

static void free_job(void *ctx, void *job)
{
    (void)ctx;
    zc_doc_job_free(job);
}

/* A test hook: ZHCLAIM_TEST_KILL_AFTER=N makes the command kill itself
 * (SIGKILL: no cleanup, like a crash or an OOM kill) after writing N
 * documents, so the tests can check what an interrupted run leaves. */
static void maybe_die(const extract_run_t *run)
{
    if (run->kill_after && run->stats.documents >= run->kill_after) {
        fflush(NULL);
        raise(SIGKILL);
    }
}

static void report_failure(extract_run_t *run, const zc_doc_outcome_t *o)
{
    zc_progress_clear(&run->progress);
    if (o->line && o->doc)
        fprintf(stderr, "zhclaim: stdin line %zu (%s): %s\n", o->line, o->doc,
                o->error ? o->error : "failed");
    else if (o->line)
        fprintf(stderr, "zhclaim: stdin line %zu: %s\n", o->line,
                o->error ? o->error : "failed");
    else
        fprintf(stderr, "zhclaim: %s: %s\n", o->doc, o->error ? o->error : "failed");
}

static int out_of_memory(extract_run_t *run)
{
    snprintf(run->fatal.message, sizeof run->fatal.message, "out of memory");
    run->failed_fatally = 1;
    return -1;
}

/* A database keys documents by name: a document whose name was already
 * written in this run fails instead of replacing the first one's row and
 * claims. Returns 1 when o was refused, 0 when not, -1 on a fatal error. */
static int refuse_duplicate(extract_run_t *run, zc_doc_outcome_t *o)
{
    int written = zc_sink_name_written(&run->sink, o->doc, &run->fatal);
    if (written < 0)
        run->failed_fatally = 1;
    if (written <= 0)
        return written;
    char *why = strdup("document name already written in this run");
    if (!why)
        return out_of_memory(run);
    free(o->error);
    o->error = why;
    o->status = ZC_DOC_FAILED;
    zc_doc_outcome_drop_result(o);
    free(o->rendered);
    o->rendered = NULL;
    o->rendered_len = 0;
    return 1;
}

/* The writer: one document's outcome, in document order. */
static int emit_outcome(void *ctx, void *result)
{
    extract_run_t *run = ctx;
    zc_doc_outcome_t *o = result;
    if (!o)
        return out_of_memory(run);
    run->stats.documents++;
    int rc = 0;
    int duplicate = o->status == ZC_DOC_SKIPPED ? 0 : refuse_duplicate(run, o);
    if (duplicate < 0) {
        rc = -1;
    } else if (o->status == ZC_DOC_SKIPPED) {
        run->stats.skipped++;
    } else {
        if (o->messages) {
            zc_progress_clear(&run->progress);
            fputs(o->messages, stderr);
        }
        if (o->status == ZC_DOC_FAILED) {
            run->stats.failed++;
            report_failure(run, o);
        }
        if (o->result || o->summarised) {
            run->stats.bytes += (double)o->n_bytes;
            if (o->result ? zc_stats_add_claims(&run->stats, o->result)
                          : zc_stats_add_counts(&run->stats, o->kinds, o->n_kinds))
                rc = out_of_memory(run);
        }
        if (rc == 0 && !duplicate && zc_sink_write(&run->sink, o, &run->fatal) != 0) {
            run->failed_fatally = 1;
            rc = -1;
        }
    }
    zc_progress_step(&run->progress, run->stats.documents, (double)o->n_bytes);
    zc_doc_outcome_free(o);
    if (rc == 0)
        maybe_die(run);
    return rc;
}

/* ---- the run ---- */

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a read blocked on stdin returns, and the stream ends. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Walk the paths; print the notes (folder links not followed) now, so the
 * run's own messages stay in document order. */
/* The output file among the documents. Named as an input, it is refused:
 * writing would replace the input. Found in a folder walked (the output of
 * an earlier run, put beside the reports), it is left out with a note, so a
 * run never reads its own records back. Returns -1 when refused. */
static int exclude_output(char **paths, int n, const char *output, zc_walk_list_t *list)
{
    struct stat out, st;
    if (!output || strcmp(output, "-") == 0 || stat(output, &out) != 0 || !S_ISREG(out.st_mode))
        return 0;
    for (size_t i = 0; i < list->n; i++) {
        zc_walk_entry_t *e = &list->entries[i];
        if (e->problem || stat(e->path, &st) != 0 || st.st_dev != out.st_dev ||
            st.st_ino != out.st_ino)
            continue;
        for (int r = 0; r < n; r++)
            if (strcmp(paths[r], e->path) == 0) {
                fprintf(stderr, "zhclaim: %s: is both an input and the output (-o %s); "
                        "refused, so as not to replace it\n", e->path, output);
                return -1;
            }
        e->problem = strdup("the output file of this run (-o), not read");
        if (!e->problem) {
            fprintf(stderr, "zhclaim: out of memory listing the documents\n");
            return -1;
        }
        e->is_note = 1;
    }
    return 0;
}

static int walk_all(char **paths, int n, const extract_opts_t *o, zc_walk_list_t *list,
                    double *total_bytes, size_t *total_docs)
{
    zc_walk_options_t wo = {o->include, o->n_include, o->exclude, o->n_exclude};
    if (zc_walk((const char *const *)paths, (size_t)n, &wo, list) != 0) {
        fprintf(stderr, "zhclaim: out of memory listing the documents\n");
        return -1;
    }
    if (exclude_output(paths, n, o->output, list) != 0)
        return -1;
    *total_bytes = 0;
    *total_docs = 0;
    for (size_t i = 0; i < list->n; i++) {
        const zc_walk_entry_t *e = &list->entries[i];
        if (e->is_note) {
            fprintf(stderr, "zhclaim: %s: %s\n", e->path, e->problem);
            continue;
        }
        (*total_docs)++;
        *total_bytes += (double)e->size;
    }
    return 0;
}

int zc_cmd_extract(int argc, char **argv)
{
    extract_opts_t o;
    memset(&o, 0, sizeof o);
    o.max_bytes = ZC_DEFAULT_MAX_BYTES;
    o.doc_timeout = ZC_DEFAULT_DOC_TIMEOUT;
    o.memory_budget_mb = ZC_DEFAULT_MEMORY_BUDGET_MB;
    int p = parse_options(argc, argv, &o);
    if (p != 0)
        return p > 0 ? ZC_EXIT_OK : ZC_EXIT_USAGE;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    extract_run_t run;
    memset(&run, 0, sizeof run);
    const char *kill_after = getenv("ZHCLAIM_TEST_KILL_AFTER");
    run.kill_after = kill_after ? strtoul(kill_after, NULL, 10) : 0;

    zc_walk_list_t list = {0};
    zc_stream_t stream;
    double total_bytes = 0;
    size_t total_docs = 0;
    if (o.stdin_jsonl) {
        zc_stream_init(&stream, stdin);
        stream.max_line = zc_stream_line_limit(o.max_bytes);
        run.stream = &stream;
    } else {
        if (walk_all(argv + optind, argc - optind, &o, &list, &total_bytes, &total_docs) != 0) {
            zc_walk_list_free(&list);
            return ZC_EXIT_USAGE;
        }
        run.list = &list;
    }

    int status = ZC_EXIT_USAGE;
    zc_engine_t *engine = zc_cli_open_engine(&o.engine, o.with_sentence);
    if (!engine)
        goto out;
    if (zc_engine_plugin_count(engine) == 0)
        fprintf(stderr, "zhclaim: warning: no plugin loaded (see `zhclaim plugins`)\n");
    zc_error_t err;
    if (zc_sink_open(&run.sink, o.format, o.output, o.resume, &err) != 0) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        zc_engine_close(engine);
        goto out;
    }
    run.env = (zc_task_env_t){engine, o.max_bytes, o.format,
                              o.resume ? zc_sink_is_done : NULL, &run.sink};
    /* A bar on a terminal that also shows the records would garble them. */
    int records_on_tty = run.sink.out == stdout && isatty(STDOUT_FILENO);
    zc_progress_start(&run.progress, stderr, !o.quiet && !records_on_tty, total_docs,
                      total_bytes);
    install_signals();

    int pool_rc;
    if (o.in_process) {
        static const zc_pool_ops_t ops = {next_job, work_job, emit_outcome, discard_outcome};
        pool_rc = zc_pool_run(o.jobs, &ops, &run);
    } else {
        static const zc_proc_ops_t ops = {next_job,     put_job,  work_wire,
                                          get_outcome,  lost_outcome, job_cost,
                                          free_job,     emit_outcome, discard_outcome};
        zc_proc_config_t pc = {o.jobs, o.doc_timeout, (size_t)o.memory_budget_mb << 20,
                               &interrupted};
        pool_rc = zc_proc_run(&pc, &ops, &run);
    }
    zc_progress_finish(&run.progress);

    int fatal = run.failed_fatally;
    if (pool_rc != 0 && !fatal) {
        if (interrupted)
            snprintf(run.fatal.message, sizeof run.fatal.message,
                     "interrupted; %s", o.format == ZC_FORMAT_SQLITE
                         ? "the documents written are kept (--resume goes on)"
                         : "no output written");
        else if (run.stream && run.stream->read_error)
            snprintf(run.fatal.message, sizeof run.fatal.message, "stdin: read failed: %s",
                     strerror(run.stream->read_error));
        else
            snprintf(run.fatal.message, sizeof run.fatal.message,
                     "out of memory, or no worker could start");
        fatal = 1;
    }
    if (fatal)
        fprintf(stderr, "zhclaim: %s\n", run.fatal.message);
    if (!fatal && o.resume && run.list && report_stale(&run.sink, run.list, o.output,
                                                        o.prune) != 0)
        fatal = 1;
    /* A database keeps every complete document even after a fatal error:
     * they are valid, and --resume picks up from them. A text file is only
     * put in place when the run is complete. */
    int commit = !fatal || (o.format == ZC_FORMAT_SQLITE && !run.failed_fatally);
    if (zc_sink_close(&run.sink, commit, &err) != 0) {
        fprintf(stderr, "zhclaim: %s\n", err.message);
        fatal = 1;
    }
    if (!o.quiet)
        zc_stats_print(&run.stats, stderr, zc_seconds_since(&t0), o.resume);
    zc_engine_close(engine);
    status = fatal ? ZC_EXIT_USAGE : run.stats.failed ? ZC_EXIT_PARTIAL : ZC_EXIT_OK;
out:
    zc_stats_free(&run.stats);
    if (run.stream)
        zc_stream_free(run.stream);
    zc_walk_list_free(&list);
    return status;
}

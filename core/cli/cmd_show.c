/*
 * cmd_show.c - `zhclaim show PATH... -o report.html [--gold G.jsonl]`: a
 * self-contained review page of documents and their claims.
 *
 * The documents are extracted now (review_docs), each shown as its text
 * with every claim highlighted and a table of its claims (html_page). With
 * --gold the claims are scored (scorer) and misses and false positives are
 * marked. `-o DIR/` writes an index page and one page per document, so a
 * large folder never becomes one enormous page; `-o FILE` (or stdout) one
 * page with every document.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "html_page.h"
#include "decode.h"
#include "record_reader.h"
#include "review_docs.h"
#include "scorer.h"
#include "span_text.h"

#define ZC_SHOW_MAX_GOLD 64

typedef struct show_opts_t {
    zc_engine_opts_t engine;
    const char *output;
    const char *title;
    const char *gold[ZC_SHOW_MAX_GOLD];
    size_t n_gold;
} show_opts_t;

/* Everything the pages need, built once for the run. */
typedef struct show_run_t {
    zc_engine_t *engine;
    zc_review_docs_t docs;
    zc_rec_set_t gold, pred;
    int with_gold;
    zc_scoring_t scoring;
    size_t *first_pred;           /* per document: index of its first record in pred */
    const zc_rec_t **misses;      /* per document, a slice of this array */
    size_t *miss_at, *miss_n;
    zc_page_t page;               /* kinds shared by every page */
} show_run_t;

static void usage(FILE *out)
{
    fputs("usage: zhclaim show [options] PATH... -o report.html\n"
          "       zhclaim show [options] PATH... -o DIR/\n"
          "Writes a self-contained HTML review page (no network needed): each document's\n"
          "text with its claims highlighted by kind (hover or focus one for its record)\n"
          "and a sortable, filterable table of them.\n"
          "\n"
          "  -o, --output OUT    a page (default stdout), or DIR/ for an index page and\n"
          "                      one page per document (for folders)\n"
          "      --gold FILE     gold records: mark misses and false positives, with\n"
          "                      counts per kind (repeat for more files)\n"
          "      --title TEXT    the page title\n"
          "      --plugins a,b   run only these plugins\n"
          "      --plugin-dir DIR  also load plugins from DIR\n"
          "      --rules-dir DIR   also read rules from DIR\n",
          out);
}

static int parse_options(int argc, char **argv, show_opts_t *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'},
        {"gold", required_argument, 0, 'g'},
        {"title", required_argument, 0, 't'},
        {"plugins", required_argument, 0, 'p'},
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'g':
            if (o->n_gold >= ZC_SHOW_MAX_GOLD) {
                fprintf(stderr, "zhclaim: at most %d gold files\n", ZC_SHOW_MAX_GOLD);
                bad = 1;
            } else {
                o->gold[o->n_gold++] = optarg;
            }
            break;
        case 't': o->title = optarg; break;
        case 'p': o->engine.plugins = optarg; break;
        case 'P': bad = zc_cli_add_dir(o->engine.plugin_dirs, &o->engine.n_plugin_dirs, optarg); break;
        case 'R': bad = zc_cli_add_dir(o->engine.rules_dirs, &o->engine.n_rules_dirs, optarg); break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
        if (bad)
            return -1;
    }
    if (optind >= argc) {
        fputs("zhclaim: show needs at least one file or folder\n", stderr);
        usage(stderr);
        return -1;
    }
    return 0;
}

static int is_dir_output(const char *out)
{
    struct stat sb;
    size_t n = out ? strlen(out) : 0;
    return n && (out[n - 1] == '/' || (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)));
}

/* Kinds in a stable order: the scored three, then the others by name. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void collect_kinds(show_run_t *run)
{
    const char *other[ZC_PAGE_MAX_KINDS] = {0};
    size_t n_other = 0;
    int seen[ZC_SCORE_N_KINDS] = {0};
    for (size_t r = 0; r < run->pred.n + (run->with_gold ? run->gold.n : 0); r++) {
        const zc_rec_t *rec = r < run->pred.n ? &run->pred.recs[r] : &run->gold.recs[r - run->pred.n];
        if (r >= run->pred.n && run->scoring.gold_mark[r - run->pred.n] != ZC_GOLD_FN)
            continue;
        int k = zc_score_kind(rec->kind);
        if (k >= 0) {
            seen[k] = 1;
            continue;
        }
        size_t j = 0;
        while (j < n_other && strcmp(other[j], rec->kind) != 0) j++;
        if (j == n_other && n_other < ZC_PAGE_MAX_KINDS - ZC_SCORE_N_KINDS)
            other[n_other++] = rec->kind;
    }
    qsort(other, n_other, sizeof *other, by_name);
    for (int k = 0; k < ZC_SCORE_N_KINDS; k++)
        if (seen[k])
            zc_page_add_kind(&run->page, zc_score_kind_names[k]);
    for (size_t j = 0; j < n_other; j++)
        zc_page_add_kind(&run->page, other[j]);
}

/* Each document's false negatives: the gold records of its base name the
 * scorer found no prediction for. */
static int collect_misses(show_run_t *run)
{
    size_t nd = run->docs.n ? run->docs.n : 1;
    run->miss_at = calloc(nd, sizeof *run->miss_at);
    run->miss_n = calloc(nd, sizeof *run->miss_n);
    if (!run->miss_at || !run->miss_n)
        return -1;
    /* Two passes: count, then fill (documents may share a base name). */
    for (int fill = 0; fill < 2; fill++) {
        size_t used = 0;
        for (size_t d = 0; d < run->docs.n; d++) {
            run->miss_at[d] = used;
            const char *base = zc_rec_basename(run->docs.docs[d].path);
            for (size_t g = 0; run->with_gold && g < run->gold.n; g++)
                if (run->scoring.gold_mark[g] == ZC_GOLD_FN
                    && strcmp(zc_rec_basename(run->gold.recs[g].doc), base) == 0) {
                    if (fill)
                        run->misses[used] = &run->gold.recs[g];
                    used++;
                }
            run->miss_n[d] = used - run->miss_at[d];
        }
        if (!fill && !(run->misses = malloc((used ? used : 1) * sizeof *run->misses)))
            return -1;
    }
    return 0;
}

static int prepare(show_run_t *run, const show_opts_t *o, char **paths, size_t n_paths)
{
    run->engine = zc_cli_open_engine(&o->engine, 0);
    if (!run->engine)
        return -1;
    char err[600];
    for (size_t k = 0; k < o->n_gold; k++)
        if (zc_rec_set_read(&run->gold, o->gold[k], err, sizeof err) != 0) {
            fprintf(stderr, "zhclaim: gold %s\n", err);
            return -1;
        }
    run->with_gold = o->n_gold > 0;
    if (zc_review_docs_extract(run->engine, (const char *const *)paths, n_paths, &run->docs) != 0
        || zc_review_docs_records(&run->docs, &run->pred) != 0)
        goto oom;
    run->first_pred = calloc(run->docs.n ? run->docs.n : 1, sizeof *run->first_pred);
    if (!run->first_pred)
        goto oom;
    for (size_t d = 0, at = 0; d < run->docs.n; d++) {
        run->first_pred[d] = at;
        at += run->docs.docs[d].result ? run->docs.docs[d].result->n_claims : 0;
    }
    if (zc_score(&run->gold, &run->pred, &run->scoring) != 0 || collect_misses(run) != 0)
        goto oom;
    run->page.scoring = run->with_gold ? &run->scoring : NULL;
    run->page.with_gold = run->with_gold;
    collect_kinds(run);
    return 0;
oom:
    fputs("zhclaim: out of memory\n", stderr);
    return -1;
}

static void finish(show_run_t *run)
{
    free(run->first_pred);
    free(run->misses);
    free(run->miss_at);
    free(run->miss_n);
    zc_scoring_free(&run->scoring);
    zc_rec_set_free(&run->gold);
    zc_rec_set_free(&run->pred);
    zc_review_docs_free(&run->docs);
    if (run->engine)
        zc_engine_close(run->engine);
}

/* Write document d's section: its bytes are read again here, so only one
 * document's text is in memory at a time. */
static int write_doc(show_run_t *run, zc_page_t *page, size_t d, size_t doc_no)
{
    const zc_review_doc_t *doc = &run->docs.docs[d];
    zc_page_doc_t pd = {0};
    pd.path = doc->path;
    pd.result = doc->result;
    pd.error = doc->error;
    pd.with_gold = run->with_gold;
    pd.marks = run->scoring.pred_mark + run->first_pred[d];
    pd.misses = run->misses + run->miss_at[d];
    pd.n_misses = run->miss_n[d];
    zc_span_text_t text;
    unsigned char *bytes = NULL;
    size_t n = 0;
    zc_error_t err;
    int have_text = 0;
    char why[600] = "";
    if (doc->result) {
        if (zc_read_file(doc->path, &bytes, &n, &err) == ZC_OK
            && zc_span_text_load(doc->path, bytes, n, &text, &err) == ZC_OK) {
            have_text = 1;
            pd.text = &text;
        } else {
            snprintf(why, sizeof why, "%s", err.message);
            pd.error = why;
            fprintf(stderr, "zhclaim: %s\n", why);
        }
    }
    free(bytes);
    int rc = zc_page_doc(page, &pd, doc_no);
    if (have_text)
        zc_span_text_free(&text);
    return rc == 0 && !have_text && doc->result ? 1 : rc;
}

static void subtitle_for(const show_run_t *run, const show_opts_t *o, char *buf, size_t cap)
{
    size_t claims = run->pred.n, failed = 0;
    for (size_t d = 0; d < run->docs.n; d++)
        failed += run->docs.docs[d].error != NULL;
    int k = snprintf(buf, cap, "zhclaim %s: %zu document%s, %zu claim%s", zc_version(),
                     run->docs.n, run->docs.n == 1 ? "" : "s", claims, claims == 1 ? "" : "s");
    if (failed && k >= 0 && (size_t)k < cap)
        k += snprintf(buf + k, cap - (size_t)k, ", %zu failed", failed);
    for (size_t g = 0; g < o->n_gold && k >= 0 && (size_t)k < cap; g++)
        k += snprintf(buf + k, cap - (size_t)k, "%s%s", g ? ", " : "; gold: ",
                      zc_rec_basename(o->gold[g]));
}

static FILE *open_out(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "zhclaim: %s: %s\n", path, strerror(errno));
    return f;
}

static int close_out(FILE *f, const char *path, int rc)
{
    if (f != stdout) {
        if (fclose(f) != 0 && rc == 0)
            rc = -1;
    } else if (fflush(f) != 0) {
        rc = -1;
    }
    if (rc < 0)
        fprintf(stderr, "zhclaim: %s: write failed\n", path);
    return rc;
}

static int write_single(show_run_t *run, const show_opts_t *o)
{
    const char *path = o->output && strcmp(o->output, "-") != 0 ? o->output : NULL;
    FILE *f = path ? open_out(path) : stdout;
    if (!f)
        return -1;
    char sub[1024];
    subtitle_for(run, o, sub, sizeof sub);
    zc_page_t page = run->page;
    page.out = f;
    page.one_doc = run->docs.n == 1 && !o->title;
    const char *title = o->title ? o->title
                        : run->docs.n == 1 ? run->docs.docs[0].path : "zhclaim review";
    int rc = zc_page_begin(&page, title, sub, NULL), partial = 0;
    for (size_t d = 0; d < run->docs.n && rc >= 0; d++) {
        rc = write_doc(run, &page, d, d);
        partial |= rc > 0 || run->docs.docs[d].error != NULL;
    }
    if (rc >= 0)
        rc = zc_page_end(&page);
    rc = close_out(f, path ? path : "stdout", rc < 0 ? -1 : 0);
    return rc < 0 ? -1 : partial;
}

/* A page's file name: its number, then the base name in safe characters. */
static void page_name(const char *doc, size_t no, char *buf, size_t cap)
{
    int k = snprintf(buf, cap, "%04zu-", no + 1);
    size_t at = k > 0 ? (size_t)k : 0;
    for (const char *s = zc_rec_basename(doc); *s && at + 6 < cap; s++) {
        char c = *s;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                 || c == '.' || c == '-' || c == '_';
        buf[at++] = ok ? c : '_';
    }
    snprintf(buf + at, cap - at, ".html");
}

static int write_folder(show_run_t *run, const show_opts_t *o)
{
    const char *dir = o->output;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "zhclaim: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    size_t nd = run->docs.n;
    zc_index_row_t *rows = calloc(nd ? nd : 1, sizeof *rows);
    char (*names)[300] = calloc(nd ? nd : 1, sizeof *names);
    if (!rows || !names) {
        free(rows);
        free(names);
        fputs("zhclaim: out of memory\n", stderr);
        return -1;
    }
    char sub[1024];
    subtitle_for(run, o, sub, sizeof sub);
    int partial = 0, rc = 0;
    for (size_t d = 0; d < nd && rc >= 0; d++) {
        const zc_review_doc_t *doc = &run->docs.docs[d];
        page_name(doc->path, d, names[d], sizeof names[d]);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[d]);
        FILE *f = open_out(path);
        if (!f) {
            rc = -1;
            break;
        }
        zc_page_t page = run->page;
        page.out = f;
        page.one_doc = 1;
        page.scoring = NULL; /* the run's figures are on the index */
        rc = zc_page_begin(&page, doc->path, sub, "index.html");
        if (rc >= 0)
            rc = write_doc(run, &page, d, 0);
        partial |= rc > 0 || doc->error != NULL;
        if (rc >= 0)
            rc = zc_page_end(&page);
        rc = close_out(f, path, rc < 0 ? -1 : 0);
        rows[d] = (zc_index_row_t){doc->path, names[d], doc->result, doc->error, 0, 0};
        for (size_t i = 0; doc->result && i < doc->result->n_claims; i++)
            rows[d].fp += run->scoring.pred_mark[run->first_pred[d] + i] == ZC_PRED_FP;
        rows[d].fn = run->miss_n[d];
    }
    if (rc >= 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/index.html", dir);
        FILE *f = open_out(path);
        if (!f) {
            rc = -1;
        } else {
            zc_page_t page = run->page;
            page.out = f;
            rc = zc_page_begin(&page, o->title ? o->title : "zhclaim review", sub, NULL);
            if (rc >= 0)
                rc = zc_page_index(&page, rows, nd, run->with_gold);
            if (rc >= 0)
                rc = zc_page_end(&page);
            rc = close_out(f, path, rc);
        }
    }
    free(rows);
    free(names);
    return rc < 0 ? -1 : partial;
}

int zc_cmd_show(int argc, char **argv)
{
    show_opts_t o = {0};
    int prc = parse_options(argc, argv, &o);
    if (prc)
        return prc > 0 ? ZC_EXIT_OK : ZC_EXIT_USAGE;
    show_run_t run = {0};
    int rc = ZC_EXIT_USAGE;
    if (prepare(&run, &o, argv + optind, (size_t)(argc - optind)) == 0) {
        int w = is_dir_output(o.output) ? write_folder(&run, &o) : write_single(&run, &o);
        rc = w < 0 ? ZC_EXIT_USAGE : w > 0 ? ZC_EXIT_PARTIAL : ZC_EXIT_OK;
    }
    finish(&run);
    return rc;
}

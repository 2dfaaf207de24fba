/*
 * cmd_eval.c - `zhclaim eval --gold G.jsonl PRED...`: score records against
 * gold by the rules of SPEC section 7 (scorer.h), printing the figures
 * `score.py` prints: the P/R/F1 table and attribute lines, or with --json
 * its one summary line, and with --errors every FN, FP and ATTR line.
 *
 * PRED is any mix of JSON Lines files of records (a name ending .jsonl)
 * and documents or folders, which are extracted on the fly.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "decode.h"
#include "record_reader.h"
#include "review_docs.h"
#include "scorer.h"
#include "span_text.h"

#define ZC_EVAL_MAX 256
#define ZC_CONTEXT_CHARS 18

typedef struct eval_opts_t {
    zc_engine_opts_t engine;
    const char *gold[ZC_EVAL_MAX];
    size_t n_gold;
    const char *docs_dirs[ZC_EVAL_MAX];
    size_t n_docs_dirs;
    int errors;
    int json;
} eval_opts_t;

static void usage(FILE *out)
{
    fputs("usage: zhclaim eval --gold GOLD.jsonl [--gold MORE.jsonl] [options] PRED...\n"
          "Scores predicted claim records against gold records (SPEC section 7):\n"
          "precision, recall and F1 per kind (rate, count, amount) and overall, then\n"
          "each attribute's accuracy over the matched claims.\n"
          "PRED is a JSON Lines file of records (*.jsonl), or documents and folders\n"
          "to extract now; several may be given.\n"
          "\n"
          "  --gold FILE        gold records (SPEC section 6); repeat for more files\n"
          "  --errors           list misses (FN), false positives (FP) and wrong\n"
          "                     attributes (ATTR), with the text around each\n"
          "  --docs DIR         where the documents are, for --errors context (records'\n"
          "                     own paths and extracted documents are tried first)\n"
          "  --json             print one JSON summary line instead of the table\n"
          "  --plugins a,b      extract with only these plugins\n"
          "  --plugin-dir DIR   also load plugins from DIR\n"
          "  --rules-dir DIR    also read rules from DIR\n",
          out);
}

static int add(const char **list, size_t *n, const char *v, const char *what)
{
    if (*n >= ZC_EVAL_MAX) {
        fprintf(stderr, "zhclaim: at most %d %s\n", ZC_EVAL_MAX, what);
        return -1;
    }
    list[(*n)++] = v;
    return 0;
}

static int parse_options(int argc, char **argv, eval_opts_t *o)
{
    static const struct option longopts[] = {
        {"gold", required_argument, 0, 'g'},
        {"errors", no_argument, 0, 'e'},
        {"json", no_argument, 0, 'J'},
        {"docs", required_argument, 0, 'd'},
        {"plugins", required_argument, 0, 'p'},
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'g': bad = add(o->gold, &o->n_gold, optarg, "gold files"); break;
        case 'e': o->errors = 1; break;
        case 'J': o->json = 1; break;
        case 'd': bad = add(o->docs_dirs, &o->n_docs_dirs, optarg, "--docs folders"); break;
        case 'p': o->engine.plugins = optarg; break;
        case 'P': bad = zc_cli_add_dir(o->engine.plugin_dirs, &o->engine.n_plugin_dirs, optarg); break;
        case 'R': bad = zc_cli_add_dir(o->engine.rules_dirs, &o->engine.n_rules_dirs, optarg); break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
        if (bad)
            return -1;
    }
    if (o->n_gold == 0) {
        fputs("zhclaim: eval needs --gold FILE\n", stderr);
        usage(stderr);
        return -1;
    }
    if (optind >= argc) {
        fputs("zhclaim: eval needs the predictions: a .jsonl file, or documents or folders\n",
              stderr);
        usage(stderr);
        return -1;
    }
    return 0;
}

static int is_records_file(const char *path)
{
    size_t n = strlen(path);
    struct stat sb;
    return n > 6 && strcmp(path + n - 6, ".jsonl") == 0 && stat(path, &sb) == 0
           && S_ISREG(sb.st_mode);
}

/* --errors context: the last document loaded is kept, since the lines of
 * one document come together. */
typedef struct context_t {
    const eval_opts_t *opts;
    const zc_review_docs_t *extracted;
    const zc_rec_set_t *pred;  /* gold names a base name: a prediction has the path */
    char *doc;            /* the name asked for, or NULL */
    int ok;
    zc_span_text_t text;
} context_t;

static int try_load(context_t *cx, const char *path)
{
    unsigned char *bytes = NULL;
    size_t n = 0;
    zc_error_t err;
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)
        || zc_read_file(path, &bytes, &n, &err) != ZC_OK)
        return -1;
    zc_status_t st = zc_span_text_load(path, bytes, n, &cx->text, &err);
    free(bytes);
    return st == ZC_OK ? 0 : -1;
}

static void load_context_doc(context_t *cx, const char *doc)
{
    if (cx->doc && strcmp(cx->doc, doc) == 0)
        return;
    free(cx->doc);
    if (cx->ok)
        zc_span_text_free(&cx->text);
    cx->ok = 0;
    cx->doc = strdup(doc);
    if (!cx->doc)
        return;
    if (try_load(cx, doc) == 0) {
        cx->ok = 1;
        return;
    }
    const char *base = zc_rec_basename(doc);
    for (size_t k = 0; k < cx->extracted->n; k++)
        if (strcmp(zc_rec_basename(cx->extracted->docs[k].path), base) == 0
            && try_load(cx, cx->extracted->docs[k].path) == 0) {
            cx->ok = 1;
            return;
        }
    for (size_t k = 0; k < cx->pred->n; k++)
        if (strcmp(zc_rec_basename(cx->pred->recs[k].doc), base) == 0) {
            if (strcmp(cx->pred->recs[k].doc, doc) != 0 && try_load(cx, cx->pred->recs[k].doc) == 0) {
                cx->ok = 1;
                return;
            }
            break;
        }
    for (size_t k = 0; k < cx->opts->n_docs_dirs; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", cx->opts->docs_dirs[k], base);
        if (try_load(cx, path) == 0) {
            cx->ok = 1;
            return;
        }
    }
}

/* Code points [from, to) as UTF-8 on one line. */
static void put_chars(const zc_cptext_t *t, size_t from, size_t to, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = from; i < to && k + 5 < cap; i++) {
        int32_t cp = t->cp[i];
        if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\f')
            cp = ' ';
        unsigned c = (unsigned)cp;
        if (c < 0x80) out[k++] = (char)c;
        else if (c < 0x800) { out[k++] = (char)(0xC0 | (c >> 6)); out[k++] = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            out[k++] = (char)(0xE0 | (c >> 12)); out[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[k++] = (char)(0xF0 | (c >> 18)); out[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3F)); out[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[k] = 0;
}

static int context_of(void *user, const char *doc, size_t start, size_t end, char *left,
                      size_t left_cap, char *right, size_t right_cap)
{
    context_t *cx = user;
    load_context_doc(cx, doc);
    if (!cx->ok)
        return -1;
    const zc_cptext_t *t = &cx->text.text;
    size_t a = zc_span_text_at(&cx->text, start), b = zc_span_text_at(&cx->text, end);
    put_chars(t, a > ZC_CONTEXT_CHARS ? a - ZC_CONTEXT_CHARS : 0, a, left, left_cap);
    put_chars(t, b, b + ZC_CONTEXT_CHARS < t->len ? b + ZC_CONTEXT_CHARS : t->len, right,
              right_cap);
    return 0;
}

int zc_cmd_eval(int argc, char **argv)
{
    eval_opts_t o = {0};
    int prc = parse_options(argc, argv, &o);
    if (prc)
        return prc > 0 ? ZC_EXIT_OK : ZC_EXIT_USAGE;
    zc_rec_set_t gold = {0}, pred = {0};
    zc_review_docs_t docs = {0};
    zc_engine_t *engine = NULL;
    zc_scoring_t s;
    char err[600];
    int rc = ZC_EXIT_USAGE, scored = 0;
    for (size_t k = 0; k < o.n_gold; k++)
        if (zc_rec_set_read(&gold, o.gold[k], err, sizeof err) != 0) {
            fprintf(stderr, "zhclaim: gold %s\n", err);
            goto out;
        }
    const char *to_extract[ZC_EVAL_MAX];
    size_t n_extract = 0;
    for (int k = optind; k < argc; k++) {
        if (is_records_file(argv[k])) {
            if (zc_rec_set_read(&pred, argv[k], err, sizeof err) != 0) {
                fprintf(stderr, "zhclaim: predictions %s\n", err);
                goto out;
            }
        } else if (add(to_extract, &n_extract, argv[k], "paths to extract")) {
            goto out;
        }
    }
    int partial = 0;
    if (n_extract) {
        engine = zc_cli_open_engine(&o.engine, 0);
        if (!engine)
            goto out;
        if (zc_review_docs_extract(engine, to_extract, n_extract, &docs) != 0
            || zc_review_docs_records(&docs, &pred) != 0) {
            fputs("zhclaim: out of memory\n", stderr);
            goto out;
        }
        for (size_t k = 0; k < docs.n; k++)
            partial |= docs.docs[k].error != NULL;
    }
    if (zc_score(&gold, &pred, &s) != 0) {
        fputs("zhclaim: out of memory\n", stderr);
        goto out;
    }
    scored = 1;
    if (o.json)
        zc_score_write_json(stdout, &s);
    else
        zc_score_write_table(stdout, &s);
    if (o.errors) {
        context_t cx = {.opts = &o, .extracted = &docs, .pred = &pred};
        zc_score_write_errors(stdout, &gold, &pred, &s, context_of, &cx);
        free(cx.doc);
        if (cx.ok)
            zc_span_text_free(&cx.text);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("zhclaim: write failed\n", stderr);
        goto out;
    }
    rc = partial ? ZC_EXIT_PARTIAL : ZC_EXIT_OK;
out:
    if (scored)
        zc_scoring_free(&s);
    zc_rec_set_free(&gold);
    zc_rec_set_free(&pred);
    zc_review_docs_free(&docs);
    if (engine)
        zc_engine_close(engine);
    return rc;
}

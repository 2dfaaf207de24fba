/* scorer.c - matching predictions to gold and the figures that follow. */
#include "scorer.h"

#include <stdlib.h>
#include <string.h>

const char *const zc_score_kind_names[ZC_SCORE_N_KINDS] = {"rate", "count", "amount"};
const char *const zc_score_attr_names[ZC_ATTR_N] = {"unit", "approx", "subject", "metric",
                                                    "from"};

int zc_score_kind(const char *kind)
{
    for (int k = 0; k < ZC_SCORE_N_KINDS; k++)
        if (kind && strcmp(kind, zc_score_kind_names[k]) == 0)
            return k;
    return -1;
}

/* Values as printed by different writers (57.4 and 57.400000001, or
 * 33.333333333333336 and 33.33333333333333) are the same claim. */
static double absd(double x) { return x < 0 ? -x : x; }

static int same_value(double a, double b)
{
    double scale = absd(a) > absd(b) ? absd(a) : absd(b);
    double tol = 1e-6 * scale > 1e-6 ? 1e-6 * scale : 1e-6;
    return absd(a - b) <= tol;
}

static size_t overlap(const zc_rec_t *a, const zc_rec_t *b)
{
    size_t lo = a->start > b->start ? a->start : b->start;
    size_t hi = a->end < b->end ? a->end : b->end;
    return hi > lo ? hi - lo : 0;
}

static int stated(const char *s) { return s && s[0]; }

static int streq_null(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static int contains_either(const char *g, const char *p)
{
    return strstr(g, p) || strstr(p, g);
}

void zc_prf(const zc_prf_t *c, double *p, double *r, double *f1)
{
    *p = c->pred ? (double)c->tp / (double)c->pred : (c->gold ? 0.0 : 1.0);
    *r = c->gold ? (double)c->tp / (double)c->gold : 1.0;
    *f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* Records of one document: indexes sorted by base name, then file order. */
typedef struct doc_index_t {
    const zc_rec_set_t *set;
    size_t *ix;
    size_t n;
} doc_index_t;

static const zc_rec_set_t *sort_set;

static int by_doc(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(zc_rec_basename(sort_set->recs[i].doc), zc_rec_basename(sort_set->recs[j].doc));
    if (c)
        return c;
    return i < j ? -1 : i > j;
}

/* The scored records of a set (every gold record of a scored kind; the
 * predictions of a scored kind), grouped by document. */
static int index_set(const zc_rec_set_t *set, doc_index_t *d)
{
    d->set = set;
    d->n = 0;
    d->ix = malloc((set->n ? set->n : 1) * sizeof *d->ix);
    if (!d->ix)
        return -1;
    for (size_t k = 0; k < set->n; k++)
        if (zc_score_kind(set->recs[k].kind) >= 0)
            d->ix[d->n++] = k;
    /* qsort takes no user pointer; scoring is single-threaded. */
    sort_set = set;
    qsort(d->ix, d->n, sizeof *d->ix, by_doc);
    return 0;
}

typedef struct pair_t {
    size_t ov, g, p;
} pair_t;

static int by_overlap(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    if (x->ov != y->ov) return x->ov > y->ov ? -1 : 1;
    if (x->g != y->g) return x->g > y->g ? -1 : 1;
    if (x->p != y->p) return x->p > y->p ? -1 : 1;
    return 0;
}

static void judge_pair(const zc_rec_t *g, const zc_rec_t *p, zc_scoring_t *s, unsigned *wrong)
{
    s->attr_total[ZC_ATTR_UNIT]++;
    if (streq_null(g->unit, p->unit)) s->attr_right[ZC_ATTR_UNIT]++;
    else *wrong |= 1u << ZC_ATTR_UNIT;
    s->attr_total[ZC_ATTR_APPROX]++;
    if (streq_null(g->approx, p->approx)) s->attr_right[ZC_ATTR_APPROX]++;
    else *wrong |= 1u << ZC_ATTR_APPROX;
    const char *gs[2] = {g->subject, g->metric}, *ps[2] = {p->subject, p->metric};
    const int at[2] = {ZC_ATTR_SUBJECT, ZC_ATTR_METRIC};
    for (int k = 0; k < 2; k++) {
        if (!stated(gs[k]))
            continue;
        s->attr_total[at[k]]++;
        if (stated(ps[k])) {
            s->attr_stated[at[k]]++;
            if (contains_either(gs[k], ps[k])) {
                s->attr_right[at[k]]++;
                continue;
            }
        }
        *wrong |= 1u << at[k];
    }
    if (g->has_from) {
        s->attr_total[ZC_ATTR_FROM]++;
        if (p->has_from && same_value(g->from, p->from)) s->attr_right[ZC_ATTR_FROM]++;
        else *wrong |= 1u << ZC_ATTR_FROM;
    }
}

/* One document: gold gi[0, ng), predictions pi[0, np). */
static int score_doc(const zc_rec_set_t *gold, const size_t *gi, size_t ng,
                     const zc_rec_set_t *pred, const size_t *pi, size_t np, zc_scoring_t *s)
{
    size_t cap = 16, n = 0;
    pair_t *pairs = malloc(cap * sizeof *pairs);
    if (!pairs)
        return -1;
    for (size_t a = 0; a < ng; a++) {
        const zc_rec_t *g = &gold->recs[gi[a]];
        for (size_t b = 0; b < np; b++) {
            const zc_rec_t *p = &pred->recs[pi[b]];
            size_t ov = overlap(g, p);
            if (!ov || strcmp(g->kind, p->kind) != 0 || !same_value(g->value, p->value))
                continue;
            if (n == cap) {
                pair_t *m = realloc(pairs, 2 * cap * sizeof *pairs);
                if (!m) { free(pairs); return -1; }
                pairs = m;
                cap *= 2;
            }
            pairs[n++] = (pair_t){ov, gi[a], pi[b]};
        }
    }
    qsort(pairs, n, sizeof *pairs, by_overlap);
    for (size_t k = 0; k < n; k++) {
        if (s->gold_match[pairs[k].g] >= 0 || s->pred_match[pairs[k].p] >= 0)
            continue;
        s->gold_match[pairs[k].g] = (long)pairs[k].p;
        s->pred_match[pairs[k].p] = (long)pairs[k].g;
    }
    free(pairs);
    for (size_t a = 0; a < ng; a++) {
        size_t g = gi[a];
        const zc_rec_t *gr = &gold->recs[g];
        int kind = zc_score_kind(gr->kind);
        if (gr->optional) {
            s->gold_mark[g] = ZC_GOLD_OPTIONAL;
            continue;
        }
        s->kinds[kind].gold++;
        if (s->gold_match[g] < 0) {
            s->gold_mark[g] = ZC_GOLD_FN;
            continue;
        }
        s->gold_mark[g] = ZC_GOLD_TP;
        s->kinds[kind].tp++;
        judge_pair(gr, &pred->recs[s->gold_match[g]], s, &s->gold_wrong[g]);
    }
    for (size_t b = 0; b < np; b++) {
        size_t p = pi[b];
        const zc_rec_t *pr = &pred->recs[p];
        long m = s->pred_match[p];
        zc_pred_mark_t mark = ZC_PRED_FP;
        if (m >= 0) {
            mark = gold->recs[m].optional ? ZC_PRED_OPTIONAL : ZC_PRED_TP;
        } else {
            for (size_t a = 0; a < ng && mark == ZC_PRED_FP; a++)
                if (gold->recs[gi[a]].optional && overlap(&gold->recs[gi[a]], pr))
                    mark = ZC_PRED_OPTIONAL;
        }
        s->pred_mark[p] = mark;
        if (mark != ZC_PRED_OPTIONAL)
            s->kinds[zc_score_kind(pr->kind)].pred++;
    }
    return 0;
}

int zc_score(const zc_rec_set_t *gold, const zc_rec_set_t *pred, zc_scoring_t *s)
{
    memset(s, 0, sizeof *s);
    size_t ng = gold->n ? gold->n : 1, np = pred->n ? pred->n : 1;
    s->pred_mark = calloc(np, sizeof *s->pred_mark);
    s->pred_match = malloc(np * sizeof *s->pred_match);
    s->gold_mark = calloc(ng, sizeof *s->gold_mark);
    s->gold_match = malloc(ng * sizeof *s->gold_match);
    s->gold_wrong = calloc(ng, sizeof *s->gold_wrong);
    doc_index_t gd = {0}, pd = {0};
    int rc = -1;
    if (!s->pred_mark || !s->pred_match || !s->gold_mark || !s->gold_match || !s->gold_wrong
        || index_set(gold, &gd) || index_set(pred, &pd))
        goto out;
    for (size_t k = 0; k < pred->n; k++) s->pred_match[k] = -1;
    for (size_t k = 0; k < gold->n; k++) s->gold_match[k] = -1;
    /* Walk both sorted lists together, one document at a time; a
     * document with predictions and no gold is not scored. */
    size_t a = 0, b = 0;
    while (a < gd.n) {
        const char *doc = zc_rec_basename(gold->recs[gd.ix[a]].doc);
        size_t a2 = a;
        while (a2 < gd.n && strcmp(zc_rec_basename(gold->recs[gd.ix[a2]].doc), doc) == 0) a2++;
        while (b < pd.n && strcmp(zc_rec_basename(pred->recs[pd.ix[b]].doc), doc) < 0) b++;
        size_t b2 = b;
        while (b2 < pd.n && strcmp(zc_rec_basename(pred->recs[pd.ix[b2]].doc), doc) == 0) b2++;
        if (score_doc(gold, gd.ix + a, a2 - a, pred, pd.ix + b, b2 - b, s))
            goto out;
        a = a2;
        b = b2;
    }
    for (int k = 0; k < ZC_SCORE_N_KINDS; k++) {
        s->micro.gold += s->kinds[k].gold;
        s->micro.pred += s->kinds[k].pred;
        s->micro.tp += s->kinds[k].tp;
    }
    rc = 0;
out:
    free(gd.ix);
    free(pd.ix);
    if (rc)
        zc_scoring_free(s);
    return rc;
}

void zc_scoring_free(zc_scoring_t *s)
{
    free(s->pred_mark);
    free(s->pred_match);
    free(s->gold_mark);
    free(s->gold_match);
    free(s->gold_wrong);
    memset(s, 0, sizeof *s);
}

/* ---- printing ---- */

/* The shortest decimal that reads back as d, as Python prints a float
 * (so that --json lines compare equal to the reference scorer's). */
static void put_double(FILE *out, double d)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    fputs(buf, out);
    if (!strpbrk(buf, ".en"))
        fputs(".0", out);
}

static void put_ratio_or_null(FILE *out, size_t num, size_t den)
{
    if (den)
        put_double(out, (double)num / (double)den);
    else
        fputs("null", out);
}

static void put_prf_json(FILE *out, const zc_prf_t *c)
{
    double p, r, f;
    zc_prf(c, &p, &r, &f);
    fputs("{\"p\": ", out);
    put_double(out, p);
    fputs(", \"r\": ", out);
    put_double(out, r);
    fputs(", \"f1\": ", out);
    put_double(out, f);
    fprintf(out, ", \"gold\": %zu, \"pred\": %zu, \"tp\": %zu}", c->gold, c->pred, c->tp);
}

int zc_score_write_json(FILE *out, const zc_scoring_t *s)
{
    fputs("{\"micro\": ", out);
    put_prf_json(out, &s->micro);
    fputs(", \"kinds\": {", out);
    for (int k = 0; k < ZC_SCORE_N_KINDS; k++) {
        fprintf(out, "%s\"%s\": ", k ? ", " : "", zc_score_kind_names[k]);
        put_prf_json(out, &s->kinds[k]);
    }
    fputs("}, \"attrs\": {", out);
    for (int a = 0; a < ZC_ATTR_N; a++) {
        fprintf(out, "%s\"%s\": ", a ? ", " : "", zc_score_attr_names[a]);
        put_ratio_or_null(out, s->attr_right[a], s->attr_total[a]);
    }
    fputs("}, \"attr_counts\": {", out);
    for (int a = 0; a < ZC_ATTR_N; a++)
        fprintf(out, "%s\"%s\": [%zu, %zu]", a ? ", " : "", zc_score_attr_names[a],
                s->attr_right[a], s->attr_total[a]);
    fputs("}, \"attr_precision\": {", out);
    for (int a = ZC_ATTR_SUBJECT; a <= ZC_ATTR_METRIC; a++) {
        fprintf(out, "%s\"%s\": ", a > ZC_ATTR_SUBJECT ? ", " : "", zc_score_attr_names[a]);
        put_ratio_or_null(out, s->attr_right[a], s->attr_stated[a]);
    }
    fputs("}, \"attr_stated\": {", out);
    for (int a = ZC_ATTR_SUBJECT; a <= ZC_ATTR_METRIC; a++)
        fprintf(out, "%s\"%s\": [%zu, %zu]", a > ZC_ATTR_SUBJECT ? ", " : "",
                zc_score_attr_names[a], s->attr_right[a], s->attr_stated[a]);
    fputs("}}\n", out);
    return ferror(out) ? -1 : 0;
}

int zc_score_write_table(FILE *out, const zc_scoring_t *s)
{
    fprintf(out, "%-7s%7s%6s%6s%7s%7s%7s\n", "kind", "gold", "pred", "tp", "P", "R", "F1");
    for (int k = 0; k <= ZC_SCORE_N_KINDS; k++) {
        const zc_prf_t *c = k < ZC_SCORE_N_KINDS ? &s->kinds[k] : &s->micro;
        double p, r, f;
        zc_prf(c, &p, &r, &f);
        fprintf(out, "%-7s%7zu%6zu%6zu%7.3f%7.3f%7.3f\n",
                k < ZC_SCORE_N_KINDS ? zc_score_kind_names[k] : "all", c->gold, c->pred,
                c->tp, p, r, f);
    }
    fputs("attribute accuracy over matched claims:\n", out);
    for (int a = 0; a < ZC_ATTR_N; a++) {
        fprintf(out, "  %-8s %zu/%zu", zc_score_attr_names[a], s->attr_right[a],
                s->attr_total[a]);
        if (s->attr_total[a])
            fprintf(out, " = %.3f", (double)s->attr_right[a] / (double)s->attr_total[a]);
        if ((a == ZC_ATTR_SUBJECT || a == ZC_ATTR_METRIC) && s->attr_total[a]) {
            fprintf(out, "   (stated %zu/%zu", s->attr_stated[a], s->attr_total[a]);
            if (s->attr_stated[a])
                fprintf(out, ", right when stated %.3f",
                        (double)s->attr_right[a] / (double)s->attr_stated[a]);
            fputc(')', out);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

/* A number as its record wrote it. */
static const char *num_text(const char *text) { return text ? text : "?"; }

static void put_str_or_none(FILE *out, const char *s)
{
    if (s)
        fprintf(out, "'%s'", s);
    else
        fputs("None", out);
}

static void put_context(FILE *out, const zc_rec_t *r, zc_context_fn context, void *user)
{
    char left[256], right[256];
    /* The reference scorer's lines end "reason context", the context
     * empty when the document is not at hand. */
    fputc(' ', out);
    if (context && context(user, r->doc, r->start, r->end, left, sizeof left, right,
                           sizeof right) == 0)
        fprintf(out, "%s[%s]%s", left, r->text ? r->text : "", right);
    fputc('\n', out);
}

static void write_gold_line(FILE *out, const zc_rec_set_t *gold, size_t g,
                            const zc_rec_set_t *pred, const size_t *pi, size_t np,
                            const zc_scoring_t *s, zc_context_fn context, void *user)
{
    const zc_rec_t *gr = &gold->recs[g];
    const char *doc = zc_rec_basename(gr->doc);
    if (s->gold_mark[g] == ZC_GOLD_FN) {
        fprintf(out, "FN %s %s %s '%s' ", doc, gr->kind, num_text(gr->value_text),
                gr->text ? gr->text : "");
        int any = 0;
        for (size_t b = 0; b < np; b++) {
            const zc_rec_t *p = &pred->recs[pi[b]];
            if (!overlap(gr, p))
                continue;
            fprintf(out, "%s%s %s", any ? ", " : "wrong: ", p->kind, num_text(p->value_text));
            any = 1;
        }
        if (!any)
            fputs("missed", out);
        put_context(out, gr, context, user);
        return;
    }
    if (s->gold_mark[g] != ZC_GOLD_TP || !s->gold_wrong[g])
        return;
    const zc_rec_t *pr = &pred->recs[s->gold_match[g]];
    /* The reference scorer's order: what the claim is about first. */
    static const int order[ZC_ATTR_N] = {ZC_ATTR_SUBJECT, ZC_ATTR_METRIC, ZC_ATTR_UNIT,
                                         ZC_ATTR_APPROX, ZC_ATTR_FROM};
    for (int k = 0; k < ZC_ATTR_N; k++) {
        int a = order[k];
        if (!(s->gold_wrong[g] & (1u << a)))
            continue;
        fprintf(out, "ATTR %s %s %s '%s' %s: gold ", doc, pr->kind, num_text(pr->value_text),
                pr->text ? pr->text : "", zc_score_attr_names[a]);
        if (a == ZC_ATTR_FROM) {
            fprintf(out, "%s, got %s", num_text(gr->from_text),
                    pr->has_from ? num_text(pr->from_text) : "None");
        } else {
            const char *gv = a == ZC_ATTR_UNIT ? gr->unit : a == ZC_ATTR_APPROX ? gr->approx
                             : a == ZC_ATTR_SUBJECT ? gr->subject : gr->metric;
            const char *pv = a == ZC_ATTR_UNIT ? pr->unit : a == ZC_ATTR_APPROX ? pr->approx
                             : a == ZC_ATTR_SUBJECT ? pr->subject : pr->metric;
            put_str_or_none(out, gv);
            fputs(", got ", out);
            put_str_or_none(out, pv);
        }
        put_context(out, pr, context, user);
    }
}

int zc_score_write_errors(FILE *out, const zc_rec_set_t *gold, const zc_rec_set_t *pred,
                          const zc_scoring_t *s, zc_context_fn context, void *user)
{
    doc_index_t gd = {0}, pd = {0};
    if (index_set(gold, &gd) || index_set(pred, &pd)) {
        free(gd.ix);
        return -1;
    }
    size_t a = 0, b = 0;
    while (a < gd.n) {
        const char *doc = zc_rec_basename(gold->recs[gd.ix[a]].doc);
        size_t a2 = a;
        while (a2 < gd.n && strcmp(zc_rec_basename(gold->recs[gd.ix[a2]].doc), doc) == 0) a2++;
        while (b < pd.n && strcmp(zc_rec_basename(pred->recs[pd.ix[b]].doc), doc) < 0) b++;
        size_t b2 = b;
        while (b2 < pd.n && strcmp(zc_rec_basename(pred->recs[pd.ix[b2]].doc), doc) == 0) b2++;
        for (size_t k = a; k < a2; k++)
            write_gold_line(out, gold, gd.ix[k], pred, pd.ix + b, b2 - b, s, context, user);
        for (size_t k = b; k < b2; k++) {
            const zc_rec_t *p = &pred->recs[pd.ix[k]];
            if (s->pred_mark[pd.ix[k]] != ZC_PRED_FP)
                continue;
            fprintf(out, "FP %s %s %s '%s' ", doc, p->kind, num_text(p->value_text),
                    p->text ? p->text : "");
            put_context(out, p, context, user);
        }
        a = a2;
        b = b2;
    }
    free(gd.ix);
    free(pd.ix);
    return ferror(out) ? -1 : 0;
}

/*
 * scorer.h - predicted records against gold records, SPEC section 7.
 *
 * A prediction matches a gold record when the documents' base names are
 * equal, the kinds are equal, the byte spans overlap and the values are
 * equal (within 1e-6, relative or absolute). Only rate, count and amount
 * are scored; predictions for documents the gold does not cover are left
 * out. Each record is matched at most once: the candidate pairs are taken
 * largest overlap first (on equal overlap, the later gold record, then the
 * later prediction), so a prediction goes to the gold record it covers
 * best. An optional gold record (SPEC section 6) is neither rewarded nor
 * penalised: a prediction matched to it, or overlapping it unmatched, is
 * not counted at all.
 *
 * Attributes are judged over the pairs with a required gold record: unit
 * and approx on every pair, subject and metric where the gold states one
 * (right when one string contains the other; "stated" when the prediction
 * has one too), from where the gold has one.
 */
#ifndef ZC_CLI_SCORER_H
#define ZC_CLI_SCORER_H

#include <stddef.h>
#include <stdio.h>

#include "record_reader.h"

enum { ZC_SCORE_RATE, ZC_SCORE_COUNT, ZC_SCORE_AMOUNT, ZC_SCORE_N_KINDS };
enum { ZC_ATTR_UNIT, ZC_ATTR_APPROX, ZC_ATTR_SUBJECT, ZC_ATTR_METRIC, ZC_ATTR_FROM,
       ZC_ATTR_N };

/* What became of a prediction. */
typedef enum zc_pred_mark_t {
    ZC_PRED_UNSCORED,  /* a kind not scored, or a document without gold */
    ZC_PRED_TP,        /* matched a required gold record */
    ZC_PRED_FP,        /* matched nothing */
    ZC_PRED_OPTIONAL   /* matched or overlaps an optional gold record */
} zc_pred_mark_t;

/* What became of a gold record. */
typedef enum zc_gold_mark_t {
    ZC_GOLD_UNSCORED,  /* a kind not scored */
    ZC_GOLD_TP,
    ZC_GOLD_FN,
    ZC_GOLD_OPTIONAL   /* optional, matched or not */
} zc_gold_mark_t;

typedef struct zc_prf_t {
    size_t gold, pred, tp;
} zc_prf_t;

typedef struct zc_scoring_t {
    zc_prf_t kinds[ZC_SCORE_N_KINDS];
    zc_prf_t micro;
    size_t attr_right[ZC_ATTR_N];
    size_t attr_total[ZC_ATTR_N];
    size_t attr_stated[ZC_ATTR_N];  /* subject and metric only */
    zc_pred_mark_t *pred_mark;      /* per prediction */
    long *pred_match;               /* gold index, or -1 */
    zc_gold_mark_t *gold_mark;      /* per gold record */
    long *gold_match;               /* prediction index, or -1 */
    unsigned *gold_wrong;           /* per gold: bit (1 << ZC_ATTR_x) when wrong */
} zc_scoring_t;

extern const char *const zc_score_kind_names[ZC_SCORE_N_KINDS];
extern const char *const zc_score_attr_names[ZC_ATTR_N];

/* The index of a scored kind, or -1. */
int zc_score_kind(const char *kind);

/* Score pred against gold into *out (its arrays are the caller's, freed
 * by zc_scoring_free). Returns 0, or -1 when memory ran out. */
int zc_score(const zc_rec_set_t *gold, const zc_rec_set_t *pred, zc_scoring_t *out);
void zc_scoring_free(zc_scoring_t *s);

/* Precision, recall and F1 as the reference scorer defines them when a
 * side is empty: no predictions and no gold is perfect; no predictions
 * against some gold is 0 precision; no gold is full recall. */
void zc_prf(const zc_prf_t *c, double *p, double *r, double *f1);

/* The text around a span of a document, for --errors: writes the left and
 * right context (UTF-8, blanks folded to spaces) or returns -1 when the
 * document cannot be read. */
typedef int (*zc_context_fn)(void *user, const char *doc, size_t start, size_t end,
                             char *left, size_t left_cap, char *right, size_t right_cap);

/* The error lines, documents in name order, each document's gold records
 * in gold order (ATTR and FN), then its false positives in prediction
 * order (FP). context may be NULL. Returns 0 or -1 on a write error. */
int zc_score_write_errors(FILE *out, const zc_rec_set_t *gold, const zc_rec_set_t *pred,
                          const zc_scoring_t *s, zc_context_fn context, void *user);

/* The summary table and the attribute lines. */
int zc_score_write_table(FILE *out, const zc_scoring_t *s);
/* One JSON line: micro, kinds, attrs, attr_counts, attr_precision,
 * attr_stated. */
int zc_score_write_json(FILE *out, const zc_scoring_t *s);

#endif

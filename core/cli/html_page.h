/*
 * html_page.h - the self-contained review pages `zhclaim show` writes.
 *
 * A page carries its stylesheet and script inline (assets/review.css and
 * review.js, compiled in) and fetches nothing. Each document is a section:
 * its text with every claim highlighted, and a table of its claims.
 *
 * The markup contract: every record is exactly one element of class
 * `claim` with `data-kind`, `data-start` and `data-end` (the record's
 * span) and `data-i` (its index in the document's records). Where claims
 * overlap, the later one nests in the earlier and is cut at its end on the
 * screen; its attributes keep the whole span. With gold, a claim also has
 * class `tp`, `fp` (a false positive as the scorer defines it) or `nc`
 * (not counted: a kind the scorer leaves out, or an optional gold record),
 * and each miss is an element of class `miss` with the same data-
 * attributes.
 */
#ifndef ZC_CLI_HTML_PAGE_H
#define ZC_CLI_HTML_PAGE_H

#include <stddef.h>
#include <stdio.h>

#include "record_reader.h"
#include "scorer.h"
#include "span_text.h"
#include "zhclaim/zhclaim.h"

#define ZC_PAGE_MAX_KINDS 64

/* One document as a page shows it. */
typedef struct zc_page_doc_t {
    const char *path;
    const zc_result_t *result;         /* NULL when it failed */
    const zc_span_text_t *text;        /* NULL when it could not be decoded */
    const char *error;                 /* why it failed, or NULL */
    int with_gold;
    const zc_pred_mark_t *marks;       /* with gold: one per claim */
    const zc_rec_t *const *misses;     /* with gold: its false negatives */
    size_t n_misses;
} zc_page_doc_t;

typedef struct zc_page_t {
    FILE *out;
    const zc_scoring_t *scoring;       /* the whole run's figures to print, or NULL */
    int with_gold;                     /* the legend shows misses and false positives */
    const char *kinds[ZC_PAGE_MAX_KINDS]; /* colour by order of first sight */
    size_t n_kinds;
    size_t docs_written;
    int one_doc;                       /* the title names the document: no heading */
} zc_page_t;

/* The legend's kinds: every kind among the documents' claims (and gold
 * misses), in a fixed order (rate, count, amount first), so that a colour
 * means the same kind on every page of a run. */
void zc_page_add_kind(zc_page_t *p, const char *kind);

/* Head, inline CSS, the top bar (title, subtitle, legend; with scoring,
 * the P/R/F1 table). back_href: a link back to the index, or NULL. */
int zc_page_begin(zc_page_t *p, const char *title, const char *subtitle,
                  const char *back_href);
/* One document's section; doc_no numbers it on the page. */
int zc_page_doc(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no);
/* The tooltip, the inline script, the end. Returns -1 on a write error. */
int zc_page_end(zc_page_t *p);

/* The index of a folder's pages: one row per document. */
typedef struct zc_index_row_t {
    const char *path;
    const char *href;                  /* its page */
    const zc_result_t *result;         /* NULL when it failed */
    const char *error;
    size_t fp, fn;                     /* with gold */
} zc_index_row_t;

int zc_page_index(zc_page_t *p, const zc_index_row_t *rows, size_t n, int with_gold);

/* Write s[0, n) escaped for HTML text and attribute values. */
void zc_html_escape(FILE *out, const char *s, size_t n);

#endif

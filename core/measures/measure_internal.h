/*
 * measure_internal.h - the pieces of the extraction loop, one file each:
 *   candidate.c     a number -> a candidate claim (unit, range, exclusions,
 *                   qualifiers);
 *   phrase.c        subjects and metrics;
 *   links.c         lists, 分别, changes (from).
 * Plugins reach all of it through zc_host_t.measure_open/measure_extract.
 */
#ifndef ZC_MEASURE_INTERNAL_H
#define ZC_MEASURE_INTERNAL_H

#include <stddef.h>

#include "measure_run.h"

/* What the candidates of one sentence [lo, hi) ask about it: where its
 * first quote or title mark ends and where its clauses start. One forward
 * pass finds both, run lazily only as far as asked (zc_sent_reach), instead
 * of a scan back per number. */
#define ZC_SENT_BREAKS 64
typedef struct zc_sent_t {
    size_t lo, hi;
    size_t scanned;   /* [lo, scanned) is read; a code point boundary */
    size_t mark_end;  /* end of the first '"' “ ” 《 》 「 」 『 』, or SIZE_MAX */
    size_t n_breaks;  /* clause starts after lo (just after a clause end) */
    int cut;          /* more than ZC_SENT_BREAKS: later ones are not kept */
    size_t breaks[ZC_SENT_BREAKS];  /* ascending */
} zc_sent_t;

/* Start on sentence [lo, hi); reads nothing yet. */
void zc_sent_init(zc_sent_t *s, size_t lo, size_t hi);

/* Read the sentence at least up to pos. */
void zc_sent_reach(zc_sent_t *s, const char *t, size_t pos);

/* zc_clause_start(t, s->lo, pos) for s->lo <= pos <= s->hi. */
size_t zc_sent_clause_start(zc_sent_t *s, const char *t, size_t pos);

/* Build the candidate for doc->numbers[idx] in sentence s. Returns 1 and
 * sets *used (1, or 2 for a range whose second number is taken). */
int zc_cand_build(const zc_common_t *cm, const zc_kind_ops_t *ops,
                  zc_call_t *call, const zc_doc_view_t *doc, size_t idx,
                  zc_sent_t *s, zc_cand_t *c, size_t *used);

/* Start of the clause holding pos: just after the last , ; : 。 ! ? before
 * it, or lo. */
size_t zc_clause_start(const char *t, size_t lo, size_t pos);

/* Clean t[a, b) into a subject: drop a leading date or number run and the
 * head_strip words, the tail_strip words and fillers at the end, keep what
 * follows the last 的, and keep at most the last ZC_PHRASE_MAX_CHARS
 * characters. Writes a NUL-terminated string; returns its length. */
#define ZC_PHRASE_MAX_CHARS 16
size_t zc_phrase_clean(const zc_common_t *cm, const char *t, size_t a,
                       size_t b, char *out, size_t cap);

/* Fill subject and metric of the candidates c[0, n) of sentence s;
 * numbers are doc's (to find phrase edges). */
void zc_phrase_fill(const zc_common_t *cm, const zc_kind_ops_t *ops,
                    const zc_doc_view_t *doc, zc_sent_t *s,
                    zc_cand_t *c, size_t n);

/* Group lists and apply 分别 and changes to c[0, n) of one sentence. Run
 * zc_links_groups before zc_phrase_fill and zc_links_apply after. */
void zc_links_groups(const zc_common_t *cm, const char *t, zc_cand_t *c,
                     size_t n);
void zc_links_apply(const zc_common_t *cm, const zc_kind_ops_t *ops,
                    const char *t, zc_sent_t *s,
                    zc_cand_t *c, size_t n);

/* Copy t[a, b) into out (cap bytes), cutting on a code point boundary. */
size_t zc_copy_text(const char *t, size_t a, size_t b, char *out, size_t cap);

#endif

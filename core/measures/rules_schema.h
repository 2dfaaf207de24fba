/*
 * rules_schema.h - the columns of the word lists in rules/common/, checked
 * and parsed once when a list loads (zc_lexicon_load_typed), so that the
 * reader compares small integers at match time and a typo in a column
 * (adjecent) fails the load instead of being silently never matched.
 *
 * A line is WORD, then TAB-separated columns (lexicon.h). Each column of a
 * schema is one of:
 *   keyword  a closed set of words; its value is 1 + the word's index in
 *            the set, 0 when the column is empty;
 *   approx   an approx sign (= ~ > >= < <=); its value the zc_approx_t;
 *   integer  a whole number in [lo, hi]; its value the number;
 *   text     anything; its value 0 (the text is zc_word_t.field[i]).
 * A column is required or may be empty (a line may stop before it). More
 * columns than the schema has are a mistake too.
 *
 * Messages number the columns as an editor shows them: WORD is column 1,
 * field[0] column 2.
 */
#ifndef ZC_RULES_SCHEMA_H
#define ZC_RULES_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

typedef enum zc_col_kind_t {
    ZC_COL_TEXT = 0,
    ZC_COL_KEYWORD,
    ZC_COL_APPROX,
    ZC_COL_INT
} zc_col_kind_t;

typedef struct zc_rules_col_t {
    const char *name;          /* as the file's header names it: ROLE */
    zc_col_kind_t kind;
    int required;              /* 0: may be empty */
    const char *const *words;  /* keyword: the set, NULL-terminated */
    int lo, hi;                /* integer: the range; both fit an int8_t */
} zc_rules_col_t;

typedef struct zc_rules_schema_t {
    int n_cols;                            /* columns after WORD */
    zc_rules_col_t col[ZC_LEX_MAX_FIELDS];
} zc_rules_schema_t;

/* Check the columns cols[0, n_cols) of one line (WORD excluded) and write
 * their values to out[0, ZC_LEX_MAX_FIELDS) (0 past the last column).
 * Returns 0, or -1 with why (why_len bytes) saying what is wrong, without
 * the file and line, which the caller knows. */
int zc_rules_schema_read(const zc_rules_schema_t *schema,
                         const char *const *cols, int n_cols, int8_t *out,
                         char *why, size_t why_len);

/* The schemas of rules/common/ (measure_run.c lists which file has which).
 * Columns are named by their index in zc_word_t.field. */

/* A word alone: fillers, head_strip, tail_strip, not_after, not_metrics,
 * object_verbs, qualifiers_mid, range_sep. */
extern const zc_rules_schema_t zc_schema_words;

/* qualifiers_before.txt: WORD APPROX [REACH]; qualifiers_after.txt: WORD
 * APPROX. */
#define ZC_QUAL_APPROX 0
#define ZC_QUAL_REACH 1
enum { ZC_REACH_NEAR = 0, ZC_REACH_ADJACENT, ZC_REACH_CLAUSE };
extern const zc_rules_schema_t zc_schema_qualifiers_before;
extern const zc_rules_schema_t zc_schema_qualifiers_after;

/* change.txt: WORD ROLE. */
#define ZC_CHANGE_ROLE 0
enum { ZC_ROLE_OPEN = 1, ZC_ROLE_TO, ZC_ROLE_JOIN };
extern const zc_rules_schema_t zc_schema_change;

/* continues.txt: WORD [COMPARE]. */
#define ZC_CONTINUES_COMPARE 0
enum { ZC_COMPARE = 1 };
extern const zc_rules_schema_t zc_schema_continues;

/* metrics.txt: WORD [SHOWN-AS] [FLAG] [SHARE]. */
#define ZC_METRIC_SHOWN 0
#define ZC_METRIC_FLAG 1
#define ZC_METRIC_SHARE 2
enum { ZC_FLAG_NOUN = 1, ZC_FLAG_BEFORE };
enum { ZC_SHARE = 1 };
extern const zc_rules_schema_t zc_schema_metrics;

/* not_subjects.txt: WORD WHERE. */
#define ZC_NOT_SUBJECT_WHERE 0
enum { ZC_WHERE_HEAD = 1, ZC_WHERE_TAIL, ZC_WHERE_DROP };
extern const zc_rules_schema_t zc_schema_not_subjects;

/* places.txt and set_terms.txt: NAME [FULL], FULL a text the document must
 * also hold. */
#define ZC_NAME_FULL 0
extern const zc_rules_schema_t zc_schema_names;

/* scales.txt: WORD EXP. */
#define ZC_SCALE_EXP 0
extern const zc_rules_schema_t zc_schema_scales;

/* subject_stop.txt: WORD [KEEP]. */
#define ZC_STOP_KEEP 0
enum { ZC_KEEP = 1 };
extern const zc_rules_schema_t zc_schema_subject_stop;

#endif

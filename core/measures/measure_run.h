/*
 * measure_run.h - the measure reader: the extraction loop every plugin
 * reaches through zc_host_t.measure_open/measure_extract (measure_kind.c
 * turns a plugin's zc_measure_def_t into the zc_kind_ops_t below).
 *
 * A kind supplies what is its own (how its unit reads after a number, and
 * any veto); this loop does the rest the same way for every kind:
 *
 *   1. for each number the core found, in its sentence: read the kind's unit
 *      after it (allowing 多/余 between: 40多项, 50余名, and a scale word
 *      after them: 900多万户) or after a range (5~6个, 5-6个, 5至6个,
 *      5%-6%; 30~50万元 scales both ends);
 *   2. drop exclusions (rules/common/exclude.re + the kind's own; quoted
 *      slogans and 《titles》);
 *   3. read qualifiers before and after (rules/common/qualifiers_*.txt);
 *   4. per sentence: group lists (A、B和C), give 分别 lists their subjects in
 *      order, pair changes 由/从/把/将 A ... 到/至/为 B (B gets from = A), and
 *      find each claim's subject and metric (phrase.c).
 *
 * Work stays within a number's sentence: nothing scans the whole text per
 * number. Candidates live in a fixed array on the stack; nothing allocated
 * in extract() outlives it.
 */
#ifndef ZC_MEASURE_RUN_H
#define ZC_MEASURE_RUN_H

#include <stddef.h>

#include "lexicon.h"
#include "patterns.h"
#include "zhclaim/plugin.h"

#define ZC_SUBJECT_MAX 96  /* bytes, subject and metric buffers */

/* What a plugin's unit reader found after a number. */
typedef zc_measure_unit_t zc_unit_hit_t; /* plugin.h, ABI 1.3 */

/* One claim being built. */
typedef struct zc_cand_t {
    size_t num_start;           /* the (first) number */
    size_t start, end;          /* the span emitted */
    size_t lead;                /* start of qualifiers/fillers before it */
    long num_index;
    zc_decimal_t value;
    int has_range;
    zc_decimal_t range_low, range_high;
    zc_unit_hit_t hit;
    zc_approx_t approx;
    int has_from;
    zc_decimal_t from;
    int group;                  /* index of the list group's first member */
    int subj_after;             /* the subject was read after the claim */
    char subject[ZC_SUBJECT_MAX];
    char metric[ZC_SUBJECT_MAX];
} zc_cand_t;

struct zc_common_t;

/* A kind's own part. */
typedef struct zc_kind_ops_t {
    const char *kind;
    const void *self;
    /* Read the kind's unit at text[pos, hi) for number n; 1 and *hit on
     * success. */
    int (*unit_at)(const void *self, const zc_doc_view_t *doc,
                   const zc_number_t *n, size_t pos, size_t hi,
                   zc_unit_hit_t *hit);
    /* Optional: accept a number with no unit (bare counts). */
    int (*bare)(const void *self, const struct zc_common_t *common,
                const zc_doc_view_t *doc, const zc_number_t *n, size_t lo,
                size_t hi, zc_unit_hit_t *hit);
    /* Optional: 1 to drop a number the kind knows is not its claim (run
     * once its unit is read, before the exclusions and qualifiers). */
    int (*veto)(const void *self, const zc_doc_view_t *doc,
                const zc_number_t *n);
    /* Optional: adjust a built candidate once, after its range and
     * qualifiers are read (a currency named before it: 港币5~6亿元). */
    void (*finish)(const void *self, const zc_doc_view_t *doc, zc_cand_t *c);
    int subject_after;  /* 1: the noun after the classifier first (counts);
                           2: a noun right after the unit first (amounts:
                           200亿元专项资金); 0: only after 的 */
    const zc_patterns_t *exclude; /* the kind's own exclusions, or NULL */
    /* Optional: words that begin with a unit word and are no unit (成为,
     * 元旦): a unit read from the text loses to a longer one of them. */
    const zc_lexicon_t *not_units;
    /* Optional: a word right before the number (第3亩) or right after the
     * unit (亩产1000斤) that rules the claim out. */
    const zc_lexicon_t *not_before;
    const zc_lexicon_t *not_after;
    /* Optional: a word of it must stand before the number in its clause
     * (降水 for 毫米 as rainfall). */
    const zc_lexicon_t *context;
} zc_kind_ops_t;

/* Rules every extractor shares, loaded from rules/common/ with their
 * columns checked and parsed (rules_schema.h; measure_run.c says which
 * file has which columns). */
typedef struct zc_common_t {
    const zc_host_t *host;
    zc_lexicon_t q_before;   /* qualifiers before a number: word, approx, reach */
    zc_lexicon_t q_after;    /* qualifiers after the unit: word, approx */
    zc_lexicon_t q_mid;      /* between number and unit: 多 余 */
    zc_lexicon_t fillers;    /* verbs/particles between a word and a number */
    zc_lexicon_t range_sep;  /* ~ - — 至 到 */
    zc_lexicon_t not_after;  /* words after a number that make it a date... */
    zc_lexicon_t metrics;    /* metric words: word, shown-as, flag, share */
    zc_lexicon_t head_strip; /* dropped at the start of a subject */
    zc_lexicon_t tail_strip; /* dropped at the end of a subject */
    zc_lexicon_t stop;       /* end a subject read after a classifier */
    zc_lexicon_t continues;  /* a clause starting so continues the last topic */
    zc_lexicon_t change;     /* open 由/从..., to 到/至/为..., join 和/、 */
    zc_lexicon_t scales;     /* 万 亿 ... after 多/余: 900多万户 */
    zc_lexicon_t not_metrics; /* nouns starting with a metric: 增加值 */
    zc_lexicon_t object_verbs; /* 安排 引进 ...: the object is the subject */
    zc_lexicon_t places;     /* gazetteer names holding numerals: 三门县 */
    zc_lexicon_t set_terms;  /* 三次产业 五大发展理念: no count inside */
    zc_lexicon_t not_subjects; /* heads, tails and light verbs no subject has */
    zc_patterns_t exclude;
} zc_common_t;

/* Load (free) the rules every kind shares; the engine does it once and
 * every measure shares the result (word_cache.h). */
zc_status_t zc_common_load(zc_common_t *c, const zc_plugin_init_t *args);
void zc_common_free(zc_common_t *c);
/* Whether name ("common/range_sep.txt") is one of them, and its lexicon in
 * c (NULL when it is none). */
int zc_common_has(const char *name);
const zc_lexicon_t *zc_common_find(const zc_common_t *c, const char *name);

/* Find and emit every claim of ops->kind in doc. */
zc_status_t zc_extract_run(const zc_common_t *common, const zc_kind_ops_t *ops,
                           const zc_doc_view_t *doc, zc_call_t *call);

#endif

/*
 * zc_measure.h - reading "a number and a unit from a lexicon" for the
 * small plugins (duration, area): everything they share, so a plugin keeps
 * only its unit table, its exclusions and its own decision.
 *
 * Forms read, from one number of doc->numbers (the words in [] are
 * optional, each from a rules file):
 *
 *   [before] number [sep number] [mid] [classifier] [mid] [half] unit [half] [after]
 *
 *   before      rules/common/qualifiers_before.txt (约 ~, 超过 >), or a
 *               plugin's context word (近两年), the longer of the two
 *   sep number  a range: rules/common/range_sep.txt (3-5, 3至5), the second
 *               number right after the mark
 *   mid         rules/common/qualifiers_mid.txt (4930余亩, 三个多月): ">"
 *   classifier  a plugin's classifier lexicon (两个小时), if it has one
 *   half        a plugin's word standing just before or after the unit
 *               (两个半月, 一年半), if it has one; reported, not computed
 *   unit        the plugin's units lexicon (required)
 *   after       rules/common/qualifiers_after.txt (以上 >=, 左右 ~), or a
 *               plugin's context word (两年内 <=), the longer of the two
 *
 * The first qualifier read sets the approx (mid, then before, then after);
 * the span covers it. A word whose approx is "=" (三年来) is context only:
 * it stays outside the span. The plugin's not_before lexicon (第3亩) and
 * not_after lexicon, checked right after the unit and half (亩产, 3年级),
 * rule the number out.
 */
#ifndef ZC_MEASURE_H
#define ZC_MEASURE_H

#include <stddef.h>

#include "zc_lexicon.h"
#include "zhclaim/plugin.h"

/* The shared word lists of rules/common/, loaded once per plugin: four of
 * zc_common_t's, read from the same table (zc_extract.c). */
typedef struct zc_measure_words_t {
    zc_lexicon_t q_before;  /* word -> approx (约 ~, 超过 >) */
    zc_lexicon_t q_mid;     /* 多, 余 between number and unit (>) */
    zc_lexicon_t q_after;   /* word -> approx (以上 >=, 左右 ~) */
    zc_lexicon_t range_sep; /* ~ - 至 到 */
} zc_measure_words_t;

/* Load (free) the four lists; load logs which file failed and why, and
 * frees what it had loaded. */
zc_status_t zc_measure_words_load(zc_measure_words_t *w,
                                  const zc_plugin_init_t *args);
void zc_measure_words_free(zc_measure_words_t *w);

/* What one plugin reads: its own lexicons, NULL where it has none. */
typedef struct zc_measure_spec_t {
    const zc_measure_words_t *words;
    const zc_lexicon_t *units;          /* required */
    const zc_lexicon_t *not_before;     /* right before the number */
    const zc_lexicon_t *not_after;      /* right after the unit (and half) */
    const zc_lexicon_t *classifiers;    /* between number and unit */
    const zc_lexicon_t *context_before; /* word before the number */
    const zc_lexicon_t *context_after;  /* word -> approx, after the unit */
    const char *half;                   /* a word next to the unit */
} zc_measure_spec_t;

/* What was read. rec holds the span, the value (and range), the approx and
 * the unit; kind and struct_size are the plugin's to fill. */
typedef struct zc_measure_t {
    zc_record_t rec;
    size_t used;                 /* numbers read: 1, or 2 for a range */
    const zc_lex_entry_t *unit;  /* the units entry (its fields) */
    int mid;                     /* 多/余 was read */
    int classifier;              /* a classifier was read */
    int half;                    /* the half word was read */
    int context;                 /* any qualifier, context word or range */
} zc_measure_t;

/* Read doc->numbers[i] in the form above. Returns 0 (m then means nothing)
 * when no unit follows or an exclusion rules it out, else 1. */
int zc_measure_read(const zc_measure_spec_t *spec, const zc_doc_view_t *doc,
                    size_t i, zc_measure_t *m);

#endif

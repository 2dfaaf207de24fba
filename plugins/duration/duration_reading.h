/*
 * duration_reading.h - reading "a number and a time unit" for the
 * duration plugin, with the host's word lists (zc_host_t.words_load):
 *
 *   [before] number [sep number] [mid] [classifier] [mid] [half] unit [half] [after]
 *
 *   before      rules/common/qualifiers_before.txt (约 ~, 超过 >), or a
 *               context word (近两年), the longer of the two
 *   sep number  a range: rules/common/range_sep.txt (3-5, 3至5), the second
 *               number right after the mark
 *   mid         rules/common/qualifiers_mid.txt (三个多月): ">"
 *   classifier  rules/duration/classifiers.txt (两个小时)
 *   half        半, just before or after the unit (两个半月, 一年半)
 *   unit        rules/duration/units.txt
 *   after       rules/common/qualifiers_after.txt (以上 >=, 左右 ~), or a
 *               context word (两年内 <=), the longer of the two
 *
 * The first qualifier read sets the approx (mid, then before, then after);
 * the span covers it. A word whose approx is "=" (三年来) is context only:
 * it stays outside the span. not_before (第3天) and not_after (3年级),
 * checked right after the unit and half, rule the number out.
 *
 * The host's measure reader (measure_open) is not used: a duration's span,
 * its context words and 半 are its own, and it has no subject.
 */
#ifndef DURATION_READING_H
#define DURATION_READING_H

#include <stddef.h>

#include "zhclaim/plugin.h"

/* The word lists a duration is read with, each the host's (valid until
 * the engine closes). */
typedef struct zc_duration_words_t {
    const zc_words_t *q_before;       /* word -> approx (约 ~, 超过 >) */
    const zc_words_t *q_mid;          /* 多, 余 between number and unit */
    const zc_words_t *q_after;        /* word -> approx (以上 >=, 左右 ~) */
    const zc_words_t *range_sep;      /* ~ - 至 到 */
    const zc_words_t *units;          /* word -> unit, needs, no-classifier */
    const zc_words_t *classifiers;    /* 个 */
    const zc_words_t *context_before; /* 近 用 连续 ... */
    const zc_words_t *context_after;  /* word -> approx: 内 <=, 来 = ... */
    const zc_words_t *not_before;     /* 第, 月 */
    const zc_words_t *not_after;      /* 月 度 级 年 前 ... */
} zc_duration_words_t;

/* Load every list through host->words_load (which logs what failed). */
zc_status_t zc_duration_words_load(const zc_plugin_init_t *args,
                                   zc_duration_words_t *w);

/* What was read. rec holds the span, the value (and range), the approx and
 * the unit; kind and struct_size are the caller's to fill. */
typedef struct zc_duration_reading_t {
    zc_record_t rec;
    size_t used;             /* numbers read: 1, or 2 for a range */
    const zc_word_t *unit;   /* the units entry (its columns) */
    int mid;                 /* 多/余 was read */
    int classifier;          /* a classifier was read */
    int half;                /* 半 was read */
    int context;             /* any qualifier, context word or range */
} zc_duration_reading_t;

/* Read doc->numbers[i] in the form above. Returns 0 (m then means
 * nothing) when no unit follows or an exclusion rules it out, else 1. */
int zc_duration_read(const zc_host_t *host, const zc_duration_words_t *w,
                     const zc_doc_view_t *doc, size_t i,
                     zc_duration_reading_t *m);

#endif

/*
 * patterns.h - exclusion patterns read from a rules file.
 *
 * Format (rules/common/exclude.re, rules/<kind>/exclude.re): one rule a line,
 * TAB-separated, '#' comments:
 *     after   PATTERN           matched anchored at the end of the number
 *     before  PATTERN           must match just before the number: a PCRE2
 *                               lookbehind body, so each top-level
 *                               alternative has a fixed length
 *     both    BEFORE  AFTER     both must hold
 * A number is excluded when any rule holds. The after rules and the before
 * rules are each joined into one pattern and compiled once in init, so a
 * number costs two anchored matches (plus one pair per "both" rule).
 */
#ifndef ZC_PATTERNS_H
#define ZC_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/plugin.h"

#define ZC_PATTERNS_MAX_BOTH 32

/* A set of code points kept as 1024 hashed bits: a clear bit proves a code
 * point is not in the set. any: every code point (a rule the loader could
 * not read this way, or one that can match no character at all). */
typedef struct zc_cpset_t {
    uint64_t bits[16];
    int any;
} zc_cpset_t;

typedef struct zc_patterns_t {
    const zc_host_t *host;
    zc_regex_t *after;   /* NULL when the file has no such rule */
    zc_regex_t *before;
    size_t n_both;
    zc_regex_t *both_before[ZC_PATTERNS_MAX_BOTH];
    zc_regex_t *both_after[ZC_PATTERNS_MAX_BOTH];
    /* The code points a rule's match can begin with (after the number) or
     * end with (before it), read from the patterns' text at load: most
     * numbers have neighbours no rule starts with, and this test spares
     * them the regex matches. */
    zc_cpset_t after_first;
    zc_cpset_t before_last;
    zc_cpset_t both_last[ZC_PATTERNS_MAX_BOTH];
    zc_cpset_t both_first[ZC_PATTERNS_MAX_BOTH];
} zc_patterns_t;

/* Load and compile rules file name. Logs the file, line and reason when a
 * pattern does not compile. */
zc_status_t zc_patterns_load(zc_patterns_t *p, const zc_plugin_init_t *args,
                             const char *name);
void zc_patterns_free(zc_patterns_t *p);

/* True when a rule excludes the number whose text is [start, end) in the
 * sentence text[lo, hi). Rules see a few characters around the number. */
int zc_patterns_exclude(const zc_patterns_t *p, zc_call_t *call,
                        const char *text, size_t lo, size_t hi, size_t start,
                        size_t end);

#endif

/*
 * regex.h - PCRE2 as the host offers it to plugins.
 *
 * Patterns are compiled once (UTF, Unicode properties, JIT where the machine
 * allows it) and matched with limits, so a pathological rule cannot hang a
 * batch: a match that hits the limit fails for that match alone.
 */
#ifndef ZC_CORE_REGEX_H
#define ZC_CORE_REGEX_H

#include "zhclaim/plugin.h"

/* Per-thread state of matching: PCRE2 match data sized for
 * ZC_MATCH_MAX_GROUPS. Owned by the zc_call_t that uses it. */
typedef struct zc_matcher_t zc_matcher_t;

zc_matcher_t *zc_matcher_new(void);
void zc_matcher_free(zc_matcher_t *m);

zc_status_t zc_regex_compile(const char *pattern, uint32_t options,
                             zc_regex_t **out, char *err, size_t err_len);
void zc_regex_free(zc_regex_t *re);
int zc_regex_group(const zc_regex_t *re, const char *name);
/* An option of zc_regex_match() only the host sets: the subject is known
 * to be valid UTF-8 and start lies on a character boundary. */
#define ZC_REGEX_TRUSTED_UTF8 (1u << 31)

/* 1 match, 0 none, -1 limit or error. */
int zc_regex_match(zc_matcher_t *matcher, const zc_regex_t *re,
                   const char *subject, size_t len, size_t start,
                   uint32_t options, zc_match_t *m);
/* The same into the caller's groups[0, capacity); *n_groups (may be NULL)
 * gets the number of groups the pattern has, group 0 included. */
int zc_regex_match_groups(zc_matcher_t *matcher, const zc_regex_t *re,
                          const char *subject, size_t len, size_t start,
                          uint32_t options, zc_match_group_t *groups,
                          size_t capacity, size_t *n_groups);

#endif

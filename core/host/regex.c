/* regex.c - PCRE2 compile and match for plugins. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

/* Rules run on short windows around numbers; a match needing more steps
 * than this is a runaway pattern, not a claim. */
#define ZC_MATCH_LIMIT 200000
#define ZC_DEPTH_LIMIT 10000

/* JIT code cannot honour PCRE2_ANCHORED given at match time (PCRE2 falls
 * back to its interpreter), and plugins anchor most of their matches; so an
 * anchored twin is compiled beside the pattern and chosen per match. */
struct zc_regex_t {
    pcre2_code *code;
    pcre2_code *anchored;
};

struct zc_matcher_t {
    pcre2_match_data *data;
    pcre2_match_context *context;
};

zc_matcher_t *zc_matcher_new(void)
{
    zc_matcher_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->data = pcre2_match_data_create(ZC_MATCH_MAX_GROUPS, NULL);
    m->context = pcre2_match_context_create(NULL);
    if (!m->data || !m->context) {
        zc_matcher_free(m);
        return NULL;
    }
    pcre2_set_match_limit(m->context, ZC_MATCH_LIMIT);
    pcre2_set_depth_limit(m->context, ZC_DEPTH_LIMIT);
    return m;
}

void zc_matcher_free(zc_matcher_t *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->data);
    pcre2_match_context_free(m->context);
    free(m);
}

zc_status_t zc_regex_compile(const char *pattern, uint32_t options,
                             zc_regex_t **out, char *err, size_t err_len)
{
    uint32_t flags = PCRE2_UTF | PCRE2_UCP;
    if (options & ZC_RE_CASELESS)
        flags |= PCRE2_CASELESS;
    if (options & ZC_RE_EXTENDED)
        flags |= PCRE2_EXTENDED;
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   flags, &code, &offset, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        if (err && err_len)
            snprintf(err, err_len, "%s at offset %zu", (const char *)msg,
                     (size_t)offset);
        return ZC_ERR_PATTERN;
    }
    pcre2_code *anchored = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                         flags | PCRE2_ANCHORED, &code, &offset, NULL);
    zc_regex_t *r = malloc(sizeof *r);
    if (!r || !anchored) {
        pcre2_code_free(re);
        pcre2_code_free(anchored);
        free(r);
        return ZC_ERR_NOMEM;
    }
    /* JIT is an optimisation: where it is unavailable the interpreter runs
     * the same pattern, so its failure is not an error. */
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    (void)pcre2_jit_compile(anchored, PCRE2_JIT_COMPLETE);
    r->code = re;
    r->anchored = anchored;
    *out = r;
    return ZC_OK;
}

void zc_regex_free(zc_regex_t *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    pcre2_code_free(re->anchored);
    free(re);
}

int zc_regex_group(const zc_regex_t *re, const char *name)
{
    int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return n < 0 ? -1 : n;
}

int zc_regex_match(zc_matcher_t *matcher, const zc_regex_t *re,
                   const char *subject, size_t len, size_t start,
                   uint32_t options, zc_match_t *m)
{
    const pcre2_code *code = (options & ZC_RE_ANCHORED) ? re->anchored : re->code;
    uint32_t flags = (options & ZC_REGEX_TRUSTED_UTF8) ? PCRE2_NO_UTF_CHECK : 0;
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, flags,
                         matcher->data, matcher->context);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(matcher->data);
    uint32_t pairs = pcre2_get_ovector_count(matcher->data);
    if (pairs > ZC_MATCH_MAX_GROUPS)
        pairs = ZC_MATCH_MAX_GROUPS;
    /* rc == 0 means the ovector was too small; every pair is then set. */
    int filled = rc == 0 ? (int)pairs : rc;
    if (m) {
        m->n_groups = filled;
        for (int i = 0; i < ZC_MATCH_MAX_GROUPS; i++) {
            if (i < filled && ov[2 * i] != PCRE2_UNSET) {
                m->start[i] = ov[2 * i];
                m->end[i] = ov[2 * i + 1];
            } else {
                m->start[i] = m->end[i] = ZC_MATCH_UNSET;
            }
        }
    }
    return 1;
}

int zc_regex_match_groups(zc_matcher_t *matcher, const zc_regex_t *re,
                          const char *subject, size_t len, size_t start,
                          uint32_t options, zc_match_group_t *groups,
                          size_t capacity, size_t *n_groups)
{
    const pcre2_code *code = (options & ZC_RE_ANCHORED) ? re->anchored : re->code;
    uint32_t captures = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
    size_t pattern_groups = (size_t)captures + 1;
    if (n_groups)
        *n_groups = pattern_groups;
    /* The matcher's data holds ZC_MATCH_MAX_GROUPS pairs; a pattern with
     * more groups that the caller wants gets match data of its own size. */
    size_t wanted = capacity < pattern_groups ? capacity : pattern_groups;
    pcre2_match_data *data = matcher->data;
    pcre2_match_data *own = NULL;
    if (wanted > ZC_MATCH_MAX_GROUPS) {
        own = pcre2_match_data_create_from_pattern(code, NULL);
        if (!own)
            return -1;
        data = own;
    }
    uint32_t flags = (options & ZC_REGEX_TRUSTED_UTF8) ? PCRE2_NO_UTF_CHECK : 0;
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, flags, data,
                         matcher->context);
    int result = rc == PCRE2_ERROR_NOMATCH ? 0 : rc < 0 ? -1 : 1;
    if (result == 1) {
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(data);
        size_t pairs = pcre2_get_ovector_count(data);
        size_t filled = rc == 0 ? pairs : (size_t)rc;
        for (size_t i = 0; i < wanted; i++) {
            if (i < filled && ov[2 * i] != PCRE2_UNSET) {
                groups[i].start = ov[2 * i];
                groups[i].end = ov[2 * i + 1];
            } else {
                groups[i].start = groups[i].end = ZC_MATCH_UNSET;
            }
        }
    }
    pcre2_match_data_free(own);
    return result;
}

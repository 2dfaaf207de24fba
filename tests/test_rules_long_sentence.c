/* test_rules_long_sentence.c - the rules plugin stays linear in a long
 * sentence (issue 10's repro: 20,000 weights in one sentence): the bytes of
 * text it hands to the regex engine, summed over every match call, stay a
 * small multiple of the text's length, however many candidates share the
 * sentence (a call that finds a match is counted up to the match's end,
 * where the engine stops; one that finds none, to the subject's end).
 * Counted by wrapping the core's zc_regex_match (the link uses
 * --wrap); the speed itself is a benchmark's business. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "regex.h"
#include "zhclaim/testkit.h"

static size_t calls, offered;

int __real_zc_regex_match(zc_matcher_t *matcher, const zc_regex_t *re, const char *subject,
                          size_t len, size_t start, uint32_t options, zc_match_t *m);
int __wrap_zc_regex_match(zc_matcher_t *matcher, const zc_regex_t *re, const char *subject,
                          size_t len, size_t start, uint32_t options, zc_match_t *m);

int __wrap_zc_regex_match(zc_matcher_t *matcher, const zc_regex_t *re, const char *subject,
                          size_t len, size_t start, uint32_t options, zc_match_t *m)
{
    calls++;
    int rc = __real_zc_regex_match(matcher, re, subject, len, start, options, m);
    offered += (rc == 1 ? m->end[0] : len) - start;
    return rc;
}

/* '，'.join(one(i) for i in range(n)) + '。' */
static char *sentence(size_t n, int with_excluded)
{
    size_t cap = n * 24 + 8, used = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) {
        /* Every fifth an exclusion (吨级: a ship's class, no weight). */
        const char *f = with_excluded && i % 5 == 4 ? "%s%zu吨级船" : "%s产%zu吨";
        used += (size_t)snprintf(s + used, cap - used, f, i ? "，" : "", i % 90 + 1);
    }
    snprintf(s + used, cap - used, "。");
    return s;
}

static void run_case(size_t n, int with_excluded, size_t *n_claims, size_t *per_byte)
{
    zc_testkit_t *kit = NULL;
    zc_error_t err;
    if (zc_testkit_open(ZC_TEST_PLUGIN_DIR, "rules", ZC_TEST_RULES_DIR, &kit, &err) != ZC_OK)
        fail_msg("%s", err.message);
    char *text = sentence(n, with_excluded);
    calls = offered = 0;
    zc_result_t *r = NULL;
    assert_int_equal(zc_testkit_run(kit, text, &r, &err), ZC_OK);
    *n_claims = r->n_claims;
    *per_byte = offered / strlen(text);
    zc_result_free(r);
    free(text);
    zc_testkit_close(kit);
}

static void twenty_thousand_weights_in_one_sentence(void **state)
{
    (void)state;
    size_t n_claims, per_byte;
    run_case(20000, 0, &n_claims, &per_byte);
    assert_int_equal(n_claims, 20000);
    /* Before the fix: each candidate rescanned the sentence from its start,
     * about 20,000 bytes offered per byte of text. */
    if (per_byte > 16)
        fail_msg("%zu bytes offered to the regex engine per byte of text", per_byte);
}

static void exclusions_in_a_long_sentence(void **state)
{
    (void)state;
    size_t small_claims, small_per_byte, big_claims, big_per_byte;
    run_case(1000, 1, &small_claims, &small_per_byte);
    run_case(20000, 1, &big_claims, &big_per_byte);
    /* The excluded fifth gives no record; the rest do. */
    assert_int_equal(small_claims, 800);
    assert_int_equal(big_claims, 16000);
    /* Work per byte does not grow with the sentence. */
    if (big_per_byte > small_per_byte + 2 || big_per_byte > 16)
        fail_msg("%zu bytes offered per byte at 1,000 candidates, %zu at 20,000",
                 small_per_byte, big_per_byte);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(twenty_thousand_weights_in_one_sentence),
        cmocka_unit_test(exclusions_in_a_long_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

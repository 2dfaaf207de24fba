/*
 * test_host.c - host services as a plugin calls them: which subjects the
 * host trusts to be valid UTF-8 when matching.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine_internal.h"
#include "host.h"

static void quiet(void *user, zc_log_level_t level, const char *msg)
{
    (void)user;
    (void)level;
    (void)msg;
}

/* A window of the document's text that starts inside a character is not
 * trusted, whatever start says and whatever options the plugin passes:
 * PCRE2 checks it and refuses it (-1) instead of matching invalid UTF-8. */
static void test_regex_trust_is_the_hosts(void **state)
{
    (void)state;
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.no_default_dirs = 1;
    cfg.no_plugins = 1;
    cfg.on_message = quiet;
    zc_engine_t *e = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &e, &err), ZC_OK);

    char text[] = "中文abc"; /* E4 B8 AD E6 96 87 a b c */
    zc_docrun_t run;
    memset(&run, 0, sizeof run);
    run.doc = "mem";
    run.norm.text = text;
    run.norm.len = strlen(text);
    zc_call_t call;
    zc_call_begin(&call, e, NULL, &run);
    const zc_host_t *host = zc_host_table();
    zc_regex_t *re = NULL;
    char why[256];
    assert_int_equal(host->regex_compile("(?<=.)文", 0, &re, why, sizeof why), ZC_OK);
    zc_match_t m;

    /* The whole text, and a window on boundaries: matched (the look-behind
     * makes PCRE2 read, and check, the bytes before start). */
    assert_int_equal(host->regex_match(&call, re, text, run.norm.len, 0, 0, &m), 1);
    assert_int_equal(m.start[0], 3);
    assert_int_equal(host->regex_match(&call, re, text, 6, 3, 0, &m), 1);
    /* From the second byte of 中, with start on 文's first byte. */
    assert_int_equal(host->regex_match(&call, re, text + 1, run.norm.len - 1, 2,
                                       0, &m), -1);
    assert_int_equal(host->regex_match(&call, re, text + 1, run.norm.len - 1, 2,
                                       ZC_REGEX_TRUSTED_UTF8, &m), -1);
    /* A plugin's own buffer is never trusted, even if it asks. */
    char copy[] = "\xB8\xAD文";
    assert_int_equal(host->regex_match(&call, re, copy, strlen(copy), 2,
                                       ZC_REGEX_TRUSTED_UTF8, &m), -1);

    host->regex_free(re);
    zc_call_done(&call);
    zc_matcher_free(run.matcher); /* the document's, as extract.c does */
    zc_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regex_trust_is_the_hosts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_testkit.c - the plugin test kit's own functions that need no plugin:
 * zc_testkit_format on results built by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zhclaim/testkit.h"

/* A claim longer than any fixed line buffer: the length returned is the
 * whole text's (snprintf's contract), whatever the buffer. */
static void test_format_long_claim(void **state)
{
    (void)state;
    size_t text_len = 10000;
    char *text = malloc(text_len + 1);
    assert_non_null(text);
    memset(text, 'x', text_len);
    text[text_len] = '\0';
    zc_claim_t claims[2];
    memset(claims, 0, sizeof claims);
    claims[0].kind = "count";
    claims[0].value = (zc_decimal_t){5, 0};
    claims[0].unit = "项";
    claims[0].text = text;
    claims[0].subject = "措施";
    claims[1] = claims[0];
    claims[1].text = "5项";
    claims[1].subject = NULL;
    claims[1].approx = ZC_APPROX_ABOUT;
    zc_result_t res;
    memset(&res, 0, sizeof res);
    res.claims = claims;
    res.n_claims = 2;

    const char *line2 = "count\t5\t项\t5项\t~\n";
    size_t want = strlen("count\t5\t项\t") + text_len
                  + strlen("\t=\tsubject=措施\n") + strlen(line2);
    assert_int_equal(zc_testkit_format(&res, NULL, 0), want);

    char *buf = malloc(want + 1);
    assert_non_null(buf);
    assert_int_equal(zc_testkit_format(&res, buf, want + 1), want);
    assert_int_equal(strlen(buf), want);
    assert_memory_equal(buf, "count\t5\t项\txxx", strlen("count\t5\t项\txxx"));
    assert_string_equal(buf + want - strlen(line2) - strlen("\t=\tsubject=措施\n"),
                        "\t=\tsubject=措施\ncount\t5\t项\t5项\t~\n");

    /* One byte short: cut, terminated, same length returned. */
    assert_int_equal(zc_testkit_format(&res, buf, want), want);
    assert_int_equal(strlen(buf), want - 1);
    char small[16];
    assert_int_equal(zc_testkit_format(&res, small, sizeof small), want);
    assert_int_equal(strlen(small), sizeof small - 1);
    free(buf);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_long_claim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

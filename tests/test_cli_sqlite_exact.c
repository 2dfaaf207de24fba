/*
 * test_cli_sqlite_exact.c - SQLite keeps every value exactly: the REAL
 * column holds 15-17 digits, the *_text column beside it the decimal as
 * printed in JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_support.h"

static void test_decimals_survive_sqlite(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *doc = fmt("%s/big.txt", dir);
    const char *text = "增长0.12345678901234567%,由3.1至4.2项。\n";
    zc_test_write_file(doc, text, strlen(text));
    char *out = NULL;
    assert_int_equal(run(&out, "%s extract -q %s -o %s/out.sqlite 2>&1", ZC_TEST_BINARY, doc,
                         dir), 0);
    free(out);
    assert_int_equal(run(&out, "sqlite3 -separator '|' %s/out.sqlite \"SELECT kind, value_text,"
                               " range_low_text, range_high_text, value FROM records\"", dir), 0);
    /* The exact text beside the REAL, which has lost the last digits. */
    assert_non_null(strstr(out, "rate|0.12345678901234567|||0.123456789012346\n"));
    assert_non_null(strstr(out, "count|3.1|3.1|4.2|3.1\n"));
    free(out);
    /* The old columns still answer the old queries. */
    assert_int_equal(run(&out, "sqlite3 %s/out.sqlite \"SELECT count(*) FROM claims WHERE"
                               " value > 3 AND range_high = 4.2\"", dir), 0);
    assert_string_equal(out, "1\n");
    free(out);
    zc_test_remove_tree(dir);
    free(doc);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimals_survive_sqlite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

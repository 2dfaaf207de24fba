/*
 * test_cli_plugin_opts.c - the command's side of the plugin platform:
 * --plugin-opt reaches a plugin's init() and `zhclaim plugins` shows it;
 * --strict turns load-time warnings into exit status 2; the help text of
 * each command lists every flag it takes.
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

#define ABI_DIR ZC_ABI_PLUGIN_DIR

static void test_plugin_opt_reaches_the_plugin(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *doc = fmt("%s/d.txt", dir);
    zc_test_write_file(doc, "有3台和12台。\n", strlen("有3台和12台。\n"));
    char *out = NULL;
    assert_int_equal(run(&out, "%s extract --plugin-dir %s --plugins "
                               "fixture_options --plugin-opt fixture_options.unit=台 "
                               "--plugin-opt fixture_options.min=5 -q %s 2>&1",
                         ZC_TEST_BINARY, ABI_DIR, doc), 0);
    assert_int_equal(count_lines(out), 1);
    assert_non_null(strstr(out, "\"text\":\"12\",\"value\":12,\"unit\":\"台\""));
    free(out);

    assert_int_equal(run(&out, "%s plugins --plugin-dir %s --plugins fixture_options "
                               "--plugin-opt fixture_options.unit=台 2>&1",
                         ZC_TEST_BINARY, ABI_DIR), 0);
    assert_non_null(strstr(out, "  option unit = 台 (default 件): the unit every record gets\n"));
    assert_non_null(strstr(out, "  option min = 0 (default 0): "));
    assert_non_null(strstr(out, "  option nodefault = (unset) (default none): "));
    free(out);

    /* Malformed: a usage error naming the option. */
    assert_int_equal(run(&out, "%s extract --plugin-opt unit=台 %s 2>&1", ZC_TEST_BINARY, doc), 2);
    assert_non_null(strstr(out, "--plugin-opt unit=台: expected NAME.KEY=VALUE"));
    free(out);
    zc_test_remove_tree(dir);
    free(doc);
    free(dir);
}

static void test_strict_makes_load_warnings_fatal(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *doc = fmt("%s/d.txt", dir);
    zc_test_write_file(doc, "有3台。\n", strlen("有3台。\n"));
    char *out = NULL;
    /* A stray option: warned and run without --strict ... */
    assert_int_equal(run(&out, "%s extract --plugin-dir %s --plugins fixture_options "
                               "--plugin-opt fixture_options.colour=red -q %s 2>&1",
                         ZC_TEST_BINARY, ABI_DIR, doc), 0);
    assert_non_null(strstr(out, "plugin fixture_options has no option colour"));
    assert_non_null(strstr(out, "\"kind\":\"count\""));
    free(out);
    /* ... fatal with it, and nothing is written. */
    assert_int_equal(run(&out, "%s extract --strict --plugin-dir %s --plugins fixture_options "
                               "--plugin-opt fixture_options.colour=red -q %s 2>&1",
                         ZC_TEST_BINARY, ABI_DIR, doc), 2);
    assert_non_null(strstr(out, "--strict: 1 problem loading the plugins"));
    assert_null(strstr(out, "\"kind\""));
    free(out);
    /* A plugin selected that does not load (a refused one looks the same
     * to the user). */
    assert_int_equal(run(&out, "%s extract --strict --plugins nosuch -q %s 2>&1",
                         ZC_TEST_BINARY, doc), 2);
    free(out);
    /* A clean load passes --strict. */
    assert_int_equal(run(&out, "%s extract --strict --plugin-dir %s --plugins fixture_options -q %s",
                         ZC_TEST_BINARY, ABI_DIR, doc), 0);
    free(out);
    zc_test_remove_tree(dir);
    free(doc);
    free(dir);
}

/* Every --flag a command's source declares is in its --help. */
static void check_help_lists(const char *cmd, const char *source)
{
    char *src = zc_test_read_file(source, NULL);
    assert_non_null(src);
    char *help = NULL;
    assert_int_equal(run(&help, "%s %s --help", ZC_TEST_BINARY, cmd), 0);
    size_t checked = 0;
    for (const char *p = strstr(src, "{\""); p; p = strstr(p + 1, "{\"")) {
        const char *end = strchr(p + 2, '"');
        if (!end || !strstr(end, "_argument"))
            continue;
        char flag[64];
        snprintf(flag, sizeof flag, "--%.*s", (int)(end - p - 2), p + 2);
        if (!strstr(help, flag))
            fail_msg("zhclaim %s --help does not list %s", cmd, flag);
        checked++;
    }
    assert_true(checked >= 2);
    free(help);
    free(src);
}

static void test_help_lists_every_flag(void **state)
{
    (void)state;
    check_help_lists("extract", ZC_TEST_SOURCE_DIR "/core/cli/cmd_extract.c");
    check_help_lists("plugins", ZC_TEST_SOURCE_DIR "/core/cli/cmd_plugins.c");
    check_help_lists("debug", ZC_TEST_SOURCE_DIR "/core/cli/cmd_debug.c");
    check_help_lists("normalize", ZC_TEST_SOURCE_DIR "/core/cli/cmd_normalize.c");
}

/* A plugin's messages about a document print once, right before that
 * document's own lines, in document order at any -j, in worker processes
 * and in threads alike; a failing plugin is named once. */
static void test_messages_print_once_in_document_order(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    for (int i = 0; i < 12; i++) {
        char *doc = fmt("%s/d%02d.txt", dir, i);
        zc_test_write_file(doc, "增长5%。\n", strlen("增长5%。\n"));
        free(doc);
    }
    const char *const modes[] = {"-j4", "-j4 --in-process", "-j1"};
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        char *out = NULL;
        assert_int_equal(run(&out, "%s extract %s --plugin-dir %s --plugins fixture_logger,rate "
                                   "-o %s/o.jsonl %s 2>&1", ZC_TEST_BINARY, modes[m], ABI_DIR,
                             dir, dir), 0);
        const char *at = out;
        for (int i = 0; i < 12; i++) {
            char *line = fmt("zhclaim: warning: plugin fixture_logger: %s/d%02d.txt: read "
                             "%s/d%02d.txt (1 numbers)\n", dir, i, dir, i);
            const char *hit = strstr(at, line);
            if (!hit)
                fail_msg("%s: document %d's line missing or out of order in:\n%s", modes[m], i,
                         out);
            at = hit + strlen(line);
            assert_null(strstr(at, line)); /* once */
            free(line);
        }
        free(out);
    }
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plugin_opt_reaches_the_plugin),
        cmocka_unit_test(test_messages_print_once_in_document_order),
        cmocka_unit_test(test_strict_makes_load_warnings_fatal),
        cmocka_unit_test(test_help_lists_every_flag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

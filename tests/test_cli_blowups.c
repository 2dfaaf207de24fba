/* test_cli_blowups.c - inputs that used to blow a run up (issue 10,
 * section 2), as behaviour: --context on a sentence with no 。 gives output
 * linear in the claims (a window around each claim, not the whole sentence
 * copied 4,000 times); --stdin-jsonl refuses a line over --max-bytes while
 * reading it, and a line that never ends; --memory-budget still runs every
 * document, in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define Z ZC_TEST_BINARY

static size_t file_size(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (size_t)st.st_size;
}

/* The repro: python3 -c "print(''.join('增长%d%%和'%(i%97) for i in
 * range(4000)),end='')" > ns.txt; zhclaim extract --context ns.txt */
static void context_of_a_sentence_without_end_is_bounded(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *doc = fmt("%s/ns.txt", dir);
    FILE *f = fopen(doc, "wb");
    assert_non_null(f);
    for (int i = 0; i < 4000; i++)
        fprintf(f, "增长%d%%和", i % 97);
    fclose(f);
    char *plain = fmt("%s/plain.jsonl", dir), *ctx = fmt("%s/ctx.jsonl", dir);
    assert_int_equal(run(NULL, "%s extract -q -o '%s' '%s'", Z, plain, doc), 0);
    assert_int_equal(run(NULL, "%s extract -q --context -o '%s' '%s'", Z, ctx, doc), 0);
    size_t n_plain = file_size(plain), n_ctx = file_size(ctx);
    size_t len;
    char *text = zc_test_read_file(ctx, &len);
    assert_int_equal(count_lines(text), 4000);
    /* Each context: at most 96 code points (3 bytes each here) either side
     * of its claim, and two "…". Copying the sentence gave 190 MB. */
    assert_true(n_ctx - n_plain <= 4000 * (2 * 96 * 3 + 2 * 3 + 64));
    /* A claim's window holds its own text: the 3,000th claim, "90%". */
    const char *line = text;
    for (int i = 0; i < 2999; i++)
        line = strchr(line, '\n') + 1;
    const char *end = strchr(line, '\n');
    const char *s = strstr(line, "\"sentence\":\"…");
    assert_non_null(s);
    assert_true(s < end);
    char *want = fmt("增长%d%%和", 2999 % 97);
    const char *hit = strstr(s, want);
    assert_true(hit && hit < end);
    free(want);
    free(text);
    free(plain);
    free(ctx);
    free(doc);
    zc_test_remove_tree(dir);
    free(dir);
}

/* A short sentence is given whole, as before. */
static void context_of_a_short_sentence_is_whole(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(run(&out, "printf '%%s' '{\"doc\":\"a\",\"text\":\"今年产量增长5%%，利润增长7%%。其他。\"}' | "
                               "%s extract -q --context --stdin-jsonl", Z), 0);
    assert_int_equal(count_lines(out), 2);
    const char *first = strstr(out, "\"sentence\":\"今年产量增长5%,利润增长7%。\"");
    assert_non_null(first);
    assert_non_null(strstr(first + 1, "\"sentence\":\"今年产量增长5%,利润增长7%。\""));
    free(out);
}

/* A line longer than any document --max-bytes allows (6 bytes of escape
 * per byte, plus 1 MiB) is refused as it is read, and the next line is
 * still read; a line that never ends is refused the same way. */
static void stdin_line_over_the_limit_is_refused_while_read(void **state)
{
    (void)state;
    char *dir = zc_test_tmpdir();
    char *in = fmt("%s/in.jsonl", dir);
    FILE *f = fopen(in, "wb");
    assert_non_null(f);
    fputs("{\"doc\":\"big\",\"text\":\"", f);
    for (int i = 0; i < (3 << 20); i++)
        fputc('x', f);
    fputs("\"}\n{\"doc\":\"small\",\"text\":\"增长5%\"}\n", f);
    fclose(f);
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, "%s extract -q --max-bytes 100 --stdin-jsonl < '%s' 2>/dev/null", Z,
                         in), 1);
    assert_int_equal(count_lines(out), 1);
    assert_non_null(strstr(out, "\"doc\":\"small\""));
    assert_int_equal(run(&err, "%s extract -q --max-bytes 100 --stdin-jsonl < '%s' 2>&1 >/dev/null",
                         Z, in), 1);
    assert_non_null(strstr(err, "stdin line 1: line longer than 1049176 bytes"));
    free(out);
    free(err);
    /* No newline at all. */
    assert_int_equal(run(&err, "head -c 3000000 /dev/zero | tr '\\0' x | %s extract -q "
                               "--max-bytes 100 --stdin-jsonl 2>&1 >/dev/null", Z), 1);
    assert_non_null(strstr(err, "stdin line 1: line longer than"));
    free(err);
    free(in);
    zc_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(context_of_a_sentence_without_end_is_bounded),
        cmocka_unit_test(context_of_a_short_sentence_is_whole),
        cmocka_unit_test(stdin_line_over_the_limit_is_refused_while_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_jsonl_reader.c - the {"doc", "text"} line reader of --stdin-jsonl:
 * every string escape, surrogate pairs, strict UTF-8, skipped members,
 * and an error that names the column for each way a line can be wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* The reader is part of the command, not the library the tests link. */
#include "cli/jsonl_reader.c"

static void parse_ok(const char *line, const char *doc, const char *text, size_t text_len)
{
    zc_jsonl_doc_t d;
    char err[200];
    if (zc_jsonl_parse(line, strlen(line), &d, err, sizeof err) != 0)
        fail_msg("%s: %s", line, err);
    assert_string_equal(d.doc, doc);
    assert_int_equal(d.doc_len, strlen(doc));
    assert_int_equal(d.text_len, text_len);
    assert_memory_equal(d.text, text, text_len);
    assert_int_equal(d.text[text_len], '\0');
    zc_jsonl_doc_free(&d);
    assert_null(d.doc);
}

static void parse_fails(const char *line, const char *why)
{
    zc_jsonl_doc_t d;
    char err[200];
    if (zc_jsonl_parse(line, strlen(line), &d, err, sizeof err) == 0)
        fail_msg("accepted: %s", line);
    if (!strstr(err, why))
        fail_msg("%s: error '%s' does not say '%s'", line, err, why);
    assert_null(d.doc);
    assert_null(d.text);
}

static void plain_objects(void **state)
{
    (void)state;
    parse_ok("{\"doc\":\"a.txt\",\"text\":\"增长5.6%\"}", "a.txt", "增长5.6%", 10);
    parse_ok("  { \"text\" : \"x\" , \"doc\" : \"b\" }  \r\n", "b", "x", 1);
    parse_ok("{\"doc\":\"\",\"text\":\"\"}\n", "", "", 0);
    /* A byte order mark some exporters put on the first line. */
    parse_ok("\xef\xbb\xbf{\"doc\":\"a\",\"text\":\"t\"}", "a", "t", 1);
}

static void every_escape(void **state)
{
    (void)state;
    parse_ok("{\"doc\":\"q\\\"b\\\\s\\/\",\"text\":\"\\b\\f\\n\\r\\t\"}", "q\"b\\s/",
             "\b\f\n\r\t", 5);
    /* \u escapes to one, two and three UTF-8 bytes; upper and lower hex. */
    parse_ok("{\"doc\":\"d\",\"text\":\"\\u0041\\u00e9\\u4E2D\\u6587\"}", "d",
             "A\xc3\xa9\xe4\xb8\xad\xe6\x96\x87", 9);
    /* A surrogate pair is one character past U+FFFF: U+1F600, 4 bytes. */
    parse_ok("{\"doc\":\"d\",\"text\":\"\\ud83d\\ude00!\"}", "d", "\xf0\x9f\x98\x80!", 5);
    /* U+10FFFF, the last code point. */
    parse_ok("{\"doc\":\"d\",\"text\":\"\\udbff\\udfff\"}", "d", "\xf4\x8f\xbf\xbf", 4);
    /* \u0000 is a NUL inside text; the length says where text ends. */
    parse_ok("{\"doc\":\"d\",\"text\":\"a\\u0000b\"}", "d", "a\0b", 3);
    /* Raw UTF-8 passes through untouched, four-byte sequences included. */
    parse_ok("{\"doc\":\"報告\",\"text\":\"😀項\"}", "報告", "😀項", 7);
}

static void other_members_are_skipped(void **state)
{
    (void)state;
    parse_ok("{\"id\":12,\"doc\":\"d\",\"meta\":{\"a\":[1,-2.5e+3,true,false,null,{}],\"b\":[]},"
             "\"text\":\"t\",\"score\":0.5,\"tags\":[\"x\",\"\\u00e9\"]}", "d", "t", 1);
    parse_ok("{\"doc\":\"d\",\"text\":\"t\",\"n\":0,\"e\":1E9,\"f\":-0.0e-1}", "d", "t", 1);
}

static void surrogate_errors(void **state)
{
    (void)state;
    parse_fails("{\"doc\":\"d\",\"text\":\"\\ud800\"}", "column 20: high surrogate \\ud800 not followed");
    parse_fails("{\"doc\":\"d\",\"text\":\"\\ud800x\"}", "not followed by a low surrogate");
    parse_fails("{\"doc\":\"d\",\"text\":\"\\ud800\\u0041\"}", "not followed by a low surrogate");
    parse_fails("{\"doc\":\"d\",\"text\":\"\\udc00\"}", "lone low surrogate \\udc00");
    parse_fails("{\"doc\":\"d\",\"text\":\"\\u12\"}", "four hex digits");
    parse_fails("{\"doc\":\"d\",\"text\":\"\\u12g4\"}", "four hex digits");
}

static void string_errors(void **state)
{
    (void)state;
    parse_fails("{\"doc\":\"d\",\"text\":\"a\\qb\"}", "column 21: invalid escape: backslash before 'q'");
    parse_fails("{\"doc\":\"d\",\"text\":\"tab\there\"}", "control character 0x09");
    parse_fails("{\"doc\":\"d\",\"text\":\"abc", "unterminated string");
    parse_fails("{\"doc\":\"d\",\"text\":\"abc\\", "unterminated string");
    /* Invalid UTF-8: a stray continuation byte, an overlong form, an
     * encoded surrogate, a truncated sequence, a GBK byte pair. */
    parse_fails("{\"doc\":\"d\",\"text\":\"\x80\"}", "column 20: invalid UTF-8 (byte 0x80)");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xc0\xaf\"}", "invalid UTF-8");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xed\xa0\x80\"}", "invalid UTF-8");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xe4\xb8\"}", "invalid UTF-8");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xd6\xd0\xce\xc4\"}", "invalid UTF-8");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8");
    /* Overlong three- and four-byte forms, a lead byte past F4. */
    parse_fails("{\"doc\":\"d\",\"text\":\"\xe0\x80\xaf\"}", "invalid UTF-8 (byte 0xe0)");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xf0\x80\x80\xaf\"}", "invalid UTF-8 (byte 0xf0)");
    parse_fails("{\"doc\":\"d\",\"text\":\"\xf5\x80\x80\x80\"}", "invalid UTF-8 (byte 0xf5)");
    /* The largest of each length is fine. */
    parse_ok("{\"doc\":\"d\",\"text\":\"\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf\"}", "d",
             "\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf", 9);
}

static void shape_errors(void **state)
{
    (void)state;
    parse_fails("", "column 1: expected '{', found the end of the line");
    parse_fails("[1,2]", "expected '{', found '['");
    parse_fails("not json", "column 1: expected '{'");
    parse_fails("{\"doc\":\"d\"}", "no \"text\" member");
    parse_fails("{\"text\":\"t\"}", "no \"doc\" member");
    parse_fails("{}", "no \"doc\" member");
    parse_fails("{\"doc\":\"d\",\"doc\":\"e\",\"text\":\"t\"}", "\"doc\" given twice");
    parse_fails("{\"doc\":1,\"text\":\"t\"}", "\"doc\" must be a string");
    parse_fails("{\"doc\":\"d\",\"text\":null}", "\"text\" must be a string");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\"} x", "column 24: unexpected 'x' after the object");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\"}{}", "unexpected '{' after the object");
    parse_fails("{\"doc\":\"d\" \"text\":\"t\"}", "expected '}'");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",}", "expected a string");
    parse_fails("{\"doc\" \"d\"}", "expected ':'");
    parse_fails("{doc:\"d\"}", "expected a string");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":01}", "expected '}'");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":1.}", "invalid number");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":-}", "invalid number");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":tru}", "expected a value");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":[1,]}", "invalid number");
    parse_fails("{\"doc\":\"d\",\"text\":\"t\",\"n\":", "expected a value, found the end");
}

static void nesting_is_bounded(void **state)
{
    (void)state;
    char line[400];
    /* 63 levels below the top object: fine. 64: refused, not a crash. */
    for (int depth = 63; depth <= 64; depth++) {
        size_t k = (size_t)snprintf(line, sizeof line, "{\"doc\":\"d\",\"text\":\"t\",\"x\":");
        for (int i = 0; i < depth; i++)
            line[k++] = '[';
        for (int i = 0; i < depth; i++)
            line[k++] = ']';
        line[k++] = '}';
        line[k] = '\0';
        if (depth == 63)
            parse_ok(line, "d", "t", 1);
        else
            parse_fails(line, "nested deeper than 64 levels");
    }
}

static void long_text_and_small_error_buffer(void **state)
{
    (void)state;
    /* A 1 MB text of escapes: the output is sized exactly from a first scan. */
    size_t n = 1 << 18;
    char *line = malloc(n * 6 + 64);
    assert_non_null(line);
    size_t k = (size_t)sprintf(line, "{\"doc\":\"big\",\"text\":\"");
    for (size_t i = 0; i < n; i++) {
        memcpy(line + k, "\\u4e2d", 6);
        k += 6;
    }
    strcpy(line + k, "\"}");
    zc_jsonl_doc_t d;
    char err[8];
    assert_int_equal(zc_jsonl_parse(line, strlen(line), &d, err, sizeof err), 0);
    assert_int_equal(d.text_len, n * 3);
    assert_memory_equal(d.text + d.text_len - 3, "\xe4\xb8\xad", 3);
    zc_jsonl_doc_free(&d);
    free(line);
    /* A message cut to the buffer, still NUL-terminated. */
    assert_int_equal(zc_jsonl_parse("[", 1, &d, err, sizeof err), -1);
    assert_int_equal(strlen(err), sizeof err - 1);
    /* No buffer at all is allowed. */
    assert_int_equal(zc_jsonl_parse("[", 1, &d, NULL, 0), -1);
}

static void blank_lines(void **state)
{
    (void)state;
    assert_true(zc_jsonl_blank("", 0));
    assert_true(zc_jsonl_blank(" \t\r\n", 4));
    assert_false(zc_jsonl_blank(" {", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_objects),
        cmocka_unit_test(every_escape),
        cmocka_unit_test(other_members_are_skipped),
        cmocka_unit_test(surrogate_errors),
        cmocka_unit_test(string_errors),
        cmocka_unit_test(shape_errors),
        cmocka_unit_test(nesting_is_bounded),
        cmocka_unit_test(long_text_and_small_error_buffer),
        cmocka_unit_test(blank_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * zhclaim/testkit.h - test a plugin: run it alone on a string and compare
 * its records with what you expect.
 *
 *     zc_testkit_t *kit;
 *     zc_error_t err;
 *     if (zc_testkit_open("build", "temperature", NULL, &kit, &err) != ZC_OK)
 *         fail_msg("%s", err.message);      // names the file and the reason
 *     zc_assert_records(kit, "气温达到35℃。",
 *                       ZC_EXPECT({.kind = "temperature", .value = "35",
 *                                  .unit = "℃", .text = "35℃"}));
 *     zc_assert_cases(kit, "cases.txt");     // a data file of cases
 *     zc_testkit_close(kit);
 *
 * The kit is part of libzhclaim (link with `pkg-config --libs zhclaim`) and
 * does not depend on any test framework: the functions return 1/0 or a
 * count with a report in a buffer. When <cmocka.h> is included before this
 * header, zc_assert_records() and zc_assert_cases() fail the cmocka test
 * with that report.
 *
 * A cases file is plain UTF-8 text, one case after another:
 *
 *     # a comment
 *     > 办理时限压缩至3个工作日。
 *     duration	3	工作日	3个工作日	=
 *
 *     > 2023年3月召开。
 *
 * "> " starts a case and gives its input (one line; write \n for a line
 * break, \\ for a backslash). Each following line is one expected record,
 * in span order: kind, value, unit, text, and optionally approx and then
 * key=value checks (subject=..., metric=..., from=..., range=LOW,HIGH),
 * separated by TABs (or, on a line with no TAB, by spaces). Write "" for an
 * empty unit. A case with no record line expects no record at all. Values
 * are written as zhclaim prints them: 3, 2.5, 100000 (trailing zeros after
 * a decimal point are ignored: 2.50 is 2.5); a value written with six
 * decimals or more also matches a value that rounds to it (33.333333 for
 * 三分之一). Fields that are not written are not checked; every record the
 * plugin emits must be expected.
 *
 * Ownership: a kit owns its engine and the plugin it loaded; results from
 * zc_testkit_run() are the caller's (zc_result_free()). A kit is for one
 * thread at a time.
 */
#ifndef ZHCLAIM_TESTKIT_H
#define ZHCLAIM_TESTKIT_H

#include <stddef.h>

#include "zhclaim/zhclaim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zc_testkit_t zc_testkit_t;

/* Load the one plugin named plugin from the folder plugin_dir (the folder
 * holding its .so), with rules read from rules_path: directories separated
 * by ':', searched in order, or NULL for none. Only these folders are used:
 * neither ZHCLAIM_PLUGIN_PATH / ZHCLAIM_RULES_PATH nor the built-in
 * folders, so the test sees exactly the plugin and rules it names. When the
 * plugin does not load, returns ZC_ERR_NOT_FOUND with the loader's reasons
 * (refused, init failed, rules file missing ...) in err->message. The caller
 * closes *out with zc_testkit_close(). */
ZC_API zc_status_t zc_testkit_open(const char *plugin_dir, const char *plugin,
                            const char *rules_path, zc_testkit_t **out,
                            zc_error_t *err);

/* Close the kit, unloading its plugin; NULL is allowed. */
ZC_API void zc_testkit_close(zc_testkit_t *kit);

/* The messages logged while opening the kit or, once a text has run,
 * during the last run (plugin logs, refused records), one a line; owned by
 * the kit and valid until the next call on it. */
ZC_API const char *zc_testkit_messages(const zc_testkit_t *kit);

/* Run the plugin on text (UTF-8, NUL-terminated), which goes through the
 * same decoding and normalisation as any document, named "input". On ZC_OK,
 * *out is the caller's, to zc_result_free(); a plugin that failed on the
 * text shows in (*out)->failures. */
ZC_API zc_status_t zc_testkit_run(zc_testkit_t *kit, const char *text,
                           zc_result_t **out, zc_error_t *err);

/* One expected record. NULL fields are not checked; kind, value and unit
 * are usually given. unit "" is the empty unit. Write it with designated
 * initializers ({.kind = "area", .value = "2.5", .unit = "平方公里"}):
 * fields may be added at the end, and -Wextra accepts them. */
typedef struct zc_testkit_expect_t {
    const char *kind;
    const char *value;   /* as printed: "3", "2.5", "100000" */
    const char *unit;
    const char *text;    /* the original text of the span: "3个工作日" */
    const char *approx;  /* "=", "~", ">", ">=", "<", "<=" */
    const char *subject;
    const char *metric;
    const char *from;    /* value of `from`, as printed */
    const char *range;   /* "LOW,HIGH", as printed: "5,6" */
} zc_testkit_expect_t;

/* Run text and compare its records, in span order, with expected[0, n).
 * Returns 1 when they match one for one. Otherwise returns 0 and writes to
 * why (at most why_len bytes, NUL-terminated) the input, every expected and
 * every actual record, and the kit's messages. */
ZC_API int zc_testkit_expect(zc_testkit_t *kit, const char *text,
                      const zc_testkit_expect_t *expected, size_t n,
                      char *why, size_t why_len);

/* Replay every case of a cases file (format above). Returns the number of
 * cases that failed (0: all passed), or -1 when the file cannot be read or
 * has a malformed line; why gets a report of each failure, naming the
 * file and line of the case. *n_cases (may be NULL) gets the number of
 * cases run. */
ZC_API int zc_testkit_replay(zc_testkit_t *kit, const char *cases_file,
                      size_t *n_cases, char *why, size_t why_len);

/* Write a result's records in the cases-file format, one a line, to buf
 * (cap bytes, NUL-terminated, cut if too small): handy to write a new
 * case's expectations. Returns the length of the whole text, however long
 * its lines, without the NUL (as snprintf: buf may be NULL when cap is 0). */
ZC_API size_t zc_testkit_format(const zc_result_t *result, char *buf, size_t cap);

/* The array and count arguments of zc_assert_records() and
 * zc_testkit_expect(): ZC_EXPECT({.kind = "count", .value = "616"}, {...}). */
#define ZC_EXPECT(...) \
    (const zc_testkit_expect_t[]){__VA_ARGS__}, \
    sizeof((const zc_testkit_expect_t[]){__VA_ARGS__}) / sizeof(zc_testkit_expect_t)

/* No record at all, for zc_assert_records(kit, "2023年", ZC_EXPECT_NONE). */
#define ZC_EXPECT_NONE NULL, 0

/* cmocka assertions, defined when <cmocka.h> came first. */
#ifdef cmocka_unit_test
#define zc_assert_records(kit, text, ...)                                     \
    do {                                                                      \
        char zc_why_[8192];                                                   \
        if (!zc_testkit_expect((kit), (text), __VA_ARGS__, zc_why_,           \
                               sizeof zc_why_))                               \
            fail_msg("%s", zc_why_);                                          \
    } while (0)

#define zc_assert_cases(kit, cases_file)                                      \
    do {                                                                      \
        char zc_why_[16384];                                                  \
        size_t zc_n_ = 0;                                                     \
        int zc_bad_ = zc_testkit_replay((kit), (cases_file), &zc_n_, zc_why_, \
                                        sizeof zc_why_);                      \
        if (zc_bad_ != 0)                                                     \
            fail_msg("%s", zc_why_);                                          \
        if (zc_n_ == 0)                                                       \
            fail_msg("%s: no case in the file", (cases_file));                \
    } while (0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* ZHCLAIM_TESTKIT_H */

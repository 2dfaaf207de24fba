/*
 * replay.h - replays a .cases file against the built plugins (included by
 * tests/test_plugin_rate.c, test_plugin_count.c, test_plugin_amount.c).
 *
 * Case file format (tests/data/plugins/NAME.cases), UTF-8, one item a line:
 *   # comment
 *   > INPUT TEXT               starts a case: the document's text
 *   KIND<TAB>VALUE<TAB>UNIT<TAB>APPROX<TAB>TEXT[<TAB>key=value ...]
 *                              an expected record, in span order; UNIT ""
 *                              is written as two double quotes; keys:
 *                              subject= (matched by containment, as
 *                              tools/score.py does), metric= (likewise),
 *                              from=, range=LOW,HIGH
 *   none                       the case expects no record at all
 * A case must give exactly its records: extra records fail it, so negative
 * cases (dates, ordinals, slogans, durations) are a "none" or a shorter list.
 */
#ifndef ZC_TEST_REPLAY_H
#define ZC_TEST_REPLAY_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"
#include "zhclaim/zhclaim.h"

#define REPLAY_MAX_FIELDS 12

static int replay_contains(const char *a, const char *b)
{
    return a && b && *a && *b && (strstr(a, b) || strstr(b, a));
}

static int replay_same(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-6 * (m > 1.0 ? m : 1.0);
}

/* Check one claim against one expected line; print why on a mismatch. */
static int replay_check(const zc_claim_t *c, char **f, int nf, int line)
{
    int ok = 1;
    const char *unit = strcmp(f[2], "\"\"") == 0 ? "" : f[2];
    if (strcmp(c->kind, f[0]) != 0 ||
        !replay_same(zc_decimal_to_double(c->value), atof(f[1])) ||
        strcmp(c->unit, unit) != 0 ||
        strcmp(zc_approx_symbol(c->approx), f[3]) != 0 ||
        strcmp(c->text, f[4]) != 0)
        ok = 0;
    for (int i = 5; i < nf; i++) {
        const char *kv = f[i];
        if (strncmp(kv, "subject=", 8) == 0)
            ok &= replay_contains(c->subject, kv + 8);
        else if (strncmp(kv, "metric=", 7) == 0)
            ok &= replay_contains(c->metric, kv + 7);
        else if (strncmp(kv, "from=", 5) == 0)
            ok &= c->has_from &&
                  replay_same(zc_decimal_to_double(c->from), atof(kv + 5));
        else if (strncmp(kv, "range=", 6) == 0) {
            const char *comma = strchr(kv, ',');
            ok &= c->has_range && comma &&
                  replay_same(zc_decimal_to_double(c->range_low), atof(kv + 6)) &&
                  replay_same(zc_decimal_to_double(c->range_high), atof(comma + 1));
        }
    }
    if (!ok) {
        char v[64];
        zc_decimal_format(c->value, v, sizeof v);
        print_error("line %d: expected %s %s %s %s [%s]; got %s %s %s %s [%s] "
                    "subject=%s metric=%s from=%s\n",
                    line, f[0], f[1], f[2], f[3], f[4], c->kind, v, c->unit,
                    zc_approx_symbol(c->approx), c->text,
                    c->subject ? c->subject : "-", c->metric ? c->metric : "-",
                    c->has_from ? "yes" : "-");
    }
    return ok;
}

/* Run the case text through the engine and compare with lines[0, n). */
static int replay_case(zc_engine_t *engine, const char *input, char **lines,
                       const int *line_nos, size_t n, int case_line)
{
    zc_result_t *res = NULL;
    zc_error_t err;
    if (zc_engine_extract(engine, "case.txt", (const unsigned char *)input,
                          strlen(input), &res, &err) != ZC_OK) {
        print_error("line %d: extract failed: %s\n", case_line, err.message);
        return 0;
    }
    int ok = 1;
    size_t expected = (n == 1 && strcmp(lines[0], "none") == 0) ? 0 : n;
    if (res->n_claims != expected) {
        print_error("line %d: %zu records, expected %zu: %s\n", case_line,
                    res->n_claims, expected, input);
        for (size_t i = 0; i < res->n_claims; i++)
            print_error("    got %s [%s]\n", res->claims[i].kind,
                        res->claims[i].text);
        ok = 0;
    } else {
        for (size_t i = 0; i < expected; i++) {
            char *copy = strdup(lines[i]);
            char *f[REPLAY_MAX_FIELDS];
            int nf = 0;
            for (char *p = copy; p && nf < REPLAY_MAX_FIELDS;) {
                f[nf++] = p;
                p = strchr(p, '\t');
                if (p)
                    *p++ = '\0';
            }
            if (nf < 5) {
                print_error("line %d: malformed expectation\n", line_nos[i]);
                ok = 0;
            } else {
                ok &= replay_check(&res->claims[i], f, nf, line_nos[i]);
            }
            free(copy);
        }
    }
    zc_result_free(res);
    return ok;
}

/* Replay every case of data file name with only the given plugin loaded. */
static void replay_file(const char *plugin, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/plugins/%s", ZC_TEST_DATA_DIR, name);
    size_t len;
    char *data = zc_test_read_file(path, &len);
    const char *plugin_dirs[] = {ZC_TEST_PLUGIN_DIR};
    const char *rules_dirs[] = {ZC_TEST_RULES_DIR};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = plugin_dirs;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = rules_dirs;
    cfg.n_rules_dirs = 1;
    cfg.only_plugins = plugin;
    cfg.no_default_dirs = 1;
    zc_engine_t *engine = NULL;
    zc_error_t err;
    assert_int_equal(zc_engine_open(&cfg, &engine, &err), ZC_OK);
    assert_int_equal(zc_engine_plugin_count(engine), 1);

    char *lines[64];
    int line_nos[64];
    size_t n = 0;
    const char *input = NULL;
    int case_line = 0, line_no = 0, failures = 0, cases = 0;
    for (char *p = data; p;) {
        char *line = p;
        char *eol = strchr(p, '\n');
        if (eol) {
            *eol = '\0';
            p = eol + 1;
        } else {
            p = NULL;
        }
        line_no++;
        size_t l = strlen(line);
        if (l > 0 && line[l - 1] == '\r')
            line[l - 1] = '\0';
        int last = p == NULL;
        if (line[0] == '>') {
            if (input) {
                cases++;
                failures += n == 0 || !replay_case(engine, input, lines,
                                                   line_nos, n, case_line);
            }
            input = line + 1;
            while (*input == ' ')
                input++;
            case_line = line_no;
            n = 0;
        } else if (line[0] != '#' && line[0] != '\0' && input && n < 64) {
            lines[n] = line;
            line_nos[n++] = line_no;
        }
        if (last && input) {
            cases++;
            failures += n == 0 || !replay_case(engine, input, lines, line_nos,
                                               n, case_line);
        }
    }
    print_message("%s: %d cases, %d failed\n", name, cases, failures);
    zc_engine_close(engine);
    free(data);
    assert_int_equal(failures, 0);
}

#endif

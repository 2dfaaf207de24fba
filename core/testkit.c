/*
 * testkit.c - running one plugin on strings and comparing its records with
 * expectations (zhclaim/testkit.h).
 *
 * The kit is an ordinary engine restricted to one plugin folder, one plugin
 * name and the rules folders given, with no default folder: a test then sees
 * exactly the plugin it names, never an installed copy. Expectations compare
 * printed forms (values through zc_decimal_format), so a case file reads
 * like the JSON output and needs no floating point.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include "zhclaim/testkit.h"

/* Fill err (which may be NULL); returns status. The kit's own copy of the
 * engine's helper: it links only the public API. */
static zc_status_t kit_error(zc_error_t *err, zc_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static zc_status_t kit_error(zc_error_t *err, zc_status_t status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

struct zc_testkit_t {
    zc_engine_t *engine;
    char *msgs;        /* messages, one a line; reset when a run starts */
    size_t msgs_len;
    size_t msgs_cap;
};

/* A bounded text buffer: what fits is written, always NUL-terminated, and
 * len counts every byte appended, written or not (as snprintf's return). */
typedef struct report_t {
    char *buf;
    size_t cap;
    size_t len;
} report_t;

static void report_add(report_t *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void report_add(report_t *r, const char *fmt, ...)
{
    int fits = r->buf && r->len < r->cap;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(fits ? r->buf + r->len : NULL, fits ? r->cap - r->len : 0,
                      fmt, ap);
    va_end(ap);
    if (n > 0)
        r->len += (size_t)n;
}

static void collect(void *user, zc_log_level_t level, const char *msg)
{
    (void)level;
    zc_testkit_t *kit = user;
    size_t need = kit->msgs_len + strlen(msg) + 2;
    if (need > kit->msgs_cap) {
        size_t cap = kit->msgs_cap ? kit->msgs_cap : 256;
        while (cap < need)
            cap *= 2;
        char *grown = realloc(kit->msgs, cap);
        if (!grown)
            return; /* a lost message only makes a report shorter */
        kit->msgs = grown;
        kit->msgs_cap = cap;
    }
    kit->msgs_len += (size_t)snprintf(kit->msgs + kit->msgs_len,
                                      kit->msgs_cap - kit->msgs_len, "%s\n", msg);
}

static void clear_messages(zc_testkit_t *kit)
{
    kit->msgs_len = 0;
    if (kit->msgs)
        kit->msgs[0] = '\0';
}

const char *zc_testkit_messages(const zc_testkit_t *kit)
{
    return kit && kit->msgs ? kit->msgs : "";
}

zc_status_t zc_testkit_open(const char *plugin_dir, const char *plugin,
                            const char *rules_path, zc_testkit_t **out,
                            zc_error_t *err)
{
    if (!plugin_dir || !plugin || !*plugin || !out)
        return kit_error(err, ZC_ERR_INVALID,
                            "testkit: a plugin folder and a plugin name are needed");
    zc_testkit_t *kit = calloc(1, sizeof *kit);
    char *path_copy = rules_path ? strdup(rules_path) : NULL;
    /* One entry per ':'-separated folder; at most as many as there are
     * characters, plus one. */
    size_t max_dirs = rules_path ? strlen(rules_path) + 1 : 1;
    const char **dirs = calloc(max_dirs, sizeof *dirs);
    if (!kit || (rules_path && !path_copy) || !dirs) {
        free(kit);
        free(path_copy);
        free(dirs);
        return kit_error(err, ZC_ERR_NOMEM, "testkit: out of memory");
    }
    size_t n_dirs = 0;
    for (char *p = path_copy; p && *p;) {
        char *colon = strchr(p, ':');
        if (colon)
            *colon = '\0';
        if (*p)
            dirs[n_dirs++] = p;
        p = colon ? colon + 1 : p + strlen(p);
    }
    const char *plugin_dirs[] = {plugin_dir};
    zc_engine_config_t cfg = zc_engine_config_default();
    cfg.plugin_dirs = plugin_dirs;
    cfg.n_plugin_dirs = 1;
    cfg.rules_dirs = dirs;
    cfg.n_rules_dirs = n_dirs;
    cfg.only_plugins = plugin;
    cfg.no_default_dirs = 1;
    cfg.on_message = collect;
    cfg.message_user = kit;
    cfg.log_level = ZC_LOG_INFO;
    zc_status_t st = zc_engine_open(&cfg, &kit->engine, err);
    /* The engine copied the folder names. */
    free(dirs);
    free(path_copy);
    if (st == ZC_OK && zc_engine_plugin_count(kit->engine) != 1) {
        st = kit_error(err, ZC_ERR_NOT_FOUND,
                          "testkit: plugin %s did not load from %s%s%s", plugin,
                          plugin_dir, kit->msgs_len ? ": " : " (no plugin of that name)",
                          kit->msgs_len ? kit->msgs : "");
    }
    if (st != ZC_OK) {
        zc_testkit_close(kit);
        return st;
    }
    *out = kit;
    return ZC_OK;
}

void zc_testkit_close(zc_testkit_t *kit)
{
    if (!kit)
        return;
    zc_engine_close(kit->engine);
    free(kit->msgs);
    free(kit);
}

zc_status_t zc_testkit_run(zc_testkit_t *kit, const char *text,
                           zc_result_t **out, zc_error_t *err)
{
    if (!kit || !text || !out)
        return kit_error(err, ZC_ERR_INVALID, "testkit: nothing to run");
    clear_messages(kit);
    return zc_engine_extract(kit->engine, "input", (const unsigned char *)text,
                             strlen(text), out, err);
}

/* One claim in the cases-file format, without the line break. */
static void format_claim(report_t *r, const zc_claim_t *c)
{
    char value[64];
    zc_decimal_format(c->value, value, sizeof value);
    report_add(r, "%s\t%s\t%s\t%s\t%s", c->kind, value,
               c->unit[0] ? c->unit : "\"\"", c->text, zc_approx_symbol(c->approx));
    if (c->subject)
        report_add(r, "\tsubject=%s", c->subject);
    if (c->metric)
        report_add(r, "\tmetric=%s", c->metric);
    if (c->has_from) {
        zc_decimal_format(c->from, value, sizeof value);
        report_add(r, "\tfrom=%s", value);
    }
    if (c->has_range) {
        char high[64];
        zc_decimal_format(c->range_low, value, sizeof value);
        zc_decimal_format(c->range_high, high, sizeof high);
        report_add(r, "\trange=%s,%s", value, high);
    }
}

size_t zc_testkit_format(const zc_result_t *result, char *buf, size_t cap)
{
    /* One pass: report_t writes what fits and counts the rest, so the
     * return value is the whole length, as with snprintf. */
    report_t r = {buf, cap, 0};
    if (buf && cap)
        buf[0] = '\0';
    for (size_t i = 0; result && i < result->n_claims; i++) {
        format_claim(&r, &result->claims[i]);
        report_add(&r, "\n");
    }
    return r.len;
}

/* Decimals an expected value must have before it may stand for a value
 * rounded to them: 33.333333 for 三分之一 (33.333333333333333), while 57.4
 * never stands for 57.43. */
#define ROUNDED_MIN_DECIMALS 6

/* d rounded half away from zero to k decimals, printed. Rounded in one
 * step: digit by digit, 0.3349 would go 0.335 then 0.34. */
static void print_rounded(zc_decimal_t d, int k, char *buf, size_t cap)
{
    if (d.exponent < -k) {
        int64_t div = 1;
        for (int32_t e = d.exponent; e < -k && div <= INT64_MAX / 10; e++)
            div *= 10;
        int64_t q = d.mantissa / div, r = d.mantissa % div;
        if (r >= div - r)
            q++;
        else if (-r >= div + r)
            q--;
        d.mantissa = q;
        d.exponent = -k;
    }
    zc_decimal_format(d, buf, cap);
}

/* Compare an actual decimal with an expected printed one, ignoring trailing
 * zeros after a decimal point ("2.50" is "2.5", "3.0" is "3"); an expected
 * value with ROUNDED_MIN_DECIMALS decimals or more also matches a value
 * that rounds to it. */
static int same_number(const char *expected, zc_decimal_t actual)
{
    char printed[64];
    zc_decimal_format(actual, printed, sizeof printed);
    size_t n = strlen(expected);
    const char *dot = strchr(expected, '.');
    if (dot) {
        while (n > 0 && expected[n - 1] == '0')
            n--;
        if (n > 0 && expected[n - 1] == '.')
            n--;
    }
    if (strlen(printed) == n && strncmp(expected, printed, n) == 0)
        return 1;
    int decimals = dot ? (int)(strlen(dot + 1)) : 0;
    if (decimals < ROUNDED_MIN_DECIMALS)
        return 0;
    print_rounded(actual, decimals, printed, sizeof printed);
    return strlen(printed) == n && strncmp(expected, printed, n) == 0;
}

static int same_opt(const char *expected, const char *actual)
{
    return !expected || strcmp(expected, actual ? actual : "") == 0;
}

static int claim_matches(const zc_testkit_expect_t *x, const zc_claim_t *c)
{
    if ((x->kind && strcmp(x->kind, c->kind) != 0)
        || (x->value && !same_number(x->value, c->value))
        || (x->unit && strcmp(x->unit, c->unit) != 0)
        || (x->text && strcmp(x->text, c->text) != 0)
        || (x->approx && strcmp(x->approx, zc_approx_symbol(c->approx)) != 0)
        || !same_opt(x->subject, c->subject) || !same_opt(x->metric, c->metric))
        return 0;
    if (x->from && (!c->has_from || !same_number(x->from, c->from)))
        return 0;
    if (x->range) {
        const char *comma = strchr(x->range, ',');
        if (!c->has_range || !comma)
            return 0;
        char low[64];
        size_t n = (size_t)(comma - x->range);
        if (n >= sizeof low)
            return 0;
        memcpy(low, x->range, n);
        low[n] = '\0';
        if (!same_number(low, c->range_low) || !same_number(comma + 1, c->range_high))
            return 0;
    }
    return 1;
}

static void format_expect(report_t *r, const zc_testkit_expect_t *x)
{
    report_add(r, "%s\t%s\t%s\t%s", x->kind ? x->kind : "*",
               x->value ? x->value : "*",
               x->unit ? (x->unit[0] ? x->unit : "\"\"") : "*",
               x->text ? x->text : "*");
    if (x->approx)
        report_add(r, "\t%s", x->approx);
    if (x->subject)
        report_add(r, "\tsubject=%s", x->subject);
    if (x->metric)
        report_add(r, "\tmetric=%s", x->metric);
    if (x->from)
        report_add(r, "\tfrom=%s", x->from);
    if (x->range)
        report_add(r, "\trange=%s", x->range);
}

/* Run one case; on a mismatch, describe it in r under the heading where. */
static int check_case(zc_testkit_t *kit, const char *where, const char *text,
                      const zc_testkit_expect_t *expected, size_t n,
                      report_t *r)
{
    zc_result_t *res = NULL;
    zc_error_t err = {0};
    if (zc_testkit_run(kit, text, &res, &err) != ZC_OK) {
        report_add(r, "%sinput: %s\n  extraction failed: %s\n", where, text,
                   err.message);
        return 0;
    }
    int ok = res->n_claims == n && res->n_failures == 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = claim_matches(&expected[i], &res->claims[i]);
    if (!ok) {
        report_add(r, "%sinput: %s\n  expected %zu record(s):\n", where, text, n);
        for (size_t i = 0; i < n; i++) {
            report_add(r, "    ");
            format_expect(r, &expected[i]);
            report_add(r, "\n");
        }
        report_add(r, "  got %zu record(s):\n", res->n_claims);
        for (size_t i = 0; i < res->n_claims; i++) {
            report_add(r, "    ");
            format_claim(r, &res->claims[i]);
            report_add(r, "\n");
        }
        for (size_t i = 0; i < res->n_failures; i++)
            report_add(r, "  plugin %s failed: %s\n", res->failures[i].plugin,
                       zc_status_name(res->failures[i].status));
        if (kit->msgs_len)
            report_add(r, "  messages:\n%s", kit->msgs);
    }
    zc_result_free(res);
    return ok;
}

int zc_testkit_expect(zc_testkit_t *kit, const char *text,
                      const zc_testkit_expect_t *expected, size_t n,
                      char *why, size_t why_len)
{
    report_t r = {why, why_len, 0};
    if (why && why_len)
        why[0] = '\0';
    return check_case(kit, "", text, expected, n, &r);
}

/* ---- cases files ---- */

#define MAX_FIELDS 12

/* Split line in place into fields: on TABs when it has one, else on runs of
 * spaces (so a file whose editor turned TABs into spaces still reads). */
static int split_fields(char *line, char **fields)
{
    int n = 0;
    if (strchr(line, '\t')) {
        for (char *p = line; n < MAX_FIELDS;) {
            fields[n++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        return n;
    }
    for (char *p = line; *p && n < MAX_FIELDS;) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        fields[n++] = p;
        while (*p && *p != ' ')
            p++;
    }
    return n;
}

static const char *unquote_empty(const char *s)
{
    return strcmp(s, "\"\"") == 0 ? "" : s;
}

/* Parse an expected record line; 0 when malformed (reason in r). */
static int parse_record(char *line, zc_testkit_expect_t *x, report_t *r,
                        const char *file, int line_no)
{
    char *f[MAX_FIELDS];
    int n = split_fields(line, f);
    memset(x, 0, sizeof *x);
    if (n < 3) {
        report_add(r, "%s:%d: a record line needs at least kind, value and unit\n",
                   file, line_no);
        return 0;
    }
    x->kind = f[0];
    x->value = f[1];
    x->unit = unquote_empty(f[2]);
    if (n > 3)
        x->text = f[3];
    static const struct { const char *key; size_t off; } keys[] = {
        {"subject=", offsetof(zc_testkit_expect_t, subject)},
        {"metric=", offsetof(zc_testkit_expect_t, metric)},
        {"from=", offsetof(zc_testkit_expect_t, from)},
        {"range=", offsetof(zc_testkit_expect_t, range)},
    };
    for (int i = 4; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            size_t len = strlen(keys[k].key);
            if (strncmp(f[i], keys[k].key, len) == 0) {
                *(const char **)((char *)x + keys[k].off) = f[i] + len;
                known = 1;
            }
        }
        if (!known && i == 4) {
            x->approx = f[i];
            known = 1;
        }
        if (!known) {
            report_add(r, "%s:%d: unknown field '%s' (subject=, metric=, from=, range=)\n",
                       file, line_no, f[i]);
            return 0;
        }
    }
    return 1;
}

/* Undo the input escapes \n, \t and \\ in place. */
static void unescape(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && (p[1] == 'n' || p[1] == 't' || p[1] == '\\')) {
            p++;
            *out++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : '\\';
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
}

typedef struct case_t {
    const char *input;
    int line_no;
    zc_testkit_expect_t *records;
    size_t n, cap;
} case_t;

static int run_case(zc_testkit_t *kit, const char *file, const case_t *c,
                    report_t *r)
{
    char where[1024];
    snprintf(where, sizeof where, "%s:%d: ", file, c->line_no);
    return check_case(kit, where, c->input, c->records, c->n, r);
}

/* A whole file, NUL-terminated, for the caller to free(); NULL with the
 * reason in why. (The test kit is its own library and reads its cases
 * files itself rather than through the engine's internals.) */
static char *read_text_file(const char *path, char *why, size_t why_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_len, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - len - 1, f);
        if (len + 1 < cap)
            break;
        char *grown = realloc(buf, cap * 2);
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (!buf || failed) {
        snprintf(why, why_len, "%s", buf ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

int zc_testkit_replay(zc_testkit_t *kit, const char *cases_file,
                      size_t *n_cases, char *why, size_t why_len)
{
    report_t r = {why, why_len, 0};
    if (why && why_len)
        why[0] = '\0';
    if (n_cases)
        *n_cases = 0;
    char *text = NULL;
    char reason[256] = "no kit or file";
    if (!kit || !cases_file || !(text = read_text_file(cases_file, reason, sizeof reason))) {
        report_add(&r, "%s: cannot read: %s\n", cases_file ? cases_file : "(null)", reason);
        return -1;
    }
    /* The buffer is NUL-terminated: cut it into lines and fields in
     * place. */

    case_t c = {0};
    int failed = 0, malformed = 0, line_no = 0;
    size_t cases = 0;
    for (char *line = text; line && !malformed;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (line[0] == '>') {
            if (c.input) {
                failed += !run_case(kit, cases_file, &c, &r);
                cases++;
            }
            char *input = line + 1;
            if (*input == ' ')
                input++;
            unescape(input);
            c.input = input;
            c.line_no = line_no;
            c.n = 0;
        } else if (line[0] != '#' && line[0] != '\0') {
            if (!c.input) {
                report_add(&r, "%s:%d: a record line before any '> input' line\n",
                           cases_file, line_no);
                malformed = 1;
            } else if (c.n == c.cap) {
                size_t cap = c.cap ? c.cap * 2 : 8;
                zc_testkit_expect_t *grown = realloc(c.records, cap * sizeof *grown);
                if (!grown) {
                    report_add(&r, "%s: out of memory\n", cases_file);
                    malformed = 1;
                } else {
                    c.records = grown;
                    c.cap = cap;
                }
            }
            if (!malformed && !parse_record(line, &c.records[c.n], &r, cases_file, line_no))
                malformed = 1;
            else if (!malformed)
                c.n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    if (!malformed && c.input) {
        failed += !run_case(kit, cases_file, &c, &r);
        cases++;
    }
    free(c.records);
    free(text);
    if (n_cases)
        *n_cases = cases;
    return malformed ? -1 : failed;
}

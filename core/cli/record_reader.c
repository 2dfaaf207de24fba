/*
 * record_reader.c - strict JSON for claim records.
 *
 * jsonl_reader.c reads the {"doc", "text"} shape of --stdin-jsonl; records
 * have numbers, arrays and booleans as well, so they get this reader, of
 * the same strictness: RFC 8259 syntax, bounded nesting for the members
 * skipped, strings unescaped in full and required to be valid UTF-8.
 */
#include "record_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct rd_t {
    const char *s;
    size_t n, i;
    char *err;
    size_t err_cap;
} rd_t;

__attribute__((format(printf, 2, 3)))
static int fail(rd_t *r, const char *fmt, ...)
{
    if (r->err_cap && !r->err[0]) {
        int k = snprintf(r->err, r->err_cap, "column %zu: ", r->i + 1);
        if (k >= 0 && (size_t)k < r->err_cap) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(r->err + k, r->err_cap - (size_t)k, fmt, ap);
            va_end(ap);
        }
    }
    return -1;
}

static void ws(rd_t *r)
{
    while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\t' || r->s[r->i] == '\r'
                           || r->s[r->i] == '\n'))
        r->i++;
}

static int peek(rd_t *r)
{
    ws(r);
    return r->i < r->n ? (unsigned char)r->s[r->i] : -1;
}

static int expect(rd_t *r, char c)
{
    if (peek(r) != (unsigned char)c)
        return fail(r, "expected '%c'", c);
    r->i++;
    return 0;
}

static int hex4(rd_t *r, unsigned *out)
{
    if (r->n - r->i < 4)
        return fail(r, "short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = r->s[r->i + (size_t)k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return fail(r, "bad hex digit in \\u escape");
    }
    r->i += 4;
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the valid UTF-8 sequence at s[0, n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* A string; *out is malloc'ed (NULL when out is NULL: skipped). Escapes
 * never grow, so the raw length bounds the result. */
static int string(rd_t *r, char **out)
{
    if (expect(r, '"'))
        return -1;
    char *o = out ? malloc(r->n - r->i + 1) : NULL;
    if (out && !o)
        return fail(r, "out of memory");
    size_t k = 0;
    for (;;) {
        if (r->i >= r->n) { free(o); return fail(r, "unterminated string"); }
        unsigned char c = (unsigned char)r->s[r->i];
        if (c == '"') { r->i++; break; }
        if (c < 0x20) { free(o); return fail(r, "control character in string"); }
        if (c != '\\') {
            size_t len = utf8_seq((const unsigned char *)r->s + r->i, r->n - r->i);
            if (!len) { free(o); return fail(r, "invalid UTF-8 in string"); }
            if (o) memcpy(o + k, r->s + r->i, len);
            k += len;
            r->i += len;
            continue;
        }
        r->i++;
        char e = r->i < r->n ? r->s[r->i++] : 0;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char map[] = "\"\\/\b\f\n\r\t";
            if (o) o[k] = map[simple - "\"\\/bfnrt"];
            k++;
            continue;
        }
        if (e != 'u') { free(o); return fail(r, "invalid escape"); }
        unsigned cp, lo;
        if (hex4(r, &cp)) { free(o); return -1; }
        if (cp >= 0xDC00 && cp <= 0xDFFF) { free(o); return fail(r, "lone surrogate"); }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (r->n - r->i < 2 || r->s[r->i] != '\\' || r->s[r->i + 1] != 'u') { free(o); return fail(r, "lone surrogate"); }
            r->i += 2;
            if (hex4(r, &lo)) { free(o); return -1; }
            if (lo < 0xDC00 || lo > 0xDFFF) { free(o); return fail(r, "lone surrogate"); }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        char tmp[4];
        size_t len = put_utf8(tmp, cp);
        if (o) memcpy(o + k, tmp, len);
        k += len;
    }
    if (o) { o[k] = 0; *out = o; }
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number in JSON's grammar; its text is [*at, *at + *len). */
static int number(rd_t *r, double *v, size_t *at, size_t *len)
{
    ws(r);
    size_t b = r->i, i = r->i;
    if (i < r->n && r->s[i] == '-') i++;
    if (i >= r->n || !is_digit(r->s[i])) return fail(r, "expected a number");
    if (r->s[i] == '0') i++;
    else while (i < r->n && is_digit(r->s[i])) i++;
    if (i < r->n && r->s[i] == '.') {
        i++;
        if (i >= r->n || !is_digit(r->s[i])) { r->i = i; return fail(r, "digit expected after '.'"); }
        while (i < r->n && is_digit(r->s[i])) i++;
    }
    if (i < r->n && (r->s[i] == 'e' || r->s[i] == 'E')) {
        i++;
        if (i < r->n && (r->s[i] == '+' || r->s[i] == '-')) i++;
        if (i >= r->n || !is_digit(r->s[i])) { r->i = i; return fail(r, "digit expected in exponent"); }
        while (i < r->n && is_digit(r->s[i])) i++;
    }
    char buf[64];
    size_t k = i - b;
    if (k >= sizeof buf) return fail(r, "number too long");
    memcpy(buf, r->s + b, k);
    buf[k] = 0;
    errno = 0;
    double d = strtod(buf, NULL);
    if (d != d || d > 1.7e308 || d < -1.7e308) return fail(r, "number out of range");
    r->i = i;
    if (v) *v = d;
    if (at) *at = b;
    if (len) *len = k;
    return 0;
}

static int literal(rd_t *r, const char *w)
{
    size_t k = strlen(w);
    ws(r);
    if (r->n - r->i < k || memcmp(r->s + r->i, w, k) != 0)
        return fail(r, "unexpected character");
    r->i += k;
    return 0;
}

static int skip_value(rd_t *r, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(r, "nested too deeply");
    int c = peek(r);
    if (c == '"') return string(r, NULL);
    if (c == 't') return literal(r, "true");
    if (c == 'f') return literal(r, "false");
    if (c == 'n') return literal(r, "null");
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        r->i++;
        if (peek(r) == close) { r->i++; return 0; }
        for (;;) {
            if (c == '{') {
                if (string(r, NULL) || expect(r, ':')) return -1;
            }
            if (skip_value(r, depth + 1)) return -1;
            int d = peek(r);
            if (d == ',') { r->i++; continue; }
            if (d == close) { r->i++; return 0; }
            return fail(r, "expected ',' or '%c'", close);
        }
    }
    return number(r, NULL, NULL, NULL);
}

static int is_null(rd_t *r)
{
    if (peek(r) == 'n') { return literal(r, "null") ? -1 : 1; }
    return 0;
}

static int opt_string(rd_t *r, char **out, const char *name)
{
    int nl = is_null(r);
    if (nl) return nl < 0 ? -1 : 0;
    if (peek(r) != '"') return fail(r, "'%s' must be a string", name);
    free(*out);
    *out = NULL;
    return string(r, out);
}

static char *dup_n(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    if (o) { memcpy(o, s, n); o[n] = 0; }
    return o;
}

static int num_member(rd_t *r, double *v, char **text, const char *name)
{
    size_t at, len;
    if (peek(r) != '-' && !(peek(r) >= '0' && peek(r) <= '9'))
        return fail(r, "'%s' must be a number", name);
    if (number(r, v, &at, &len)) return -1;
    if (text) {
        free(*text);
        *text = dup_n(r->s + at, len);
        if (!*text) return fail(r, "out of memory");
    }
    return 0;
}

static int span_member(rd_t *r, zc_rec_t *o)
{
    double a, b;
    if (expect(r, '[')) return fail(r, "'span' must be [start, end]");
    if (num_member(r, &a, NULL, "span") || expect(r, ',') || num_member(r, &b, NULL, "span")
        || expect(r, ']'))
        return -1;
    if (a < 0 || b < a || b > 9.0e15 || a != (double)(long long)a || b != (double)(long long)b)
        return fail(r, "'span' must be two whole offsets, start <= end");
    o->start = (size_t)a;
    o->end = (size_t)b;
    return 0;
}

static int range_member(rd_t *r, zc_rec_t *o)
{
    int nl = is_null(r);
    if (nl) return nl < 0 ? -1 : 0;
    if (expect(r, '[') || num_member(r, &o->range[0], NULL, "range") || expect(r, ',')
        || num_member(r, &o->range[1], NULL, "range") || expect(r, ']'))
        return fail(r, "'range' must be [low, high]");
    o->has_range = 1;
    return 0;
}

static int member(rd_t *r, const char *key, zc_rec_t *o, unsigned *seen)
{
    static const char *const strings[] = {"doc", "kind", "plugin", "text", "unit", "approx",
                                          "subject", "metric"};
    char **slots[] = {&o->doc, &o->kind, &o->plugin, &o->text, &o->unit, &o->approx,
                      &o->subject, &o->metric};
    for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
        if (strcmp(key, strings[k]) == 0) {
            if (opt_string(r, slots[k], key)) return -1;
            if (*slots[k]) *seen |= 1u << k;
            return 0;
        }
    if (strcmp(key, "span") == 0) { *seen |= 1u << 8; return span_member(r, o); }
    if (strcmp(key, "value") == 0) { *seen |= 1u << 9; return num_member(r, &o->value, &o->value_text, key); }
    if (strcmp(key, "range") == 0) return range_member(r, o);
    if (strcmp(key, "from") == 0) {
        int nl = is_null(r);
        if (nl) return nl < 0 ? -1 : 0;
        o->has_from = 1;
        return num_member(r, &o->from, &o->from_text, key);
    }
    if (strcmp(key, "optional") == 0) {
        int c = peek(r);
        if (c == 't') { o->optional = 1; return literal(r, "true"); }
        if (c == 'f') return literal(r, "false");
        return fail(r, "'optional' must be true or false");
    }
    return skip_value(r, 1);
}

void zc_rec_clear(zc_rec_t *o)
{
    free(o->doc); free(o->kind); free(o->plugin); free(o->text); free(o->value_text);
    free(o->unit); free(o->approx); free(o->subject); free(o->metric); free(o->from_text);
    memset(o, 0, sizeof *o);
}

int zc_rec_parse(const char *line, size_t len, zc_rec_t *o, char *err, size_t err_cap)
{
    rd_t r = {line, len, 0, err, err_cap};
    if (err_cap) err[0] = 0;
    memset(o, 0, sizeof *o);
    unsigned seen = 0;
    if (expect(&r, '{')) goto bad;
    if (peek(&r) != '}') {
        for (;;) {
            char *key = NULL;
            if (peek(&r) != '"') { fail(&r, "expected a member name"); goto bad; }
            if (string(&r, &key)) goto bad;
            int rc = expect(&r, ':') ? -1 : member(&r, key, o, &seen);
            free(key);
            if (rc) goto bad;
            int c = peek(&r);
            if (c == ',') { r.i++; continue; }
            if (c == '}') break;
            fail(&r, "expected ',' or '}'");
            goto bad;
        }
    }
    r.i++;
    if (peek(&r) != -1) { fail(&r, "text after the object"); goto bad; }
    static const struct { unsigned bit; const char *name; } need[] = {
        {1u << 0, "doc"}, {1u << 1, "kind"}, {1u << 8, "span"}, {1u << 9, "value"}};
    for (size_t k = 0; k < sizeof need / sizeof *need; k++)
        if (!(seen & need[k].bit)) {
            if (err_cap) snprintf(err, err_cap, "record lacks '%s'", need[k].name);
            goto bad;
        }
    return 0;
bad:
    zc_rec_clear(o);
    return -1;
}

static char *dup_or_null(const char *s, int *oom)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *oom = 1;
    return d;
}

int zc_rec_set_add(zc_rec_set_t *set, zc_rec_t *r)
{
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        zc_rec_t *g = realloc(set->recs, cap * sizeof *g);
        if (!g) return -1;
        set->recs = g;
        set->cap = cap;
    }
    zc_rec_t c = *r;
    int oom = 0;
    c.doc = dup_or_null(r->doc, &oom); c.kind = dup_or_null(r->kind, &oom);
    c.plugin = dup_or_null(r->plugin, &oom); c.text = dup_or_null(r->text, &oom);
    c.value_text = dup_or_null(r->value_text, &oom); c.unit = dup_or_null(r->unit, &oom);
    c.approx = dup_or_null(r->approx, &oom); c.subject = dup_or_null(r->subject, &oom);
    c.metric = dup_or_null(r->metric, &oom); c.from_text = dup_or_null(r->from_text, &oom);
    if (oom) { zc_rec_clear(&c); return -1; }
    set->recs[set->n++] = c;
    return 0;
}

int zc_rec_set_read(zc_rec_set_t *set, const char *path, char *err, size_t err_cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_cap, "%s: %s", path, strerror(errno));
        return -1;
    }
    char **files = realloc(set->files, (set->n_files + 1) * sizeof *files);
    char *name = strdup(path);
    if (!files || !name) {
        if (files) set->files = files;
        free(name);
        fclose(f);
        snprintf(err, err_cap, "%s: out of memory", path);
        return -1;
    }
    set->files = files;
    set->files[set->n_files++] = name;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        int blank = 1;
        for (size_t k = 0; k < len && blank; k++)
            blank = line[k] == ' ' || line[k] == '\t' || line[k] == '\r' || line[k] == '\n';
        if (blank) continue;
        zc_rec_t rec;
        char why[256];
        if (zc_rec_parse(line, len, &rec, why, sizeof why) != 0) {
            snprintf(err, err_cap, "%s:%zu: %s", path, lineno, why);
            rc = -1;
            break;
        }
        rec.line = lineno;
        rec.file = name;
        /* The parsed strings move into the set as they are. */
        if (set->n == set->cap) {
            size_t ncap = set->cap ? set->cap * 2 : 256;
            zc_rec_t *g = realloc(set->recs, ncap * sizeof *g);
            if (!g) { zc_rec_clear(&rec); snprintf(err, err_cap, "%s: out of memory", path); rc = -1; break; }
            set->recs = g;
            set->cap = ncap;
        }
        set->recs[set->n++] = rec;
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, err_cap, "%s: read error", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    return rc;
}

void zc_rec_set_free(zc_rec_set_t *set)
{
    for (size_t k = 0; k < set->n; k++)
        zc_rec_clear(&set->recs[k]);
    free(set->recs);
    for (size_t k = 0; k < set->n_files; k++)
        free(set->files[k]);
    free(set->files);
    memset(set, 0, sizeof *set);
}

const char *zc_rec_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

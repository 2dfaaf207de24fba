/*
 * jsonl_reader.c - a small strict JSON reader for {"doc", "text"} lines.
 *
 * No JSON library is among our dependencies and we need one object shape,
 * so this reads exactly RFC 8259 syntax with a recursive skipper for the
 * members we ignore (bounded depth, so a hostile line cannot exhaust the
 * stack). Strings are scanned twice: once to find their end, so the output
 * can be allocated at its exact upper bound (escapes never grow: \uXXXX is
 * six bytes for at most three of UTF-8, a surrogate pair twelve for four),
 * then once to decode.
 */
#include "jsonl_reader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_DEPTH 64

typedef struct reader_t {
    const unsigned char *s;
    size_t n;
    size_t i;
    char *err;
    size_t err_cap;
} reader_t;

/* Record the first error only: later ones are consequences. */
__attribute__((format(printf, 3, 4)))
static int fail_at(reader_t *r, size_t at, const char *fmt, ...)
{
    if (r->err && r->err_cap && !r->err[0]) {
        int k = snprintf(r->err, r->err_cap, "column %zu: ", at + 1);
        if (k >= 0 && (size_t)k < r->err_cap) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(r->err + k, r->err_cap - (size_t)k, fmt, ap);
            va_end(ap);
        }
    }
    return -1;
}

static void skip_ws(reader_t *r)
{
    while (r->i < r->n) {
        unsigned char c = r->s[r->i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        r->i++;
    }
}

/* Describe the byte at i for a message: a printable ASCII byte as itself,
 * anything else in hex, the end of the line by name. */
static const char *what_at(const reader_t *r, size_t i, char buf[16])
{
    if (i >= r->n)
        return "the end of the line";
    unsigned char c = r->s[i];
    if (c >= 0x20 && c < 0x7f)
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02x", c);
    return buf;
}

static int expect(reader_t *r, char c)
{
    skip_ws(r);
    if (r->i < r->n && r->s[r->i] == (unsigned char)c) {
        r->i++;
        return 0;
    }
    char buf[16];
    return fail_at(r, r->i, "expected '%c', found %s", c, what_at(r, r->i, buf));
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits after the "\u" at `at`; -1 when they are not. */
static long read_hex4(const reader_t *r, size_t at)
{
    if (at + 6 > r->n)
        return -1;
    long v = 0;
    for (size_t k = at + 2; k < at + 6; k++) {
        int h = hex_value(r->s[k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decode the escape at r->i (on the backslash) into out (NULL: only
 * check it). Advances past it; returns the bytes written, or -1. */
static long read_escape(reader_t *r, char *out)
{
    size_t at = r->i;
    if (at + 1 >= r->n)
        return fail_at(r, at, "unterminated string");
    unsigned char e = r->s[at + 1];
    char plain = 0;
    switch (e) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': break;
    default: {
        char buf[16];
        return fail_at(r, at, "invalid escape: backslash before %s", what_at(r, at + 1, buf));
    }
    }
    if (e != 'u') {
        if (out)
            out[0] = plain;
        r->i += 2;
        return 1;
    }
    long hi = read_hex4(r, at);
    if (hi < 0)
        return fail_at(r, at, "\\u wants four hex digits");
    int32_t cp = (int32_t)hi;
    size_t used = 6;
    if (hi >= 0xdc00 && hi <= 0xdfff)
        return fail_at(r, at, "lone low surrogate \\u%04lx", hi);
    if (hi >= 0xd800 && hi <= 0xdbff) {
        /* UTF-16 in JSON: a high surrogate must be followed at once by a
         * low one; together they name one character past U+FFFF. */
        long lo = at + 12 <= r->n && r->s[at + 6] == '\\' && r->s[at + 7] == 'u'
                      ? read_hex4(r, at + 6) : -1;
        if (lo < 0xdc00 || lo > 0xdfff)
            return fail_at(r, at, "high surrogate \\u%04lx not followed by a low surrogate", hi);
        cp = (int32_t)(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
        used = 12;
    }
    r->i += used;
    /* cp is a scalar value: surrogates were paired or refused above. */
    if (!out) {
        char scratch[4];
        return (long)zc_utf8_put(scratch, cp);
    }
    return (long)zc_utf8_put(out, cp);
}

/* Scan or decode the string at r->i (on its opening quote). With out NULL,
 * only validates and leaves r->i after it. Returns the decoded length, or
 * -1. */
static long read_string_pass(reader_t *r, char *out)
{
    size_t start = r->i;
    if (r->i >= r->n || r->s[r->i] != '"') {
        char buf[16];
        return fail_at(r, r->i, "expected a string, found %s", what_at(r, r->i, buf));
    }
    r->i++;
    long len = 0;
    for (;;) {
        if (r->i >= r->n)
            return fail_at(r, start, "unterminated string");
        unsigned char c = r->s[r->i];
        if (c == '"') {
            r->i++;
            return len;
        }
        if (c == '\\') {
            long k = read_escape(r, out ? out + len : NULL);
            if (k < 0)
                return -1;
            len += k;
            continue;
        }
        if (c < 0x20)
            return fail_at(r, r->i, "control character 0x%02x in a string (escape it)", c);
        int32_t ignored;
        size_t k = zc_utf8_next(r->s + r->i, r->n - r->i, &ignored);
        if (k == 0)
            return fail_at(r, r->i, "invalid UTF-8 (byte 0x%02x)", c);
        if (out)
            memcpy(out + len, r->s + r->i, k);
        r->i += k;
        len += (long)k;
    }
}

/* Read a string into a fresh buffer (*out, NUL-terminated). */
static int read_string(reader_t *r, char **out, size_t *out_len)
{
    size_t start = r->i;
    long len = read_string_pass(r, NULL);
    if (len < 0)
        return -1;
    char *buf = malloc((size_t)len + 1);
    if (!buf)
        return fail_at(r, start, "out of memory (a string of %ld bytes)", len);
    r->i = start;
    read_string_pass(r, buf);
    buf[len] = '\0';
    *out = buf;
    *out_len = (size_t)len;
    return 0;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int skip_number(reader_t *r)
{
    size_t start = r->i;
    if (r->i < r->n && r->s[r->i] == '-')
        r->i++;
    if (r->i < r->n && r->s[r->i] == '0') {
        r->i++;
    } else if (r->i < r->n && is_digit(r->s[r->i])) {
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    } else {
        return fail_at(r, start, "invalid number");
    }
    if (r->i < r->n && r->s[r->i] == '.') {
        r->i++;
        if (r->i >= r->n || !is_digit(r->s[r->i]))
            return fail_at(r, start, "invalid number");
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    }
    if (r->i < r->n && (r->s[r->i] == 'e' || r->s[r->i] == 'E')) {
        r->i++;
        if (r->i < r->n && (r->s[r->i] == '+' || r->s[r->i] == '-'))
            r->i++;
        if (r->i >= r->n || !is_digit(r->s[r->i]))
            return fail_at(r, start, "invalid number");
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    }
    return 0;
}

static int skip_literal(reader_t *r, const char *word)
{
    size_t len = strlen(word);
    if (r->n - r->i >= len && memcmp(r->s + r->i, word, len) == 0) {
        r->i += len;
        return 0;
    }
    char buf[16];
    return fail_at(r, r->i, "expected a value, found %s", what_at(r, r->i, buf));
}

static int skip_value(reader_t *r, int depth);

/* An object or array, r->i on its opening bracket. */
static int skip_container(reader_t *r, int depth)
{
    if (depth >= MAX_DEPTH)
        return fail_at(r, r->i, "nested deeper than %d levels", MAX_DEPTH);
    char close = r->s[r->i] == '{' ? '}' : ']';
    r->i++;
    skip_ws(r);
    if (r->i < r->n && r->s[r->i] == (unsigned char)close) {
        r->i++;
        return 0;
    }
    for (;;) {
        skip_ws(r);
        if (close == '}') {
            if (read_string_pass(r, NULL) < 0 || expect(r, ':') != 0)
                return -1;
        }
        if (skip_value(r, depth + 1) != 0)
            return -1;
        skip_ws(r);
        if (r->i < r->n && r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        return expect(r, close);
    }
}

static int skip_value(reader_t *r, int depth)
{
    skip_ws(r);
    if (r->i >= r->n)
        return fail_at(r, r->i, "expected a value, found the end of the line");
    switch (r->s[r->i]) {
    case '"': return read_string_pass(r, NULL) < 0 ? -1 : 0;
    case '{':
    case '[': return skip_container(r, depth);
    case 't': return skip_literal(r, "true");
    case 'f': return skip_literal(r, "false");
    case 'n': return skip_literal(r, "null");
    default: return skip_number(r);
    }
}

static int key_is(const char *key, size_t len, const char *name)
{
    return len == strlen(name) && memcmp(key, name, len) == 0;
}

/* The value of "doc" or "text": a string, given once. */
static int read_member(reader_t *r, const char *name, char **out, size_t *out_len)
{
    skip_ws(r);
    if (*out)
        return fail_at(r, r->i, "\"%s\" given twice", name);
    if (r->i >= r->n || r->s[r->i] != '"')
        return fail_at(r, r->i, "\"%s\" must be a string", name);
    return read_string(r, out, out_len);
}

static int read_object(reader_t *r, zc_jsonl_doc_t *d)
{
    /* A UTF-8 byte order mark, as some exporters write on their first line. */
    if (r->n >= 3 && memcmp(r->s, "\xef\xbb\xbf", 3) == 0)
        r->i = 3;
    if (expect(r, '{') != 0)
        return -1;
    skip_ws(r);
    if (r->i < r->n && r->s[r->i] == '}') {
        r->i++;
    } else {
        for (;;) {
            skip_ws(r);
            char *key = NULL;
            size_t key_len = 0;
            if (read_string(r, &key, &key_len) != 0)
                return -1;
            int rc = expect(r, ':');
            if (rc == 0) {
                if (key_is(key, key_len, "doc")) {
                    size_t at = r->i;
                    rc = read_member(r, "doc", &d->doc, &d->doc_len);
                    /* Records carry the name as a C string: cut at a NUL,
                     * "a\u0000x" and "a\u0000y" would both be "a". */
                    if (rc == 0 && memchr(d->doc, '\0', d->doc_len))
                        rc = fail_at(r, at, "\"doc\" holds a NUL (\\u0000)");
                } else if (key_is(key, key_len, "text"))
                    rc = read_member(r, "text", &d->text, &d->text_len);
                else
                    rc = skip_value(r, 1);
            }
            free(key);
            if (rc != 0)
                return -1;
            skip_ws(r);
            if (r->i < r->n && r->s[r->i] == ',') {
                r->i++;
                continue;
            }
            if (expect(r, '}') != 0)
                return -1;
            break;
        }
    }
    skip_ws(r);
    if (r->i < r->n) {
        char buf[16];
        return fail_at(r, r->i, "unexpected %s after the object", what_at(r, r->i, buf));
    }
    if (!d->doc)
        return fail_at(r, 0, "no \"doc\" member");
    if (!d->text)
        return fail_at(r, 0, "no \"text\" member");
    return 0;
}

int zc_jsonl_parse(const char *line, size_t len, zc_jsonl_doc_t *out, char *err,
                   size_t err_cap)
{
    memset(out, 0, sizeof *out);
    if (err && err_cap)
        err[0] = '\0';
    reader_t r = {(const unsigned char *)line, len, 0, err, err_cap};
    if (read_object(&r, out) != 0) {
        zc_jsonl_doc_free(out);
        return -1;
    }
    return 0;
}

void zc_jsonl_doc_free(zc_jsonl_doc_t *doc)
{
    free(doc->doc);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}

int zc_jsonl_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
            return 0;
    return 1;
}

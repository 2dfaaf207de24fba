/*
 * json_writer.c - claims as JSON Lines.
 *
 * A claim is formatted into memory and handed to stdio with one fwrite.
 * Writing it a key and a value at a time (fprintf for each key and for the
 * span, fputs/putc for the rest) cost about 8% of a whole extraction run in
 * stdio's per-call overhead alone. The buffer is sized up front from the
 * fields' lengths, for the worst case of escaping, so the formatting code
 * needs no bounds checks: it lives on the stack for ordinary claims and on
 * the heap for a claim with a very long sentence.
 */
#include "json_writer.h"

#include "decimal.h"
#include "result_place.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* A decimal is formatted into this much room: the engine refuses a claim
 * whose value is longer (decimal.h), so none is ever cut. */
enum { DECIMAL_ROOM = ZC_DECIMAL_TEXT_MAX + 1 };

/* Room for a claim's literal keys, numbers and punctuation beyond its
 * strings (well over the ~200 bytes they take). */
enum { FIXED_ROOM = 512 + 4 * DECIMAL_ROOM };

enum { STACK_ROOM = 8192 };

/* Worst-case size of s as a JSON string: every byte as \u00XX, and quotes. */
static size_t string_room(const char *s)
{
    return s ? 6 * strlen(s) + 2 : 0;
}

static char *put_mem(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* A literal: its length is known at compile time, so no strlen. */
#define PUT_LIT(p, lit) put_mem((p), (lit), sizeof(lit) - 1)

/* s as a JSON string literal. Runs of plain bytes are copied at once; only
 * quotes, backslashes and control characters need escaping (UTF-8 passes
 * through). */
static char *put_string(char *p, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    *p++ = '"';
    const char *run = s;
    for (const char *q = s;; q++) {
        unsigned char c = (unsigned char)*q;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        p = put_mem(p, run, (size_t)(q - run));
        if (c == '\0')
            break;
        run = q + 1;
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default:
            p = PUT_LIT(p, "u00");
            *p++ = hex[c >> 4];
            *p++ = hex[c & 0xF];
            break;
        }
    }
    *p++ = '"';
    return p;
}

/* A document's path as a JSON string. A path is bytes, not always UTF-8
 * (a GBK file name on Linux); each byte that is not part of a well-formed
 * UTF-8 sequence is written as the lone surrogate U+DC80 + byte ("\udcff"
 * for 0xFF), the convention of Python's surrogateescape, so
 * os.fsencode(json.loads(line)["doc"]) gives the bytes back. UTF-8 text
 * cannot hold a surrogate, so no valid name reads the same as an escaped
 * one, and valid names are written exactly as put_string writes them. */
static char *put_name(char *p, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, k;
    int32_t cp;

    while (i < n && (k = zc_utf8_next(u + i, n - i, &cp)) != 0)
        i += k;
    if (i == n)
        return put_string(p, s);
    *p++ = '"';
    for (i = 0; i < n; i += k) {
        k = zc_utf8_next(u + i, n - i, &cp);
        if (k == 0) {
            p = PUT_LIT(p, "\\udc");
            *p++ = hex[u[i] >> 4];
            *p++ = hex[u[i] & 0xF];
            k = 1;
        } else if (k == 1 && (u[i] < 0x20 || u[i] == '"' || u[i] == '\\')) {
            /* The escapes put_string writes, here as \u00XX or \" \\. */
            *p++ = '\\';
            if (u[i] < 0x20) {
                p = PUT_LIT(p, "u00");
                *p++ = hex[u[i] >> 4];
                *p++ = hex[u[i] & 0xF];
            } else {
                *p++ = (char)u[i];
            }
        } else {
            p = put_mem(p, s + i, k);
        }
    }
    *p++ = '"';
    return p;
}

/* A string field that is left out when the claim has no value for it. */
static char *put_optional(char *p, const char *key, size_t key_len,
                          const char *value)
{
    return value ? put_string(put_mem(p, key, key_len), value) : p;
}

#define PUT_OPTIONAL(p, key_lit, value) \
    put_optional((p), (key_lit), sizeof(key_lit) - 1, (value))

static char *put_size(char *p, size_t v)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = digits[--n];
    return p;
}

static char *put_decimal(char *p, zc_decimal_t d)
{
    size_t n = zc_decimal_format(d, p, DECIMAL_ROOM);
    return p + (n < DECIMAL_ROOM ? n : DECIMAL_ROOM - 1);
}

/* A document's path, escaped once for all its claims: the path is often the
 * longest string of a record, and the same in every record of a document. */
typedef struct doc_json_t {
    const char *doc; /* the claims' doc pointer this was made from */
    const char *json;
    size_t len;
} doc_json_t;

/* Format the claim into buf, which has claim_room(c) bytes; returns the end.
 * doc (may be NULL) is c->doc already escaped. */
/* "page":N,"bbox":[x0,y0,x1,y1] after the span (INTERFACES: "%.2f" each). */
static char *put_place(char *p, const zc_claim_place_t *pl)
{
    p += sprintf(p, ",\"page\":%u", pl->page);
    if (pl->has_bbox)
        p += sprintf(p, ",\"bbox\":[%.2f,%.2f,%.2f,%.2f]", pl->bbox[0],
                     pl->bbox[1], pl->bbox[2], pl->bbox[3]);
    return p;
}

static char *put_claim(char *p, const zc_claim_t *c, const doc_json_t *doc,
                       const zc_claim_place_t *place)
{
    p = PUT_LIT(p, "{\"doc\":");
    if (doc && doc->doc == c->doc)
        p = put_mem(p, doc->json, doc->len);
    else
        p = put_name(p, c->doc);
    p = PUT_LIT(p, ",\"kind\":");
    p = put_string(p, c->kind);
    p = PUT_LIT(p, ",\"plugin\":");
    p = put_string(p, c->plugin);
    p = PUT_LIT(p, ",\"span\":[");
    p = put_size(p, c->start_byte);
    *p++ = ',';
    p = put_size(p, c->end_byte);
    *p++ = ']';
    if (place && place->page != 0)
        p = put_place(p, place);
    p = PUT_LIT(p, ",\"text\":");
    p = put_string(p, c->text);
    p = PUT_LIT(p, ",\"value\":");
    p = put_decimal(p, c->value);
    p = PUT_LIT(p, ",\"unit\":");
    p = put_string(p, c->unit);
    p = PUT_LIT(p, ",\"approx\":");
    p = put_string(p, zc_approx_symbol(c->approx));
    if (c->has_range) {
        p = PUT_LIT(p, ",\"range\":[");
        p = put_decimal(p, c->range_low);
        *p++ = ',';
        p = put_decimal(p, c->range_high);
        *p++ = ']';
    }
    p = PUT_OPTIONAL(p, ",\"subject\":", c->subject);
    p = PUT_OPTIONAL(p, ",\"metric\":", c->metric);
    if (c->has_from) {
        p = PUT_LIT(p, ",\"from\":");
        p = put_decimal(p, c->from);
    }
    p = PUT_OPTIONAL(p, ",\"sentence\":", c->sentence);
    return PUT_LIT(p, "}\n");
}

/* A page and four coordinates of at most 1e15 points each. */
enum { PLACE_ROOM = 160 };

static size_t claim_room(const zc_claim_t *c)
{
    return FIXED_ROOM + PLACE_ROOM + string_room(c->doc) + string_room(c->kind) +
           string_room(c->plugin) + string_room(c->text) +
           string_room(c->unit) + string_room(c->subject) +
           string_room(c->metric) + string_room(c->sentence);
}

/* Room to format into: on the stack for ordinary records, on the heap for
 * one with a very long sentence. */
typedef struct scratch_t {
    char stack[STACK_ROOM];
    char *buf;
} scratch_t;

static char *scratch_get(scratch_t *s, size_t room)
{
    s->buf = room <= sizeof s->stack ? s->stack : malloc(room);
    return s->buf;
}

static void scratch_done(scratch_t *s)
{
    if (s->buf != s->stack)
        free(s->buf);
}

/* Write buf's bytes from start to end; 0 or -1. */
static int flush(FILE *out, const char *start, const char *end)
{
    size_t n = (size_t)(end - start);
    return fwrite(start, 1, n, out) == n ? 0 : -1;
}

static int write_claim(FILE *out, const zc_claim_t *c, const doc_json_t *doc,
                       const zc_claim_place_t *place)
{
    scratch_t scratch;
    char *buf = scratch_get(&scratch, claim_room(c));
    if (!buf)
        return -1;
    int rc = flush(out, buf, put_claim(buf, c, doc, place));
    scratch_done(&scratch);
    return rc;
}

int zc_json_write_claim(FILE *out, const zc_claim_t *c)
{
    return write_claim(out, c, NULL, NULL);
}

int zc_json_write_result(FILE *out, const zc_result_t *result)
{
    if (result->n_claims == 0)
        return 0;
    const char *path = zc_result_claim(result, 0)->doc;
    scratch_t scratch;
    char *buf = scratch_get(&scratch, string_room(path));
    if (!buf)
        return -1;
    doc_json_t doc = {path, buf, (size_t)(put_name(buf, path) - buf)};
    int rc = 0;
    for (size_t i = 0; i < result->n_claims && rc == 0; i++)
        rc = write_claim(out, zc_result_claim(result, i), &doc,
                         zc_records_place(result, i));
    scratch_done(&scratch);
    return rc;
}

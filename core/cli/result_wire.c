/* result_wire.c - a result to bytes and back, for the worker processes. */
#include "result_wire.h"

#include <stdlib.h>
#include <string.h>

#define TAG_NULL 0u
#define TAG_SAME 1u
#define TAG_BASE 2u

void zc_wire_put_bytes(zc_wire_buf_t *b, const void *p, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n) {
            if (cap > SIZE_MAX / 2) {
                b->failed = 1;
                return;
            }
            cap *= 2;
        }
        unsigned char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void zc_wire_put_u64(zc_wire_buf_t *b, uint64_t v)
{
    zc_wire_put_bytes(b, &v, sizeof v);
}

void zc_wire_put_str(zc_wire_buf_t *b, const char *s, const char *prev)
{
    if (!s) {
        zc_wire_put_u64(b, TAG_NULL);
    } else if (s == prev) {
        zc_wire_put_u64(b, TAG_SAME);
    } else {
        size_t n = strlen(s);
        zc_wire_put_u64(b, (uint64_t)n + TAG_BASE);
        zc_wire_put_bytes(b, s, n);
    }
}

void zc_wire_buf_free(zc_wire_buf_t *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

const unsigned char *zc_wire_get_bytes(zc_wire_in_t *in, size_t n)
{
    if (in->bad || in->n - in->at < n) {
        in->bad = 1;
        return NULL;
    }
    const unsigned char *p = in->p + in->at;
    in->at += n;
    return p;
}

uint64_t zc_wire_get_u64(zc_wire_in_t *in)
{
    uint64_t v = 0;
    const unsigned char *p = zc_wire_get_bytes(in, sizeof v);
    if (p)
        memcpy(&v, p, sizeof v);
    return v;
}

int zc_wire_get_strdup(zc_wire_in_t *in, char **out)
{
    *out = NULL;
    uint64_t tag = zc_wire_get_u64(in);
    if (in->bad || tag == TAG_SAME) {
        in->bad = 1;
        return -1;
    }
    if (tag == TAG_NULL)
        return 0;
    size_t n = (size_t)(tag - TAG_BASE);
    const unsigned char *p = zc_wire_get_bytes(in, n);
    if (!p)
        return -1;
    char *s = malloc(n + 1);
    if (!s)
        return -1;
    memcpy(s, p, n);
    s[n] = '\0';
    *out = s;
    return 0;
}

static void put_dec(zc_wire_buf_t *b, zc_decimal_t d)
{
    zc_wire_put_u64(b, (uint64_t)d.mantissa);
    zc_wire_put_u64(b, (uint64_t)(int64_t)d.exponent);
}

static void put_double(zc_wire_buf_t *b, double d)
{
    zc_wire_put_bytes(b, &d, sizeof d);
}

void zc_wire_put_result(zc_wire_buf_t *b, const zc_result_t *r)
{
    zc_wire_put_str(b, r->doc, NULL);
    zc_wire_put_str(b, r->encoding, NULL);
    zc_wire_put_str(b, r->format, NULL);
    zc_wire_put_u64(b, r->n_bytes);
    zc_wire_put_u64(b, r->n_claims);
    zc_wire_put_u64(b, r->places != NULL);
    const zc_claim_t none = {0};
    const zc_claim_t *prev = &none;
    for (size_t i = 0; i < r->n_claims; i++) {
        const zc_claim_t *c = zc_result_claim(r, i);
        zc_wire_put_str(b, c->doc, i ? prev->doc : r->doc);
        zc_wire_put_str(b, c->kind, prev->kind);
        zc_wire_put_str(b, c->plugin, prev->plugin);
        zc_wire_put_u64(b, c->start_byte);
        zc_wire_put_u64(b, c->end_byte);
        zc_wire_put_str(b, c->text, prev->text);
        put_dec(b, c->value);
        zc_wire_put_str(b, c->unit, prev->unit);
        zc_wire_put_u64(b, (uint64_t)c->approx);
        zc_wire_put_u64(b, (uint64_t)(int64_t)c->has_range);
        put_dec(b, c->range_low);
        put_dec(b, c->range_high);
        zc_wire_put_str(b, c->subject, prev->subject);
        zc_wire_put_str(b, c->metric, prev->metric);
        zc_wire_put_u64(b, (uint64_t)(int64_t)c->has_from);
        put_dec(b, c->from);
        zc_wire_put_str(b, c->sentence, prev->sentence);
        prev = c;
    }
    for (size_t i = 0; r->places && i < r->n_claims; i++) {
        const zc_claim_place_t *p =
            (const zc_claim_place_t *)(const void *)((const char *)r->places + i * r->place_size);
        zc_wire_put_u64(b, p->page);
        zc_wire_put_u64(b, (uint64_t)(int64_t)p->has_bbox);
        for (int k = 0; k < 4; k++)
            put_double(b, p->bbox[k]);
    }
    zc_wire_put_u64(b, r->n_failures);
    for (size_t i = 0; i < r->n_failures; i++) {
        zc_wire_put_str(b, r->failures[i].plugin, NULL);
        zc_wire_put_u64(b, (uint64_t)r->failures[i].status);
    }
    zc_wire_put_u64(b, r->n_warnings);
    for (size_t i = 0; i < r->n_warnings; i++)
        zc_wire_put_str(b, r->warnings[i], NULL);
}

/* ---- reading: two passes over the same bytes, the first measuring the
 * block, the second filling it ---- */

typedef struct reader_t {
    zc_wire_in_t in;
    char *strings; /* second pass: where the next string goes */
    size_t string_bytes;
} reader_t;

static const char *get_str(reader_t *rd, const char *prev)
{
    uint64_t tag = zc_wire_get_u64(&rd->in);
    if (rd->in.bad || tag == TAG_NULL)
        return NULL;
    if (tag == TAG_SAME)
        return prev;
    if (tag - TAG_BASE > rd->in.n) {
        rd->in.bad = 1;
        return NULL;
    }
    size_t n = (size_t)(tag - TAG_BASE);
    const unsigned char *p = zc_wire_get_bytes(&rd->in, n);
    if (!p)
        return NULL;
    rd->string_bytes += n + 1;
    if (!rd->strings)
        return "";
    char *s = rd->strings;
    memcpy(s, p, n);
    s[n] = '\0';
    rd->strings += n + 1;
    return s;
}

static zc_decimal_t get_dec(reader_t *rd)
{
    zc_decimal_t d;
    d.mantissa = (int64_t)zc_wire_get_u64(&rd->in);
    d.exponent = (int32_t)(int64_t)zc_wire_get_u64(&rd->in);
    return d;
}

static double get_double(reader_t *rd)
{
    double d = 0;
    const unsigned char *p = zc_wire_get_bytes(&rd->in, sizeof d);
    if (p)
        memcpy(&d, p, sizeof d);
    return d;
}

/* Counts read before the arrays: each element takes at least this many
 * bytes on the wire, so a count larger than the input allows is refused
 * before it sizes an allocation. */
static int count_ok(const reader_t *rd, uint64_t n, size_t min_each)
{
    return !rd->in.bad && n <= (rd->in.n - rd->in.at) / min_each;
}

/* One pass. With r NULL only measure: *n_claims etc. and string bytes. */
typedef struct shape_t {
    size_t n_claims, n_failures, n_warnings;
    int has_places;
} shape_t;

static void read_result(reader_t *rd, zc_result_t *r, shape_t *sh)
{
    zc_result_t scratch;
    zc_claim_t claim_scratch = {0};
    int fill = r != NULL;
    if (!fill)
        r = &scratch;
    r->doc = get_str(rd, NULL);
    r->encoding = get_str(rd, NULL);
    r->format = get_str(rd, NULL);
    r->n_bytes = (size_t)zc_wire_get_u64(&rd->in);
    uint64_t n = zc_wire_get_u64(&rd->in);
    uint64_t places = zc_wire_get_u64(&rd->in);
    if (!count_ok(rd, n, 8 * 17) || places > 1) {
        rd->in.bad = 1;
        return;
    }
    sh->n_claims = (size_t)n;
    sh->has_places = (int)places;
    const zc_claim_t none = {0};
    const zc_claim_t *prev = &none;
    for (size_t i = 0; i < sh->n_claims && !rd->in.bad; i++) {
        zc_claim_t *c = fill ? &r->claims[i] : &claim_scratch;
        c->doc = get_str(rd, i ? prev->doc : r->doc);
        c->kind = get_str(rd, prev->kind);
        c->plugin = get_str(rd, prev->plugin);
        c->start_byte = (size_t)zc_wire_get_u64(&rd->in);
        c->end_byte = (size_t)zc_wire_get_u64(&rd->in);
        c->text = get_str(rd, prev->text);
        c->value = get_dec(rd);
        c->unit = get_str(rd, prev->unit);
        c->approx = (zc_approx_t)zc_wire_get_u64(&rd->in);
        c->has_range = (int)(int64_t)zc_wire_get_u64(&rd->in);
        c->range_low = get_dec(rd);
        c->range_high = get_dec(rd);
        c->subject = get_str(rd, prev->subject);
        c->metric = get_str(rd, prev->metric);
        c->has_from = (int)(int64_t)zc_wire_get_u64(&rd->in);
        c->from = get_dec(rd);
        c->sentence = get_str(rd, prev->sentence);
        /* Measuring, the scratch claim is the one before. */
        prev = c;
    }
    for (size_t i = 0; sh->has_places && i < sh->n_claims && !rd->in.bad; i++) {
        zc_claim_place_t scratch_place = {0};
        zc_claim_place_t *p = fill ? &r->places[i] : &scratch_place;
        p->page = (unsigned)zc_wire_get_u64(&rd->in);
        p->has_bbox = (int)(int64_t)zc_wire_get_u64(&rd->in);
        for (int k = 0; k < 4; k++)
            p->bbox[k] = get_double(rd);
    }
    n = zc_wire_get_u64(&rd->in);
    if (!count_ok(rd, n, 16)) {
        rd->in.bad = 1;
        return;
    }
    sh->n_failures = (size_t)n;
    for (size_t i = 0; i < sh->n_failures && !rd->in.bad; i++) {
        const char *plugin = get_str(rd, NULL);
        zc_status_t st = (zc_status_t)zc_wire_get_u64(&rd->in);
        if (fill)
            r->failures[i] = (zc_plugin_failure_t){plugin, st};
    }
    n = zc_wire_get_u64(&rd->in);
    if (!count_ok(rd, n, 8)) {
        rd->in.bad = 1;
        return;
    }
    sh->n_warnings = (size_t)n;
    for (size_t i = 0; i < sh->n_warnings && !rd->in.bad; i++) {
        const char *w = get_str(rd, NULL);
        if (fill)
            ((const char **)r->warnings)[i] = w;
    }
}

/* Round n up to the alignment of any type. */
static size_t aligned(size_t n)
{
    const size_t a = _Alignof(max_align_t);
    return (n + a - 1) / a * a;
}

zc_result_t *zc_wire_get_result(zc_wire_in_t *in)
{
    reader_t rd = {.in = *in};
    shape_t sh = {0};
    read_result(&rd, NULL, &sh);
    if (rd.in.bad) {
        in->bad = 1;
        return NULL;
    }
    size_t at_claims = aligned(sizeof(zc_result_t));
    size_t at_places = at_claims + aligned(sh.n_claims * sizeof(zc_claim_t));
    size_t at_failures =
        at_places + aligned(sh.has_places ? sh.n_claims * sizeof(zc_claim_place_t) : 0);
    size_t at_warnings = at_failures + aligned(sh.n_failures * sizeof(zc_plugin_failure_t));
    size_t at_strings = at_warnings + aligned(sh.n_warnings * sizeof(char *));
    char *block = calloc(1, at_strings + rd.string_bytes + 1);
    if (!block) {
        in->bad = 1;
        return NULL;
    }
    zc_result_t *r = (zc_result_t *)(void *)block;
    r->claims = sh.n_claims ? (zc_claim_t *)(void *)(block + at_claims) : NULL;
    r->n_claims = sh.n_claims;
    r->claim_size = sizeof(zc_claim_t);
    r->places = sh.has_places ? (zc_claim_place_t *)(void *)(block + at_places) : NULL;
    r->place_size = sizeof(zc_claim_place_t);
    r->failures = sh.n_failures ? (zc_plugin_failure_t *)(void *)(block + at_failures) : NULL;
    r->n_failures = sh.n_failures;
    r->warnings = sh.n_warnings ? (const char *const *)(void *)(block + at_warnings) : NULL;
    r->n_warnings = sh.n_warnings;
    reader_t fill = {.in = *in, .strings = block + at_strings};
    read_result(&fill, r, &sh);
    if (fill.in.bad) {
        free(block);
        in->bad = 1;
        return NULL;
    }
    in->at = fill.in.at;
    return r;
}

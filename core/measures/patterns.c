/* patterns.c - exclusion patterns from a rules file (see patterns.h). */
#include "patterns.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "text_scan.h"

/* A growing string for joining patterns; only used during init. */
typedef struct strbuf_t {
    char *s;
    size_t len, cap;
    int failed;
} strbuf_t;

static void sb_add(strbuf_t *b, const char *s)
{
    size_t n = strlen(s);
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 256) + n;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

/* ---- which code points a pattern can begin or end with ----
 *
 * A small reader of the PCRE2 syntax the rules files use: literals, escaped
 * punctuation, classes, groups, lookarounds, quantifiers, alternation. It
 * is conservative: whatever it does not know (., \w, \p{..}, backreferences,
 * inline options, verbs) counts as any code point, so a set may be too big,
 * never too small, and a number it rejects is one no rule could match. */

typedef struct shape_t {
    zc_cpset_t first; /* code points a match can begin with */
    zc_cpset_t last;  /* ... end with */
    int nullable;     /* the pattern can match no character at all */
} shape_t;

typedef struct reader_t {
    const char *p;
    int failed;
} reader_t;

static unsigned cp_bit(uint32_t cp)
{
    return (unsigned)((cp * 2654435761u) >> 22) & 1023u;
}

static void set_add(zc_cpset_t *s, uint32_t cp)
{
    unsigned b = cp_bit(cp);
    s->bits[b >> 6] |= (uint64_t)1 << (b & 63u);
}

static void set_union(zc_cpset_t *d, const zc_cpset_t *s)
{
    d->any |= s->any;
    for (int i = 0; i < 16; i++)
        d->bits[i] |= s->bits[i];
}

static int set_has(const zc_cpset_t *s, uint32_t cp)
{
    unsigned b = cp_bit(cp);
    return s->any || ((s->bits[b >> 6] >> (b & 63u)) & 1u);
}

/* Decode the code point at *p and step over it. */
static uint32_t take_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t len = s[0] < 0x80u ? 1 : (s[0] < 0xE0u ? 2 : (s[0] < 0xF0u ? 3 : 4));
    for (size_t i = 1; i < len; i++)
        if (s[i] == 0)
            len = i; /* a cut sequence: the loader reads to the NUL */
    uint32_t cp = zc_u8_at(*p, 0, len);
    *p += len;
    return cp;
}

/* One code point, consumed once. */
static shape_t shape_of_set(const zc_cpset_t *set)
{
    shape_t sh;
    memset(&sh, 0, sizeof sh);
    sh.first = *set;
    sh.last = *set;
    return sh;
}

static shape_t shape_empty(void)
{
    shape_t sh;
    memset(&sh, 0, sizeof sh);
    sh.nullable = 1;
    return sh;
}

static void add_digits(zc_cpset_t *s)
{
    for (uint32_t c = '0'; c <= '9'; c++)
        set_add(s, c);
}

/* A [...] class, *p after the '['. */
static shape_t read_class(reader_t *r)
{
    zc_cpset_t set;
    memset(&set, 0, sizeof set);
    if (*r->p == '^') {
        set.any = 1; /* everything but a few: any */
        r->p++;
    }
    int first = 1;
    while (*r->p && (*r->p != ']' || first)) {
        first = 0;
        uint32_t lo;
        if (*r->p == '\\') {
            r->p++;
            char e = *r->p;
            if (!e)
                break;
            if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
                (e >= '0' && e <= '9')) {
                if (e == 'd')
                    add_digits(&set);
                else
                    set.any = 1;
                r->p++;
                continue;
            }
            lo = take_cp(&r->p);
        } else if (r->p[0] == '[' && r->p[1] == ':') {
            set.any = 1; /* a POSIX class */
            const char *close = strstr(r->p, ":]");
            r->p = close ? close + 2 : r->p + strlen(r->p);
            continue;
        } else {
            lo = take_cp(&r->p);
        }
        if (r->p[0] == '-' && r->p[1] && r->p[1] != ']' && r->p[1] != '\\') {
            r->p++;
            uint32_t hi = take_cp(&r->p);
            if (hi < lo || hi - lo > 512)
                set.any = 1;
            else
                for (uint32_t c = lo; c <= hi; c++)
                    set_add(&set, c);
        } else {
            set_add(&set, lo);
        }
    }
    if (*r->p != ']') {
        r->failed = 1;
        return shape_empty();
    }
    r->p++;
    return shape_of_set(&set);
}

static shape_t read_alternatives(reader_t *r);

/* One atom: a character, a class, an escape or a group. */
static shape_t read_atom(reader_t *r)
{
    zc_cpset_t set;
    memset(&set, 0, sizeof set);
    char c = *r->p;
    if (c == '(') {
        r->p++;
        int zero_width = 0;
        if (strncmp(r->p, "?:", 2) == 0) {
            r->p += 2;
        } else if (strncmp(r->p, "?=", 2) == 0 || strncmp(r->p, "?!", 2) == 0) {
            r->p += 2;
            zero_width = 1;
        } else if (strncmp(r->p, "?<=", 3) == 0 || strncmp(r->p, "?<!", 3) == 0) {
            r->p += 3;
            zero_width = 1;
        } else if (strncmp(r->p, "?<", 2) == 0 || strncmp(r->p, "?P<", 3) == 0) {
            const char *close = strchr(r->p, '>');
            if (!close) {
                r->failed = 1;
                return shape_empty();
            }
            r->p = close + 1;
        } else if (*r->p == '?' || *r->p == '*') {
            r->failed = 1; /* options, verbs, conditions: not read here */
            return shape_empty();
        }
        shape_t inner = read_alternatives(r);
        if (*r->p != ')') {
            r->failed = 1;
            return shape_empty();
        }
        r->p++;
        /* A lookaround consumes nothing: the characters around it decide,
         * and it can only narrow what they match. */
        return zero_width ? shape_empty() : inner;
    }
    if (c == '[') {
        r->p++;
        return read_class(r);
    }
    if (c == '^' || c == '$') {
        r->p++;
        return shape_empty(); /* an anchor only narrows */
    }
    if (c == '.') {
        r->p++;
        set.any = 1;
        return shape_of_set(&set);
    }
    if (c == '\\') {
        r->p++;
        char e = *r->p;
        if (!e || (e >= '0' && e <= '9')) {
            r->failed = 1; /* backreference */
            return shape_empty();
        }
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
            r->p++;
            if (strchr("bBAzZG", e))
                return shape_empty(); /* an assertion only narrows */
            if (e == 'd')
                add_digits(&set);
            else
                set.any = 1;
            if (*r->p == '{') { /* \p{Han}, \x{4e00} */
                const char *close = strchr(r->p, '}');
                r->p = close ? close + 1 : r->p + strlen(r->p);
            }
            return shape_of_set(&set);
        }
        set_add(&set, take_cp(&r->p));
        return shape_of_set(&set);
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
        r->failed = 1;
        return shape_empty();
    }
    set_add(&set, take_cp(&r->p));
    return shape_of_set(&set);
}

/* A quantifier after an atom, if any: ? * {0,n} make the atom optional. */
static void read_quantifier(reader_t *r, shape_t *atom)
{
    char c = *r->p;
    if (c == '?' || c == '*') {
        atom->nullable = 1;
        r->p++;
    } else if (c == '+') {
        r->p++;
    } else if (c == '{') {
        const char *q = r->p + 1;
        if (*q < '0' || *q > '9') {
            r->failed = 1;
            return;
        }
        if (atoi(q) == 0)
            atom->nullable = 1;
        while ((*q >= '0' && *q <= '9') || *q == ',')
            q++;
        if (*q != '}') {
            r->failed = 1;
            return;
        }
        r->p = q + 1;
    } else {
        return;
    }
    if (*r->p == '?' || *r->p == '+')
        r->p++; /* lazy or possessive: the same characters */
}

/* A sequence of atoms, up to '|', ')' or the end. */
static shape_t read_sequence(reader_t *r)
{
    shape_t seq = shape_empty();
    while (*r->p && *r->p != '|' && *r->p != ')' && !r->failed) {
        shape_t atom = read_atom(r);
        read_quantifier(r, &atom);
        if (seq.nullable)
            set_union(&seq.first, &atom.first);
        if (atom.nullable) {
            set_union(&seq.last, &atom.last);
        } else {
            seq.last = atom.last;
            seq.nullable = 0;
        }
    }
    return seq;
}

static shape_t read_alternatives(reader_t *r)
{
    shape_t all = read_sequence(r);
    while (*r->p == '|' && !r->failed) {
        r->p++;
        shape_t alt = read_sequence(r);
        set_union(&all.first, &alt.first);
        set_union(&all.last, &alt.last);
        all.nullable |= alt.nullable;
    }
    return all;
}

/* Add what pattern can begin with (to first) and end with (to last). A
 * pattern that can match no character can match beside anything. */
static void add_shape(const char *pattern, zc_cpset_t *first, zc_cpset_t *last)
{
    reader_t r = {pattern, 0};
    shape_t sh = read_alternatives(&r);
    if (r.failed || *r.p != '\0' || sh.nullable) {
        sh.first.any = 1;
        sh.last.any = 1;
    }
    if (first)
        set_union(first, &sh.first);
    if (last)
        set_union(last, &sh.last);
}

typedef struct load_ctx_t {
    const zc_plugin_init_t *args;
    const char *name;
    zc_patterns_t *p;
    strbuf_t after, before;
    zc_status_t status;
} load_ctx_t;

static zc_status_t compile(load_ctx_t *ctx, const char *pat, int line,
                           zc_regex_t **out)
{
    char err[256];
    zc_status_t st = ctx->args->host->regex_compile(pat, 0, out, err,
                                                    sizeof err);
    if (st != ZC_OK) {
        ctx->args->host->log(ctx->args->call, ZC_LOG_ERROR,
                             "%s:%d: bad pattern: %s", ctx->name, line, err);
        ctx->status = st;
    }
    return st;
}

static void add_rule(void *user, char **f, int nf, int line)
{
    load_ctx_t *ctx = user;
    if (ctx->status != ZC_OK)
        return;
    if (nf >= 2 && strcmp(f[0], "after") == 0) {
        add_shape(f[1], &ctx->p->after_first, NULL);
        sb_add(&ctx->after, ctx->after.len ? "|(?:" : "(?:");
        sb_add(&ctx->after, f[1]);
        sb_add(&ctx->after, ")");
    } else if (nf >= 2 && strcmp(f[0], "before") == 0) {
        add_shape(f[1], NULL, &ctx->p->before_last);
        sb_add(&ctx->before, ctx->before.len ? "|(?<=" : "(?<=");
        sb_add(&ctx->before, f[1]);
        sb_add(&ctx->before, ")");
    } else if (nf >= 3 && strcmp(f[0], "both") == 0 &&
               ctx->p->n_both < ZC_PATTERNS_MAX_BOTH) {
        strbuf_t b = {0};
        sb_add(&b, "(?<=");
        sb_add(&b, f[1]);
        sb_add(&b, ")");
        size_t i = ctx->p->n_both;
        add_shape(f[1], NULL, &ctx->p->both_last[i]);
        add_shape(f[2], &ctx->p->both_first[i], NULL);
        if (!b.failed &&
            compile(ctx, b.s, line, &ctx->p->both_before[i]) == ZC_OK) {
            if (compile(ctx, f[2], line, &ctx->p->both_after[i]) == ZC_OK) {
                ctx->p->n_both++;
            } else {
                ctx->args->host->regex_free(ctx->p->both_before[i]);
                ctx->p->both_before[i] = NULL;
            }
        }
        if (b.failed)
            ctx->status = ZC_ERR_NOMEM;
        free(b.s);
    } else if (nf >= 3 && strcmp(f[0], "both") == 0) {
        ctx->args->host->log(ctx->args->call, ZC_LOG_ERROR,
                             "%s:%d: more than %d \"both\" rules", ctx->name,
                             line, ZC_PATTERNS_MAX_BOTH);
        ctx->status = ZC_ERR_PATTERN;
    } else {
        ctx->args->host->log(ctx->args->call, ZC_LOG_ERROR,
                             "%s:%d: expected after, before or both", ctx->name,
                             line);
        ctx->status = ZC_ERR_PATTERN;
    }
}

zc_status_t zc_patterns_load(zc_patterns_t *p, const zc_plugin_init_t *args,
                             const char *name)
{
    const zc_host_t *host = args->host;
    char err[512];
    char *data = NULL;
    size_t len = 0;
    memset(p, 0, sizeof *p);
    p->host = host;
    zc_status_t st = host->rules_read(args->call, name, &data, &len, err,
                                      sizeof err);
    if (st != ZC_OK) {
        host->log(args->call, ZC_LOG_ERROR, "%s", err); /* names the file */
        return st;
    }
    char *copy = zc_rules_copy(data, len);
    host->rules_free(data);
    if (!copy)
        return ZC_ERR_NOMEM;
    load_ctx_t ctx = {args, name, p, {0}, {0}, ZC_OK};
    zc_rules_each_line(copy, add_rule, &ctx);
    free(copy);
    if (ctx.after.failed || ctx.before.failed)
        ctx.status = ZC_ERR_NOMEM;
    if (ctx.status == ZC_OK && ctx.after.len)
        compile(&ctx, ctx.after.s, 0, &p->after);
    if (ctx.status == ZC_OK && ctx.before.len)
        compile(&ctx, ctx.before.s, 0, &p->before);
    free(ctx.after.s);
    free(ctx.before.s);
    if (ctx.status != ZC_OK)
        zc_patterns_free(p);
    return ctx.status;
}

void zc_patterns_free(zc_patterns_t *p)
{
    if (!p || !p->host)
        return;
    p->host->regex_free(p->after);
    p->host->regex_free(p->before);
    for (size_t i = 0; i < p->n_both; i++) {
        p->host->regex_free(p->both_before[i]);
        p->host->regex_free(p->both_after[i]);
    }
    memset(p, 0, sizeof *p);
}

/* Characters of context a rule may look at on either side. Matching a
 * window, not the whole text, keeps each match (and PCRE2's UTF check of its
 * subject) independent of the document's size. */
#define WINDOW_CHARS 12

int zc_patterns_exclude(const zc_patterns_t *p, zc_call_t *call,
                        const char *text, size_t lo, size_t hi, size_t start,
                        size_t end)
{
    zc_match_t m;
    const zc_host_t *h = p->host;
    /* An empty set (rate/exclude.re, amount/exclude.re): nothing to read. */
    if (!h || (!p->after && !p->before && p->n_both == 0))
        return 0;
    /* The code points beside the number; a rule whose sets hold neither
     * cannot match, whatever the window. */
    int has_next = end < hi, has_prev = start > lo;
    uint32_t next = has_next ? zc_u8_at(text, end, hi) : 0;
    uint32_t prev = has_prev ? zc_u8_at(text, zc_u8_prev(text, lo, start), hi) : 0;
    int try_after = p->after && (p->after_first.any ||
                                 (has_next && set_has(&p->after_first, next)));
    int try_before = p->before && (p->before_last.any ||
                                   (has_prev && set_has(&p->before_last, prev)));
    int try_both = 0;
    for (size_t i = 0; i < p->n_both && !try_both; i++)
        try_both = (p->both_last[i].any || (has_prev && set_has(&p->both_last[i], prev))) &&
                   (p->both_first[i].any || (has_next && set_has(&p->both_first[i], next)));
    if (!try_after && !try_before && !try_both)
        return 0;
    size_t a = zc_u8_back(text, lo, start, WINDOW_CHARS);
    size_t b = end;
    for (int k = 0; k < WINDOW_CHARS * 2 && b < hi; k++)
        b = zc_u8_next(text, b, hi);
    const char *sub = text + a;
    size_t len = b - a;
    if (try_after &&
        h->regex_match(call, p->after, sub, len, end - a, ZC_RE_ANCHORED, &m) > 0)
        return 1;
    if (try_before &&
        h->regex_match(call, p->before, sub, len, start - a, ZC_RE_ANCHORED,
                       &m) > 0)
        return 1;
    for (size_t i = 0; try_both && i < p->n_both; i++) {
        if (h->regex_match(call, p->both_before[i], sub, len, start - a,
                           ZC_RE_ANCHORED, &m) > 0 &&
            h->regex_match(call, p->both_after[i], sub, len, end - a,
                           ZC_RE_ANCHORED, &m) > 0)
            return 1;
    }
    return 0;
}

/* zc_patterns.c - exclusion patterns from a rules file (see zc_patterns.h). */
#include "zc_patterns.h"

#include <stdlib.h>
#include <string.h>

#include "zc_lexicon.h"
#include "zc_text.h"

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
        sb_add(&ctx->after, ctx->after.len ? "|(?:" : "(?:");
        sb_add(&ctx->after, f[1]);
        sb_add(&ctx->after, ")");
    } else if (nf >= 2 && strcmp(f[0], "before") == 0) {
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
        if (!b.failed && compile(ctx, b.s, line, &ctx->p->both_before[i]) == ZC_OK &&
            compile(ctx, f[2], line, &ctx->p->both_after[i]) == ZC_OK)
            ctx->p->n_both++;
        if (b.failed)
            ctx->status = ZC_ERR_NOMEM;
        free(b.s);
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
        host->log(args->call, ZC_LOG_ERROR, "rules file %s: %s", name, err);
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
    if (!h)
        return 0;
    size_t a = zc_u8_back(text, lo, start, WINDOW_CHARS);
    size_t b = end;
    for (int k = 0; k < WINDOW_CHARS * 2 && b < hi; k++)
        b = zc_u8_next(text, b, hi);
    const char *sub = text + a;
    size_t len = b - a;
    if (p->after &&
        h->regex_match(call, p->after, sub, len, end - a, ZC_RE_ANCHORED, &m) > 0)
        return 1;
    if (p->before &&
        h->regex_match(call, p->before, sub, len, start - a, ZC_RE_ANCHORED,
                       &m) > 0)
        return 1;
    for (size_t i = 0; i < p->n_both; i++) {
        if (h->regex_match(call, p->both_before[i], sub, len, start - a,
                           ZC_RE_ANCHORED, &m) > 0 &&
            h->regex_match(call, p->both_after[i], sub, len, end - a,
                           ZC_RE_ANCHORED, &m) > 0)
            return 1;
    }
    return 0;
}

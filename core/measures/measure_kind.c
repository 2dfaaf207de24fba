/* measure_kind.c - a plugin's measure definition as the reader's kind (see
 * measure_kind.h). */
#include "measure_kind.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "text_scan.h"

/* A units entry's columns, parsed once when the measure opens. */
typedef struct unit_info_t {
    const char *unit;
    int exp;
    const char *metric; /* NULL for none */
} unit_info_t;

#define MAX_NOT_BARE 8

struct zc_measure_t {
    zc_kind_ops_t ops;           /* ops.self is the measure itself */
    const zc_common_t *common;   /* the engine's */
    zc_measure_def_t def;        /* the plugin's, its strings not kept */
    char *kind;                  /* owned copy of def.kind */
    const zc_lexicon_t *units;   /* the cache's, or NULL */
    unit_info_t *unit_info;      /* owned, parallel to units->entries */
    const zc_lexicon_t *bare_verbs;
    const zc_lexicon_t *not_bare[MAX_NOT_BARE];
    size_t n_not_bare;
    zc_patterns_t exclude;       /* owned; empty without def.exclude */
    zc_measure_t *next;          /* the cache's list */
};

zc_measure_t *zc_measure_next(const zc_measure_t *m) { return m->next; }
void zc_measure_set_next(zc_measure_t *m, zc_measure_t *next) { m->next = next; }

/* The unit a units line writes: the word itself when the column is empty,
 * none when it is "" (两 in 两会 is no classifier, but 项 is 项). */
static const char *unit_column(const zc_lex_entry_t *e)
{
    if (strcmp(e->field[0], "\"\"") == 0)
        return "";
    return e->field[0][0] ? e->field[0] : e->word;
}

/* Parse the units file's columns; a bad power of ten is the file's
 * mistake, named with its line and word. */
static zc_status_t parse_units(zc_measure_t *m, const zc_plugin_init_t *args,
                               const char *file)
{
    const zc_lexicon_t *lex = m->units;
    m->unit_info = calloc(lex->n ? lex->n : 1, sizeof *m->unit_info);
    if (!m->unit_info)
        return ZC_ERR_NOMEM;
    for (size_t i = 0; i < lex->n; i++) {
        const zc_lex_entry_t *e = &lex->entries[i];
        unit_info_t *u = &m->unit_info[i];
        u->unit = unit_column(e);
        u->metric = e->field[2][0] ? e->field[2] : NULL;
        if (!e->field[1][0])
            continue;
        char *end;
        errno = 0;
        long exp = strtol(e->field[1], &end, 10);
        if (*end || errno || exp < -18 || exp > 18) {
            args->host->log(args->call, ZC_LOG_ERROR,
                            "%s:%d: %s: the power of ten '%s' is not "
                            "a whole number from -18 to 18",
                            file, zc_lex_line(lex, e), e->word, e->field[1]);
            return ZC_ERR_PATTERN;
        }
        u->exp = (int)exp;
    }
    return ZC_OK;
}

static int measure_unit_at(const void *self, const zc_doc_view_t *doc,
                           const zc_number_t *n, size_t pos, size_t hi,
                           zc_unit_hit_t *hit)
{
    const zc_measure_t *m = self;
    memset(hit, 0, sizeof *hit);
    hit->struct_size = sizeof *hit;
    if (n->flags & ZC_NUM_PERCENT) {
        /* 百分之五十 and 三分之一 carry their unit; a stray % after is its. */
        if (!m->def.percent)
            return 0;
        hit->end = pos;
        if (pos < hi && doc->text[pos] == '%' && pos == n->end_byte)
            hit->end = pos + 1;
        hit->unit = "%";
        return 1;
    }
    if (m->def.unit_at) {
        /* A hook's unit must lie ahead and say what it is. */
        return m->def.unit_at(m->def.user, doc, n, pos, hi, hit) &&
               hit->end > pos && hit->end <= hi && hit->unit;
    }
    if (!m->units)
        return 0;
    const zc_lex_entry_t *e = zc_lex_forward(m->units, doc->text, pos, hi);
    if (!e)
        return 0;
    const unit_info_t *u = &m->unit_info[e - m->units->entries];
    hit->end = pos + e->len;
    hit->unit = u->unit;
    hit->exp = u->exp;
    hit->metric = u->metric;
    return 1;
}

static int not_bare_at(const zc_measure_t *m, const char *t, size_t pos,
                       size_t hi)
{
    for (size_t i = 0; i < m->n_not_bare; i++)
        if (zc_lex_forward(m->not_bare[i], t, pos, hi))
            return 1;
    return 0;
}

/* A count with no classifier, only where a counting verb opens its clause
 * (新增各类市场主体1853、) or stands right before a scaled number followed
 * by the counted noun (增加500万沼气用户). */
static int measure_bare(const void *self, const zc_common_t *cm,
                        const zc_doc_view_t *doc, const zc_number_t *n,
                        size_t lo, size_t hi, zc_unit_hit_t *hit)
{
    const zc_measure_t *m = self;
    const char *t = doc->text;
    (void)cm;
    memset(hit, 0, sizeof *hit);
    hit->struct_size = sizeof *hit;
    if (!(n->flags & ZC_NUM_ARABIC) || (n->flags & (ZC_NUM_DECIMAL | ZC_NUM_PERCENT)))
        return 0;
    uint32_t next = zc_u8_at(t, n->end_byte, hi);
    if (n->flags & ZC_NUM_SCALED) {
        if (!zc_is_word_char(next) || not_bare_at(m, t, n->end_byte, hi) ||
            !zc_lex_backward(m->bare_verbs, t, lo, n->start_byte))
            return 0;
    } else {
        if (!(next == 0x3001 || zc_is_clause_end(next)))
            return 0;
        /* The verb opens the clause, and a noun sits before the number. */
        size_t p = n->start_byte;
        size_t cs = p;
        while (cs > lo) {
            size_t q = zc_u8_prev(t, lo, cs);
            if (!zc_is_word_char(zc_u8_at(t, q, cs)))
                break;
            cs = q;
        }
        if (cs == p || (cs > lo && !zc_is_clause_end(zc_u8_at(t, zc_u8_prev(t, lo, cs), cs))))
            return 0;
        if (!zc_lex_forward(m->bare_verbs, t, cs, p))
            return 0;
    }
    hit->end = n->end_byte;
    hit->unit = "";
    return 1;
}

static int measure_veto(const void *self, const zc_doc_view_t *doc,
                        const zc_number_t *n)
{
    const zc_measure_t *m = self;
    return m->def.veto(m->def.user, doc, n);
}

/* The plugin sees the public view of a candidate and may change it. */
static void measure_finish(const void *self, const zc_doc_view_t *doc,
                           zc_cand_t *c)
{
    const zc_measure_t *m = self;
    zc_measure_claim_t claim = {
        .struct_size = sizeof claim,
        .start = c->start,
        .end = c->end,
        .lead = c->lead,
        .num_start = c->num_start,
        .unit_end = c->hit.end,
        .value = c->value,
        .has_range = c->has_range,
        .range_low = c->range_low,
        .range_high = c->range_high,
        .approx = c->approx,
        .unit = c->hit.unit,
        .metric = c->metric,
        .metric_size = sizeof c->metric,
    };
    m->def.finish(m->def.user, doc, &claim);
    /* Only what keeps the candidate sound comes back: a span inside the
     * sentence's text, a unit. */
    if (claim.start < claim.end && claim.end <= doc->text_len) {
        c->start = claim.start;
        c->end = claim.end;
    }
    if (claim.lead <= c->start)
        c->lead = claim.lead;
    c->value = claim.value;
    c->has_range = claim.has_range;
    c->range_low = claim.range_low;
    c->range_high = claim.range_high;
    c->approx = claim.approx;
    if (claim.unit)
        c->hit.unit = claim.unit;
    c->metric[sizeof c->metric - 1] = '\0';
}

/* A list the definition names, or NULL when it names none. */
static zc_status_t optional_words(zc_word_cache_t *cache,
                                  const zc_plugin_init_t *args,
                                  const char *name, const zc_lexicon_t **out)
{
    *out = NULL;
    return name ? zc_word_cache_words(cache, args, name, out) : ZC_OK;
}

static zc_status_t measure_fill(zc_measure_t *m, zc_word_cache_t *cache,
                                const zc_plugin_init_t *args)
{
    const zc_measure_def_t *d = &m->def;
    /* The kind's own lists first: a file missing from a plugin author's
     * rules folder is named before the shared ones are looked for. */
    zc_status_t st = optional_words(cache, args, d->units, &m->units);
    if (st == ZC_OK && m->units)
        st = parse_units(m, args, d->units);
    if (st == ZC_OK)
        st = optional_words(cache, args, d->not_units, &m->ops.not_units);
    if (st == ZC_OK)
        st = optional_words(cache, args, d->not_before, &m->ops.not_before);
    if (st == ZC_OK)
        st = optional_words(cache, args, d->not_after, &m->ops.not_after);
    if (st == ZC_OK)
        st = optional_words(cache, args, d->context, &m->ops.context);
    if (st == ZC_OK)
        st = optional_words(cache, args, d->bare_verbs, &m->bare_verbs);
    for (size_t i = 0; st == ZC_OK && d->not_bare && d->not_bare[i]; i++) {
        if (i == MAX_NOT_BARE) {
            args->host->log(args->call, ZC_LOG_ERROR,
                            "measure %s: more than %d not_bare lists",
                            m->kind, MAX_NOT_BARE);
            return ZC_ERR_INVALID;
        }
        st = zc_word_cache_words(cache, args, d->not_bare[i], &m->not_bare[i]);
        m->n_not_bare = i + 1;
    }
    if (st == ZC_OK && d->exclude) {
        st = zc_patterns_load(&m->exclude, args, d->exclude);
        if (st == ZC_OK)
            m->ops.exclude = &m->exclude;
    }
    if (st == ZC_OK)
        st = zc_word_cache_common(cache, args, &m->common);
    return st;
}

zc_status_t zc_measure_open(zc_word_cache_t *cache,
                            const zc_plugin_init_t *args,
                            const zc_measure_def_t *def, zc_measure_t **out)
{
    const zc_host_t *host = args->host;
    /* A definition from an older header is shorter: read what it has, the
     * rest stays 0. */
    if (!def || def->struct_size < offsetof(zc_measure_def_t, units) + sizeof def->units
        || !def->kind || !def->kind[0]) {
        host->log(args->call, ZC_LOG_ERROR,
                  "measure_open: the definition needs struct_size and a kind");
        return ZC_ERR_INVALID;
    }
    zc_measure_t *m = calloc(1, sizeof *m);
    if (!m)
        return ZC_ERR_NOMEM;
    size_t n = def->struct_size < sizeof m->def ? def->struct_size : sizeof m->def;
    memcpy(&m->def, def, n);
    m->def.struct_size = sizeof m->def;
    if (!(m->kind = strdup(def->kind))) {
        zc_measure_free(m);
        return ZC_ERR_NOMEM;
    }
    m->def.kind = m->kind;
    if (!m->def.units && !m->def.unit_at && !m->def.percent && !m->def.bare_verbs) {
        host->log(args->call, ZC_LOG_ERROR,
                  "measure %s: no way to read a unit (units, unit_at, "
                  "percent or bare_verbs)", m->kind);
        zc_measure_free(m);
        return ZC_ERR_INVALID;
    }
    zc_status_t st = measure_fill(m, cache, args);
    if (st != ZC_OK) {
        zc_measure_free(m);
        return st;
    }
    m->ops.kind = m->kind;
    m->ops.self = m;
    m->ops.unit_at = measure_unit_at;
    m->ops.bare = m->bare_verbs ? measure_bare : NULL;
    m->ops.veto = m->def.veto ? measure_veto : NULL;
    m->ops.finish = m->def.finish ? measure_finish : NULL;
    m->ops.subject_after = (int)m->def.subject_at;
    /* The strings of def are the plugin's: none is kept. */
    m->def.units = m->def.not_units = m->def.not_before = NULL;
    m->def.not_after = m->def.exclude = m->def.bare_verbs = NULL;
    m->def.not_bare = NULL;
    m->def.context = NULL;
    *out = m;
    return ZC_OK;
}

void zc_measure_free(zc_measure_t *m)
{
    if (!m)
        return;
    zc_patterns_free(&m->exclude);
    free(m->unit_info);
    free(m->kind);
    free(m);
}

zc_status_t zc_measure_run(const zc_measure_t *m, const zc_doc_view_t *doc,
                           zc_call_t *call)
{
    return zc_extract_run(m->common, &m->ops, doc, call);
}

/*
 * rules - extractors declared in rules files, with no C.
 *
 * Every rules/extractors/NAME.rules file (in every rules directory; a file of
 * the same name in an earlier directory wins) is one extractor:
 *
 *   kind     weight                           the records' kind (required)
 *   pattern  (?<qual>约)?(?<num>{NUM})(?<unit>吨|公斤)   one or more
 *   unit     公斤  吨  -3                      WRITTEN REPORTED SCALE
 *   approx   约    ~                           WORD APPROX
 *   exclude  {NUM}吨级                         zero or more
 *
 * A pattern is PCRE2 (UTF-8, Unicode properties) in which {NUM} stands for
 * any number the core reads. Named groups: num (required) must cover exactly
 * one of the core's numbers, whose value it takes (2.5, 1,826, 10万, 三千 all
 * read right); unit (required) is looked up in the unit table, which gives
 * the unit reported and a power of ten to scale by (500公斤 -> 0.5 吨); an
 * empty table reports the unit as written. num2 (optional) is the high end of
 * a range (3至5吨). qual, qual2, qual3 (optional) are qualifiers looked up in
 * the approx table (约 ~, 余 >, 以上 >=); the first one found sets approx.
 * The record's span is the whole match. A match is dropped when an exclude
 * pattern matches text overlapping it in the same sentence. Matches are
 * looked for near the core's numbers only: a match starts at most 8 code
 * points before its number and ends at most 16 after it (WINDOW_BEFORE,
 * WINDOW_AFTER), room for qualifier words and units; with a unit table,
 * only where one of its words is in that window.
 *
 * Examples with rules/extractors/weight.rules:
 *   年产钢材10万吨 -> weight 100000 吨;  约3.5万吨 -> 35000 吨 ~;
 *   500公斤 -> 0.5 吨;  10万吨级码头 -> nothing.
 *
 * A file that does not parse or compile is reported (file, line, reason) and
 * skipped; the other extractors load. The files are listed with the host's
 * rules_list(), added in plugin ABI 1.1: on an older host the plugin says so
 * and does not start. State is the parsed files and compiled patterns,
 * read-only after init(): extract() may run on several documents at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhclaim/plugin.h"

#define RULES_FOLDER "extractors"
#define RULES_SUFFIX ".rules"
#define N_QUALS 3

/* What {NUM} stands for: the characters numbers are written with. The
 * match only has to start and end where one of the core's numbers does;
 * the value comes from the core, never from this text. */
static const char num_pattern[] =
    "(?:[0-9零〇一二两三四五六七八九十百千万亿][0-9,.零〇一二两三四五六七八九十百千万亿点]*)";

typedef struct unit_row_t {
    const char *written;
    const char *reported;
    int scale;
} unit_row_t;

typedef struct approx_row_t {
    const char *word;
    zc_approx_t approx;
} approx_row_t;

typedef struct pattern_t {
    zc_regex_t *re;
    int num, num2, unit, qual[N_QUALS]; /* group indexes, -1 when absent */
} pattern_t;

typedef struct extractor_t {
    char *file;          /* "extractors/weight.rules", for messages */
    char **strings;      /* owned copies the fields below point into */
    size_t n_strings;
    const char *kind;
    pattern_t *patterns;
    size_t n_patterns;
    zc_regex_t **excludes;
    size_t n_excludes;
    unit_row_t *units;
    size_t n_units;
    approx_row_t *approx;
    size_t n_approx;
} extractor_t;

typedef struct rules_state_t {
    const zc_host_t *host;
    extractor_t *ex;
    size_t n_ex;
} rules_state_t;

static void extractor_free(const zc_host_t *host, extractor_t *x)
{
    for (size_t i = 0; i < x->n_patterns; i++)
        host->regex_free(x->patterns[i].re);
    for (size_t i = 0; i < x->n_excludes; i++)
        host->regex_free(x->excludes[i]);
    free(x->patterns);
    free(x->excludes);
    free(x->units);
    free(x->approx);
    for (size_t i = 0; i < x->n_strings; i++)
        free(x->strings[i]);
    free(x->strings);
    free(x->file);
}

static void rules_fini(void *state)
{
    rules_state_t *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->n_ex; i++)
        extractor_free(st->host, &st->ex[i]);
    free(st->ex);
    free(st);
}

/* ---- reading a .rules file ---- */

/* Split s in place at runs of spaces and TABs; returns the field count. */
static int split_words(char *s, char **words, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ' || *s == '\t')
            *s++ = '\0';
        if (!*s)
            break;
        words[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    return n;
}

/* The pattern with every {NUM} replaced; the caller frees it. */
static char *expand_num(const char *pattern)
{
    size_t count = 0;
    for (const char *p = strstr(pattern, "{NUM}"); p; p = strstr(p + 5, "{NUM}"))
        count++;
    size_t len = strlen(pattern) + count * (sizeof num_pattern - 1) + 1;
    char *out = malloc(len);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{NUM}", 5) == 0) {
            memcpy(o, num_pattern, sizeof num_pattern - 1);
            o += sizeof num_pattern - 1;
            p += 5;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* Grow an array of n elements of size sz by one; NULL when out of memory. */
static void *push(void *array, size_t n, size_t sz)
{
    return realloc(array, (n + 1) * sz);
}

/* An owned copy of s, kept until the extractor is freed: the host's line
 * lives only as long as its call. NULL when out of memory. */
static const char *keep(extractor_t *x, const char *s)
{
    char **grown = push(x->strings, x->n_strings, sizeof *grown);
    if (!grown)
        return NULL;
    x->strings = grown;
    char *copy = strdup(s);
    if (copy)
        x->strings[x->n_strings++] = copy;
    return copy;
}

typedef struct parse_t {
    const zc_host_t *host;
    zc_call_t *call;
    extractor_t *x;
    int line;
    const char *line_start; /* the line as written, for columns */
} parse_t;

static zc_status_t parse_error(const parse_t *p, const char *fmt, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, what);
    p->host->log(p->call, ZC_LOG_WARN, "%s:%d: %s; extractor skipped", p->x->file,
                 p->line, msg);
    return ZC_ERR_PATTERN;
}

/* The offset in pattern (as written, with {NUM}) of a byte offset in its
 * expansion, so that an error points into the line the user wrote. */
static size_t written_offset(const char *pattern, size_t expanded)
{
    const size_t num_len = sizeof num_pattern - 1;
    size_t e = 0;
    const char *p = pattern;
    while (*p && e < expanded) {
        if (strncmp(p, "{NUM}", 5) == 0) {
            if (e + num_len > expanded)
                break; /* inside the expansion: point at its {NUM} */
            e += num_len;
            p += 5;
        } else {
            e++;
            p++;
        }
    }
    return (size_t)(p - pattern);
}

/* A {WORD} other than {NUM} is most likely a placeholder that does not
 * exist; PCRE2 would match it as literal text and find nothing, silently. */
static void warn_unknown_placeholders(const parse_t *p, const char *value)
{
    for (const char *b = strchr(value, '{'); b; b = strchr(b + 1, '{')) {
        size_t n = strspn(b + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
        if (n > 0 && b[1 + n] == '}' && strncmp(b, "{NUM}", 5) != 0)
            p->host->log(p->call, ZC_LOG_WARN,
                         "%s:%d:%zu: unknown placeholder %.*s (the one placeholder is "
                         "{NUM}); matched as literal text",
                         p->x->file, p->line, (size_t)(b - p->line_start) + 1,
                         (int)n + 2, b);
    }
}

static zc_status_t compile(const parse_t *p, const char *value, zc_regex_t **re)
{
    warn_unknown_placeholders(p, value);
    char *expanded = expand_num(value);
    if (!expanded)
        return ZC_ERR_NOMEM;
    char err[256];
    zc_status_t st = p->host->regex_compile(expanded, 0, re, err, sizeof err);
    free(expanded);
    if (st == ZC_OK)
        return ZC_OK;
    /* The host says "MESSAGE at offset N", N in the expanded pattern:
     * report the column in the line as written instead (1-based, bytes). */
    char *at = strstr(err, " at offset ");
    if (at) {
        size_t off = strtoul(at + 11, NULL, 10);
        *at = '\0';
        size_t col = (size_t)(value - p->line_start) + written_offset(value, off) + 1;
        char msg[400];
        snprintf(msg, sizeof msg, "%s at column %zu of the line", err, col);
        return parse_error(p, "pattern does not compile: %s", msg);
    }
    return parse_error(p, "pattern does not compile: %s", err);
}

static zc_status_t add_pattern(const parse_t *p, const char *value)
{
    extractor_t *x = p->x;
    pattern_t *grown = push(x->patterns, x->n_patterns, sizeof *grown);
    if (!grown)
        return ZC_ERR_NOMEM;
    x->patterns = grown;
    pattern_t *pt = &x->patterns[x->n_patterns];
    memset(pt, 0, sizeof *pt);
    zc_status_t st = compile(p, value, &pt->re);
    if (st != ZC_OK)
        return st;
    x->n_patterns++; /* from here on, fini frees the pattern */
    const zc_host_t *h = p->host;
    pt->num = h->regex_group(pt->re, "num");
    pt->num2 = h->regex_group(pt->re, "num2");
    pt->unit = h->regex_group(pt->re, "unit");
    static const char *const quals[N_QUALS] = {"qual", "qual2", "qual3"};
    for (int i = 0; i < N_QUALS; i++)
        pt->qual[i] = h->regex_group(pt->re, quals[i]);
    if (pt->num < 0 || pt->unit < 0)
        return parse_error(p, "%s", "a pattern needs the groups (?<num>...) and (?<unit>...)");
    return ZC_OK;
}

static zc_status_t parse_line(const parse_t *p, char *line)
{
    extractor_t *x = p->x;
    char *value = line + strcspn(line, " \t");
    if (*value)
        *value++ = '\0';
    value += strspn(value, " \t");
    const char *key = line;
    if (!*value)
        return parse_error(p, "'%s' has no value", key);
    if (strcmp(key, "kind") == 0) {
        x->kind = keep(x, value);
        return x->kind ? ZC_OK : ZC_ERR_NOMEM;
    }
    if (strcmp(key, "pattern") == 0)
        return add_pattern(p, value);
    if (strcmp(key, "exclude") == 0) {
        zc_regex_t **grown = push(x->excludes, x->n_excludes, sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        x->excludes = grown;
        zc_status_t st = compile(p, value, &x->excludes[x->n_excludes]);
        if (st == ZC_OK)
            x->n_excludes++;
        return st;
    }
    char *w[4];
    int n = split_words(value, w, 4);
    if (strcmp(key, "unit") == 0) {
        unit_row_t *grown = push(x->units, x->n_units, sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        x->units = grown;
        char *end = NULL;
        long scale = n > 2 ? strtol(w[2], &end, 10) : 0;
        if (n > 3 || (n > 2 && (*end || scale < -18 || scale > 18)))
            return parse_error(p, "%s", "unit needs WRITTEN [REPORTED [SCALE]], SCALE a power of ten");
        const char *written = keep(x, w[0]);
        const char *reported = n > 1 ? keep(x, w[1]) : written;
        if (!written || !reported)
            return ZC_ERR_NOMEM;
        x->units[x->n_units++] = (unit_row_t){written, reported, (int)scale};
        return ZC_OK;
    }
    if (strcmp(key, "approx") == 0) {
        approx_row_t *grown = push(x->approx, x->n_approx, sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        x->approx = grown;
        zc_approx_t a;
        if (n != 2 || !zc_approx_parse(w[1], &a))
            return parse_error(p, "%s", "approx needs WORD and one of = ~ > >= < <=");
        const char *word = keep(x, w[0]);
        if (!word)
            return ZC_ERR_NOMEM;
        x->approx[x->n_approx++] = (approx_row_t){word, a};
        return ZC_OK;
    }
    return parse_error(p, "unknown key '%s' (kind, pattern, unit, approx, exclude)", key);
}

/* One line of a .rules file, as the host's line reader gives it (blank and
 * '#' lines skipped, trailing spaces cut): TABs after it and spaces and TABs
 * before it are dropped too (a comment may be indented). */
static zc_status_t parse_text_line(void *user, char *line, int line_no)
{
    parse_t *p = user;
    p->line = line_no;
    p->line_start = line;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';
    line += strspn(line, " \t");
    return *line && *line != '#' ? parse_line(p, line) : ZC_OK;
}

/* Read and compile one extractor file into x. */
static zc_status_t load_extractor(const zc_plugin_init_t *args, const char *file,
                                  extractor_t *x)
{
    const zc_host_t *h = args->host;
    memset(x, 0, sizeof *x);
    x->file = strdup(file);
    char err[512] = "";
    if (!x->file)
        return ZC_ERR_NOMEM;
    parse_t p = {h, args->call, x, 0, NULL};
    zc_status_t st = h->rules_lines(args->call, file, parse_text_line, &p, err, sizeof err);
    if (st != ZC_OK && p.line == 0) {
        /* Not read at all (a parse error was logged with its line). */
        h->log(args->call, ZC_LOG_WARN, "%s: %s; extractor skipped", file, err);
        return st;
    }
    if (st == ZC_OK && (!x->kind || x->n_patterns == 0)) {
        p.line = 0;
        st = parse_error(&p, "%s", "a kind and at least one pattern are required");
    }
    if (st == ZC_OK)
        h->log(args->call, ZC_LOG_INFO, "%s: kind %s, %zu pattern(s), %zu unit(s)",
               file, x->kind, x->n_patterns, x->n_units);
    return st;
}

typedef struct file_list_t {
    char **names;
    size_t n;
    int nomem;
    const zc_host_t *host; /* for the warnings about files not read */
    zc_call_t *call;
} file_list_t;

static int has_rules_suffix(const char *name)
{
    size_t len = strlen(name), suffix = sizeof RULES_SUFFIX - 1;
    return len > suffix && strcmp(name + len - suffix, RULES_SUFFIX) == 0;
}

static void collect_file(void *user, const char *name)
{
    file_list_t *l = user;
    if (!has_rules_suffix(name)) {
        /* extractors/weight.rule, extractors/notes.txt: a mistake that
         * would otherwise just extract nothing. */
        l->host->log(l->call, ZC_LOG_WARN,
                     "%s: not read: extractor files are named *%s", name, RULES_SUFFIX);
        return;
    }
    char **grown = push(l->names, l->n, sizeof *grown);
    char *copy = strdup(name);
    if (!grown || !copy) {
        free(copy);
        if (grown)
            l->names = grown;
        l->nomem = 1;
        return;
    }
    l->names = grown;
    l->names[l->n++] = copy;
}

static void warn_misplaced(void *user, const char *name)
{
    const file_list_t *l = user;
    if (strncmp(name, "./", 2) == 0)
        name += 2;
    if (has_rules_suffix(name))
        l->host->log(l->call, ZC_LOG_WARN,
                     "%s: not read: extractors are read from %s/*%s only (move it to %s/%s)",
                     name, RULES_FOLDER, RULES_SUFFIX, RULES_FOLDER, name);
}

static zc_status_t rules_init(const zc_plugin_init_t *args, void **state)
{
    const zc_host_t *h = args->host;
    /* rules_lines() and word_start() came with ABI 1.3: an older host's
     * table ends before them. The ABI policy at work: check, then call. */
    if (h->abi_major != ZC_PLUGIN_ABI_MAJOR || !ZC_HOST_HAS(h, rules_lines)) {
        h->log(args->call, ZC_LOG_ERROR,
               "needs a host with plugin ABI 1.3 or later (rules_lines); this host has %u.%u",
               (unsigned)h->abi_major, (unsigned)h->abi_minor);
        return ZC_ERR_PLUGIN;
    }
    rules_state_t *st = calloc(1, sizeof *st);
    if (!st)
        return ZC_ERR_NOMEM;
    st->host = h;
    file_list_t files = {0};
    files.host = h;
    files.call = args->call;
    /* A .rules file at the top of a rules folder is in the wrong place. */
    (void)h->rules_list(args->call, ".", warn_misplaced, &files);
    zc_status_t rc = h->rules_list(args->call, RULES_FOLDER, collect_file, &files);
    if (rc == ZC_OK && files.nomem)
        rc = ZC_ERR_NOMEM;
    if (rc == ZC_OK && files.n)
        st->ex = calloc(files.n, sizeof *st->ex);
    if (rc == ZC_OK && files.n && !st->ex)
        rc = ZC_ERR_NOMEM;
    for (size_t i = 0; rc == ZC_OK && i < files.n; i++) {
        extractor_t *x = &st->ex[st->n_ex];
        zc_status_t one = load_extractor(args, files.names[i], x);
        if (one == ZC_OK)
            st->n_ex++;
        else
            extractor_free(h, x); /* reported; the others load on */
        if (one == ZC_ERR_NOMEM)
            rc = one;
    }
    for (size_t i = 0; i < files.n; i++)
        free(files.names[i]);
    free(files.names);
    if (rc != ZC_OK) {
        rules_fini(st);
        return rc;
    }
    if (st->n_ex == 0)
        h->log(args->call, ZC_LOG_INFO, "no extractor in %s/*%s", RULES_FOLDER, RULES_SUFFIX);
    *state = st;
    return ZC_OK;
}

/* ---- extraction ---- */

static int group_set(const zc_match_t *m, int g)
{
    return g >= 0 && g < m->n_groups && m->start[g] != ZC_MATCH_UNSET;
}

/* The core's number spanning exactly text[start, end), or NULL. */
static const zc_number_t *number_exactly(const zc_host_t *h, const zc_doc_view_t *doc,
                                         size_t start, size_t end)
{
    long i = h->number_at(doc, start);
    if (i < 0)
        return NULL;
    const zc_number_t *n = &doc->numbers[i];
    return n->start_byte == start && n->end_byte == end ? n : NULL;
}

static const zc_number_t *number_of_group(const zc_host_t *h, const zc_doc_view_t *doc,
                                          const zc_match_t *m, int g)
{
    return group_set(m, g) ? number_exactly(h, doc, m->start[g], m->end[g]) : NULL;
}

/* How far one exclude pattern's matches in a sentence have been looked
 * at. Candidates come left to right within a pattern's run, so each match
 * is found once per sentence and run, not again from the sentence's start
 * for every candidate (which made a long sentence quadratic). */
typedef struct excl_cursor_t {
    size_t lo, hi;      /* the sentence; hi 0: none yet */
    size_t pos;         /* the next search starts here */
    size_t last_start;  /* the last candidate's start: a smaller one restarts */
    int have;           /* [m_start, m_end) is the first match not yet passed */
    int done;           /* no match left in the sentence */
    size_t m_start, m_end;
} excl_cursor_t;

/* True when an exclude pattern matches text overlapping [start, end) in the
 * sentence [lo, hi): the matches looked for left to right from lo, each
 * search starting where the last match ended. cur holds one cursor per
 * exclude pattern. */
static int excluded(const rules_state_t *st, const extractor_t *x, zc_call_t *call,
                    const zc_doc_view_t *doc, size_t lo, size_t hi, size_t start,
                    size_t end, excl_cursor_t *cur)
{
    for (size_t e = 0; e < x->n_excludes; e++) {
        excl_cursor_t *c = &cur[e];
        if (c->hi == 0 || c->lo != lo || c->hi != hi || start < c->last_start)
            *c = (excl_cursor_t){.lo = lo, .hi = hi, .pos = lo};
        c->last_start = start;
        for (;;) {
            if (!c->have) {
                zc_match_t m;
                if (c->done || c->pos >= hi
                    || st->host->regex_match(call, x->excludes[e], doc->text, hi, c->pos, 0,
                                             &m) != 1) {
                    c->done = 1;
                    break;
                }
                c->have = 1;
                c->m_start = m.start[0];
                c->m_end = m.end[0];
                c->pos = m.end[0] > c->pos ? m.end[0] : c->pos + 1;
            }
            if (c->m_start < end && c->m_end > start)
                return 1;
            if (c->m_start >= end)
                break; /* kept: a later candidate may reach it */
            /* It ends at or before start, so before every later candidate. */
            c->have = 0;
        }
    }
    return 0;
}

static const unit_row_t *unit_of(const extractor_t *x, const char *text, size_t len)
{
    for (size_t i = 0; i < x->n_units; i++)
        if (strlen(x->units[i].written) == len && memcmp(x->units[i].written, text, len) == 0)
            return &x->units[i];
    return NULL;
}

static int approx_of(const extractor_t *x, const char *text, size_t len, zc_approx_t *out)
{
    for (size_t i = 0; i < x->n_approx; i++)
        if (strlen(x->approx[i].word) == len && memcmp(x->approx[i].word, text, len) == 0) {
            *out = x->approx[i].approx;
            return 1;
        }
    return 0;
}

/* What one extractor keeps while it runs over a document: the spans it
 * has emitted, so that a second pattern matching the same text adds
 * nothing, and where its exclude patterns have been looked at. Spans are
 * disjoint; span holds the earlier patterns' (sorted), fresh the current
 * pattern's (found left to right, so sorted too), merged when the pattern
 * is done: a lookup is a binary search, never a scan of every span. Freed
 * before extract() returns. */
typedef struct spans_t {
    size_t (*span)[2];
    size_t n;
    size_t (*fresh)[2];
    size_t n_fresh;
    size_t cap_fresh;
    excl_cursor_t *excl;
} spans_t;

/* Does a span of the sorted, disjoint list overlap [start, end)? */
static int overlaps_sorted(size_t (*span)[2], size_t n, size_t start, size_t end)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first span ending after start */
        size_t mid = lo + (hi - lo) / 2;
        if (span[mid][1] <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && span[lo][0] < end;
}

static int overlaps_taken(const spans_t *t, size_t start, size_t end)
{
    return overlaps_sorted(t->span, t->n, start, end)
        || overlaps_sorted(t->fresh, t->n_fresh, start, end);
}

/* The current pattern's spans join the earlier ones, in order. */
static zc_status_t merge_fresh(spans_t *t)
{
    if (t->n_fresh == 0)
        return ZC_OK;
    size_t (*all)[2] = malloc((t->n + t->n_fresh) * sizeof *all);
    if (!all)
        return ZC_ERR_NOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < t->n || j < t->n_fresh) {
        if (j == t->n_fresh || (i < t->n && t->span[i][0] < t->fresh[j][0]))
            memcpy(all[k++], t->span[i++], sizeof *all);
        else
            memcpy(all[k++], t->fresh[j++], sizeof *all);
    }
    free(t->span);
    t->span = all;
    t->n = k;
    t->n_fresh = 0;
    return ZC_OK;
}

/* Build and emit the record of one match; *emitted stays 0 when the match
 * is no claim. */
static zc_status_t emit_match(const rules_state_t *st, const extractor_t *x,
                              const pattern_t *pt, const zc_match_t *m,
                              const zc_doc_view_t *doc, zc_call_t *call,
                              spans_t *taken, int *emitted)
{
    const zc_host_t *h = st->host;
    const zc_number_t *n = number_of_group(h, doc, m, pt->num);
    if (!n || !group_set(m, pt->unit) || m->end[0] <= m->start[0])
        return ZC_OK;
    char unit_buf[128];
    size_t ulen = m->end[pt->unit] - m->start[pt->unit];
    const char *utext = doc->text + m->start[pt->unit];
    const unit_row_t *u = unit_of(x, utext, ulen);
    if (x->n_units && !u)
        return ZC_OK; /* a unit the table does not know: no claim */
    if (!u) {
        if (ulen >= sizeof unit_buf)
            return ZC_OK;
        memcpy(unit_buf, utext, ulen);
        unit_buf[ulen] = '\0';
    }
    const zc_sentence_t *s = &doc->sentences[n->sentence];
    if (excluded(st, x, call, doc, s->start_byte, s->end_byte, m->start[0], m->end[0],
                 taken->excl))
        return ZC_OK;
    int scale = u ? u->scale : 0;
    zc_record_t r = {0};
    r.struct_size = sizeof r;
    r.kind = x->kind;
    r.start_byte = m->start[0];
    r.end_byte = m->end[0];
    /* A qualifier that opens the match must start a word: 约 in 节约5000吨
     * is the end of 节约 (saved), so the claim is 5000吨, not ~5000吨. */
    int skip_q = -1;
    for (int q = 0; q < N_QUALS; q++)
        if (group_set(m, pt->qual[q]) && m->start[pt->qual[q]] == m->start[0] &&
            h->word_start(doc->text, s->start_byte, m->start[0], s->end_byte) != m->start[0]) {
            skip_q = q;
            r.start_byte = m->end[pt->qual[q]];
        }
    r.unit = u ? u->reported : unit_buf;
    /* Scaling by a power of ten moves the exponent: exact. */
    r.value = n->value;
    r.value.exponent += scale;
    const zc_number_t *high = number_of_group(h, doc, m, pt->num2);
    if (high) {
        r.has_range = 1;
        r.range_low = r.value;
        r.range_high = high->value;
        r.range_high.exponent += scale;
    }
    r.approx = ZC_APPROX_EQ;
    for (int q = 0; q < N_QUALS; q++) {
        zc_approx_t a;
        if (q != skip_q && group_set(m, pt->qual[q])
            && approx_of(x, doc->text + m->start[pt->qual[q]],
                         m->end[pt->qual[q]] - m->start[pt->qual[q]], &a)
            && a != ZC_APPROX_EQ) {
            r.approx = a;
            break;
        }
    }
    *emitted = 1;
    return h->emit(call, &r);
}

/* Stepping over UTF-8 code points: a continuation byte is 10xxxxxx. */
static int continues(const char *text, size_t pos)
{
    return ((unsigned char)text[pos] & 0xC0u) == 0x80u;
}

/* The next code point's start after pos, at most hi. */
static size_t next_cp(const char *text, size_t pos, size_t hi)
{
    if (pos >= hi)
        return hi;
    for (pos++; pos < hi && continues(text, pos); pos++)
        ;
    return pos;
}

/* n code points back from pos, at least lo. */
static size_t back_cps(const char *text, size_t lo, size_t pos, size_t n)
{
    while (n-- > 0 && pos > lo)
        for (pos--; pos > lo && continues(text, pos); pos--)
            ;
    return pos;
}

/* n code points ahead of pos, at most hi. */
static size_t ahead_cps(const char *text, size_t pos, size_t hi, size_t n)
{
    while (n-- > 0 && pos < hi)
        pos = next_cp(text, pos, hi);
    return pos;
}

/* How far around one of the core's numbers a match is looked for: it may
 * start up to WINDOW_BEFORE code points before the number and end up to
 * WINDOW_AFTER code points after it (qualifier words, units). Scanning the
 * whole text instead costs a match attempt at every byte: a pattern that
 * starts with an optional group has no literal for PCRE2 to skip ahead to. */
#define WINDOW_BEFORE 8
#define WINDOW_AFTER 16

#define NOWHERE ((size_t)-1)

/* Start of the first occurrence of word at or after from in text[0, len),
 * or NOWHERE. Looks for the word's last byte with memchr(): in Chinese text
 * a character's lead byte is common, its last byte much less so. */
static size_t find_word(const char *text, size_t len, size_t from,
                        const char *word, size_t wlen)
{
    size_t at = from + wlen - 1;
    while (at < len) {
        const char *hit = memchr(text + at, word[wlen - 1], len - at);
        if (!hit)
            break;
        size_t start = (size_t)(hit - text) + 1 - wlen;
        if (memcmp(text + start, word, wlen) == 0)
            return start;
        at = (size_t)(hit - text) + 1;
    }
    return NOWHERE;
}

/* Where each word of the unit table next occurs, kept as the windows move
 * right, so that the text is searched once per unit word and document. */
typedef struct unit_hits_t {
    size_t *next; /* one per unit row: first occurrence >= the last window */
    size_t n;
} unit_hits_t;

/* True when text[from, to) holds a word of the unit table, or the table is
 * empty (any unit is then reported as written). A record's match holds its
 * unit, so a window without one cannot give a record: most numbers have no
 * weight unit near them, and this test is far cheaper than a match. hits
 * stay right as long as from never goes below an earlier call's from. */
static int window_may_hold_unit(const extractor_t *x, unit_hits_t *hits,
                                const zc_doc_view_t *doc, size_t from, size_t to)
{
    if (x->n_units == 0)
        return 1;
    for (size_t u = 0; u < hits->n; u++) {
        size_t wlen = strlen(x->units[u].written);
        if (hits->next[u] < from)
            hits->next[u] = find_word(doc->text, doc->text_len, from,
                                      x->units[u].written, wlen);
        if (hits->next[u] != NOWHERE && hits->next[u] + wlen <= to)
            return 1;
    }
    return 0;
}

/* Handle one match: emit it unless an earlier pattern's record took its
 * text, and remember its span for the later patterns. */
static zc_status_t take_match(const rules_state_t *st, const extractor_t *x,
                              const pattern_t *pt, const zc_match_t *m,
                              const zc_doc_view_t *doc, zc_call_t *call,
                              spans_t *taken)
{
    if (overlaps_taken(taken, m->start[0], m->end[0]))
        return ZC_OK;
    int emitted = 0;
    zc_status_t s = emit_match(st, x, pt, m, doc, call, taken, &emitted);
    if (s != ZC_OK || !emitted || x->n_patterns == 1)
        return s;
    if (taken->n_fresh == taken->cap_fresh) {
        size_t cap = taken->cap_fresh ? 2 * taken->cap_fresh : 64;
        size_t (*grown)[2] = realloc(taken->fresh, cap * sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        taken->fresh = grown;
        taken->cap_fresh = cap;
    }
    taken->fresh[taken->n_fresh][0] = m->start[0];
    taken->fresh[taken->n_fresh][1] = m->end[0];
    taken->n_fresh++;
    return ZC_OK;
}

/* Matches of one pattern, left to right without overlap, looked for only in
 * a window around each number no earlier match covers: a record needs its
 * num group to be one of the core's numbers. */
static zc_status_t run_pattern(const rules_state_t *st, const extractor_t *x,
                               const pattern_t *pt, const zc_doc_view_t *doc,
                               zc_call_t *call, spans_t *taken)
{
    const char *text = doc->text;
    size_t pos = 0; /* matches so far end here */
    unit_hits_t hits = {NULL, x->n_units};
    if (hits.n) {
        hits.next = malloc(hits.n * sizeof *hits.next);
        if (!hits.next)
            return ZC_ERR_NOMEM;
        for (size_t u = 0; u < hits.n; u++)
            hits.next[u] = find_word(text, doc->text_len, 0, x->units[u].written,
                                     strlen(x->units[u].written));
    }
    zc_status_t status = ZC_OK;
    for (size_t i = 0; i < doc->n_numbers; i++) {
        const zc_number_t *n = &doc->numbers[i];
        if (n->start_byte < pos)
            continue; /* inside (or before) a match already found */
        /* First a window in bytes that holds the one in code points (at
         * most 4 bytes each): counting code points costs more than this test
         * of a number that has no unit near it, the common case. */
        size_t lo = n->start_byte - pos > 4 * WINDOW_BEFORE
                        ? n->start_byte - 4 * WINDOW_BEFORE : pos;
        size_t hi = doc->text_len - n->end_byte > 4 * WINDOW_AFTER
                        ? n->end_byte + 4 * WINDOW_AFTER : doc->text_len;
        if (!window_may_hold_unit(x, &hits, doc, lo, hi))
            continue;
        size_t from = back_cps(text, pos, n->start_byte, WINDOW_BEFORE);
        size_t to = ahead_cps(text, n->end_byte, doc->text_len, WINDOW_AFTER);
        if (!window_may_hold_unit(x, &hits, doc, from, to))
            continue;
        /* Until a match reaches past the number's start; a match ending
         * before it leaves the number to look at. */
        while (status == ZC_OK && pos <= n->start_byte && from < to) {
            zc_match_t m;
            int rc = st->host->regex_match(call, pt->re, text, to, from, 0, &m);
            if (rc < 0)
                status = ZC_ERR_LIMIT; /* the host has logged where */
            if (rc <= 0)
                break;
            status = take_match(st, x, pt, &m, doc, call, taken);
            /* Go on after the match, or past an empty one to the next code
             * point. */
            pos = m.end[0] > from ? m.end[0] : next_cp(text, from, to);
            from = pos;
        }
        if (status != ZC_OK)
            break;
    }
    free(hits.next);
    return status;
}

static zc_status_t run_extractor(const rules_state_t *st, const extractor_t *x,
                                 const zc_doc_view_t *doc, zc_call_t *call,
                                 spans_t *taken)
{
    for (size_t p = 0; p < x->n_patterns; p++) {
        zc_status_t s = run_pattern(st, x, &x->patterns[p], doc, call, taken);
        if (s == ZC_OK)
            s = merge_fresh(taken);
        if (s != ZC_OK)
            return s;
    }
    return ZC_OK;
}

static zc_status_t rules_extract(void *state, const zc_doc_view_t *doc, zc_call_t *call)
{
    const rules_state_t *st = state;
    zc_status_t rc = ZC_OK;
    for (size_t e = 0; e < st->n_ex && rc == ZC_OK; e++) {
        spans_t taken = {0};
        const extractor_t *x = &st->ex[e];
        if (x->n_excludes && !(taken.excl = calloc(x->n_excludes, sizeof *taken.excl)))
            return ZC_ERR_NOMEM;
        rc = run_extractor(st, x, doc, call, &taken);
        free(taken.span);
        free(taken.fresh);
        free(taken.excl);
    }
    return rc;
}

static const char *const rules_kinds[] = {"*", NULL};

static const zc_plugin_option_t rules_options[] = {
    {"extractors", RULES_FOLDER "/*" RULES_SUFFIX,
     "the files read, in every rules directory (--rules-dir, ZHCLAIM_RULES_PATH); "
     "each declares its own kind"},
    {0},
};

static const zc_plugin_t descriptor = {
    .struct_size = sizeof(zc_plugin_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .name = "rules",
    .version = "1.0.0",
    .description = "extractors declared in rules/extractors/*.rules (kind, pattern, units, "
                   "qualifiers, exclusions), e.g. weight: 10万吨, 500公斤",
    .kinds = rules_kinds,
    .options = rules_options,
    .init = rules_init,
    .extract = rules_extract,
    .fini = rules_fini,
};

ZC_PLUGIN_EXPORT const zc_plugin_t *zc_plugin_entry(void) { return &descriptor; }

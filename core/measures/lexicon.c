/* lexicon.c - word lists read from rules files (see lexicon.h). */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_schema.h"

#define ZC_MAX_RULE_FIELDS 8

char *zc_rules_copy(const char *data, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

int zc_rules_each_text_line(char *data, zc_rules_text_fn fn, void *user)
{
    int count = 0;
    int line_no = 0;
    char *p = data;
    while (*p) {
        char *line = p;
        char *eol = strchr(p, '\n');
        if (eol) {
            *eol = '\0';
            p = eol + 1;
        } else {
            p += strlen(p);
        }
        line_no++;
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        fn(user, line, line_no);
        count++;
    }
    return count;
}

typedef struct fields_walk_t {
    zc_rules_line_fn fn;
    void *user;
} fields_walk_t;

/* One line cut at its TABs into fields. */
static void split_fields(void *user, char *line, int line_no)
{
    const fields_walk_t *w = user;
    char *fields[ZC_MAX_RULE_FIELDS];
    int nf = 0;
    char *f = line;
    for (;;) {
        char *tab = strchr(f, '\t');
        if (nf < ZC_MAX_RULE_FIELDS)
            fields[nf++] = f;
        if (!tab)
            break;
        *tab = '\0';
        f = tab + 1;
    }
    w->fn(w->user, fields, nf, line_no);
}

int zc_rules_each_line(char *data, zc_rules_line_fn fn, void *user)
{
    fields_walk_t w = {fn, user};
    return zc_rules_each_text_line(data, split_fields, &w);
}

/* Bytes of the code point led by s[0] (at least 1). */
static size_t cp_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c < 0x80u ? 1 : (c < 0xE0u ? 2 : (c < 0xF0u ? 3 : 4));
}

/* The UTF-8 bytes of the code point starting at s[0] (n bytes available),
 * packed big-endian into one number; for the last code point pass its
 * start. */
static uint32_t cp_key(const char *s, size_t n)
{
    uint32_t v = (unsigned char)s[0];
    size_t len = cp_len(s);
    for (size_t i = 1; i < len && i < n; i++)
        v = (v << 8) | (unsigned char)s[i];
    return v;
}

/* A bucket's key: the word's first (or last) code point in the high half,
 * the one after (before) it in the low half, 0 for a word of one code
 * point. Code point keys are never 0 (a word holds no NUL), so the two
 * kinds never share a key. */
static uint64_t pair_key(uint32_t edge, uint32_t next)
{
    return (uint64_t)edge << 32 | next;
}

static size_t key_hash(uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32);
}

/* Mark the code point s[0, len) in a filter set (see lexicon.h). */
static void set_cp_bit(uint64_t *bits, const char *s, size_t len)
{
    const unsigned char *b = (const unsigned char *)s;
    int bit = -1;
    if (len >= 1 && b[0] < 0x80u)
        bit = zc_lex_cp_bit(b, 1);
    else if (len >= 3 && (b[0] & 0xF0u) == 0xE0u)
        bit = zc_lex_cp_bit(b, 3);
    if (bit >= 0)
        bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
}

static size_t last_cp_start(const char *s, size_t len)
{
    size_t p = len - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0u) == 0x80u)
        p--;
    return p;
}


/* Where a word was read: the words lie in the file's data in line order. */
typedef struct zc_lex_line_t {
    const char *word;
    int line;
} zc_lex_line_t;

typedef struct lex_fill_t {
    zc_lexicon_t *lex;
    size_t cap;
    const zc_rules_schema_t *schema; /* NULL: columns are not checked */
    const zc_plugin_init_t *args;
    const char *name;
    zc_status_t status;              /* the first mistake's */
} lex_fill_t;

/* A line that does not fit the schema: logged with where it is. Every
 * mistake of the file is logged, so that one run shows them all. */
static int line_fits(lex_fill_t *fill, char **fields, int n_fields,
                     int line_no)
{
    char why[256];
    int8_t values[ZC_LEX_MAX_FIELDS];
    if (fields[0][0] == '\0')
        snprintf(why, sizeof why, "the line starts with a TAB: no word");
    else if (zc_rules_schema_read(fill->schema, (const char *const *)fields + 1,
                                  n_fields - 1, values, why, sizeof why) == 0)
        return 1;
    fill->args->host->log(fill->args->call, ZC_LOG_ERROR, "%s:%d: %s",
                          fill->name, line_no, why);
    fill->status = ZC_ERR_PATTERN;
    return 0;
}

static void lex_add(void *user, char **fields, int n_fields, int line_no)
{
    lex_fill_t *fill = user;
    zc_lexicon_t *lex = fill->lex;
    if (fill->schema && !line_fits(fill, fields, n_fields, line_no))
        return;
    if (lex->n >= fill->cap || fields[0][0] == '\0')
        return;
    lex->lines[lex->n] = (zc_lex_line_t){fields[0], line_no};
    zc_lex_entry_t *e = &lex->entries[lex->n++];
    e->word = fields[0];
    e->len = strlen(fields[0]);
    for (int i = 0; i < ZC_LEX_MAX_FIELDS; i++)
        e->field[i] = i + 1 < n_fields ? fields[i + 1] : "";
    set_cp_bit(lex->first_cp, e->word, e->len);
    size_t lp = last_cp_start(e->word, e->len);
    set_cp_bit(lex->last_cp, e->word + lp, e->len - lp);
}

/* The schema's values of the sorted entries. Their lines were checked when
 * read, so this cannot fail but for memory. */
static zc_status_t parse_values(zc_lexicon_t *lex,
                                const zc_rules_schema_t *schema)
{
    lex->values = calloc((lex->n ? lex->n : 1) * ZC_LEX_MAX_FIELDS,
                         sizeof *lex->values);
    if (!lex->values)
        return ZC_ERR_NOMEM;
    char why[256];
    for (size_t i = 0; i < lex->n; i++)
        zc_rules_schema_read(schema, lex->entries[i].field, schema->n_cols,
                             lex->values + i * ZC_LEX_MAX_FIELDS, why,
                             sizeof why);
    return ZC_OK;
}

static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int c = memcmp(a, b, n);
    if (c != 0)
        return c;
    return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

static int cmp_entry(const void *a, const void *b)
{
    const zc_lex_entry_t *x = a;
    const zc_lex_entry_t *y = b;
    return cmp_bytes(x->word, x->len, y->word, y->len);
}

/* Words sorted by code point key, then longest first, to build buckets. */
typedef struct keyed_t {
    uint64_t key;
    const zc_lex_entry_t *e;
} keyed_t;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed_t *x = a;
    const keyed_t *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->e->len != y->e->len)
        return x->e->len > y->e->len ? -1 : 1;
    return 0;
}

static zc_lex_bucket_t *bucket_slot(zc_lex_bucket_t *tab, size_t mask, uint64_t key)
{
    size_t i = key_hash(key) & mask;
    while (tab[i].count && tab[i].key != key)
        i = (i + 1) & mask;
    return &tab[i];
}

/* Fill by (n_keyed pointers) and tab from keyed words: one bucket per key. */
static void fill_buckets(keyed_t *keyed, size_t n_keyed,
                         const zc_lex_entry_t **by, zc_lex_bucket_t *tab,
                         size_t mask)
{
    qsort(keyed, n_keyed, sizeof *keyed, cmp_keyed);
    for (size_t i = 0; i < n_keyed; i++) {
        by[i] = keyed[i].e;
        zc_lex_bucket_t *b = bucket_slot(tab, mask, keyed[i].key);
        if (b->count == 0) {
            b->key = keyed[i].key;
            b->start = (uint32_t)i;
        }
        b->count++;
    }
}

/* Build the first and last code point buckets of the sorted entries. */
static zc_status_t index_words(zc_lexicon_t *lex)
{
    size_t n = 0;
    for (size_t i = 0; i < lex->n; i++)
        n += lex->entries[i].len < 64;
    size_t slots = 8;
    while (slots < 2 * n)
        slots *= 2;
    lex->mask = slots - 1;
    keyed_t *keyed = malloc((n ? n : 1) * sizeof *keyed);
    lex->by_first = malloc((n ? n : 1) * sizeof *lex->by_first);
    lex->by_last = malloc((n ? n : 1) * sizeof *lex->by_last);
    lex->first_tab = calloc(slots, sizeof *lex->first_tab);
    lex->last_tab = calloc(slots, sizeof *lex->last_tab);
    if (!keyed || !lex->by_first || !lex->by_last || !lex->first_tab ||
        !lex->last_tab) {
        free(keyed);
        return ZC_ERR_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < lex->n; i++) {
        const zc_lex_entry_t *e = &lex->entries[i];
        if (e->len >= 64)
            continue;
        size_t l1 = cp_len(e->word);
        uint32_t next = l1 < e->len ? cp_key(e->word + l1, e->len - l1) : 0;
        keyed[k++] = (keyed_t){pair_key(cp_key(e->word, e->len), next),
                               zc_lex_find(lex, e->word, e->len)};
    }
    fill_buckets(keyed, n, lex->by_first, lex->first_tab, lex->mask);
    k = 0;
    for (size_t i = 0; i < lex->n; i++) {
        const zc_lex_entry_t *e = &lex->entries[i];
        if (e->len >= 64)
            continue;
        size_t lp = last_cp_start(e->word, e->len);
        uint32_t prev = 0;
        if (lp > 0) {
            size_t pp = last_cp_start(e->word, lp);
            prev = cp_key(e->word + pp, lp - pp);
        }
        keyed[k++] = (keyed_t){pair_key(cp_key(e->word + lp, e->len - lp), prev),
                               zc_lex_find(lex, e->word, e->len)};
    }
    fill_buckets(keyed, n, lex->by_last, lex->last_tab, lex->mask);
    free(keyed);
    return ZC_OK;
}

zc_status_t zc_lexicon_load_typed(zc_lexicon_t *lex,
                                  const zc_plugin_init_t *args,
                                  const char *name,
                                  const zc_rules_schema_t *schema)
{
    const zc_host_t *host = args->host;
    char err[512];
    size_t len = 0;
    memset(lex, 0, sizeof *lex);
    char *raw = NULL;
    zc_status_t st = host->rules_read(args->call, name, &raw, &len, err,
                                      sizeof err);
    if (st != ZC_OK) {
        host->log(args->call, ZC_LOG_ERROR, "%s", err); /* names the file */
        return st;
    }
    /* Keep an own NUL-terminated copy of exactly len bytes: the lexicon
     * edits it in place, and owns it with plain free(). */
    lex->data = zc_rules_copy(raw, len);
    host->rules_free(raw);
    if (!lex->data)
        return ZC_ERR_NOMEM;
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += lex->data[i] == '\n';
    lex->entries = calloc(cap, sizeof *lex->entries);
    lex->lines = calloc(cap, sizeof *lex->lines);
    if (!lex->entries || !lex->lines) {
        zc_lexicon_free(lex);
        return ZC_ERR_NOMEM;
    }
    lex_fill_t fill = {lex, cap, schema, args, name, ZC_OK};
    zc_rules_each_line(lex->data, lex_add, &fill);
    if (fill.status != ZC_OK) {
        zc_lexicon_free(lex);
        return fill.status;
    }
    qsort(lex->entries, lex->n, sizeof *lex->entries, cmp_entry);
    if ((schema && parse_values(lex, schema) != ZC_OK) ||
        index_words(lex) != ZC_OK) {
        zc_lexicon_free(lex);
        return ZC_ERR_NOMEM;
    }
    return ZC_OK;
}

zc_status_t zc_lexicon_load(zc_lexicon_t *lex, const zc_plugin_init_t *args,
                            const char *name)
{
    return zc_lexicon_load_typed(lex, args, name, NULL);
}

void zc_lexicon_free(zc_lexicon_t *lex)
{
    if (!lex)
        return;
    free(lex->data);
    free(lex->entries);
    free(lex->by_first);
    free(lex->by_last);
    free(lex->first_tab);
    free(lex->last_tab);
    free(lex->values);
    free(lex->lines);
    memset(lex, 0, sizeof *lex);
}

const zc_lex_entry_t *zc_lex_find(const zc_lexicon_t *lex, const char *word,
                                  size_t len)
{
    size_t lo = 0, hi = lex->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const zc_lex_entry_t *e = &lex->entries[mid];
        int c = cmp_bytes(word, len, e->word, e->len);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The bucket of key in tab, or NULL. */
static const zc_lex_bucket_t *bucket_find(const zc_lex_bucket_t *tab,
                                          size_t mask, uint64_t key)
{
    for (size_t i = key_hash(key) & mask; tab[i].count; i = (i + 1) & mask)
        if (tab[i].key == key)
            return &tab[i];
    return NULL;
}

/* a[0, n) == b[0, n). Words are a few bytes: a loop the compiler inlines
 * beats a call to memcmp(). */
static int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The first word of bucket key in by that fits in room bytes and has the
 * bytes at at (words that end at at when back is set), or NULL. */
static const zc_lex_entry_t *scan_bucket(const zc_lexicon_t *lex,
                                         const zc_lex_bucket_t *tab,
                                         const zc_lex_entry_t *const *by,
                                         uint64_t key, const char *at,
                                         size_t room, int back)
{
    const zc_lex_bucket_t *b = bucket_find(tab, lex->mask, key);
    if (!b)
        return NULL;
    for (uint32_t i = 0; i < b->count; i++) {
        const zc_lex_entry_t *e = by[b->start + i];
        if (e->len <= room && same_bytes(back ? at - e->len : at, e->word, e->len))
            return e;
    }
    return NULL;
}

/* The lookups past the inline filter of lexicon.h. A word of two or more
 * code points is looked for among those that share its first two (last
 * two), so that a character many words begin with (三 begins 370 place
 * names) costs one short bucket, not all of them; then, longest match
 * being wanted, the words of that one code point alone. */
const zc_lex_entry_t *zc_lex_forward_at(const zc_lexicon_t *lex,
                                        const char *text, size_t pos,
                                        size_t hi)
{
    if (lex->n == 0 || pos >= hi)
        return NULL;
    const char *at = text + pos;
    size_t room = hi - pos, l1 = cp_len(at);
    uint32_t first = cp_key(at, room);
    if (l1 < room) {
        const zc_lex_entry_t *e =
            scan_bucket(lex, lex->first_tab, lex->by_first,
                        pair_key(first, cp_key(at + l1, room - l1)), at, room, 0);
        if (e)
            return e;
    }
    return scan_bucket(lex, lex->first_tab, lex->by_first, pair_key(first, 0),
                       at, room, 0);
}

const zc_lex_entry_t *zc_lex_backward_at(const zc_lexicon_t *lex,
                                         const char *text, size_t lo,
                                         size_t pos)
{
    if (lex->n == 0 || pos <= lo)
        return NULL;
    const char *at = text + pos;
    size_t room = pos - lo;
    size_t lp = lo + last_cp_start(text + lo, room);
    uint32_t last = cp_key(text + lp, pos - lp);
    if (lp > lo) {
        size_t pp = lo + last_cp_start(text + lo, lp - lo);
        const zc_lex_entry_t *e =
            scan_bucket(lex, lex->last_tab, lex->by_last,
                        pair_key(last, cp_key(text + pp, lp - pp)), at, room, 1);
        if (e)
            return e;
    }
    return scan_bucket(lex, lex->last_tab, lex->by_last, pair_key(last, 0), at,
                       room, 1);
}

int zc_lex_line(const zc_lexicon_t *lex, const zc_lex_entry_t *e)
{
    size_t lo = 0, hi = lex->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lex->lines[mid].word == e->word)
            return lex->lines[mid].line;
        /* Addresses within the one data buffer: ordered. */
        if ((uintptr_t)lex->lines[mid].word < (uintptr_t)e->word)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/*
 * normalize_noise.c - step 1: delete noise marks (★ ● ■ ※ ...).
 *
 * The set comes from rules/noise.txt (format described there) or from the
 * copy built in below. Membership is a bitmap over the BMP, where every mark
 * in practice lives, plus a sorted array for the rare astral entry, so the
 * per-character test is one load and a mask.
 */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

#define BMP_WORDS (0x10000 / 64)

struct zc_noise_set_t {
    uint64_t bmp[BMP_WORDS];
    int32_t *astral; /* sorted, unique */
    size_t n_astral;
    size_t cap_astral;
};

/* Keep in step with rules/noise.txt; test_normalize checks they agree. */
static const int32_t default_noise[] = {
    0x2605, 0x2606, 0x2726, 0x2727, 0x2729, 0x272A, 0x272B, 0x272C, 0x272D,
    0x272E, 0x272F, 0x2730, 0x25CF, 0x25CB, 0x25CE, 0x25C9, 0x25E6, 0x25A0,
    0x25A1, 0x25AA, 0x25AB, 0x25C6, 0x25C7, 0x2666, 0x2756, 0x25B2, 0x25B3,
    0x25BC, 0x25BD, 0x25B6, 0x25B7, 0x25C0, 0x25C1, 0x25BA, 0x25C4, 0x203B,
    0x261B, 0x261E, 0x27A2, 0x27A4, 0x2022, 0x2023, 0x2043, 0x200B, 0xFEFF,
};

static int cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a;
    int32_t y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static inline int noise_has(const zc_noise_set_t *set, int32_t cp)
{
    if ((uint32_t)cp < 0x10000) /* also rejects a negative cp */
        return (set->bmp[cp >> 6] >> (cp & 63)) & 1u;
    return cp >= 0x10000 && set->n_astral &&
           bsearch(&cp, set->astral, set->n_astral, sizeof cp, cmp_int32);
}

static zc_status_t noise_add(zc_noise_set_t *set, int32_t cp)
{
    if (cp < 0x10000) {
        set->bmp[cp >> 6] |= UINT64_C(1) << (cp & 63);
        return ZC_OK;
    }
    if (set->n_astral == set->cap_astral) {
        size_t cap = set->cap_astral ? set->cap_astral * 2 : 8;
        int32_t *grown = realloc(set->astral, cap * sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        set->astral = grown;
        set->cap_astral = cap;
    }
    set->astral[set->n_astral++] = cp;
    return ZC_OK;
}

/* Sort and deduplicate the astral entries once parsing is done. */
static void noise_seal(zc_noise_set_t *set)
{
    size_t n = 0;
    if (!set->n_astral)
        return;
    qsort(set->astral, set->n_astral, sizeof *set->astral, cmp_int32);
    for (size_t i = 0; i < set->n_astral; i++)
        if (n == 0 || set->astral[n - 1] != set->astral[i])
            set->astral[n++] = set->astral[i];
    set->n_astral = n;
}

void zc_noise_set_free(zc_noise_set_t *set)
{
    if (!set)
        return;
    free(set->astral);
    free(set);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parse "U+XXXX" (4 to 6 hex digits) in tok[0, n); 0 when it is not one. */
static int parse_u_plus(const char *tok, size_t n, int32_t *cp)
{
    int32_t v = 0;
    if (n < 6 || n > 8 || tok[0] != 'U' || tok[1] != '+')
        return 0;
    for (size_t i = 2; i < n; i++) {
        int h = hex_value(tok[i]);
        if (h < 0)
            return 0;
        v = v * 16 + h;
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return 1;
}

/* One line (without its '\n'): blank, a comment, or an entry with an
 * optional trailing comment. Returns 1 and sets *cp for an entry, 0 for
 * nothing, -1 for a malformed line. */
static int parse_line(const char *line, size_t n, int32_t *cp)
{
    size_t b = 0, e;
    while (b < n && is_blank(line[b]))
        b++;
    if (b == n || line[b] == '#')
        return 0;
    e = b;
    while (e < n && !is_blank(line[e]))
        e++;
    for (size_t i = e; i < n; i++) {
        if (line[i] == '#')
            break;
        if (!is_blank(line[i]))
            return -1;
    }
    if (parse_u_plus(line + b, e - b, cp))
        return 1;
    if (zc_utf8_next((const unsigned char *)line + b, e - b, cp) == e - b)
        return 1;
    return -1;
}

static zc_noise_set_t *noise_new(void)
{
    return calloc(1, sizeof(zc_noise_set_t));
}

zc_status_t zc_noise_set_parse(const char *rules_text, zc_noise_set_t **out,
                               zc_error_t *err)
{
    zc_noise_set_t *set;
    const char *p = rules_text;
    size_t line_no = 0;
    *out = NULL;
    if (!rules_text)
        return zc_error_set(err, ZC_ERR_INVALID, "noise rules: no text");
    set = noise_new();
    if (!set)
        return zc_error_set(err, ZC_ERR_NOMEM, "noise rules: out of memory");
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int32_t cp = 0;
        int r = parse_line(p, n, &cp);
        line_no++;
        if (r < 0) {
            zc_noise_set_free(set);
            return zc_error_set(err, ZC_ERR_PATTERN,
                                "noise rules line %zu: expected one character "
                                "or U+XXXX, got \"%.*s\"",
                                line_no, (int)(n > 40 ? 40 : n), p);
        }
        if (r > 0 && noise_add(set, cp) != ZC_OK) {
            zc_noise_set_free(set);
            return zc_error_set(err, ZC_ERR_NOMEM, "noise rules: out of memory");
        }
        p += nl ? n + 1 : n;
    }
    noise_seal(set);
    *out = set;
    return ZC_OK;
}

zc_status_t zc_noise_set_default(zc_noise_set_t **out, zc_error_t *err)
{
    zc_noise_set_t *set = noise_new();
    *out = NULL;
    if (!set)
        return zc_error_set(err, ZC_ERR_NOMEM, "noise set: out of memory");
    for (size_t i = 0; i < sizeof default_noise / sizeof *default_noise; i++)
        (void)noise_add(set, default_noise[i]); /* all BMP: cannot fail */
    *out = set;
    return ZC_OK;
}

/* The first noise mark at or after cp[i], or len. Marks are rare and every
 * code point is looked at, so four BMP code points are tested with one
 * branch; a group with anything else (astral, or invalid) is left to the
 * one-at-a-time loop. */
static size_t next_noise(const zc_noise_set_t *set, const int32_t *cp,
                         size_t i, size_t len)
{
    for (; i + 4 <= len; i += 4) {
        uint32_t a = (uint32_t)cp[i], b = (uint32_t)cp[i + 1];
        uint32_t c = (uint32_t)cp[i + 2], d = (uint32_t)cp[i + 3];
        if ((a | b | c | d) >= 0x10000)
            break;
        uint64_t bits = set->bmp[a >> 6] >> (a & 63) |
                        set->bmp[b >> 6] >> (b & 63) |
                        set->bmp[c >> 6] >> (c & 63) |
                        set->bmp[d >> 6] >> (d & 63);
        if (bits & 1)
            break;
    }
    while (i < len && !noise_has(set, cp[i]))
        i++;
    return i;
}

zc_status_t zc_norm_strip_noise_in_place(zc_cptext_t *t,
                                         const zc_noise_set_t *noise)
{
    size_t i = 0, j = 0;
    if (!noise)
        return ZC_ERR_INVALID;
    /* Find each noise mark, and move the run of kept code points before it
     * down over the marks deleted so far (j <= run start). Most documents
     * hold no mark at all, and are then only read. */
    for (;;) {
        size_t run = i;
        i = next_noise(noise, t->cp, i, t->len);
        zc_cptext_move(t, j, run, i - run);
        j += i - run;
        if (i == t->len)
            break;
        i++; /* the mark */
    }
    t->len = j;
    return ZC_OK;
}

zc_status_t zc_norm_strip_noise(const zc_cptext_t *in, zc_cptext_t *out,
                                const zc_noise_set_t *noise)
{
    zc_status_t st;
    zc_cptext_clear(out);
    if (!noise)
        return ZC_ERR_INVALID;
    st = zc_cptext_copy(out, in);
    return st == ZC_OK ? zc_norm_strip_noise_in_place(out, noise) : st;
}

/*
 * normalize_simplified.c - step 4: traditional to simplified script.
 *
 * ICU's "Traditional-Simplified" transliterator maps one character at a
 * time (開發區 -> 开发区, 兩 -> 两, 萬 -> 万), and also 「 」 -> “ ”. Calling it
 * per character would cost far more than the rest of normalisation, so the
 * first use transliterates, in one batch, every code point it could change
 * and keeps the answer in a table. The candidates are the transliterator's
 * source set (the characters its rules can match, about 3,500) within
 *   U+3000-U+303F (CJK punctuation), U+3400-U+4DBF (extension A),
 *   U+4E00-U+9FFF (unified), U+F900-U+FAFF (compatibility ideographs);
 * a character outside the source set is one no rule can touch. Batching
 * only those instead of all ~36,000 code points of the ranges cut the
 * build from about 0.5 to 0.17 billion instructions, most of what is left
 * being utrans_openU; the build runs per process, and small folders are a
 * common run. Characters are separated by '\n' in the batch so that no
 * rule can see a neighbour: the table then means exactly "this character
 * alone". ICU 72 changes no astral code point, so astral text is copied.
 * The build runs once under pthread_once; afterwards the table is
 * read-only, so any number of threads may use it.
 *
 * A character that becomes several code points keeps the expansion, each
 * output code point carrying the original's byte range (utext.h). ICU 72 has
 * none in these ranges, but the table supports them.
 */
#include "normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "error.h"

#define TABLE_LO 0x3000
#define TABLE_HI 0xFAFF
/* Entry meaning "look in the expansions": U+FFFF is a noncharacter, never
 * a transliteration result. */
#define EXPANDED 0xFFFF
#define MAX_EXPANSION 4

typedef struct expansion_t {
    int32_t from;
    int32_t to[MAX_EXPANSION];
    int n;
} expansion_t;

static const int32_t batch_ranges[][2] = {
    {0x3000, 0x303F}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
#define N_BATCH_RANGES (sizeof batch_ranges / sizeof *batch_ranges)

/* 0: unchanged; EXPANDED; else the simplified BMP code point. */
static uint16_t simp_table[TABLE_HI - TABLE_LO + 1];
static expansion_t *expansions; /* sorted by from, as built */
static size_t n_expansions;
static pthread_once_t simp_once = PTHREAD_ONCE_INIT;
static UErrorCode simp_status = U_ZERO_ERROR;

/* Store the code points of [lo, hi] that fall in a batch range at out + n
 * (when out is not NULL); returns the new count. */
static int32_t add_in_ranges(int32_t lo, int32_t hi, int32_t *out, int32_t n)
{
    for (size_t r = 0; r < N_BATCH_RANGES; r++) {
        int32_t from = lo > batch_ranges[r][0] ? lo : batch_ranges[r][0];
        int32_t to = hi < batch_ranges[r][1] ? hi : batch_ranges[r][1];
        for (int32_t cp = from; cp <= to; cp++) {
            if (out)
                out[n] = cp;
            n++;
        }
    }
    return n;
}

/* The candidates: the code points of the batch ranges that tr's rules can
 * match, ascending (the set's ranges are ascending and so are the batch
 * ranges, which do not overlap). Returns how many were stored in *out (the
 * caller's to free), or -1 when out of memory or ICU fails (simp_status
 * says which). Two passes over the set's ranges: count, then fill. */
static int32_t candidates(const UTransliterator *tr, int32_t **out)
{
    USet *set = uset_openEmpty();
    int32_t n = 0;
    *out = NULL;
    utrans_getSourceSet(tr, 0, set, &simp_status);
    int32_t items = U_SUCCESS(simp_status) ? uset_getItemCount(set) : 0;
    for (int pass = 0; pass < 2 && U_SUCCESS(simp_status); pass++) {
        n = 0;
        for (int32_t i = 0; i < items; i++) {
            UChar32 lo, hi;
            UChar str[64];
            UErrorCode st = U_ZERO_ERROR;
            int32_t len = uset_getItem(set, i, &lo, &hi, str, 64, &st);
            /* A string item (none in ICU 72) can change its first
             * character; a BMP one is all the table holds. */
            if (len > 0 && !U16_IS_SURROGATE(str[0]))
                lo = hi = str[0];
            else if (len != 0)
                continue;
            n = add_in_ranges(lo, hi, *out, n);
        }
        if (pass == 0 && U_SUCCESS(simp_status)) {
            *out = malloc(((size_t)n + 1) * sizeof **out);
            if (!*out)
                simp_status = U_MEMORY_ALLOCATION_ERROR;
        }
    }
    uset_close(set);
    return U_SUCCESS(simp_status) ? n : -1;
}

/* The batch: every candidate, each followed by '\n'. */
static int32_t fill_batch(UChar *buf, const int32_t *cps, int32_t n_cps)
{
    int32_t n = 0;
    for (int32_t i = 0; i < n_cps; i++) {
        buf[n++] = (UChar)cps[i]; /* all BMP */
        buf[n++] = '\n';
    }
    return n;
}

static void record_result(int32_t from, const UChar *s, int32_t len)
{
    int32_t to[MAX_EXPANSION];
    int n = 0, k = 0;
    while (k < len) {
        UChar32 c;
        U16_NEXT(s, k, len, c);
        if (n == MAX_EXPANSION) {
            simp_status = U_BUFFER_OVERFLOW_ERROR;
            return;
        }
        to[n++] = c;
    }
    if (n == 1 && to[0] == from)
        return;
    if (n == 1 && to[0] < 0x10000 && to[0] != EXPANDED && to[0] != 0) {
        simp_table[from - TABLE_LO] = (uint16_t)to[0];
        return;
    }
    /* Rare (none in ICU 72): grow one slot at a time. */
    expansion_t *grown =
        realloc(expansions, (n_expansions + 1) * sizeof *expansions);
    if (!grown) {
        simp_status = U_MEMORY_ALLOCATION_ERROR;
        return;
    }
    expansions = grown;
    expansions[n_expansions].from = from;
    expansions[n_expansions].n = n;
    for (int i = 0; i < n; i++)
        expansions[n_expansions].to[i] = to[i];
    n_expansions++;
    simp_table[from - TABLE_LO] = EXPANDED;
}

/* Walk the transliterated batch, one '\n'-terminated result per input. */
static void parse_batch(const UChar *buf, int32_t len, const int32_t *cps,
                        int32_t n_cps)
{
    int32_t done = 0, i = 0;
    while (i < len && U_SUCCESS(simp_status)) {
        int32_t j = i;
        while (j < len && buf[j] != '\n')
            j++;
        if (j == len || done == n_cps) {
            simp_status = U_INTERNAL_TRANSLITERATOR_ERROR; /* out of step */
            return;
        }
        record_result(cps[done++], buf + i, j - i);
        i = j + 1;
    }
    if (U_SUCCESS(simp_status) && done != n_cps)
        simp_status = U_INTERNAL_TRANSLITERATOR_ERROR;
}

static void simp_init(void)
{
    UChar id[32];
    UTransliterator *tr;
    int32_t *cps, n_cps, cap, len, limit;
    UChar *buf;
    u_uastrcpy(id, "Traditional-Simplified");
    tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &simp_status);
    if (U_FAILURE(simp_status))
        return;
    n_cps = candidates(tr, &cps);
    if (n_cps < 0) {
        utrans_close(tr);
        return;
    }
    /* Room for every result to double, as the old full batch allowed. */
    cap = n_cps * 2 * 2 + 1;
    buf = malloc((size_t)cap * sizeof *buf);
    if (!buf) {
        simp_status = U_MEMORY_ALLOCATION_ERROR;
    } else {
        len = limit = fill_batch(buf, cps, n_cps);
        utrans_transUChars(tr, buf, &len, cap, 0, &limit, &simp_status);
        if (U_SUCCESS(simp_status))
            parse_batch(buf, len, cps, n_cps);
    }
    utrans_close(tr);
    free(buf);
    free(cps);
}

static const expansion_t *find_expansion(int32_t cp)
{
    size_t lo = 0, hi = n_expansions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (expansions[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n_expansions && expansions[lo].from == cp ? &expansions[lo]
                                                          : NULL;
}

/* Append an expansion at out[*j], growing out as needed. */
static zc_status_t put_expansion(zc_utext_t *out, size_t *j,
                                 const expansion_t *e, uint32_t start,
                                 uint32_t end, size_t remaining)
{
    if (*j + (size_t)e->n + remaining > out->cap) {
        zc_status_t st;
        out->len = *j;
        st = zc_utext_reserve(out, out->cap * 2 + (size_t)e->n + remaining);
        if (st != ZC_OK)
            return st;
    }
    for (int k = 0; k < e->n; k++) {
        out->cp[*j] = e->to[k];
        out->src_start[*j] = start;
        out->src_end[*j] = end;
        (*j)++;
    }
    return ZC_OK;
}

/* 0 when cp stays as it is, EXPANDED, or its simplified form. */
static inline uint16_t simp_lookup(int32_t cp)
{
    return (cp >= TABLE_LO && cp <= TABLE_HI) ? simp_table[cp - TABLE_LO] : 0;
}

/* The general case, from t->cp[from] (an expanding character) on: the text
 * grows, so it is rebuilt in a second text which then replaces t. Never
 * reached with ICU 72, which expands nothing. */
static zc_status_t simplify_expanding(zc_utext_t *t, size_t from)
{
    zc_utext_t out;
    size_t j = from;
    zc_status_t st;
    zc_utext_init(&out);
    st = zc_utext_reserve(&out, t->len + MAX_EXPANSION);
    for (size_t i = 0; i < from && st == ZC_OK; i++) {
        out.cp[i] = t->cp[i];
        out.src_start[i] = t->src_start[i];
        out.src_end[i] = t->src_end[i];
    }
    for (size_t i = from; i < t->len && st == ZC_OK; i++) {
        int32_t cp = t->cp[i];
        uint16_t v = simp_lookup(cp);
        const expansion_t *e = v == EXPANDED ? find_expansion(cp) : NULL;
        if (e) {
            st = put_expansion(&out, &j, e, t->src_start[i], t->src_end[i],
                               t->len - i - 1);
            continue;
        }
        out.cp[j] = v && v != EXPANDED ? v : cp;
        out.src_start[j] = t->src_start[i];
        out.src_end[j] = t->src_end[i];
        j++;
    }
    if (st == ZC_OK) {
        out.len = j;
        zc_utext_swap(t, &out);
    }
    zc_utext_free(&out);
    return st;
}

zc_status_t zc_norm_to_simplified_in_place(zc_utext_t *t, zc_error_t *err)
{
    pthread_once(&simp_once, simp_init);
    if (U_FAILURE(simp_status))
        return zc_error_set(err, ZC_ERR_INVALID,
                            "simplified script: ICU Traditional-Simplified "
                            "unavailable: %s", u_errorName(simp_status));
    /* One code point for one, written only where it changes (a simplified
     * document has next to nothing to change), until a character that
     * expands, if the table has any. */
    for (size_t i = 0; i < t->len; i++) {
        uint16_t v = simp_lookup(t->cp[i]);
        if (!v)
            continue;
        if (v == EXPANDED && find_expansion(t->cp[i])) {
            zc_status_t st = simplify_expanding(t, i);
            if (st != ZC_OK)
                return zc_error_set(err, st,
                                    "simplified script: out of memory");
            return ZC_OK;
        }
        if (v != EXPANDED)
            t->cp[i] = v;
    }
    return ZC_OK;
}

zc_status_t zc_norm_to_simplified(const zc_utext_t *in, zc_utext_t *out,
                                  zc_error_t *err)
{
    zc_status_t st = zc_utext_copy(out, in);
    if (st != ZC_OK)
        return zc_error_set(err, st, "simplified script: out of memory");
    return zc_norm_to_simplified_in_place(out, err);
}

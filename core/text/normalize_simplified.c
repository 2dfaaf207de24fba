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
 * The step maps one code point to one. Should an ICU ever turn one of
 * these characters into several code points (or none), the table build
 * refuses: the step then fails, naming the character, for every document,
 * rather than simplify some text silently differently. ICU 72 has no such
 * character here.
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

static const int32_t batch_ranges[][2] = {
    {0x3000, 0x303F}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
#define N_BATCH_RANGES (sizeof batch_ranges / sizeof *batch_ranges)

/* 0: unchanged; else the simplified BMP code point. */
static uint16_t simp_table[TABLE_HI - TABLE_LO + 1];
static pthread_once_t simp_once = PTHREAD_ONCE_INIT;
static UErrorCode simp_status = U_ZERO_ERROR;
/* The first character the transliterator maps to other than one BMP code
 * point (simp_status is then U_UNSUPPORTED_ERROR), or -1. */
static int32_t simp_refused = -1;

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
    int32_t k = 0;
    UChar32 c = -1;
    if (len > 0)
        U16_NEXT(s, k, len, c);
    if (k == len && c == from)
        return;
    if (k == len && c > 0 && c < 0x10000) {
        simp_table[from - TABLE_LO] = (uint16_t)c;
        return;
    }
    simp_status = U_UNSUPPORTED_ERROR;
    simp_refused = from;
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

/* 0 when cp stays as it is, else its simplified form. */
static inline uint16_t simp_lookup(int32_t cp)
{
    return (cp >= TABLE_LO && cp <= TABLE_HI) ? simp_table[cp - TABLE_LO] : 0;
}

zc_status_t zc_norm_to_simplified_in_place(zc_cptext_t *t, zc_error_t *err)
{
    pthread_once(&simp_once, simp_init);
    if (simp_refused >= 0)
        return zc_error_set(err, ZC_ERR_INVALID,
                            "simplified script: ICU Traditional-Simplified "
                            "maps U+%04X to other than one code point, which "
                            "this step does not support", (unsigned)simp_refused);
    if (U_FAILURE(simp_status))
        return zc_error_set(err, ZC_ERR_INVALID,
                            "simplified script: ICU Traditional-Simplified "
                            "unavailable: %s", u_errorName(simp_status));
    /* One code point for one, written only where it changes (a simplified
     * document has next to nothing to change). */
    for (size_t i = 0; i < t->len; i++) {
        uint16_t v = simp_lookup(t->cp[i]);
        if (v)
            t->cp[i] = v;
    }
    return ZC_OK;
}

zc_status_t zc_norm_to_simplified(const zc_cptext_t *in, zc_cptext_t *out,
                                  zc_error_t *err)
{
    zc_status_t st = zc_cptext_copy(out, in);
    if (st != ZC_OK)
        return zc_error_set(err, st, "simplified script: out of memory");
    return zc_norm_to_simplified_in_place(out, err);
}

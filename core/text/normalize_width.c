/*
 * normalize_width.c - step 3: fold full-width and other compatibility forms
 * with ICU's NFKC, within a fixed scope.
 *
 * Scope, and why it is not the whole of NFKC. Full NFKC would manufacture
 * numbers that are not in the text: ① -> 1, ² in m² -> 2, ㎡ -> m2,
 * ½ -> 1⁄2, ㈠ -> (一), 𝟏 -> 1. So only these blocks are folded, each to the
 * single code point NFKC gives it:
 *   - Halfwidth and Fullwidth Forms U+FF00-U+FFEF: １２３ -> 123, ％ -> %,
 *     ． -> ., ， -> ,, （ -> (, ｡ -> 。 (the target of ｡ is kept: 。 is not
 *     in the scope, so sentence punctuation 。、“”‘’《》【】〔〕 stays);
 *   - U+3000 ideographic space and the other spaces NFKC maps to U+0020
 *     (U+00A0, U+2000-U+200A, U+202F, U+205F), so step 5 sees one kind;
 *   - Kangxi radicals U+2F00-U+2FDF and CJK radicals supplement
 *     U+2E80-U+2EFF, which PDF extraction emits in place of the ordinary
 *     ideograph (⼈ for 人), and CJK compatibility ideographs U+F900-U+FAFF,
 *     whose NFKC form is the unified ideograph step 4 knows.
 * A code point whose NFKC form is several code points (￣ -> space +
 * combining macron) is left as it is.
 *
 * The table is computed once, with ICU, for these ~1,000 code points; the
 * hot loop is a couple of comparisons for everything else (ASCII, Han, CJK
 * punctuation).
 */
#include "normalize.h"

#include <pthread.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "error.h"

typedef struct fold_range_t {
    int32_t lo, hi; /* inclusive */
    size_t offset;  /* into fold_table */
} fold_range_t;

static fold_range_t fold_ranges[] = {
    {0x00A0, 0x00A0, 0}, {0x2000, 0x200A, 0}, {0x202F, 0x202F, 0},
    {0x205F, 0x205F, 0}, {0x2E80, 0x2FDF, 0}, {0x3000, 0x3000, 0},
    {0xF900, 0xFAFF, 0}, {0xFF00, 0xFFEF, 0},
};
#define N_RANGES (sizeof fold_ranges / sizeof *fold_ranges)
#define TABLE_SIZE (1 + 11 + 1 + 1 + 0x160 + 1 + 0x200 + 0xF0)

static int32_t fold_table[TABLE_SIZE];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static UErrorCode fold_status = U_ZERO_ERROR;

/* NFKC of one code point if it is a single code point, else cp itself. */
static int32_t nfkc_single(const UNormalizer2 *nfkc, int32_t cp)
{
    UChar src[2], dst[8];
    int32_t n = 0, m, k = 0;
    UChar32 out;
    UErrorCode status = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(src, n, cp);
    m = unorm2_normalize(nfkc, src, n, dst, 8, &status);
    if (U_FAILURE(status) || m <= 0)
        return cp;
    U16_NEXT(dst, k, m, out);
    return k == m ? out : cp;
}

static void fold_init(void)
{
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&fold_status);
    size_t off = 0;
    if (U_FAILURE(fold_status))
        return;
    for (size_t r = 0; r < N_RANGES; r++) {
        fold_ranges[r].offset = off;
        for (int32_t cp = fold_ranges[r].lo; cp <= fold_ranges[r].hi; cp++) {
            if (off == TABLE_SIZE) { /* TABLE_SIZE out of step with ranges */
                fold_status = U_INTERNAL_PROGRAM_ERROR;
                return;
            }
            fold_table[off++] = nfkc_single(nfkc, cp);
        }
    }
}

static int32_t fold_lookup(int32_t cp)
{
    for (size_t r = 0; r < N_RANGES; r++) {
        if (cp < fold_ranges[r].lo)
            return cp;
        if (cp <= fold_ranges[r].hi)
            return fold_table[fold_ranges[r].offset +
                              (size_t)(cp - fold_ranges[r].lo)];
    }
    return cp;
}

static inline int32_t fold_cp(int32_t cp)
{
    /* ASCII, Latin-1, and the stretch from CJK punctuation to the end of
     * the unified ideographs hold almost every character of a report. */
    if (cp < 0xA0 || (cp > 0x3000 && cp < 0xF900) || cp > 0xFFEF)
        return cp;
    return fold_lookup(cp);
}

zc_status_t zc_norm_fold_width_in_place(zc_cptext_t *t, zc_error_t *err)
{
    pthread_once(&fold_once, fold_init);
    if (U_FAILURE(fold_status))
        return zc_error_set(err, ZC_ERR_INVALID,
                            "width folding: ICU NFKC unavailable: %s",
                            u_errorName(fold_status));
    /* One code point for one: only the folded ones are written. */
    for (size_t i = 0; i < t->len; i++) {
        int32_t folded = fold_cp(t->cp[i]);
        if (folded != t->cp[i])
            t->cp[i] = folded;
    }
    return ZC_OK;
}

zc_status_t zc_norm_fold_width(const zc_cptext_t *in, zc_cptext_t *out,
                               zc_error_t *err)
{
    zc_status_t st = zc_cptext_copy(out, in);
    if (st != ZC_OK)
        return zc_error_set(err, st, "width folding: out of memory");
    return zc_norm_fold_width_in_place(out, err);
}

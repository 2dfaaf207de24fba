/*
 * normalize.h - the normalisation steps, in the order they run.
 *
 * Each step reads `in` and writes `out` (cleared first), carrying every
 * code point's original byte range (see cptext.h); its _in_place twin
 * rewrites one text instead, with the same result. zc_normalize_text()
 * runs the in-place forms in this order:
 *   1. zc_norm_strip_noise     ★ ☆ ● ■ ◆ ... (the set in rules/noise.txt)
 *   2. zc_norm_strip_pinyin    開發(fā)區(qū) -> 開發區; (一) and (市、区) stay
 *   3. zc_norm_fold_width      NFKC width folding: １２ -> 12, ％ -> %
 *   3b. zc_norm_mask_web       URLs, e-mail, file names, %XX runs -> U+FFFC
 *   4. zc_norm_to_simplified   traditional -> simplified, cached per code point
 *   5. zc_norm_join_digits     9 91项 -> 991项, 4 0% -> 40%
 * and, for a PDF only (zc_normalize_wrapped_text):
 *   6. zc_norm_join_wrapped_lines  line breaks the layout wrapped: 14\n家 -> 14家
 * Step 5 and sentence splitting (sentences.h) take width-folded text: they
 * look for the ASCII forms of spaces and punctuation only.
 */
#ifndef ZC_CORE_NORMALIZE_H
#define ZC_CORE_NORMALIZE_H

#include "cptext.h"
#include "zhclaim/zhclaim.h"

/* The set of noise code points, loaded once (rules file noise.txt, one
 * character or U+XXXX per line, # comments). Owned by the caller. */
typedef struct zc_noise_set_t zc_noise_set_t;

zc_status_t zc_noise_set_parse(const char *rules_text, zc_noise_set_t **out,
                               zc_error_t *err);
/* The default set built in, for when no rules file is found. */
zc_status_t zc_noise_set_default(zc_noise_set_t **out, zc_error_t *err);
void zc_noise_set_free(zc_noise_set_t *set);

zc_status_t zc_norm_strip_noise(const zc_cptext_t *in, zc_cptext_t *out,
                                const zc_noise_set_t *noise);
zc_status_t zc_norm_strip_pinyin(const zc_cptext_t *in, zc_cptext_t *out);
zc_status_t zc_norm_fold_width(const zc_cptext_t *in, zc_cptext_t *out,
                               zc_error_t *err);
zc_status_t zc_norm_to_simplified(const zc_cptext_t *in, zc_cptext_t *out,
                                  zc_error_t *err);
zc_status_t zc_norm_join_digits(const zc_cptext_t *in, zc_cptext_t *out);
/* Each URL, e-mail address, file name or percent-encoded run becomes one
 * U+FFFC spanning its original bytes (normalize_web.c). */
zc_status_t zc_norm_mask_web(const zc_cptext_t *in, zc_cptext_t *out);
zc_status_t zc_norm_mask_web_in_place(zc_cptext_t *t);

/* The same steps on t itself. Each writes only where it changes t, so a
 * text with nothing for a step to do (often the case for all but width
 * folding) is only read; the in->out forms above copy `in` to `out` and
 * run these. */
zc_status_t zc_norm_strip_noise_in_place(zc_cptext_t *t,
                                         const zc_noise_set_t *noise);
zc_status_t zc_norm_strip_pinyin_in_place(zc_cptext_t *t);
zc_status_t zc_norm_fold_width_in_place(zc_cptext_t *t, zc_error_t *err);
zc_status_t zc_norm_to_simplified_in_place(zc_cptext_t *t, zc_error_t *err);
zc_status_t zc_norm_join_digits_in_place(zc_cptext_t *t);

/* Run every step on t in place. noise may
 * be NULL for the default set. Thread-safe. On failure t has been through
 * only some steps and must not be used. */
zc_status_t zc_normalize_text(zc_cptext_t *t, const zc_noise_set_t *noise,
                              zc_error_t *err);

/* Step 6: remove the line breaks (newlines) whose original start is one of
 * breaks[0, n_breaks) (ascending); one between two Latin letters becomes a
 * space. */
zc_status_t zc_norm_join_wrapped_lines_in_place(zc_cptext_t *t,
                                                const uint32_t *breaks,
                                                size_t n_breaks);

/* zc_normalize_text(), then step 6 with the soft breaks of a PDF. */
zc_status_t zc_normalize_wrapped_text(zc_cptext_t *t, const zc_noise_set_t *noise,
                                      const uint32_t *breaks, size_t n_breaks,
                                      zc_error_t *err);

#endif

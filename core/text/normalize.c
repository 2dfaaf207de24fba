/*
 * normalize.c - run the five normalisation steps (normalize.h) in order.
 *
 * Each step rewrites t in place, writing only where it changes something:
 * a document without noise marks, pinyin glosses or split numbers, or
 * already simplified, is only read by the step concerned; one with them has
 * its kept runs moved down. (They used to copy the whole text and its two range arrays into a
 * scratch text each: 339M instructions on bench corpus-20/000, now 162M
 * plus ~30M in memmove.)
 */
#include "normalize.h"

#include <pthread.h>

#include "error.h"

static zc_noise_set_t *default_noise;
static zc_status_t default_noise_status = ZC_OK;
static pthread_once_t default_noise_once = PTHREAD_ONCE_INIT;

/* Built once and kept for the life of the process: a NULL noise argument is
 * the common case, and rebuilding an 8 KB bitmap per document would be
 * waste. */
static void default_noise_init(void)
{
    default_noise_status = zc_noise_set_default(&default_noise, NULL);
}

zc_status_t zc_normalize_text(zc_cptext_t *t, const zc_noise_set_t *noise,
                              zc_error_t *err)
{
    zc_status_t st;
    if (!noise) {
        pthread_once(&default_noise_once, default_noise_init);
        if (default_noise_status != ZC_OK)
            return zc_error_set(err, default_noise_status,
                                "normalise: building the noise set failed");
        noise = default_noise;
    }
    st = zc_norm_strip_noise_in_place(t, noise);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: removing noise marks failed");
    st = zc_norm_strip_pinyin_in_place(t);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: removing pinyin failed");
    st = zc_norm_fold_width_in_place(t, err);
    if (st != ZC_OK)
        return st;
    st = zc_norm_mask_web_in_place(t);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: masking web noise failed");
    st = zc_norm_to_simplified_in_place(t, err);
    if (st != ZC_OK)
        return st;
    st = zc_norm_join_digits_in_place(t);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: joining digits failed");
    return ZC_OK;
}

zc_status_t zc_normalize_wrapped_text(zc_cptext_t *t, const zc_noise_set_t *noise,
                                      const uint32_t *breaks, size_t n_breaks,
                                      zc_error_t *err)
{
    zc_status_t st = zc_normalize_text(t, noise, err);
    if (st != ZC_OK)
        return st;
    return zc_norm_join_wrapped_lines_in_place(t, breaks, n_breaks);
}

/*
 * normalize.c - run the five normalisation steps (normalize.h) in order.
 *
 * Each step writes into one scratch text which is then swapped with t, so a
 * document costs two sets of arrays however many steps run, and nothing is
 * allocated per character.
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

static zc_status_t run_steps(zc_utext_t *t, zc_utext_t *s,
                             const zc_noise_set_t *noise, zc_error_t *err)
{
    zc_status_t st = zc_norm_strip_noise(t, s, noise);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: removing noise marks failed");
    zc_utext_swap(t, s);
    st = zc_norm_strip_pinyin(t, s);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: removing pinyin failed");
    zc_utext_swap(t, s);
    st = zc_norm_fold_width(t, s, err);
    if (st != ZC_OK)
        return st;
    zc_utext_swap(t, s);
    st = zc_norm_to_simplified(t, s, err);
    if (st != ZC_OK)
        return st;
    zc_utext_swap(t, s);
    st = zc_norm_join_digits(t, s);
    if (st != ZC_OK)
        return zc_error_set(err, st, "normalise: joining digits failed");
    zc_utext_swap(t, s);
    return ZC_OK;
}

zc_status_t zc_normalize_text(zc_utext_t *t, const zc_noise_set_t *noise,
                              zc_error_t *err)
{
    zc_utext_t scratch;
    zc_status_t st;
    if (!noise) {
        pthread_once(&default_noise_once, default_noise_init);
        if (default_noise_status != ZC_OK)
            return zc_error_set(err, default_noise_status,
                                "normalise: building the noise set failed");
        noise = default_noise;
    }
    zc_utext_init(&scratch);
    st = zc_utext_reserve(&scratch, t->len);
    if (st == ZC_OK)
        st = run_steps(t, &scratch, noise, err);
    else
        zc_error_set(err, st, "normalise: out of memory");
    zc_utext_free(&scratch);
    return st;
}

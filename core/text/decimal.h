/* decimal.h - exact decimal arithmetic for parsed numbers. */
#ifndef ZC_CORE_DECIMAL_H
#define ZC_CORE_DECIMAL_H

#include "zhclaim/zhclaim.h"

/* Make d's mantissa free of trailing zeros (57.40 -> 574e-1). */
zc_decimal_t zc_decimal_normal(zc_decimal_t d);
/* d * 10^k. */
zc_decimal_t zc_decimal_scale(zc_decimal_t d, int k);
/* a + b; returns 0 on overflow. */
int zc_decimal_add(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out);
/* a * b; returns 0 on overflow. */
int zc_decimal_mul(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out);
/* a / b rounded to 17 significant digits (half away from zero); returns 0
 * when b is 0 or on overflow. */
int zc_decimal_div(zc_decimal_t a, zc_decimal_t b, zc_decimal_t *out);
/* Compare: <0, 0, >0. */
int zc_decimal_cmp(zc_decimal_t a, zc_decimal_t b);
zc_decimal_t zc_decimal_from_int(int64_t v);

/* The longest value text (zc_decimal_format) a record may carry: far beyond
 * any amount a report states (10^100 has 101 characters), small enough for
 * a writer's stack buffer. The engine refuses, with a message, a claim with
 * a longer value, rather than have a writer cut it. */
enum { ZC_DECIMAL_TEXT_MAX = 128 };

/* The length of d's text, without writing it. */
size_t zc_decimal_text_len(zc_decimal_t d);

#endif

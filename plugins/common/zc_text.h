/*
 * zc_text.h - UTF-8 and punctuation helpers for the extractor plugins.
 *
 * Plugins work on the core's normalised text: ASCII digits and clause
 * punctuation (, ; : ! ? ( ) %), Chinese 。 and 、 kept as they are. All
 * offsets are bytes; every function keeps them on code point boundaries.
 */
#ifndef ZC_TEXT_H
#define ZC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/plugin.h"

/* Start of the code point before pos, never below lo (returns lo at lo). */
size_t zc_u8_prev(const char *text, size_t lo, size_t pos);

/* End of the code point starting at pos, never above hi. */
size_t zc_u8_next(const char *text, size_t pos, size_t hi);

/* Back up from pos over at most n code points, stopping at lo. */
size_t zc_u8_back(const char *text, size_t lo, size_t pos, size_t n);

/* Code point at pos (0 at or past hi). */
uint32_t zc_u8_at(const char *text, size_t pos, size_t hi);

/* Punctuation that ends a clause: , ; : 。 ! ? and line breaks (ASCII and
 * full-width forms both, in case the normaliser kept one). */
int zc_is_clause_end(uint32_t c);

/* Any punctuation or space a subject phrase must not cross or keep:
 * clause ends, 、, brackets, quotes, dashes, spaces. */
int zc_is_phrase_break(uint32_t c);

/* A CJK ideograph or a Latin letter: what a noun phrase is made of. */
int zc_is_word_char(uint32_t c);

/* True when the bytes text[pos, pos + strlen(s)) equal s (pos + len <= hi). */
int zc_starts_with(const char *text, size_t pos, size_t hi, const char *s);

/* Exact decimal helpers. Scaling by 10^k keeps the mantissa. */
zc_decimal_t zc_dec_scale(zc_decimal_t d, int k);
int zc_dec_equal(zc_decimal_t a, zc_decimal_t b);
int zc_dec_is_int(zc_decimal_t d, int64_t v);



/* -1, 0 or 1 as a is below, equal to or above b (via double: close values
 * of plugins' interest differ by far more than a double's precision). */
int zc_dec_cmp(zc_decimal_t a, zc_decimal_t b);
#endif

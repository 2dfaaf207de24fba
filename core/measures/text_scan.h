/*
 * text_scan.h - UTF-8 and punctuation helpers for the measure reader.
 *
 * The reader works on the core's normalised text: ASCII digits and clause
 * punctuation (, ; : ! ? ( ) %), Chinese 。 and 、 kept as they are. All
 * offsets are bytes; every function keeps them on code point boundaries.
 */
#ifndef ZC_TEXT_SCAN_H
#define ZC_TEXT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "zhclaim/plugin.h"

/* The three steps below run for nearly every character the extractors
 * look at, so they are inline: a call costs more than the step. */

/* Start of the code point before pos, never below lo (returns lo at lo). */
static inline size_t zc_u8_prev(const char *text, size_t lo, size_t pos)
{
    if (pos <= lo)
        return lo;
    pos--;
    while (pos > lo && zc_utf8_is_cont((unsigned char)text[pos]))
        pos--;
    return pos;
}

/* End of the code point starting at pos, never above hi. */
static inline size_t zc_u8_next(const char *text, size_t pos, size_t hi)
{
    if (pos >= hi)
        return hi;
    pos++;
    while (pos < hi && zc_utf8_is_cont((unsigned char)text[pos]))
        pos++;
    return pos;
}

/* Code point at pos (0 at or past hi, U+FFFD where the text is no UTF-8,
 * which normalised text never is): utf8.h's decoder, the core's one. */
static inline uint32_t zc_u8_at(const char *text, size_t pos, size_t hi)
{
    if (pos >= hi)
        return 0;
    int32_t cp;
    return zc_utf8_next((const unsigned char *)text + pos, hi - pos, &cp)
               ? (uint32_t)cp
               : 0xFFFDu;
}

/* Back up from pos over at most n code points, stopping at lo. */
size_t zc_u8_back(const char *text, size_t lo, size_t pos, size_t n);

/* Go forward from pos over at most n code points, stopping at hi. */
size_t zc_u8_ahead(const char *text, size_t pos, size_t hi, size_t n);

/* Punctuation that ends a clause: , ; : 。 ! ? and line breaks (ASCII and
 * full-width forms both, in case the normaliser kept one). Inline, like
 * zc_is_word_char(): the phrase walks test every character. */
static inline int zc_is_clause_end(uint32_t c)
{
    switch (c) {
    case ',': case ';': case ':': case '!': case '?': case '\n': case '\r':
    case 0x3002: /* 。 */
    case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
        return 1;
    default:
        return 0;
    }
}

/* Any punctuation or space a subject phrase must not cross or keep:
 * clause ends, 、, brackets, quotes, dashes, spaces. */
int zc_is_phrase_break(uint32_t c);

/* A CJK ideograph or a Latin letter: what a noun phrase is made of. */
static inline int zc_is_word_char(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* True when the bytes text[pos, pos + strlen(s)) equal s (pos + len <= hi).
 * Inline: callers pass a literal ("的", "分别"), so the length and the
 * compare fold into a few instructions instead of strlen and memcmp calls
 * per character of a phrase walk. */
static inline int zc_starts_with(const char *text, size_t pos, size_t hi, const char *s)
{
    size_t n = strlen(s);
    return pos + n <= hi && memcmp(text + pos, s, n) == 0;
}

#endif

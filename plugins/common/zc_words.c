/* zc_words.c - word boundaries in plugin-side text, from ICU (zc_words.h). */
#include "zc_words.h"

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

/* Subjects and phrases are short; longer text is cut to this much, which
 * still holds the first word. */
#define WORDS_MAX_UNITS 256

size_t zc_first_word_len(const char *s, size_t len)
{
    UChar u[WORDS_MAX_UNITS];
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    size_t take = len;
    if (take > WORDS_MAX_UNITS - 1) {
        take = WORDS_MAX_UNITS - 1;
        while (take > 0 && ((unsigned char)s[take] & 0xC0u) == 0x80u)
            take--; /* cut on a character boundary */
    }
    u_strFromUTF8(u, WORDS_MAX_UNITS, &n, s, (int32_t)take, &e);
    if (U_FAILURE(e) || n == 0)
        return 0;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u, n, &e);
    if (U_FAILURE(e))
        return 0;
    int32_t end = ubrk_following(bi, 0);
    ubrk_close(bi);
    if (end == UBRK_DONE || end >= n)
        return len;
    /* Back to UTF-8 bytes: the length of the first end units. */
    int32_t bytes = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &bytes, u, end, &e);
    return e == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(e) ? (size_t)bytes : 0;
}

/* Characters of context each side: enough for ICU to see the words around
 * pos (Chinese words are one to four characters, rarely more). */
#define WORDS_CONTEXT_CHARS 6

size_t zc_word_start(const char *t, size_t lo, size_t pos, size_t hi)
{
    if (pos <= lo || pos >= hi)
        return pos;
    size_t a = pos, b = pos;
    for (int k = 0; k < WORDS_CONTEXT_CHARS && a > lo; k++) {
        do
            a--;
        while (a > lo && ((unsigned char)t[a] & 0xC0u) == 0x80u);
    }
    for (int k = 0; k < WORDS_CONTEXT_CHARS && b < hi; k++) {
        do
            b++;
        while (b < hi && ((unsigned char)t[b] & 0xC0u) == 0x80u);
    }
    UChar u[WORDS_MAX_UNITS];
    int32_t n = 0, at = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, WORDS_MAX_UNITS, &at, t + a, (int32_t)(pos - a), &e);
    if (U_FAILURE(e))
        return pos;
    u_strFromUTF8(u, WORDS_MAX_UNITS, &n, t + a, (int32_t)(b - a), &e);
    if (U_FAILURE(e) || n == 0)
        return pos;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u, n, &e);
    if (U_FAILURE(e))
        return pos;
    int32_t start = ubrk_isBoundary(bi, at) ? at : ubrk_preceding(bi, at);
    ubrk_close(bi);
    if (start == at || start == UBRK_DONE || start < 0)
        return pos;
    /* Back to bytes: the UTF-8 length of the units before start. */
    int32_t bytes = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &bytes, u, start, &e);
    return e == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(e) ? a + (size_t)bytes : pos;
}

/* word_breaks.c - word boundaries, from ICU (word_breaks.h). */
#include "word_breaks.h"

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

/* UTF-16 units of the window around a position: 13 characters fit. */
#define WORDS_MAX_UNITS 64

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

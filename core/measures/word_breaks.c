/* word_breaks.c - word boundaries, from ICU (word_breaks.h). */
#include "word_breaks.h"

#include <pthread.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text_scan.h"

/* UTF-16 units of the window around a position: 13 characters fit. */
#define WORDS_MAX_UNITS 64

/* Characters of context each side: enough for ICU to see the words around
 * pos (Chinese words are one to four characters, rarely more). */
#define WORDS_CONTEXT_CHARS 6

/* Opening a word break iterator loads and builds ICU's rules (perf on the
 * bench corpus: half of this function's time when it was opened per
 * call), so each thread opens one the first time it asks and keeps it;
 * ubrk_setText points it at each window. The key's destructor closes it
 * when the thread ends. */
static pthread_key_t words_key;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;
static int words_key_ok;

static void close_iterator(void *bi)
{
    ubrk_close(bi);
}

static void make_key(void)
{
    words_key_ok = pthread_key_create(&words_key, close_iterator) == 0;
}

/* An iterator over u[0, n): this thread's, or, when ICU or the key fail,
 * one opened for the call alone (*own set: the caller closes it). NULL
 * when ICU cannot open one. */
static UBreakIterator *iterator_over(const UChar *u, int32_t n, int *own)
{
    pthread_once(&words_once, make_key);
    UErrorCode e = U_ZERO_ERROR;
    *own = 0;
    UBreakIterator *bi = words_key_ok ? pthread_getspecific(words_key) : NULL;
    if (bi) {
        ubrk_setText(bi, u, n, &e);
        return U_SUCCESS(e) ? bi : NULL;
    }
    bi = ubrk_open(UBRK_WORD, "zh", u, n, &e);
    if (U_FAILURE(e))
        return NULL;
    if (!words_key_ok || pthread_setspecific(words_key, bi) != 0)
        *own = 1;
    return bi;
}

size_t zc_word_start(const char *t, size_t lo, size_t pos, size_t hi)
{
    if (pos <= lo || pos >= hi)
        return pos;
    size_t a = zc_u8_back(t, lo, pos, WORDS_CONTEXT_CHARS);
    size_t b = zc_u8_ahead(t, pos, hi, WORDS_CONTEXT_CHARS);
    UChar u[WORDS_MAX_UNITS];
    int32_t n = 0, at = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, WORDS_MAX_UNITS, &at, t + a, (int32_t)(pos - a), &e);
    if (U_FAILURE(e))
        return pos;
    u_strFromUTF8(u, WORDS_MAX_UNITS, &n, t + a, (int32_t)(b - a), &e);
    if (U_FAILURE(e) || n == 0)
        return pos;
    int own;
    UBreakIterator *bi = iterator_over(u, n, &own);
    if (!bi)
        return pos;
    int32_t start = ubrk_isBoundary(bi, at) ? at : ubrk_preceding(bi, at);
    if (own)
        ubrk_close(bi);
    if (start == at || start == UBRK_DONE || start < 0)
        return pos;
    /* Back to bytes: the UTF-8 length of the units before start. */
    int32_t bytes = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &bytes, u, start, &e);
    return e == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(e) ? a + (size_t)bytes : pos;
}

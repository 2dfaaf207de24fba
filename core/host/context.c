/* context.c - a claim's sentence, or a window of it. */
#include "context.h"

#include <stdlib.h>

#include "utf8.h"

static int blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Code points in text[s, e) (valid UTF-8: the normalised text). Stops
 * counting past limit. */
static size_t count_cps(const char *text, size_t s, size_t e, size_t limit)
{
    size_t n = 0;
    for (size_t i = s; i < e && n <= limit; i++)
        n += !zc_utf8_is_cont((unsigned char)text[i]);
    return n;
}

static size_t back_cps(const char *text, size_t lo, size_t pos, size_t n)
{
    while (pos > lo && n > 0) {
        pos--;
        if (!zc_utf8_is_cont((unsigned char)text[pos]))
            n--;
    }
    return pos;
}

static size_t ahead_cps(const char *text, size_t pos, size_t hi, size_t n)
{
    while (pos < hi && n > 0) {
        pos++;
        while (pos < hi && zc_utf8_is_cont((unsigned char)text[pos]))
            pos++;
        n--;
    }
    return pos;
}

static const char *window(zc_arena_t *a, const char *text, size_t s, size_t e,
                          size_t start, size_t end)
{
    static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
    size_t from = back_cps(text, s, start < s ? s : start, ZC_CONTEXT_SIDE);
    size_t to = ahead_cps(text, end > e ? e : end, e, ZC_CONTEXT_SIDE);
    size_t head = from > s ? 3 : 0, tail = to < e ? 3 : 0;
    char *out = zc_arena_alloc(a, head + (to - from) + tail + 1);
    if (!out)
        return NULL;
    memcpy(out, ellipsis, head);
    memcpy(out + head, text + from, to - from);
    memcpy(out + head + (to - from), ellipsis, tail);
    out[head + (to - from) + tail] = '\0';
    return out;
}

zc_status_t zc_context_of(zc_docrun_t *run, size_t start, size_t end, const char **out)
{
    const zc_doc_view_t *v = &run->view;
    size_t lo = 0, hi = v->n_sentences;
    *out = NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (start < v->sentences[mid].start_byte) {
            hi = mid;
        } else if (start >= v->sentences[mid].end_byte) {
            lo = mid + 1;
        } else {
            size_t s = v->sentences[mid].start_byte, e = v->sentences[mid].end_byte;
            while (s < e && blank(v->text[s]))
                s++;
            while (e > s && blank(v->text[e - 1]))
                e--;
            if (count_cps(v->text, s, e, ZC_CONTEXT_WHOLE) > ZC_CONTEXT_WHOLE) {
                *out = window(run->arena, v->text, s, e, start, end);
                return *out ? ZC_OK : ZC_ERR_NOMEM;
            }
            if (!run->contexts && !(run->contexts = calloc(v->n_sentences, sizeof *run->contexts)))
                return ZC_ERR_NOMEM;
            if (!run->contexts[mid])
                run->contexts[mid] = zc_arena_strndup(run->arena, v->text + s, e - s);
            *out = run->contexts[mid];
            return *out ? ZC_OK : ZC_ERR_NOMEM;
        }
    }
    return ZC_OK;
}

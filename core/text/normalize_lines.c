/*
 * normalize_lines.c - join the lines a PDF's layout wrapped (step 6, PDF
 * only: see normalize.h).
 *
 * The reader (formats/pdf_lines.c) knows from the page geometry which
 * line breaks wrap a paragraph; here they leave the text, so that `14` at
 * the end of one line and `家` at the start of the next read as `14家` and
 * a sentence is not cut at the margin. Chinese runs on without a space;
 * between two Latin letters the break becomes one, as the words were
 * separate. Code points keep their ranges: the break's bytes belong to no
 * code point any more, or to the space.
 */
#include "normalize.h"

static int listed(const uint32_t *breaks, size_t n, uint32_t byte)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (breaks[mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && breaks[lo] == byte;
}

static int is_latin(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

zc_status_t zc_norm_join_wrapped_lines_in_place(zc_cptext_t *t,
                                                const uint32_t *breaks,
                                                size_t n_breaks)
{
    if (n_breaks == 0)
        return ZC_OK;
    size_t w = 0;
    for (size_t r = 0; r < t->len; r++) {
        int32_t c = t->cp[r];
        if (c == '\n' && listed(breaks, n_breaks, t->src_start[r])) {
            int space = w > 0 && r + 1 < t->len && is_latin(t->cp[w - 1]) &&
                        is_latin(t->cp[r + 1]);
            if (!space)
                continue;
            c = ' ';
        }
        t->cp[w] = c;
        t->src_start[w] = t->src_start[r];
        t->src_len[w] = t->src_len[r];
        w++;
    }
    t->len = w;
    return ZC_OK;
}

/*
 * clause_index.c - per-sentence facts for the extraction loop: where
 * each clause starts and which spans are quoted (see
 * measure_internal.h). Every candidate of a sentence used to rescan it: back to
 * its start for quote marks, back to the clause start for its phrases. One
 * forward pass per sentence, as far as the candidates reach, finds both.
 */
#include <stdint.h>

#include "measure_internal.h"

void zc_sent_init(zc_sent_t *s, size_t lo, size_t hi)
{
    s->lo = lo;
    s->hi = hi;
    s->scanned = lo;
    s->mark_end = SIZE_MAX;
    s->n_breaks = 0;
    s->cut = 0;
}

static void add_break(zc_sent_t *s, size_t brk)
{
    if (s->cut)
        return;
    if (s->n_breaks < ZC_SENT_BREAKS)
        s->breaks[s->n_breaks++] = brk;
    else
        s->cut = 1;
}

void zc_sent_reach(zc_sent_t *s, const char *t, size_t pos)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t p = s->scanned, hi = s->hi;
    if (pos > hi)
        pos = hi;
    /* The text is valid UTF-8: step by code point, testing the lead byte.
     * Clause ends are those of zc_is_clause_end(): , ; : ! ? CR LF, 。
     * (E3 80 82) and the full-width ，；：！？ (EF BC 8C/9B/9A/81/9F).
     * Marks are those quoted() reads: '"', “ ” (E2 80 9C/9D), 《 》 「 」
     * 『 』 (E3 80 8A-8F). Ideographs (E4-E9 led) are neither. */
    while (p < pos) {
        unsigned b = u[p];
        if (b < 0x80u) {
            if (b == '"' && s->mark_end == SIZE_MAX)
                s->mark_end = p + 1;
            else if (b == ',' || b == ';' || b == ':' || b == '!' ||
                     b == '?' || b == '\n' || b == '\r')
                add_break(s, p + 1);
            p++;
            continue;
        }
        size_t len = b < 0xE0u ? 2 : (b < 0xF0u ? 3 : 4);
        if (p + len > hi)
            break;
        if (len == 3 && (b == 0xE2u || b == 0xE3u || b == 0xEFu)) {
            unsigned b1 = u[p + 1], b2 = u[p + 2];
            if (b == 0xE2u && b1 == 0x80u && (b2 == 0x9Cu || b2 == 0x9Du)) {
                if (s->mark_end == SIZE_MAX)
                    s->mark_end = p + 3;
            } else if (b == 0xE3u && b1 == 0x80u) {
                if (b2 == 0x82u)
                    add_break(s, p + 3);
                else if (b2 >= 0x8Au && b2 <= 0x8Fu && s->mark_end == SIZE_MAX)
                    s->mark_end = p + 3;
            } else if (b == 0xEFu && b1 == 0xBCu &&
                       (b2 == 0x8Cu || b2 == 0x9Bu || b2 == 0x9Au ||
                        b2 == 0x81u || b2 == 0x9Fu)) {
                add_break(s, p + 3);
            }
        }
        p += len;
    }
    if (p > s->scanned)
        s->scanned = p;
}

size_t zc_sent_clause_start(zc_sent_t *s, const char *t, size_t pos)
{
    zc_sent_reach(s, t, pos);
    size_t n = s->n_breaks;
    /* Past the last kept break of a cut table, the table cannot tell. */
    if (s->cut && pos > s->breaks[n - 1])
        return zc_clause_start(t, s->lo, pos);
    /* The last break at or before pos. */
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (s->breaks[mid] <= pos)
            a = mid + 1;
        else
            b = mid;
    }
    return a ? s->breaks[a - 1] : s->lo;
}

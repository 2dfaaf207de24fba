/* normtext.c - UTF-8 encoding of the normalised text with its byte map. */
#include "normtext.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void zc_normtext_free(zc_normtext_t *n)
{
    if (!n)
        return;
    free(n->text);
    free(n->runs);
    memset(n, 0, sizeof *n);
}

/* Room for one more run. Runs are few in most documents (a new one starts
 * only where a step changed something), so they grow by doubling from a
 * small start and are trimmed once done. */
static zc_status_t grow_runs(zc_normrun_t **runs, size_t *cap)
{
    size_t want = *cap ? *cap * 2 : 256;
    if (want > SIZE_MAX / sizeof **runs)
        return ZC_ERR_NOMEM;
    zc_normrun_t *r = realloc(*runs, want * sizeof *r);
    if (!r)
        return ZC_ERR_NOMEM;
    *runs = r;
    *cap = want;
    return ZC_OK;
}

/* The three UTF-8 bytes of cp, U+0800 to U+FFFF. */
static inline void put3(unsigned char *u, int32_t cp)
{
    u[0] = (unsigned char)(0xE0 | (cp >> 12));
    u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
}

/*
 * One pass writing each code point's bytes into u and the runs into out.
 * u has room for 4 * t->len bytes (no code point takes more than four) and
 * may be t->cp itself: the bytes of the code points before i take at most
 * 4 * i, so writing code point i, read first, reaches no code point after
 * it. Fails with ZC_ERR_INVALID when t holds an invalid code point (a
 * surrogate or a value past U+10FFFF), which only a bug upstream makes.
 * This runs over every code point of every document, so the two lengths
 * nearly all text has, one-byte ASCII and three-byte CJK, have their own
 * straight-line cases, tested in that order, and only the rest go through
 * zc_utf8_put (callgrind on bench corpus-20/000: 82M instructions this way,
 * 97M with zc_utf8_put for every code point); the run being built is kept
 * in locals, which stores to u, a char array, could otherwise alias.
 */
static zc_status_t encode_all(const zc_cptext_t *t, unsigned char *u,
                              zc_normtext_t *out)
{
    const int32_t *cps = t->cp;
    const uint32_t *restrict starts = t->src_start;
    const uint8_t *restrict lens = t->src_len;
    size_t len = t->len, pos = 0, n_runs = 0, cap = 0;
    zc_normrun_t *runs = NULL;
    uint32_t prev_end = 0;
    int open = 0; /* the last run may take the next code point */
    unsigned bad = 0;
    for (size_t i = 0; i < len; i++) {
        /* The usual case, CJK read from UTF-8 and left as it was: a run
         * of three-byte code points that each came from the three bytes
         * after the last. The open run takes them all, so its end is
         * stored once, after the stretch. */
        if (open) {
            size_t j = i;
            for (; j < len && lens[j] == 3 && starts[j] == prev_end; j++) {
                int32_t c = cps[j];
                if (c < 0x800 || c >= 0x10000 || (c & 0xF800) == 0xD800)
                    break;
                put3(u + pos, c);
                pos += 3;
                prev_end += 3;
            }
            if (j > i) {
                runs[n_runs - 1].end = prev_end;
                i = j - 1;
                continue;
            }
        }
        int32_t cp = cps[i];
        uint32_t s = starts[i];
        unsigned n = lens[i];
        size_t m;
        if (cp < 0x80) {
            u[pos] = (unsigned char)cp;
            m = 1;
            bad |= cp < 0;
        } else if (cp >= 0x800 && cp < 0x10000) {
            put3(u + pos, cp);
            m = 3;
            bad |= (cp & 0xF800) == 0xD800;
        } else {
            /* Two- and four-byte forms: rare in reports. */
            bad |= cp > 0x10FFFF;
            m = zc_utf8_put(u + pos, cp);
        }
        uint32_t e = n != ZC_CPTEXT_LONG ? s + n : zc_cptext_long_end(t, s);
        int same = n == m; /* never for a long range */
        if (open && same && s == prev_end) {
            runs[n_runs - 1].end = e;
        } else {
            if (n_runs == cap && grow_runs(&runs, &cap) != ZC_OK) {
                free(runs);
                return ZC_ERR_NOMEM;
            }
            runs[n_runs++] = (zc_normrun_t){(uint32_t)pos, s, e};
        }
        open = same;
        prev_end = e;
        pos += m;
    }
    if (bad || pos > UINT32_MAX) {
        free(runs);
        return ZC_ERR_INVALID;
    }
    if (n_runs < cap) { /* trimming cannot fail in practice; keep if it does */
        zc_normrun_t *r = realloc(runs, n_runs * sizeof *r);
        if (r)
            runs = r;
    }
    out->runs = runs;
    out->n_runs = n_runs;
    out->len = pos;
    return ZC_OK;
}

zc_status_t zc_normtext_from_cptext(const zc_cptext_t *t, zc_normtext_t *out)
{
    memset(out, 0, sizeof *out);
    /* Sized for the worst case, four bytes a code point, so that one pass
     * both measures and writes (a separate pass for the size cost a tenth
     * of the encoding); the pages of the unused tail are never touched. */
    out->text = malloc(4 * t->len + 1);
    if (!out->text)
        return ZC_ERR_NOMEM;
    zc_status_t st = encode_all(t, (unsigned char *)out->text, out);
    if (st != ZC_OK) {
        zc_normtext_free(out);
        return st;
    }
    out->text[out->len] = '\0';
    return ZC_OK;
}

zc_status_t zc_normtext_from_cptext_taking(zc_cptext_t *t, zc_normtext_t *out)
{
    if (!t->cp) /* an empty text that never had arrays */
        return zc_normtext_from_cptext(t, out);
    memset(out, 0, sizeof *out);
    zc_status_t st = encode_all(t, (unsigned char *)t->cp, out);
    if (st != ZC_OK)
        return st;
    /* The UTF-8 is at most the 4 bytes a code point the array had, so this
     * gives back the tail (for CJK a quarter of it is kept), or adds the
     * byte for the NUL to a text of four-byte code points only. */
    char *text = realloc(t->cp, out->len + 1);
    if (!text) {
        zc_normtext_free(out);
        return ZC_ERR_NOMEM;
    }
    t->cp = NULL;
    zc_cptext_free(t);
    text[out->len] = '\0';
    out->text = text;
    return ZC_OK;
}

/* The run holding byte b (< n->len): the last one starting at or before
 * it. */
static size_t run_holding(const zc_normtext_t *n, size_t b)
{
    size_t lo = 0, hi = n->n_runs; /* runs[lo].byte <= b < runs[hi].byte */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (n->runs[mid].byte <= b)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The original range of the code point holding byte b (< n->len). Within
 * a run every code point has as many bytes as its range, so its offset in
 * the run is its offset in the original; a code point that ends its run
 * ends where the run does (the one of a one-code-point run, whatever its
 * range, both starts and ends with it). */
static void cp_range(const zc_normtext_t *n, size_t b, size_t *start,
                     size_t *end)
{
    const unsigned char *u = (const unsigned char *)n->text;
    size_t r = run_holding(n, b);
    size_t at = b; /* back to the code point's first byte */
    while (at > n->runs[r].byte && (u[at] & 0xC0) == 0x80)
        at--;
    size_t m = u[at] < 0x80 ? 1 : u[at] < 0xE0 ? 2 : u[at] < 0xF0 ? 3 : 4;
    size_t next = r + 1 < n->n_runs ? n->runs[r + 1].byte : n->len;
    *start = n->runs[r].src + (at - n->runs[r].byte);
    *end = at + m == next ? n->runs[r].end : *start + m;
}

void zc_normtext_map_span(const zc_normtext_t *n, size_t start, size_t end,
                          size_t *orig_start, size_t *orig_end)
{
    /* Steps never reorder, so the map is non-decreasing and the first
     * and last bytes bound the span. An empty or out-of-range span is
     * clamped rather than read past the map. */
    size_t s, e;
    if (n->len == 0) {
        *orig_start = *orig_end = 0;
        return;
    }
    if (end > n->len)
        end = n->len;
    if (start >= end) {
        if (start < n->len)
            cp_range(n, start, &s, &e);
        else
            s = n->runs[n->n_runs - 1].end;
        *orig_start = *orig_end = s;
        return;
    }
    cp_range(n, start, orig_start, &e);
    cp_range(n, end - 1, &s, orig_end);
}

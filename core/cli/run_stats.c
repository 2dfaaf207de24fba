/* run_stats.c - totals and the summary line. */
#include "run_stats.h"

#include <stdlib.h>
#include <string.h>

/* The slot for kind, inserted in name order when new; NULL on no memory.
 * A handful of kinds exist, so a sorted array beats any hash table. */
static zc_kind_count_t *kind_slot(zc_run_stats_t *s, const char *kind)
{
    size_t lo = 0, hi = s->n_kinds;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->kinds[mid].kind, kind);
        if (c == 0)
            return &s->kinds[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    zc_kind_count_t *g = realloc(s->kinds, (s->n_kinds + 1) * sizeof *g);
    if (!g)
        return NULL;
    s->kinds = g;
    char *name = strdup(kind);
    if (!name)
        return NULL;
    memmove(&g[lo + 1], &g[lo], (s->n_kinds - lo) * sizeof *g);
    g[lo] = (zc_kind_count_t){name, 0};
    s->n_kinds++;
    return &g[lo];
}

int zc_stats_add_claims(zc_run_stats_t *s, const zc_result_t *r)
{
    zc_kind_count_t *last = NULL;
    for (size_t i = 0; i < r->n_claims; i++) {
        const char *k = r->claims[i].kind;
        /* Claims of a kind come in runs often enough to skip the search. */
        if (!last || strcmp(last->kind, k) != 0)
            last = kind_slot(s, k);
        if (!last)
            return -1;
        last->n++;
    }
    s->claims += r->n_claims;
    return 0;
}

int zc_stats_add_counts(zc_run_stats_t *s, const zc_kind_count_t *kinds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        zc_kind_count_t *slot = kind_slot(s, kinds[i].kind);
        if (!slot)
            return -1;
        slot->n += kinds[i].n;
        s->claims += kinds[i].n;
    }
    return 0;
}

void zc_stats_print(const zc_run_stats_t *s, FILE *out, double seconds, int resume)
{
    fprintf(out, "zhclaim: %zu documents, %zu claims", s->documents, s->claims);
    for (size_t i = 0; i < s->n_kinds; i++)
        fprintf(out, "%s%s %zu", i ? ", " : " (", s->kinds[i].kind, s->kinds[i].n);
    if (s->n_kinds)
        fputc(')', out);
    fprintf(out, ", %zu errors", s->failed);
    if (resume)
        fprintf(out, ", %zu already done", s->skipped);
    fprintf(out, ", %.2f s, %.1f MB/s\n", seconds,
            seconds > 0 ? s->bytes / 1e6 / seconds : 0.0);
}

void zc_stats_free(zc_run_stats_t *s)
{
    for (size_t i = 0; i < s->n_kinds; i++)
        free(s->kinds[i].kind);
    free(s->kinds);
    memset(s, 0, sizeof *s);
}

/* zc_extract.c - the shared extraction loop and rules (see zc_extract.h). */
#include "zc_extract.h"

#include <string.h>

#include "zc_internal.h"
#include "zc_measure.h"

/* Candidates per sentence handled together; a longer sentence is handled in
 * chunks (lists and changes do not span a chunk edge). */
#define CAND_MAX 64

zc_status_t zc_check_host(const zc_plugin_init_t *args)
{
    /* The fields of ABI 1.0 (up to call), not this header's sizeof: a host
     * built with an older minor passes a shorter struct, and that is fine. */
    if (!args || args->struct_size < offsetof(zc_plugin_init_t, call) + sizeof args->call
        || !args->host)
        return ZC_ERR_PLUGIN;
    const zc_host_t *h = args->host;
    if (h->abi_major != ZC_PLUGIN_ABI_MAJOR || !ZC_HOST_HAS(h, number_at))
        return ZC_ERR_PLUGIN;
    return ZC_OK;
}

/* The lexicons of rules/common/: where each goes in zc_common_t and, for
 * the four the small plugins read, in zc_measure_words_t (else NO_WORDS). */
#define NO_WORDS ((size_t)-1)
#define IN_COMMON(f) offsetof(zc_common_t, f)
#define IN_WORDS(f) offsetof(zc_measure_words_t, f)
static const struct {
    const char *name;
    size_t common;
    size_t words;
} common_files[] = {
    {"common/qualifiers_before.txt", IN_COMMON(q_before), IN_WORDS(q_before)},
    {"common/qualifiers_after.txt", IN_COMMON(q_after), IN_WORDS(q_after)},
    {"common/qualifiers_mid.txt", IN_COMMON(q_mid), IN_WORDS(q_mid)},
    {"common/fillers.txt", IN_COMMON(fillers), NO_WORDS},
    {"common/range_sep.txt", IN_COMMON(range_sep), IN_WORDS(range_sep)},
    {"common/not_after.txt", IN_COMMON(not_after), NO_WORDS},
    {"common/metrics.txt", IN_COMMON(metrics), NO_WORDS},
    {"common/head_strip.txt", IN_COMMON(head_strip), NO_WORDS},
    {"common/tail_strip.txt", IN_COMMON(tail_strip), NO_WORDS},
    {"common/subject_stop.txt", IN_COMMON(stop), NO_WORDS},
    {"common/continues.txt", IN_COMMON(continues), NO_WORDS},
    {"common/change.txt", IN_COMMON(change), NO_WORDS},
    {"common/scales.txt", IN_COMMON(scales), NO_WORDS},
    {"common/not_metrics.txt", IN_COMMON(not_metrics), NO_WORDS},
    {"common/object_verbs.txt", IN_COMMON(object_verbs), NO_WORDS},
    {"common/places.txt", IN_COMMON(places), NO_WORDS},
    {"common/set_terms.txt", IN_COMMON(set_terms), NO_WORDS},
    {"common/not_subjects.txt", IN_COMMON(not_subjects), NO_WORDS},
};
#define N_COMMON_FILES (sizeof common_files / sizeof common_files[0])

/* The lexicon of common_files[i] in base, a zc_common_t or (words) a
 * zc_measure_words_t; NULL when the latter has none. */
static zc_lexicon_t *common_lexicon(void *base, int words, size_t i)
{
    size_t offset = words ? common_files[i].words : common_files[i].common;
    return offset == NO_WORDS ? NULL : (zc_lexicon_t *)((char *)base + offset);
}

static void common_lexicons_free(void *base, int words)
{
    for (size_t i = 0; i < N_COMMON_FILES; i++) {
        zc_lexicon_t *lex = common_lexicon(base, words, i);
        if (lex)
            zc_lexicon_free(lex);
    }
}

/* Load base's lexicons up to the first failure (whose load logs why). */
static zc_status_t common_lexicons_load(void *base, int words,
                                        const zc_plugin_init_t *args)
{
    zc_status_t st = ZC_OK;
    for (size_t i = 0; i < N_COMMON_FILES && st == ZC_OK; i++) {
        zc_lexicon_t *lex = common_lexicon(base, words, i);
        if (lex)
            st = zc_lexicon_load(lex, args, common_files[i].name);
    }
    return st;
}

zc_status_t zc_common_load(zc_common_t *c, const zc_plugin_init_t *args)
{
    memset(c, 0, sizeof *c);
    c->host = args->host;
    zc_status_t st = common_lexicons_load(c, 0, args);
    if (st == ZC_OK)
        st = zc_patterns_load(&c->exclude, args, "common/exclude.re");
    if (st != ZC_OK)
        zc_common_free(c);
    return st;
}

void zc_common_free(zc_common_t *c)
{
    if (!c)
        return;
    common_lexicons_free(c, 0);
    zc_patterns_free(&c->exclude);
}

zc_status_t zc_measure_words_load(zc_measure_words_t *w,
                                  const zc_plugin_init_t *args)
{
    memset(w, 0, sizeof *w);
    zc_status_t st = common_lexicons_load(w, 1, args);
    if (st != ZC_OK)
        zc_measure_words_free(w);
    return st;
}

void zc_measure_words_free(zc_measure_words_t *w)
{
    common_lexicons_free(w, 1);
}

zc_status_t zc_kind_load(zc_common_t *common, const zc_plugin_init_t *args,
                         const zc_kind_file_t *files, size_t n)
{
    zc_status_t st = zc_common_load(common, args);
    if (st != ZC_OK)
        return st;
    for (size_t i = 0; i < n && st == ZC_OK; i++)
        st = files[i].lex ? zc_lexicon_load(files[i].lex, args, files[i].file)
                          : zc_patterns_load(files[i].pat, args, files[i].file);
    if (st != ZC_OK)
        zc_kind_free(common, files, n);
    return st;
}

void zc_kind_free(zc_common_t *common, const zc_kind_file_t *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (files[i].lex)
            zc_lexicon_free(files[i].lex);
        else
            zc_patterns_free(files[i].pat);
    }
    zc_common_free(common);
}

static zc_status_t emit_all(const zc_kind_ops_t *ops, const zc_host_t *host,
                            zc_call_t *call, const zc_cand_t *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        zc_record_t r;
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        r.kind = ops->kind;
        r.start_byte = c[i].start;
        r.end_byte = c[i].end;
        r.value = c[i].value;
        r.unit = c[i].hit.unit;
        r.approx = c[i].approx;
        r.has_range = c[i].has_range;
        r.range_low = c[i].range_low;
        r.range_high = c[i].range_high;
        r.subject = c[i].subject[0] ? c[i].subject : NULL;
        r.metric = c[i].metric[0] ? c[i].metric : NULL;
        r.has_from = c[i].has_from;
        r.from = c[i].from;
        zc_status_t st = host->emit(call, &r);
        if (st != ZC_OK)
            return st;
    }
    return ZC_OK;
}

static zc_status_t flush(const zc_common_t *cm, const zc_kind_ops_t *ops,
                         const zc_doc_view_t *doc, zc_call_t *call,
                         zc_sent_t *s, zc_cand_t *c, size_t n)
{
    if (n == 0)
        return ZC_OK;
    zc_links_groups(cm, doc->text, c, n);
    zc_phrase_fill(cm, ops, doc, s, c, n);
    zc_links_apply(cm, ops, doc->text, s, c, n);
    return emit_all(ops, cm->host, call, c, n);
}

zc_status_t zc_extract_run(const zc_common_t *cm, const zc_kind_ops_t *ops,
                           const zc_doc_view_t *doc, zc_call_t *call)
{
    zc_cand_t cands[CAND_MAX];
    zc_sent_t sent;
    size_t i = 0;
    while (i < doc->n_numbers) {
        uint32_t s = doc->numbers[i].sentence;
        size_t lo = 0, hi = doc->text_len;
        if (s < doc->n_sentences) {
            lo = doc->sentences[s].start_byte;
            hi = doc->sentences[s].end_byte;
        }
        zc_sent_init(&sent, lo, hi);
        size_t n = 0;
        while (i < doc->n_numbers && doc->numbers[i].sentence == s) {
            size_t used = 1;
            if (zc_cand_build(cm, ops, call, doc, i, &sent, &cands[n], &used)) {
                if (++n == CAND_MAX) {
                    zc_status_t st = flush(cm, ops, doc, call, &sent, cands, n);
                    if (st != ZC_OK)
                        return st;
                    n = 0;
                }
            }
            i += used;
        }
        zc_status_t st = flush(cm, ops, doc, call, &sent, cands, n);
        if (st != ZC_OK)
            return st;
    }
    return ZC_OK;
}

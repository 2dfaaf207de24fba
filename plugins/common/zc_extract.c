/* zc_extract.c - the shared extraction loop and rules (see zc_extract.h). */
#include "zc_extract.h"

#include <string.h>

#include "zc_internal.h"

/* Candidates per sentence handled together; a longer sentence is handled in
 * chunks (lists and changes do not span a chunk edge). */
#define CAND_MAX 64

zc_status_t zc_check_host(const zc_plugin_init_t *args)
{
    if (!args || args->struct_size < sizeof(zc_plugin_init_t) || !args->host)
        return ZC_ERR_PLUGIN;
    const zc_host_t *h = args->host;
    if (h->abi_major != ZC_PLUGIN_ABI_MAJOR ||
        h->struct_size < offsetof(zc_host_t, number_at) + sizeof h->number_at)
        return ZC_ERR_PLUGIN;
    return ZC_OK;
}

zc_status_t zc_common_load(zc_common_t *c, const zc_plugin_init_t *args)
{
    static const struct {
        size_t offset;
        const char *name;
    } files[] = {
        {offsetof(zc_common_t, q_before), "common/qualifiers_before.txt"},
        {offsetof(zc_common_t, q_after), "common/qualifiers_after.txt"},
        {offsetof(zc_common_t, q_mid), "common/qualifiers_mid.txt"},
        {offsetof(zc_common_t, fillers), "common/fillers.txt"},
        {offsetof(zc_common_t, range_sep), "common/range_sep.txt"},
        {offsetof(zc_common_t, not_after), "common/not_after.txt"},
        {offsetof(zc_common_t, metrics), "common/metrics.txt"},
        {offsetof(zc_common_t, head_strip), "common/head_strip.txt"},
        {offsetof(zc_common_t, tail_strip), "common/tail_strip.txt"},
        {offsetof(zc_common_t, stop), "common/subject_stop.txt"},
        {offsetof(zc_common_t, continues), "common/continues.txt"},
        {offsetof(zc_common_t, change), "common/change.txt"},
        {offsetof(zc_common_t, scales), "common/scales.txt"},
        {offsetof(zc_common_t, not_metrics), "common/not_metrics.txt"},
        {offsetof(zc_common_t, object_verbs), "common/object_verbs.txt"},
    };
    memset(c, 0, sizeof *c);
    c->host = args->host;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        zc_lexicon_t *lex = (zc_lexicon_t *)((char *)c + files[i].offset);
        zc_status_t st = zc_lexicon_load(lex, args, files[i].name);
        if (st != ZC_OK) {
            zc_common_free(c);
            return st;
        }
    }
    zc_status_t st = zc_patterns_load(&c->exclude, args, "common/exclude.re");
    if (st != ZC_OK)
        zc_common_free(c);
    return st;
}

void zc_common_free(zc_common_t *c)
{
    if (!c)
        return;
    zc_lexicon_t *lexicons[] = {&c->q_before,  &c->q_after,    &c->q_mid,
                                &c->fillers,   &c->range_sep,  &c->not_after,
                                &c->metrics,   &c->head_strip, &c->tail_strip,
                                &c->stop,      &c->continues,  &c->change,
                                &c->scales,    &c->not_metrics,
                                &c->object_verbs};
    for (size_t i = 0; i < sizeof lexicons / sizeof lexicons[0]; i++)
        zc_lexicon_free(lexicons[i]);
    zc_patterns_free(&c->exclude);
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

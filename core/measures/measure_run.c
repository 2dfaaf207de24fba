/* measure_run.c - the measure reader's loop and the common rules (see measure_run.h). */
#include "measure_run.h"

#include <string.h>

#include "measure_internal.h"
#include "rules_schema.h"

/* Candidates per sentence handled together; a longer sentence is handled in
 * chunks (lists and changes do not span a chunk edge). */
#define CAND_MAX 64

/* The lexicons of rules/common/, where each goes in zc_common_t, and the
 * columns its lines have (rules_schema.h). */
static const struct {
    const char *name;
    size_t offset;
    const zc_rules_schema_t *schema;
} common_files[] = {
    {"common/qualifiers_before.txt", offsetof(zc_common_t, q_before),
     &zc_schema_qualifiers_before},
    {"common/qualifiers_after.txt", offsetof(zc_common_t, q_after),
     &zc_schema_qualifiers_after},
    {"common/qualifiers_mid.txt", offsetof(zc_common_t, q_mid), &zc_schema_words},
    {"common/fillers.txt", offsetof(zc_common_t, fillers), &zc_schema_words},
    {"common/range_sep.txt", offsetof(zc_common_t, range_sep), &zc_schema_words},
    {"common/not_after.txt", offsetof(zc_common_t, not_after), &zc_schema_words},
    {"common/metrics.txt", offsetof(zc_common_t, metrics), &zc_schema_metrics},
    {"common/head_strip.txt", offsetof(zc_common_t, head_strip), &zc_schema_words},
    {"common/tail_strip.txt", offsetof(zc_common_t, tail_strip), &zc_schema_words},
    {"common/subject_stop.txt", offsetof(zc_common_t, stop),
     &zc_schema_subject_stop},
    {"common/continues.txt", offsetof(zc_common_t, continues),
     &zc_schema_continues},
    {"common/change.txt", offsetof(zc_common_t, change), &zc_schema_change},
    {"common/scales.txt", offsetof(zc_common_t, scales), &zc_schema_scales},
    {"common/not_metrics.txt", offsetof(zc_common_t, not_metrics),
     &zc_schema_words},
    {"common/object_verbs.txt", offsetof(zc_common_t, object_verbs),
     &zc_schema_words},
    {"common/places.txt", offsetof(zc_common_t, places), &zc_schema_names},
    {"common/set_terms.txt", offsetof(zc_common_t, set_terms), &zc_schema_names},
    {"common/not_subjects.txt", offsetof(zc_common_t, not_subjects),
     &zc_schema_not_subjects},
};
#define N_COMMON_FILES (sizeof common_files / sizeof common_files[0])

static zc_lexicon_t *common_lexicon(zc_common_t *c, size_t i)
{
    return (zc_lexicon_t *)((char *)c + common_files[i].offset);
}

const zc_lexicon_t *zc_common_find(const zc_common_t *c, const char *name)
{
    for (size_t i = 0; i < N_COMMON_FILES; i++)
        if (strcmp(common_files[i].name, name) == 0)
            return common_lexicon((zc_common_t *)c, i);
    return NULL;
}

int zc_common_has(const char *name)
{
    for (size_t i = 0; i < N_COMMON_FILES; i++)
        if (strcmp(common_files[i].name, name) == 0)
            return 1;
    return 0;
}

zc_status_t zc_common_load(zc_common_t *c, const zc_plugin_init_t *args)
{
    memset(c, 0, sizeof *c);
    c->host = args->host;
    zc_status_t st = ZC_OK;
    /* Each load logs the file and the reason when it fails. */
    for (size_t i = 0; i < N_COMMON_FILES && st == ZC_OK; i++)
        st = zc_lexicon_load_typed(common_lexicon(c, i), args,
                                   common_files[i].name, common_files[i].schema);
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
    for (size_t i = 0; i < N_COMMON_FILES; i++)
        zc_lexicon_free(common_lexicon(c, i));
    zc_patterns_free(&c->exclude);
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

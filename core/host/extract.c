/*
 * extract.c - one document through the pipeline (see engine.c for the
 * overview), and the result that owns its claims.
 */
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "engine_internal.h"
#include "engine_messages.h"
#include "host.h"
#include "error.h"
#include "formats/document.h"
#include "decode.h"
#include "normalize.h"
#include "number_parser.h"
#include "plugin_observer.h"
#include "sentences.h"

/* The result and the arena its strings live in, freed together. */
typedef struct result_box_t {
    zc_result_t pub;
    zc_arena_t arena;
} result_box_t;

void zc_result_free(zc_result_t *result)
{
    if (!result)
        return;
    result_box_t *box = (result_box_t *)result;
    zc_arena_free(&box->arena);
    free(result->claims);
    free(result->failures);
    free(box);
}

/* Read the document in its format (formats/document.h) and normalise its
 * text into norm; doc_out keeps what the result needs of the format. */
static zc_status_t prepare_text(const zc_engine_t *e, const char *doc,
                                const unsigned char *bytes, size_t n,
                                zc_document_t *doc_out, zc_normtext_t *norm,
                                zc_error_t *err)
{
    zc_error_t inner;
    zc_cptext_t text;
    zc_cptext_init(&text);
    zc_status_t st = zc_document_load(doc, bytes, n, doc_out, &text, err);
    if (st != ZC_OK) {
        zc_cptext_free(&text);
        return st;
    }
    st = zc_normalize_wrapped_text(&text, e ? e->noise : NULL,
                                   doc_out->soft_breaks,
                                   doc_out->n_soft_breaks, &inner);
    if (st == ZC_OK) {
        st = zc_normtext_from_cptext_taking(&text, norm);
        /* Out of memory, or (a bug upstream) a code point that is not a
         * Unicode scalar value. */
        if (st != ZC_OK)
            zc_error_set(&inner, st, "encoding the normalised text: %s",
                         zc_status_name(st));
    }
    zc_cptext_free(&text);
    if (st != ZC_OK) {
        zc_document_free(doc_out);
        return zc_error_set(err, st, "%s: %s", doc, inner.message);
    }
    return ZC_OK;
}

/* Sentences and numbers, each number told which sentence holds it. */
static zc_status_t build_view(zc_docrun_t *run, zc_sentence_t **sentences,
                              zc_number_t **numbers)
{
    zc_doc_view_t *v = &run->view;
    memset(v, 0, sizeof *v);
    v->struct_size = sizeof *v;
    v->path = run->doc;
    v->text = run->norm.text;
    v->text_len = run->norm.len;
    if (zc_split_sentences(v->text, v->text_len, sentences, &v->n_sentences) != ZC_OK)
        return ZC_ERR_NOMEM;
    if (zc_find_numbers(v->text, v->text_len, numbers, &v->n_numbers) != ZC_OK)
        return ZC_ERR_NOMEM;
    size_t s = 0;
    for (size_t i = 0; i < v->n_numbers; i++) {
        while (s + 1 < v->n_sentences && (*sentences)[s].end_byte <= (*numbers)[i].start_byte)
            s++;
        (*numbers)[i].sentence = (uint32_t)s;
    }
    v->sentences = *sentences;
    v->numbers = *numbers;
    return ZC_OK;
}

static zc_status_t note_failure(zc_result_t *res, const char *plugin,
                                zc_status_t status)
{
    zc_plugin_failure_t *f =
        realloc(res->failures, (res->n_failures + 1) * sizeof *f);
    if (!f)
        return ZC_ERR_NOMEM;
    res->failures = f;
    f[res->n_failures++] = (zc_plugin_failure_t){plugin, status};
    return ZC_OK;
}

static zc_plugin_observer_fn plugin_observer;
static void *plugin_observer_user;

void zc_set_plugin_observer(zc_plugin_observer_fn fn, void *user)
{
    plugin_observer = fn;
    plugin_observer_user = user;
}

/* Run every plugin. A plugin that fails on this document loses its records
 * for it; the others keep theirs. */
static zc_status_t run_plugins(const zc_engine_t *e, zc_docrun_t *run,
                               zc_result_t *res)
{
    for (size_t i = 0; i < e->n_plugins; i++) {
        const zc_loaded_plugin_t *lp = &e->plugins[i];
        size_t before = run->n_claims;
        zc_call_t call;
        zc_call_begin(&call, e, lp, run);
        if (plugin_observer)
            plugin_observer(plugin_observer_user, lp->info.name);
        zc_status_t st = lp->desc->extract(lp->state, &run->view, &call);
        if (plugin_observer)
            plugin_observer(plugin_observer_user, NULL);
        zc_call_done(&call);
        if (run->emit_error != ZC_OK)
            return run->emit_error;
        if (st != ZC_OK) {
            run->n_claims = before;
            /* The result names the failure (res->failures) and the caller
             * reports it; this line is for a debugging reader. */
            zc_engine_message(e, ZC_LOG_DEBUG, "plugin %s failed on %s: %s",
                              lp->info.name, run->doc, zc_status_name(st));
            if (note_failure(res, lp->info.name, st) != ZC_OK)
                return ZC_ERR_NOMEM;
        }
    }
    return ZC_OK;
}

/* Does every value of c print within ZC_DECIMAL_TEXT_MAX characters? */
static int claim_printable(const zc_claim_t *c)
{
    return zc_decimal_text_len(c->value) <= ZC_DECIMAL_TEXT_MAX
        && (!c->has_range || (zc_decimal_text_len(c->range_low) <= ZC_DECIMAL_TEXT_MAX
                              && zc_decimal_text_len(c->range_high) <= ZC_DECIMAL_TEXT_MAX))
        && (!c->has_from || zc_decimal_text_len(c->from) <= ZC_DECIMAL_TEXT_MAX);
}

/* A value too long to write (10^399 from a 400-digit numeral) is refused
 * with a message: a writer would otherwise have to cut it, and a cut number
 * is a wrong number. */
static void drop_unprintable(const zc_engine_t *e, zc_docrun_t *run)
{
    size_t kept = 0;
    for (size_t i = 0; i < run->n_claims; i++) {
        const zc_claim_t *c = &run->claims[i];
        if (claim_printable(c)) {
            run->claims[kept++] = *c;
            continue;
        }
        zc_engine_message(e, ZC_LOG_WARN,
                          "%s: bytes %zu-%zu: %s claim refused: its value has %zu "
                          "characters, beyond the %d zhclaim writes",
                          run->doc, c->start_byte, c->end_byte, c->kind,
                          zc_decimal_text_len(c->value), (int)ZC_DECIMAL_TEXT_MAX);
    }
    run->n_claims = kept;
}

/* A numeral of more digits than a value holds is skipped by the number
 * finder (nothing can be claimed of it); say so, rather than lose it
 * silently. A digit run no number covers is such a numeral. */
static void report_long_numerals(const zc_engine_t *e, const zc_docrun_t *run)
{
    const zc_doc_view_t *v = &run->view;
    const char *t = v->text;
    size_t k = 0;
    for (size_t i = 0; i < v->text_len;) {
        /* Straight to the next digit: glibc's strcspn() compares many
         * bytes at once, where a byte loop cost 2% of all extraction.
         * The text ends in a NUL, and a NUL inside it only stops one
         * call. */
        i += strcspn(t + i, "0123456789");
        if (i >= v->text_len)
            break;
        if (t[i] < '0' || t[i] > '9') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < v->text_len && ((t[j] >= '0' && t[j] <= '9') || t[j] == ',' || t[j] == '.'))
            j++;
        while (k < v->n_numbers && v->numbers[k].end_byte <= i)
            k++;
        int covered = k < v->n_numbers && v->numbers[k].start_byte < j;
        if (!covered && j - i >= 19) {
            size_t start, end;
            zc_normtext_map_span(&run->norm, i, j, &start, &end);
            zc_engine_message(e, ZC_LOG_WARN,
                              "%s: bytes %zu-%zu: a numeral of %zu characters, too long "
                              "to read as a number; skipped",
                              run->doc, start, end, j - i);
        }
        i = j;
    }
}

static int cmp_claims(const void *pa, const void *pb)
{
    const zc_claim_t *a = pa, *b = pb;
    if (a->start_byte != b->start_byte)
        return a->start_byte < b->start_byte ? -1 : 1;
    if (a->end_byte != b->end_byte)
        return a->end_byte < b->end_byte ? -1 : 1;
    int k = strcmp(a->kind, b->kind);
    return k ? k : strcmp(a->plugin, b->plugin);
}

/* Each claim's `text`, in the result's arena: the original bytes of its
 * span as UTF-8 (for PDF and DOCX, the text layer's), for HTML the visible
 * text of that stretch; one decoder (one converter) for all the claims. */
static zc_status_t fill_texts(zc_docrun_t *run, const zc_document_t *d,
                              zc_error_t *err)
{
    zc_slice_decoder_t dec;
    zc_error_t inner;
    zc_status_t st = ZC_OK;
    zc_slice_decoder_init(&dec, d->span_bytes, d->n_span_bytes, d->encoding);
    for (size_t i = 0; st == ZC_OK && i < run->n_claims; i++) {
        zc_claim_t *c = &run->claims[i];
        if (d->format == ZC_DOC_HTML) {
            st = zc_document_visible_slice(d, c->start_byte, c->end_byte,
                                           run->arena, &c->text);
            if (st != ZC_OK)
                zc_error_set(&inner, st, "out of memory");
        } else {
            st = zc_slice_decode(&dec, c->start_byte, c->end_byte, run->arena,
                                 &c->text, &inner);
        }
    }
    zc_slice_decoder_close(&dec);
    if (st != ZC_OK)
        return zc_error_set(err, st, "%s: %s", run->doc, inner.message);
    return ZC_OK;
}

/* What the result keeps of the format: each claim's place on its page
 * (PDF) and the document's warnings, which are also reported through the
 * engine's messages with the document's name. */
static zc_status_t fill_format(const zc_engine_t *e, const zc_document_t *d,
                               zc_result_t *res, zc_arena_t *arena)
{
    res->format = zc_format_name(d->format);
    if (d->format == ZC_DOC_PDF && res->n_claims > 0) {
        zc_claim_place_t *places = zc_arena_alloc(arena, res->n_claims * sizeof *places);
        if (!places)
            return ZC_ERR_NOMEM;
        for (size_t i = 0; i < res->n_claims; i++)
            zc_document_place(d, res->claims[i].start_byte,
                              res->claims[i].end_byte, &places[i]);
        res->places = places;
    }
    if (d->n_warnings == 0)
        return ZC_OK;
    const char **w = zc_arena_alloc(arena, d->n_warnings * sizeof *w);
    if (!w)
        return ZC_ERR_NOMEM;
    for (size_t i = 0; i < d->n_warnings; i++) {
        if (!(w[i] = zc_arena_strdup(arena, d->warnings[i])))
            return ZC_ERR_NOMEM;
        if (e)
            zc_engine_message(e, ZC_LOG_WARN, "%s: %s", res->doc, w[i]);
    }
    res->warnings = w;
    res->n_warnings = d->n_warnings;
    return ZC_OK;
}

zc_status_t zc_engine_extract(zc_engine_t *engine, const char *doc,
                              const unsigned char *bytes, size_t n_bytes,
                              zc_result_t **out, zc_error_t *err)
{
    result_box_t *box = calloc(1, sizeof *box);
    if (!box)
        return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    zc_arena_init(&box->arena);
    zc_result_t *res = &box->pub;
    res->doc = zc_arena_strdup(&box->arena, doc);
    res->n_bytes = n_bytes;
    res->encoding = "UTF-8";
    res->claim_size = sizeof(zc_claim_t);
    res->format = "text";
    res->place_size = sizeof(zc_claim_place_t);
    if (!res->doc) {
        zc_result_free(res);
        return zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
    }
    if (n_bytes == 0) {
        *out = res;
        return ZC_OK;
    }
    zc_docrun_t run;
    memset(&run, 0, sizeof run);
    run.doc = res->doc;
    run.bytes = bytes;
    run.n_bytes = n_bytes;
    run.arena = &box->arena;
    zc_sentence_t *sentences = NULL;
    zc_number_t *numbers = NULL;
    zc_document_t d;
    zc_status_t st = prepare_text(engine, doc, bytes, n_bytes, &d, &run.norm, err);
    if (st == ZC_OK) {
        run.encoding = d.encoding;
        res->encoding = run.encoding;
        st = build_view(&run, &sentences, &numbers);
        if (st == ZC_OK) {
            report_long_numerals(engine, &run);
            st = run_plugins(engine, &run, res);
        }
        if (st == ZC_OK) {
            zc_settle_overlaps(engine, &run);
            drop_unprintable(engine, &run);
        }
        if (st != ZC_OK)
            zc_error_set(err, st, "%s: %s", doc, zc_status_name(st));
        if (st == ZC_OK) {
            /* qsort(NULL, 0, ...) is undefined behaviour, and a document
             * with no claims has no array. */
            if (run.n_claims > 1)
                qsort(run.claims, run.n_claims, sizeof *run.claims, cmp_claims);
            st = fill_texts(&run, &d, err);
        }
        res->claims = run.claims;
        res->n_claims = run.n_claims;
        if (st == ZC_OK && fill_format(engine, &d, res, &box->arena) != ZC_OK)
            st = zc_error_set(err, ZC_ERR_NOMEM, "%s: out of memory", doc);
        zc_document_free(&d);
    }
    free(sentences);
    free(numbers);
    zc_matcher_free(run.matcher);
    free(run.contexts);
    zc_normtext_free(&run.norm);
    res->claims = run.claims;
    res->n_claims = run.n_claims;
    if (st != ZC_OK) {
        zc_result_free(res);
        return st;
    }
    *out = res;
    return ZC_OK;
}

zc_status_t zc_normalize(const zc_engine_t *engine, const char *doc,
                         const unsigned char *bytes, size_t n_bytes,
                         char **text, size_t *text_len, zc_error_t *err)
{
    zc_normtext_t norm;
    memset(&norm, 0, sizeof norm);
    if (n_bytes == 0) {
        *text = calloc(1, 1);
        *text_len = 0;
        return *text ? ZC_OK : ZC_ERR_NOMEM;
    }
    zc_document_t d;
    zc_status_t st = prepare_text(engine, doc, bytes, n_bytes, &d, &norm, err);
    if (st != ZC_OK)
        return st;
    zc_document_free(&d);
    *text = norm.text;
    *text_len = norm.len;
    norm.text = NULL;
    zc_normtext_free(&norm);
    return ZC_OK;
}

/* html_page.c - writing the review pages (see html_page.h). */
#include "html_page.h"

#include <stdlib.h>
#include <string.h>

#include "zhclaim/records.h"

/* Compiled in from assets/ by embed.cmake. */
extern const char zc_review_css[];
extern const char zc_review_js[];

#define N_COLOURS 8

void zc_html_escape(FILE *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t k = 0; k < n; k++) {
        const char *rep = NULL;
        switch (s[k]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (!rep)
            continue;
        fwrite(s + run, 1, k - run, out);
        fputs(rep, out);
        run = k + 1;
    }
    fwrite(s + run, 1, n - run, out);
}

static void esc(FILE *out, const char *s)
{
    if (s)
        zc_html_escape(out, s, strlen(s));
}

void zc_page_add_kind(zc_page_t *p, const char *kind)
{
    for (size_t k = 0; k < p->n_kinds; k++)
        if (strcmp(p->kinds[k], kind) == 0)
            return;
    if (p->n_kinds < ZC_PAGE_MAX_KINDS)
        p->kinds[p->n_kinds++] = kind;
}

/* The scored kinds keep the first three colours whatever the run holds. */
static size_t colour_of(const zc_page_t *p, const char *kind)
{
    int scored = zc_score_kind(kind);
    if (scored >= 0)
        return (size_t)scored;
    size_t extra = ZC_SCORE_N_KINDS;
    for (size_t k = 0; k < p->n_kinds; k++) {
        if (strcmp(p->kinds[k], kind) == 0)
            return extra % N_COLOURS;
        if (zc_score_kind(p->kinds[k]) < 0)
            extra++;
    }
    return N_COLOURS - 1;
}

static void put_scores(zc_page_t *p)
{
    FILE *o = p->out;
    const zc_scoring_t *s = p->scoring;
    fputs("<div class=\"scorebox\"><table class=\"scores\"><thead><tr><th>kind</th><th>gold</th><th>found</th>"
          "<th>right</th><th>missed</th><th>false pos.</th><th>P</th><th>R</th><th>F1</th>"
          "</tr></thead><tbody>", o);
    for (int k = 0; k <= ZC_SCORE_N_KINDS; k++) {
        const zc_prf_t *c = k < ZC_SCORE_N_KINDS ? &s->kinds[k] : &s->micro;
        double pr, rc, f1;
        zc_prf(c, &pr, &rc, &f1);
        fprintf(o, "<tr><td>%s</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                   "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                   "<td class=\"num\">%.3f</td><td class=\"num\">%.3f</td>"
                   "<td class=\"num\">%.3f</td></tr>",
                k < ZC_SCORE_N_KINDS ? zc_score_kind_names[k] : "all", c->gold, c->pred, c->tp,
                c->gold - c->tp, c->pred - c->tp, pr, rc, f1);
    }
    fputs("</tbody></table></div>", o);
}

int zc_page_begin(zc_page_t *p, const char *title, const char *subtitle,
                  const char *back_href)
{
    FILE *o = p->out;
    fputs("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"zhclaim " ZC_VERSION "\">\n<title>", o);
    esc(o, title);
    fputs("</title>\n<style>\n", o);
    fputs(zc_review_css, o);
    fputs("</style>\n</head>\n<body>\n<header class=\"top\">\n", o);
    if (back_href) {
        fputs("<div class=\"meta\"><a href=\"", o);
        esc(o, back_href);
        fputs("\">&larr; all documents</a></div>\n", o);
    }
    fputs("<h1>", o);
    esc(o, title);
    fputs("</h1>\n<div class=\"meta\">", o);
    esc(o, subtitle);
    fputs("</div>\n<div class=\"legend\" aria-label=\"legend\">", o);
    for (size_t k = 0; k < p->n_kinds; k++)
        fprintf(o, "<span class=\"key\"><span class=\"swatch k%zu\"></span>%s</span>",
                colour_of(p, p->kinds[k]), p->kinds[k]);
    if (p->with_gold)
        fputs("<span class=\"key\"><span class=\"swatch miss\"></span>missed (in the gold)"
              "</span><span class=\"key\"><span class=\"swatch fp\"></span>false positive"
              "</span>", o);
    fputs("</div>\n", o);
    if (p->scoring)
        put_scores(p);
    fputs("</header>\n<main>\n", o);
    return ferror(o) ? -1 : 0;
}

/* ---- a document's text with its marks ---- */

typedef struct mark_t {
    size_t start, end;
    int miss;          /* a gold record not found */
    size_t idx;        /* claim or miss index */
} mark_t;

static int by_position(const void *a, const void *b)
{
    const mark_t *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1;   /* outer first */
    if (x->miss != y->miss) return x->miss - y->miss;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Writes the code points of t from *at while their bytes start before
 * end, escaped. */
static void put_text(FILE *o, const zc_span_text_t *t, size_t *at, size_t end)
{
    const zc_cptext_t *u = &t->text;
    char buf[8];
    while (*at < u->len && u->src_start[*at] < end) {
        int32_t cp = u->cp[*at];
        (*at)++;
        switch (cp) {
        case '&': fputs("&amp;", o); continue;
        case '<': fputs("&lt;", o); continue;
        case '>': fputs("&gt;", o); continue;
        case '\r':
            /* CR LF is one line break; a lone CR is one too. */
            if (*at < u->len && u->cp[*at] == '\n') continue;
            fputc('\n', o);
            continue;
        case '\f':
            if (t->paged) { fputs("<span class=\"page-break\">page break</span>", o); continue; }
            fputc('\n', o);
            continue;
        default: break;
        }
        if (cp < 0x20 && cp != '\n' && cp != '\t')
            continue; /* other controls have no glyph */
        unsigned c = (unsigned)cp;
        size_t n;
        if (c < 0x80) { buf[0] = (char)c; n = 1; }
        else if (c < 0x800) { buf[0] = (char)(0xC0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
        else if (c < 0x10000) {
            buf[0] = (char)(0xE0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[2] = (char)(0x80 | (c & 0x3F)); n = 3;
        } else {
            buf[0] = (char)(0xF0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[2] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[3] = (char)(0x80 | (c & 0x3F)); n = 4;
        }
        fwrite(buf, 1, n, o);
    }
}

static const char *mark_class(const zc_page_doc_t *d, size_t i)
{
    if (!d->with_gold)
        return "";
    switch (d->marks[i]) {
    case ZC_PRED_TP: return " tp";
    case ZC_PRED_FP: return " fp";
    default: return " nc";
    }
}

static void open_mark(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no, const mark_t *m)
{
    FILE *o = p->out;
    if (m->miss) {
        const zc_rec_t *g = d->misses[m->idx];
        fprintf(o, "<span class=\"miss\" tabindex=\"0\" id=\"m%zu-%zu\" data-g=\"%zu\" "
                   "data-kind=\"", doc_no, m->idx, m->idx);
        esc(o, g->kind);
        fprintf(o, "\" data-start=\"%zu\" data-end=\"%zu\">", g->start, g->end);
        return;
    }
    const zc_claim_t *c = zc_result_claim(d->result, m->idx);
    fprintf(o, "<mark class=\"claim k%zu%s\" tabindex=\"0\" id=\"c%zu-%zu\" data-i=\"%zu\" "
               "data-kind=\"", colour_of(p, c->kind), mark_class(d, m->idx), doc_no, m->idx,
            m->idx);
    esc(o, c->kind);
    fprintf(o, "\" data-start=\"%zu\" data-end=\"%zu\">", c->start_byte, c->end_byte);
}

static int put_marked_text(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no)
{
    FILE *o = p->out;
    size_t n_claims = d->result ? d->result->n_claims : 0;
    size_t n = n_claims + d->n_misses;
    mark_t *marks = malloc((n ? n : 1) * sizeof *marks);
    size_t *stack_end = malloc((n ? n : 1) * sizeof *stack_end);
    int *stack_miss = malloc((n ? n : 1) * sizeof *stack_miss);
    if (!marks || !stack_end || !stack_miss) {
        free(marks); free(stack_end); free(stack_miss);
        return -1;
    }
    for (size_t i = 0; i < n_claims; i++) {
        const zc_claim_t *c = zc_result_claim(d->result, i);
        marks[i] = (mark_t){c->start_byte, c->end_byte, 0, i};
    }
    for (size_t j = 0; j < d->n_misses; j++)
        marks[n_claims + j] = (mark_t){d->misses[j]->start, d->misses[j]->end, 1, j};
    qsort(marks, n, sizeof *marks, by_position);
    size_t at = 0, depth = 0;
    fputs("<pre class=\"text\">", o);
    for (size_t k = 0; k < n; k++) {
        /* Close what ends before this mark starts. */
        while (depth && stack_end[depth - 1] <= marks[k].start) {
            put_text(o, d->text, &at, stack_end[depth - 1]);
            fputs(stack_miss[depth - 1] ? "</span>" : "</mark>", o);
            depth--;
        }
        put_text(o, d->text, &at, marks[k].start);
        size_t end = marks[k].end;
        /* A mark crossing its parent's end is cut there on the screen. */
        if (depth && end > stack_end[depth - 1])
            end = stack_end[depth - 1];
        open_mark(p, d, doc_no, &marks[k]);
        stack_end[depth] = end;
        stack_miss[depth] = marks[k].miss;
        depth++;
    }
    while (depth) {
        put_text(o, d->text, &at, stack_end[depth - 1]);
        fputs(stack_miss[depth - 1] ? "</span>" : "</mark>", o);
        depth--;
    }
    put_text(o, d->text, &at, (size_t)-1);
    fputs("</pre>", o);
    free(marks);
    free(stack_end);
    free(stack_miss);
    return 0;
}

/* ---- the claims table ---- */

static void put_cell(FILE *o, const char *s, const char *cls)
{
    fprintf(o, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    esc(o, s);
    fputs("</td>", o);
}

static void put_claim_row(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no, size_t i)
{
    FILE *o = p->out;
    const zc_claim_t *c = zc_result_claim(d->result, i);
    char value[64], from[64] = "";
    zc_decimal_format(c->value, value, sizeof value);
    if (c->has_from)
        zc_decimal_format(c->from, from, sizeof from);
    fprintf(o, "<tr data-target=\"c%zu-%zu\" data-kind=\"", doc_no, i);
    esc(o, c->kind);
    fputs("\" data-subject=\"", o);
    esc(o, c->subject);
    fprintf(o, "\"><td class=\"num\">%zu</td>", i + 1);
    fprintf(o, "<td class=\"kind\"><span class=\"swatch k%zu\"></span> ", colour_of(p, c->kind));
    esc(o, c->kind);
    fputs("</td>", o);
    put_cell(o, c->text, "text-cell");
    fprintf(o, "<td class=\"num\" data-sort=\"%.17g\">%s</td>", zc_decimal_to_double(c->value),
            value);
    put_cell(o, c->unit, NULL);
    put_cell(o, zc_approx_symbol(c->approx), NULL);
    put_cell(o, c->subject, NULL);
    put_cell(o, c->metric, NULL);
    put_cell(o, from, "num");
    fprintf(o, "<td class=\"num\" data-sort=\"%zu\">%zu&ndash;%zu</td>", c->start_byte,
            c->start_byte, c->end_byte);
    put_cell(o, c->plugin, NULL);
    if (d->with_gold) {
        zc_pred_mark_t m = d->marks[i];
        put_cell(o, m == ZC_PRED_TP ? "right" : m == ZC_PRED_FP ? "false positive" : "not scored",
                 m == ZC_PRED_FP ? "status-fp" : NULL);
    }
    fputs("</tr>\n", o);
}

static void put_miss_row(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no, size_t j)
{
    FILE *o = p->out;
    const zc_rec_t *g = d->misses[j];
    fprintf(o, "<tr class=\"missrow\" data-target=\"m%zu-%zu\" data-kind=\"", doc_no, j);
    esc(o, g->kind);
    fputs("\" data-subject=\"", o);
    esc(o, g->subject);
    fprintf(o, "\"><td class=\"num\" data-sort=\"999999\">&ndash;</td>"
               "<td class=\"kind\"><span class=\"swatch miss\"></span> ");
    esc(o, g->kind);
    fputs("</td>", o);
    put_cell(o, g->text, "text-cell");
    fprintf(o, "<td class=\"num\" data-sort=\"%.17g\">", g->value);
    esc(o, g->value_text);
    fputs("</td>", o);
    put_cell(o, g->unit, NULL);
    put_cell(o, g->approx, NULL);
    put_cell(o, g->subject, NULL);
    put_cell(o, g->metric, NULL);
    put_cell(o, g->has_from ? g->from_text : "", "num");
    fprintf(o, "<td class=\"num\" data-sort=\"%zu\">%zu&ndash;%zu</td>", g->start, g->start,
            g->end);
    put_cell(o, "gold", NULL);
    put_cell(o, "missed", "status-fn");
    fputs("</tr>\n", o);
}

/* JSON text inside <script>: a "<" could end the element early. */
static void put_script_json(FILE *o, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] != '<')
            continue;
        fwrite(s + run, 1, k - run, o);
        fputs("\\u003c", o);
        run = k + 1;
    }
    fwrite(s + run, 1, n - run, o);
}

static void put_json_string(FILE *o, const char *key, const char *s, int comma)
{
    if (!s)
        return;
    fprintf(o, "%s\"%s\":\"", comma ? "," : "", key);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\') fprintf(o, "\\%c", *c);
        else if (*c < 0x20) fprintf(o, "\\u%04x", *c);
        else if (*c == '<') fputs("\\u003c", o);
        else fputc(*c, o);
    }
    fputc('"', o);
}

static void put_gold_json(FILE *o, const zc_rec_t *g)
{
    fputc('{', o);
    put_json_string(o, "doc", g->doc, 0);
    put_json_string(o, "kind", g->kind, 1);
    fprintf(o, ",\"span\":[%zu,%zu]", g->start, g->end);
    put_json_string(o, "text", g->text, 1);
    fprintf(o, ",\"value\":%s", g->value_text ? g->value_text : "null");
    put_json_string(o, "unit", g->unit, 1);
    put_json_string(o, "approx", g->approx, 1);
    put_json_string(o, "subject", g->subject, 1);
    put_json_string(o, "metric", g->metric, 1);
    if (g->has_from)
        fprintf(o, ",\"from\":%s", g->from_text);
    fputs("}\n", o);
}

static void put_kind_counts(zc_page_t *p, const zc_page_doc_t *d)
{
    FILE *o = p->out;
    size_t n = d->result ? d->result->n_claims : 0;
    fprintf(o, "%zu claim%s", n, n == 1 ? "" : "s");
    int first = 1;
    for (size_t k = 0; k < p->n_kinds; k++) {
        size_t c = 0;
        for (size_t i = 0; i < n; i++)
            c += strcmp(zc_result_claim(d->result, i)->kind, p->kinds[k]) == 0;
        if (!c)
            continue;
        fprintf(o, "%s%s %zu", first ? " (" : ", ", p->kinds[k], c);
        first = 0;
    }
    if (!first)
        fputc(')', o);
}

static void put_gold_counts(zc_page_t *p, const zc_page_doc_t *d)
{
    FILE *o = p->out;
    size_t fn[ZC_SCORE_N_KINDS] = {0}, fp[ZC_SCORE_N_KINDS] = {0};
    for (size_t j = 0; j < d->n_misses; j++) {
        int k = zc_score_kind(d->misses[j]->kind);
        if (k >= 0) fn[k]++;
    }
    for (size_t i = 0; d->result && i < d->result->n_claims; i++)
        if (d->marks[i] == ZC_PRED_FP)
            fp[zc_score_kind(zc_result_claim(d->result, i)->kind)]++;
    fputs("<div class=\"counts\">", o);
    for (int pass = 0; pass < 2; pass++) {
        const size_t *c = pass ? fp : fn;
        fputs(pass ? " &middot; false positives:" : "missed:", o);
        for (int k = 0; k < ZC_SCORE_N_KINDS; k++)
            fprintf(o, " %s <b>%zu</b>", zc_score_kind_names[k], c[k]);
    }
    fputs("</div>\n", o);
}

int zc_page_doc(zc_page_t *p, const zc_page_doc_t *d, size_t doc_no)
{
    FILE *o = p->out;
    fprintf(o, "<section class=\"doc\" id=\"d%zu\" data-doc=\"%zu\">\n", doc_no, doc_no);
    if (!p->one_doc) {
        fputs("<h2>", o);
        esc(o, d->path);
        fputs("</h2>\n", o);
    }
    fputs("<div class=\"docmeta\">", o);
    if (d->error || !d->text) {
        fputs("could not be shown: ", o);
        esc(o, d->error ? d->error : "no text");
        fputs("</div>\n</section>\n", o);
        p->docs_written++;
        return ferror(o) ? -1 : 0;
    }
    fprintf(o, "%s, %s, %zu bytes, ", d->result->format ? d->result->format : "text",
            d->text->encoding, d->result->n_bytes);
    put_kind_counts(p, d);
    for (size_t w = 0; w < d->result->n_warnings; w++) {
        fputs("<br>warning: ", o);
        esc(o, d->result->warnings[w]);
    }
    fputs("</div>\n", o);
    if (d->with_gold)
        put_gold_counts(p, d);
    fputs("<div class=\"layout\">\n<div>", o);
    if (put_marked_text(p, d, doc_no) != 0)
        return -1;
    fputs("</div>\n<div>\n<div class=\"filters\"><select class=\"kind-filter\" "
          "aria-label=\"kind\"><option value=\"\">every kind</option>", o);
    for (size_t k = 0; k < p->n_kinds; k++) {
        fputs("<option>", o);
        esc(o, p->kinds[k]);
        fputs("</option>", o);
    }
    fputs("</select><input class=\"subject-filter\" type=\"search\" "
          "placeholder=\"subject or text contains\" aria-label=\"subject\">"
          "<span class=\"shown\"></span></div>\n<div class=\"tablebox\">"
          "<table class=\"claims sortable\"><thead><tr><th>#</th><th>kind</th><th>text</th>"
          "<th>value</th><th>unit</th><th>approx</th><th>subject</th><th>metric</th>"
          "<th>from</th><th>span</th><th>plugin</th>", o);
    if (d->with_gold)
        fputs("<th>gold</th>", o);
    fputs("</tr></thead>\n<tbody>\n", o);
    for (size_t i = 0; i < d->result->n_claims; i++)
        put_claim_row(p, d, doc_no, i);
    for (size_t j = 0; j < d->n_misses; j++)
        put_miss_row(p, d, doc_no, j);
    fputs("</tbody></table></div>\n</div>\n</div>\n", o);
    char *json = NULL;
    size_t len = 0;
    if (zc_records_render(d->result, ZC_RECORDS_JSONL, &json, &len) != ZC_OK)
        return -1;
    fprintf(o, "<script type=\"application/json\" class=\"records\" data-doc=\"%zu\">\n", doc_no);
    put_script_json(o, json ? json : "", len);
    fputs("</script>\n", o);
    zc_records_free(json);
    if (d->with_gold) {
        fprintf(o, "<script type=\"application/json\" class=\"records\" data-doc=\"%zu\" "
                   "data-what=\"gold\">\n", doc_no);
        for (size_t j = 0; j < d->n_misses; j++)
            put_gold_json(o, d->misses[j]);
        fputs("</script>\n", o);
    }
    fputs("</section>\n", o);
    p->docs_written++;
    return ferror(o) ? -1 : 0;
}

int zc_page_end(zc_page_t *p)
{
    FILE *o = p->out;
    fputs("</main>\n<div id=\"tip\" role=\"tooltip\"></div>\n<script>\n", o);
    fputs(zc_review_js, o);
    fputs("</script>\n</body>\n</html>\n", o);
    return ferror(o) ? -1 : 0;
}

int zc_page_index(zc_page_t *p, const zc_index_row_t *rows, size_t n, int with_gold)
{
    FILE *o = p->out;
    fputs("<section class=\"doc index\"><div class=\"tablebox\"><table class=\"sortable\">"
          "<thead><tr><th>document</th><th>claims</th>", o);
    for (size_t k = 0; k < p->n_kinds; k++) {
        fputs("<th>", o);
        esc(o, p->kinds[k]);
        fputs("</th>", o);
    }
    if (with_gold)
        fputs("<th>missed</th><th>false pos.</th>", o);
    fputs("</tr></thead>\n<tbody>\n", o);
    for (size_t r = 0; r < n; r++) {
        const zc_index_row_t *row = &rows[r];
        fputs("<tr><td data-sort=\"", o);
        esc(o, row->path);
        fputs("\"><a href=\"", o);
        esc(o, row->href);
        fputs("\">", o);
        esc(o, row->path);
        fputs("</a>", o);
        if (row->error) {
            fputs("<br><span class=\"status-fp\">failed: ", o);
            esc(o, row->error);
            fputs("</span>", o);
        }
        size_t total = row->result ? row->result->n_claims : 0;
        fprintf(o, "</td><td class=\"num\">%zu</td>", total);
        for (size_t k = 0; k < p->n_kinds; k++) {
            size_t c = 0;
            for (size_t i = 0; i < total; i++)
                c += strcmp(zc_result_claim(row->result, i)->kind, p->kinds[k]) == 0;
            fprintf(o, "<td class=\"num\">%zu</td>", c);
        }
        if (with_gold)
            fprintf(o, "<td class=\"num%s\">%zu</td><td class=\"num%s\">%zu</td>",
                    row->fn ? " status-fn" : "", row->fn, row->fp ? " status-fp" : "", row->fp);
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table></div></section>\n", o);
    return ferror(o) ? -1 : 0;
}

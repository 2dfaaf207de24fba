/*
 * host.c - the services zhclaim offers its plugins (zc_host_t).
 *
 * Every service takes the zc_call_t of the call it serves, so messages name
 * the plugin and document, and each thread matches with its own PCRE2 match
 * data without locks: the document's (zc_docrun_t.matcher), shared by all
 * plugin calls on it, or during init the call's own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "context.h"
#include "dir_list.h"
#include "engine_messages.h"
#include "host.h"
#include "host_measures.h"
#include "lexicon.h"
#include "rules_files.h"

void zc_call_begin(zc_call_t *call, const zc_engine_t *engine,
                   const zc_loaded_plugin_t *plugin, zc_docrun_t *run)
{
    call->engine = engine;
    call->plugin = plugin;
    call->run = run;
    call->matcher = NULL;
    call->refused = 0;
    call->kind_copy = NULL;
}

void zc_call_done(zc_call_t *call)
{
    zc_matcher_free(call->matcher);
    call->matcher = NULL;
}

static const char *plugin_name(const zc_call_t *call)
{
    return call && call->plugin ? call->plugin->info.name : "?";
}

static void host_log(zc_call_t *call, zc_log_level_t level, const char *fmt,
                     ...)
{
    if (!call || level > call->engine->log_level)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (call->run)
        zc_engine_message(call->engine, level, "plugin %s: %s: %s",
                          plugin_name(call), call->run->doc, msg);
    else
        zc_engine_message(call->engine, level, "plugin %s: %s",
                          plugin_name(call), msg);
}

static zc_status_t grow_claims(zc_docrun_t *run)
{
    if (run->n_claims < run->cap_claims)
        return ZC_OK;
    size_t cap = run->cap_claims ? run->cap_claims * 2 : 64;
    zc_claim_t *c = realloc(run->claims, cap * sizeof *c);
    if (!c)
        return ZC_ERR_NOMEM;
    run->claims = c;
    run->cap_claims = cap;
    return ZC_OK;
}

/* The claim's context (--context): its sentence, or a window of a long
 * one (context.h). */
static zc_status_t sentence_of(zc_docrun_t *run, size_t start, size_t end,
                               const char **out)
{
    return zc_context_of(run, start, end, out);
}

/* Whether the plugin's descriptor declares kind ("*" declares any). */
static int kind_declared(const zc_loaded_plugin_t *lp, const char *kind)
{
    for (const char *const *k = lp->desc->kinds; *k; k++)
        if (strcmp(*k, "*") == 0 || strcmp(*k, kind) == 0)
            return 1;
    return 0;
}

/* Why a record is refused (a ZC_REFUSED_* bit and a message in why), or 0.
 * A record's span must lie on the normalised text's bytes and not be empty,
 * and its kind must be one the plugin declared: anything else is a plugin
 * bug, refused rather than written. */
static unsigned record_refusal(const zc_call_t *call, const zc_record_t *r,
                               char *why, size_t why_len)
{
    const zc_docrun_t *run = call->run;
    const size_t min_size = offsetof(zc_record_t, from) + sizeof(zc_decimal_t);
    if (!r || r->struct_size < min_size) {
        snprintf(why, why_len, "record struct_size %zu is shorter than an ABI 1.0 record (%zu)",
                 r ? r->struct_size : 0, min_size);
        return ZC_REFUSED_SHAPE;
    }
    if (!r->kind || !r->kind[0]) {
        snprintf(why, why_len, "record has no kind");
        return ZC_REFUSED_SHAPE;
    }
    if (!r->unit) {
        snprintf(why, why_len, "record has no unit (\"\" is allowed, NULL is not)");
        return ZC_REFUSED_SHAPE;
    }
    if (r->start_byte >= r->end_byte || r->end_byte > run->norm.len) {
        snprintf(why, why_len, "span [%zu,%zu) is %s the text's %zu bytes",
                 r->start_byte, r->end_byte,
                 r->start_byte >= r->end_byte ? "empty or reversed, in" : "past the end of",
                 run->norm.len);
        return ZC_REFUSED_SPAN;
    }
    if (!kind_declared(call->plugin, r->kind)) {
        snprintf(why, why_len, "kind '%s' is not among the kinds the plugin declares",
                 r->kind);
        return ZC_REFUSED_KIND;
    }
    if ((unsigned)r->approx > ZC_APPROX_LE) {
        snprintf(why, why_len, "approx %d is not a zc_approx_t", (int)r->approx);
        return ZC_REFUSED_APPROX;
    }
    return 0;
}

static zc_status_t host_emit(zc_call_t *call, const zc_record_t *r)
{
    zc_docrun_t *run = call ? call->run : NULL;
    if (!run)
        return ZC_ERR_INVALID;
    char why[256];
    unsigned refusal = record_refusal(call, r, why, sizeof why);
    if (refusal) {
        /* Once per reason, plugin and document: a plugin bug would
         * otherwise print one line per record. */
        if (!(call->refused & refusal))
            host_log(call, ZC_LOG_WARN,
                     "refused a record: %s (later records refused for the same "
                     "reason on this document are not reported)", why);
        call->refused |= refusal;
        return ZC_ERR_INVALID;
    }
    if (grow_claims(run) != ZC_OK)
        return run->emit_error = ZC_ERR_NOMEM;
    zc_claim_t *c = &run->claims[run->n_claims];
    memset(c, 0, sizeof *c);
    zc_arena_t *a = run->arena;
    c->doc = run->doc;
    c->plugin = call->plugin->info.name;
    if (!call->kind_copy || strcmp(call->kind_copy, r->kind) != 0)
        call->kind_copy = zc_arena_strdup(a, r->kind);
    c->kind = call->kind_copy;
    c->unit = zc_arena_strdup(a, r->unit);
    c->subject = r->subject && r->subject[0] ? zc_arena_strdup(a, r->subject) : NULL;
    c->metric = r->metric && r->metric[0] ? zc_arena_strdup(a, r->metric) : NULL;
    zc_normtext_map_span(&run->norm, r->start_byte, r->end_byte,
                         &c->start_byte, &c->end_byte);
    c->value = r->value;
    c->approx = r->approx;
    c->has_range = r->has_range;
    c->range_low = r->range_low;
    c->range_high = r->range_high;
    c->has_from = r->has_from;
    c->from = r->from;
    if (call->engine->with_sentence
        && sentence_of(run, r->start_byte, r->end_byte, &c->sentence) != ZC_OK)
        return run->emit_error = ZC_ERR_NOMEM;
    if (!c->kind || !c->unit || (r->subject && r->subject[0] && !c->subject)
        || (r->metric && r->metric[0] && !c->metric))
        return run->emit_error = ZC_ERR_NOMEM;
    run->n_claims++;
    return ZC_OK;
}

/* The document's matcher for a call on a document (one for all its
 * plugins' calls, which run one after another on one thread), the call's
 * own during init. */
static zc_matcher_t *call_matcher(zc_call_t *call)
{
    zc_matcher_t **slot = call->run ? &call->run->matcher : &call->matcher;
    if (!*slot)
        *slot = zc_matcher_new();
    return *slot;
}

/* The document's text is valid UTF-8 (the host wrote it), so PCRE2 need
 * not check it again on every match: that check walks the whole subject and
 * would make matching near each of a document's numbers quadratic. A window
 * of it is trusted only when it starts, ends and is matched from on
 * character boundaries. */
static int subject_is_document_text(const zc_call_t *call, const char *subject,
                                    size_t len, size_t start)
{
    if (!call->run)
        return 0;
    uintptr_t text = (uintptr_t)call->run->norm.text;
    size_t text_len = call->run->norm.len;
    uintptr_t at = (uintptr_t)subject;
    if (at < text || at > text + text_len || len > text_len - (at - text))
        return 0;
    const unsigned char *s = (const unsigned char *)subject;
    /* The subject's first byte too: PCRE2 may look behind start, down to
     * it. (At the end of the text, s[0] is the text's NUL.) */
    if (at != text && (s[0] & 0xC0) == 0x80)
        return 0;
    int boundary_start = start >= len || (s[start] & 0xC0) != 0x80;
    int boundary_end = len == text_len - (at - text) || (s[len] & 0xC0) != 0x80;
    return boundary_start && boundary_end;
}

static int host_regex_match(zc_call_t *call, const zc_regex_t *re,
                            const char *subject, size_t len, size_t start,
                            uint32_t options, zc_match_t *m)
{
    if (!call || !re || !subject || start > len)
        return -1;
    zc_matcher_t *matcher = call_matcher(call);
    if (!matcher)
        return -1;
    uint32_t trusted = 0;
    if (subject_is_document_text(call, subject, len, start))
        trusted = ZC_REGEX_TRUSTED_UTF8;
    /* The trust bit is the host's to give, never the plugin's. */
    int rc = zc_regex_match(matcher, re, subject, len, start,
                            (options & ~ZC_REGEX_TRUSTED_UTF8) | trusted, m);
    if (rc < 0)
        host_log(call, ZC_LOG_WARN, "a pattern hit its match limit at byte %zu",
                 start);
    return rc;
}

static int host_regex_match_groups(zc_call_t *call, const zc_regex_t *re,
                                   const char *subject, size_t len,
                                   size_t start, uint32_t options,
                                   zc_match_group_t *groups, size_t capacity,
                                   size_t *n_groups)
{
    if (!call || !re || !subject || start > len || (capacity && !groups))
        return -1;
    zc_matcher_t *matcher = call_matcher(call);
    if (!matcher)
        return -1;
    uint32_t trusted = 0;
    if (subject_is_document_text(call, subject, len, start))
        trusted = ZC_REGEX_TRUSTED_UTF8;
    int rc = zc_regex_match_groups(matcher, re, subject, len, start,
                                   (options & ~ZC_REGEX_TRUSTED_UTF8) | trusted,
                                   groups, capacity, n_groups);
    if (rc < 0)
        host_log(call, ZC_LOG_WARN, "a pattern hit its match limit at byte %zu",
                 start);
    return rc;
}

static zc_status_t host_supersede(zc_call_t *call, const char *kind)
{
    /* Only during init: the plugin's entry is not shared with any
     * extract() yet. */
    if (!call || call->run || !call->plugin || !kind || !kind[0])
        return ZC_ERR_INVALID;
    zc_loaded_plugin_t *lp = (zc_loaded_plugin_t *)call->plugin;
    char **grown = realloc(lp->supersedes, (lp->n_supersedes + 1) * sizeof *grown);
    if (!grown)
        return ZC_ERR_NOMEM;
    lp->supersedes = grown;
    if (!(grown[lp->n_supersedes] = strdup(kind)))
        return ZC_ERR_NOMEM;
    lp->n_supersedes++;
    return ZC_OK;
}

/* The option's value in effect (see plugin.h), NULL for an undeclared key. */
static const char *host_option(zc_call_t *call, const char *key)
{
    if (!call || !call->plugin || !key)
        return NULL;
    const zc_loaded_plugin_t *lp = call->plugin;
    const zc_plugin_option_t *opt = lp->desc->options;
    for (size_t i = 0; opt && opt[i].name; i++)
        if (strcmp(opt[i].name, key) == 0)
            return lp->option_values ? lp->option_values[i] : opt[i].default_value;
    return NULL;
}

static zc_status_t host_rules_read(zc_call_t *call, const char *name,
                                   char **data, size_t *len, char *err,
                                   size_t err_len)
{
    if (!call || !name || !data)
        return ZC_ERR_INVALID;
    return zc_engine_rules_read(call->engine, name, data, len, err, err_len);
}

static void host_rules_free(char *data) { free(data); }

/* The names of a rules folder, gathered from every rules directory. */
typedef struct name_list_t {
    char **names;
    size_t n, cap;
} name_list_t;

static zc_status_t name_list_add(name_list_t *l, const char *folder,
                                 const char *file)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **grown = realloc(l->names, cap * sizeof *grown);
        if (!grown)
            return ZC_ERR_NOMEM;
        l->names = grown;
        l->cap = cap;
    }
    size_t len = strlen(folder) + strlen(file) + 2;
    char *name = malloc(len);
    if (!name)
        return ZC_ERR_NOMEM;
    snprintf(name, len, "%s/%s", folder, file);
    l->names[l->n++] = name;
    return ZC_OK;
}

/* Regular files (symbolic links followed), not hidden ones. */
static int is_listed_file(const char *dir, const char *name, void *user)
{
    (void)user;
    if (name[0] == '.')
        return 0;
    char file[4600];
    struct stat sb;
    snprintf(file, sizeof file, "%s/%s", dir, name);
    return stat(file, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Add the regular files of dir/folder. */
static zc_status_t list_one_dir(name_list_t *l, const char *dir,
                                const char *folder)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, folder);
    char **files;
    size_t n;
    zc_status_t st = zc_dir_list(path, is_listed_file, NULL, &files, &n);
    if (st == ZC_ERR_NOT_FOUND)
        return ZC_OK; /* this directory has no such folder: nothing to add */
    for (size_t i = 0; st == ZC_OK && i < n; i++)
        st = name_list_add(l, folder, files[i]);
    zc_dir_list_free(files, n);
    return st;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* rules_lines(): the measures' line reader (lexicon.h) over a file. */
typedef struct lines_walk_t {
    zc_status_t (*each)(void *user, char *line, int line_no);
    void *user;
    zc_status_t status;
} lines_walk_t;

static void walk_line(void *user, char *line, int line_no)
{
    lines_walk_t *w = user;
    if (w->status == ZC_OK)
        w->status = w->each(w->user, line, line_no);
}

static zc_status_t host_rules_lines(zc_call_t *call, const char *name,
                                    zc_status_t (*each)(void *user, char *line,
                                                        int line_no),
                                    void *user, char *err, size_t err_len)
{
    if (!call || !name || !each)
        return ZC_ERR_INVALID;
    char *data = NULL;
    size_t len = 0;
    zc_status_t st = host_rules_read(call, name, &data, &len, err, err_len);
    if (st != ZC_OK)
        return st;
    lines_walk_t w = {each, user, ZC_OK};
    zc_rules_each_text_line(data, walk_line, &w);
    host_rules_free(data);
    return w.status;
}

static zc_status_t host_rules_list(zc_call_t *call, const char *folder,
                                   void (*each)(void *user, const char *name),
                                   void *user)
{
    if (!call || !folder || !each)
        return ZC_ERR_INVALID;
    /* Like rules_read(): relative names that stay inside the directories. */
    size_t flen = strlen(folder);
    while (flen > 0 && folder[flen - 1] == '/')
        flen--;
    if (flen == 0 || folder[0] == '/' || strstr(folder, "..")
        || flen >= 1024) {
        host_log(call, ZC_LOG_WARN, "bad rules folder name '%s'", folder);
        return ZC_ERR_INVALID;
    }
    char clean[1024];
    memcpy(clean, folder, flen);
    clean[flen] = '\0';
    name_list_t l = {0};
    const zc_engine_t *e = call->engine;
    zc_status_t st = ZC_OK;
    for (size_t i = 0; st == ZC_OK && i < e->n_rules_dirs; i++)
        st = list_one_dir(&l, e->rules_dirs[i], clean);
    if (st == ZC_OK && l.n > 1)
        qsort(l.names, l.n, sizeof *l.names, cmp_str);
    /* A name in several directories is listed once; rules_read() takes the
     * first directory's file. */
    for (size_t i = 0; st == ZC_OK && i < l.n; i++)
        if (i == 0 || strcmp(l.names[i], l.names[i - 1]) != 0)
            each(user, l.names[i]);
    for (size_t i = 0; i < l.n; i++)
        free(l.names[i]);
    free(l.names);
    return st;
}

static long host_number_at(const zc_doc_view_t *doc, size_t byte)
{
    size_t lo = 0, hi = doc->n_numbers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const zc_number_t *n = &doc->numbers[mid];
        if (byte < n->start_byte)
            hi = mid;
        else if (byte >= n->end_byte)
            lo = mid + 1;
        else
            return (long)mid;
    }
    return -1;
}

static const zc_host_t host_table = {
    .struct_size = sizeof(zc_host_t),
    .abi_major = ZC_PLUGIN_ABI_MAJOR,
    .abi_minor = ZC_PLUGIN_ABI_MINOR,
    .emit = host_emit,
    .log = host_log,
    .regex_compile = zc_regex_compile,
    .regex_free = zc_regex_free,
    .regex_group = zc_regex_group,
    .regex_match = host_regex_match,
    .rules_read = host_rules_read,
    .rules_free = host_rules_free,
    .number_at = host_number_at,
    .rules_list = host_rules_list,
    .regex_match_groups = host_regex_match_groups,
    .option = host_option,
    .supersede = host_supersede,
    .words_load = zc_host_words_load,
    .words_forward = zc_host_words_forward,
    .words_backward = zc_host_words_backward,
    .word_start = zc_host_word_start,
    .rules_lines = host_rules_lines,
    .measure_open = zc_host_measure_open,
    .measure_extract = zc_host_measure_extract,
};

const zc_host_t *zc_host_table(void) { return &host_table; }

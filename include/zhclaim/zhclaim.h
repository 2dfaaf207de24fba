/*
 * zhclaim/zhclaim.h - the library: turn a document's bytes into claims.
 *
 *     zc_engine_t *engine;
 *     zc_error_t err;
 *     zc_engine_config_t cfg = zc_engine_config_default();
 *     if (zc_engine_open(&cfg, &engine, &err) != ZC_OK) { report(err.message); }
 *     zc_result_t *res;
 *     if (zc_engine_extract(engine, "a.txt", bytes, n, &res, &err) == ZC_OK) {
 *         for (size_t i = 0; i < res->n_claims; i++) use(&res->claims[i]);
 *         zc_result_free(res);
 *     }
 *     zc_engine_close(engine);
 *
 * Ownership: an engine owns its plugins; a result owns its claims and every
 * string they point to, until zc_result_free(). The bytes passed to
 * zc_engine_extract() stay the caller's and may be freed once it returns.
 * One engine may extract from several threads at once.
 */
#ifndef ZHCLAIM_ZHCLAIM_H
#define ZHCLAIM_ZHCLAIM_H

#include <stdio.h>

#include "zhclaim/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ZC_VERSION "0.2.0"

/* Marks a function libzhclaim exports. The library is built with hidden
 * visibility, so a function declared in a public header without ZC_API is
 * not exported (and test_exports fails). */
#ifndef ZC_API
#if defined(__GNUC__)
#define ZC_API __attribute__((visibility("default")))
#else
#define ZC_API
#endif
#endif

/* The library's version at run time ("0.2.0"), which may differ from the
 * ZC_VERSION a caller was compiled with. A static string. */
ZC_API const char *zc_version(void);

/* A status and a message that names what failed and why. */
typedef struct zc_error_t {
    zc_status_t status;
    char message[512];
} zc_error_t;

/* Name of a status, for messages: "decode error". */
ZC_API const char *zc_status_name(zc_status_t status);

/* The printed form of an approx qualifier: "=", "~", ">", ">=", "<", "<=". */
ZC_API const char *zc_approx_symbol(zc_approx_t approx);

/* Format d in its shortest exact decimal form ("57.4", "84000000",
 * "33.333333333333336" never appears). Writes at most cap bytes including the
 * NUL; returns the length it needed. */
ZC_API size_t zc_decimal_format(zc_decimal_t d, char *buf, size_t cap);

/* d as a double, for comparisons and arithmetic that need not be exact. */
ZC_API double zc_decimal_to_double(zc_decimal_t d);

/* One claim in the output, SPEC section 1. */
typedef struct zc_claim_t {
    const char *doc;         /* the document's path as the user named it */
    const char *kind;
    const char *plugin;
    size_t start_byte;       /* half-open span in the ORIGINAL file bytes */
    size_t end_byte;
    const char *text;        /* the original bytes of the span, as UTF-8 */
    zc_decimal_t value;
    const char *unit;
    zc_approx_t approx;
    int has_range;
    zc_decimal_t range_low;
    zc_decimal_t range_high;
    const char *subject;     /* NULL when unknown */
    const char *metric;      /* NULL when none */
    int has_from;
    zc_decimal_t from;
    const char *sentence;    /* normalised sentence; NULL unless asked for */
} zc_claim_t;

/* A plugin failure on one document: the other plugins' claims are kept. */
typedef struct zc_plugin_failure_t {
    const char *plugin;
    zc_status_t status;
} zc_plugin_failure_t;

/* Where a claim stands on a page of a paged document (PDF, SPEC section 8). */
typedef struct zc_claim_place_t {
    unsigned page;           /* 1-based; 0 when the document has no pages */
    int has_bbox;
    double bbox[4];          /* x0, y0, x1, y1 in PDF points, origin top-left */
} zc_claim_place_t;

/* The claims of one document, in span order.
 *
 * ABI: the library allocates results, so fields are only ever appended at
 * the end and a caller built against an older header reads the prefix it
 * knows. Arrays of structs that may grow carry their element size: step
 * through claims with claim_size (never the caller's sizeof), places with
 * place_size. */
typedef struct zc_result_t {
    const char *doc;
    const char *encoding;            /* "UTF-8", "GB18030", "Big5", ... */
    size_t n_bytes;                  /* size of the original file */
    zc_claim_t *claims;
    size_t n_claims;
    zc_plugin_failure_t *failures;
    size_t n_failures;
    /* Appended in 0.2. */
    size_t claim_size;               /* sizeof(zc_claim_t) in the library */
    const char *format;              /* "text", "html", "pdf", "docx" */
    zc_claim_place_t *places;        /* NULL, or n_claims entries: claims[i]'s place */
    size_t place_size;               /* sizeof(zc_claim_place_t) in the library */
    const char *const *warnings;     /* n_warnings messages about this document */
    size_t n_warnings;               /* (a scanned page, a charset that lied) */
} zc_result_t;

/* The i-th claim or place of a result, stepping by the library's sizes. */
static inline const zc_claim_t *zc_result_claim(const zc_result_t *r, size_t i)
{
    return (const zc_claim_t *)(const void *)((const char *)r->claims + i * r->claim_size);
}

ZC_API void zc_result_free(zc_result_t *result);

typedef struct zc_engine_t zc_engine_t;

/* Called with each warning or log line (plugins refused, plugin messages).
 * May be called from several threads; the default prints to stderr. */
typedef void (*zc_message_fn)(void *user, zc_log_level_t level,
                              const char *message);

typedef struct zc_engine_config_t {
    size_t struct_size;
    /* Folders to load plugins from, tried in order after those named in
     * ZHCLAIM_PLUGIN_PATH; when none are given, the built-in default (the
     * build tree, or the install prefix) is used. */
    const char *const *plugin_dirs;
    size_t n_plugin_dirs;
    /* Folders to read rules files from, likewise (ZHCLAIM_RULES_PATH). */
    const char *const *rules_dirs;
    size_t n_rules_dirs;
    /* Comma-separated plugin names to run, or NULL for all. */
    const char *only_plugins;
    /* Add the normalised sentence to each claim. */
    int with_sentence;
    zc_message_fn on_message;  /* NULL: print to stderr */
    void *message_user;
    zc_log_level_t log_level;  /* messages above this level are dropped */
    /* Skip the environment and built-in folders: only the folders given. */
    int no_default_dirs;
    /* Load no plugin at all (only_plugins is then ignored): an engine that
     * only normalises, as `zhclaim normalize` needs. Added after
     * no_default_dirs; a caller built with an older, shorter config
     * (struct_size says so) gets 0. */
    int no_plugins;
    /* Appended in 0.2 (read only when struct_size covers them). Options
     * for plugins, each "NAME.KEY=VALUE" (`--plugin-opt`): init() and
     * extract() read them with zc_host_t.option(). An option a loaded
     * plugin does not declare, or one for a plugin that did not load, is
     * warned about; a malformed one fails zc_engine_open(). */
    const char *const *plugin_options;
    size_t n_plugin_options;
} zc_engine_config_t;

/* Fill the first size bytes of *config with the defaults, struct_size =
 * size. size is the caller's sizeof(zc_engine_config_t): a caller built
 * against an older, shorter header passes its own size, so nothing past
 * its struct is written, and the engine reads only what struct_size says.
 * This is the call for bindings (Python's ctypes) and anything else that
 * lays the struct out itself. */
ZC_API void zc_engine_config_init(zc_engine_config_t *config, size_t size);

/* The defaults by value. Inline, so that the struct copied is the
 * caller's own size: a struct returned by value from the library would be
 * written at the library's size into the caller's smaller one whenever a
 * field is appended. (Binaries built against the 0.1 header call an
 * exported zc_engine_config_default that returns exactly the 0.1 layout;
 * core/engine_config_compat.c keeps it.) */
#ifndef ZC_ENGINE_CONFIG_COMPAT
static inline zc_engine_config_t zc_engine_config_default(void)
{
    zc_engine_config_t c;
    zc_engine_config_init(&c, sizeof c);
    return c;
}
#endif

/* Load the plugins. Plugins that are refused or fail in init are reported
 * through on_message and skipped; the engine opens if at least the loading
 * machinery works (an engine with no plugin is valid, and finds nothing). */
ZC_API zc_status_t zc_engine_open(const zc_engine_config_t *config,
                           zc_engine_t **out, zc_error_t *err);

ZC_API void zc_engine_close(zc_engine_t *engine);

/* What zhclaim plugins lists. */
typedef struct zc_plugin_info_t {
    const char *name;
    const char *version;
    const char *description;
    const char *const *kinds;
    const char *file;
    unsigned abi_major;
    unsigned abi_minor;
    const zc_plugin_option_t *options;
    /* Appended in 0.2: the value in effect of each of options (parallel to
     * it; NULL where neither the user nor the default gives one). */
    const char *const *option_values;
} zc_plugin_info_t;

ZC_API size_t zc_engine_plugin_count(const zc_engine_t *engine);
ZC_API const zc_plugin_info_t *zc_engine_plugin(const zc_engine_t *engine,
                                         size_t index);

/* Extract the claims of one document from its original bytes. An empty
 * document gives an empty result. Bytes that are binary or in no known
 * encoding give ZC_ERR_DECODE with a message naming doc and the reason. */
ZC_API zc_status_t zc_engine_extract(zc_engine_t *engine, const char *doc,
                              const unsigned char *bytes, size_t n_bytes,
                              zc_result_t **out, zc_error_t *err);

/* Decode and normalise a document as the engine does (engine may be NULL:
 * the built-in noise set is used); errors name doc. *text (NUL-terminated UTF-8) is the
 * caller's, to free(). */
ZC_API zc_status_t zc_normalize(const zc_engine_t *engine, const char *doc,
                         const unsigned char *bytes, size_t n_bytes,
                         char **text, size_t *text_len, zc_error_t *err);

/* The text a document's spans refer to (SPEC section 8), as `zhclaim text`
 * prints it: for PDF and DOCX the text layer that their spans index (PDF
 * pages each ended by a form feed, DOCX paragraphs one per line); for text
 * and HTML, whose spans index the file's own bytes, the decoded visible
 * text. The format is read from the bytes as zc_engine_extract() does;
 * errors name doc and the reason. engine may be NULL. *text (NUL-terminated
 * UTF-8) is the caller's, to free(). */
ZC_API zc_status_t zc_document_text(const zc_engine_t *engine, const char *doc,
                             const unsigned char *bytes, size_t n_bytes,
                             char **text, size_t *text_len, zc_error_t *err);

/* Read a document's bytes as `zhclaim extract` reads a file: opened
 * non-blocking (a FIFO fails instead of hanging) and checked on the open
 * descriptor, only a regular file, at most max_bytes of it (0: no limit;
 * a file larger, or growing past it while read, gives ZC_ERR_LIMIT). Errors
 * name path and the reason ("PATH: cannot open: No such file or
 * directory"). *bytes (with a NUL after its *n_bytes bytes) is the
 * caller's, to free(). */
ZC_API zc_status_t zc_read_document(const char *path, size_t max_bytes,
                                    unsigned char **bytes, size_t *n_bytes,
                                    zc_error_t *err);

/* The index-th file-name glob (fnmatch(3)) of the documents the library
 * reads, "*.txt" ... "*.docx", and NULL past the last: what `zhclaim
 * extract` and the Python runner take from a folder when no --include is
 * given, so that both follow the formats the library knows. */
ZC_API const char *zc_document_glob(size_t index);

#ifdef __cplusplus
}
#endif

#endif /* ZHCLAIM_ZHCLAIM_H */

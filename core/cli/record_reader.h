/*
 * record_reader.h - claim records read back from JSON Lines (SPEC section
 * 1): the predictions `zhclaim eval` scores and the gold files it scores
 * them against (SPEC section 6).
 *
 * The reading is strict RFC 8259: a line that is not one JSON object, or a
 * record without `doc`, `kind`, `span` or `value`, or with a member of the
 * wrong type, is refused with the file, the line and the reason. Members
 * this reader does not know are skipped whatever their value.
 */
#ifndef ZC_CLI_RECORD_READER_H
#define ZC_CLI_RECORD_READER_H

#include <stddef.h>

/* One record. Strings are NUL-terminated UTF-8 owned by the set; absent
 * optional strings are NULL (JSON null counts as absent). */
typedef struct zc_rec_t {
    char *doc;
    char *kind;
    char *plugin;
    size_t start, end;       /* the span */
    char *text;
    double value;
    char *value_text;        /* the number as written, for messages */
    char *unit;
    char *approx;
    char *subject;
    char *metric;
    int has_from;
    double from;
    char *from_text;
    int has_range;
    double range[2];
    int optional;            /* gold: "optional": true */
    size_t line;             /* 1-based line in its file */
    const char *file;        /* the file it came from (owned by the set) */
} zc_rec_t;

typedef struct zc_rec_set_t {
    zc_rec_t *recs;
    size_t n, cap;
    char **files;            /* names of the files read, owned */
    size_t n_files;
} zc_rec_set_t;

/* Parse one line (no newline needed) into *out; on failure returns -1 and
 * writes why into err ("column 12: expected ':'", "lacks 'span'"). */
int zc_rec_parse(const char *line, size_t len, zc_rec_t *out, char *err, size_t err_cap);
void zc_rec_clear(zc_rec_t *r);

/* Append every record of a JSON Lines file (blank lines skipped). Returns
 * 0, or -1 with "FILE:LINE: why" (or "FILE: why") in err. */
int zc_rec_set_read(zc_rec_set_t *set, const char *path, char *err, size_t err_cap);
/* Append a copy of r (strings duplicated); 0 or -1 when memory runs out. */
int zc_rec_set_add(zc_rec_set_t *set, zc_rec_t *r);
void zc_rec_set_free(zc_rec_set_t *set);

/* The base name of a document path ("corpus/a.txt" -> "a.txt"): records
 * are matched to gold by it. Points into path. */
const char *zc_rec_basename(const char *path);

#endif

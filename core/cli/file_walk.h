/*
 * file_walk.h - the documents named on the command line.
 *
 * Files are taken as named; folders are walked recursively in sorted order
 * (so output order never depends on the file system), keeping files whose
 * base name matches an include glob and no exclude glob. Symbolic links to
 * folders are followed once: a link back to a folder being walked (a loop)
 * or to a folder already walked is not followed, and noted. Every file is
 * listed once, however many roots or links reach it (`extract d d/sub`, a
 * file named twice, a hard link): the later paths are noted. What is not a
 * regular file is reported, not read (nothing is opened: a FIFO never
 * blocks the walk).
 */
#ifndef ZC_CLI_FILE_WALK_H
#define ZC_CLI_FILE_WALK_H

#include <stddef.h>

typedef struct zc_walk_options_t {
    const char *const *include; /* globs on the base name; NULL: defaults */
    size_t n_include;
    const char *const *exclude;
    size_t n_exclude;
} zc_walk_options_t;

/* One path found: a document to read, a problem to report (a document
 * that failed), or a note (not a document: a folder link not followed). */
typedef struct zc_walk_entry_t {
    char *path;    /* as the user would name it: given root + relative path */
    char *problem; /* NULL for a document; else why it is skipped */
    int is_note;   /* problem is only a note: not a document, not an error */
    long long size; /* bytes, as stat saw them (for progress); 0 if unknown */
} zc_walk_entry_t;

typedef struct zc_walk_list_t {
    zc_walk_entry_t *entries;
    size_t n;
    size_t cap;
} zc_walk_list_t;

/* Add the documents under each root (a file or a folder), in the order
 * given, to list. Returns 0, or -1 when memory ran out. A missing root
 * becomes an entry with a problem. */
int zc_walk(const char *const *roots, size_t n_roots, const zc_walk_options_t *opts,
            zc_walk_list_t *list);
void zc_walk_list_free(zc_walk_list_t *list);

#endif

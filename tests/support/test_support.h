/* test_support.h - small helpers shared by the cmocka programs (linked into
 * every one of them). Each fails the running test on an error. */
#ifndef ZC_TEST_SUPPORT_H
#define ZC_TEST_SUPPORT_H

#include <stddef.h>

/* The seed and development documents, and the CLI tests' Python helper. */
#define CORPUS_DIR ZC_TEST_DATA_DIR "/../../corpus"
#define DB_TOOL "python3 " ZC_TEST_DATA_DIR "/cli/db_tool.py"

/* Read a whole file; the caller frees. Fails the test when unreadable. */
char *zc_test_read_file(const char *path, size_t *len);

/* Write len bytes to path; fails the test on error. */
void zc_test_write_file(const char *path, const void *data, size_t len);

/* A fresh temporary directory (mkdtemp); the caller frees the string and
 * removes the directory with zc_test_remove_tree(). */
char *zc_test_tmpdir(void);
void zc_test_remove_tree(const char *path);

/* Run a shell command, capturing stdout into *out (caller frees) when out is
 * not NULL; returns the exit status (or -1 when killed by a signal). */
int zc_test_run(const char *command, char **out);

/* zc_test_run() of a command built from a printf format. */
__attribute__((format(printf, 2, 3)))
int run(char **out, const char *format, ...);

/* A formatted string, the caller's to free. */
__attribute__((format(printf, 1, 2)))
char *fmt(const char *format, ...);

/* The corpus documents' names (*.txt in CORPUS_DIR), sorted, *n of them
 * (at least one); NULL-terminated, freed with free_names. */
char **corpus_names(size_t *n);
void free_names(char **names);

/* Copy every corpus document into dir, `copies` times (copy i of a.txt is
 * c<i>_a.txt), so a folder has enough documents to keep threads busy.
 * Returns the number of files made. */
size_t copy_corpus(const char *dir, int copies);

/* Small documents: the corpus cut into lines of at least 40 bytes, exactly
 * `max` of them, as p0000.txt, p0001.txt, ... in dir. Many documents in
 * little time, for the tests that need a run interrupted part-way. */
size_t paragraph_docs(const char *dir, size_t max);

/* The number of '\n' in s. */
size_t count_lines(const char *s);

#endif

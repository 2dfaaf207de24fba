/* test_support.h - small helpers shared by the cmocka programs. */
#ifndef ZC_TEST_SUPPORT_H
#define ZC_TEST_SUPPORT_H

#include <stddef.h>

/* Read a whole file; the caller frees. Fails the test when unreadable. */
char *zc_test_read_file(const char *path, size_t *len);

/* Write len bytes to path; fails the test on error. */
void zc_test_write_file(const char *path, const void *data, size_t len);

/* A fresh temporary directory (mkdtemp); the caller frees the string and
 * removes the directory with zc_test_remove_tree(). */
char *zc_test_tmpdir(void);
void zc_test_remove_tree(const char *path);

/* Run a shell command, capturing stdout into *out (caller frees) when out is
 * not NULL; returns the exit status (or -1). */
int zc_test_run(const char *command, char **out);

#endif

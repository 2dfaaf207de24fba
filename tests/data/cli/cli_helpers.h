/*
 * cli_helpers.h - what the test_cli_*.c programs share: running the built
 * zhclaim command on folders made from the corpus, and reading back what it
 * wrote. Included (not linked) by each program, after cmocka.h.
 */
#ifndef ZC_TEST_CLI_HELPERS_H
#define ZC_TEST_CLI_HELPERS_H

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

#define CORPUS_DIR ZC_TEST_DATA_DIR "/../../corpus"
#define DB_TOOL "python3 " ZC_TEST_DATA_DIR "/cli/db_tool.py"

/* A formatted string, the caller's to free. */
__attribute__((format(printf, 1, 2), unused))
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* Run a shell command built from a format; stdout into *out (if not NULL).
 * Returns the exit status, or -1 when killed by a signal. */
__attribute__((format(printf, 2, 3), unused))
static int run(char **out, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *cmd = malloc((size_t)n + 1);
    assert_non_null(cmd);
    va_start(ap, f);
    vsnprintf(cmd, (size_t)n + 1, f, ap);
    va_end(ap);
    int rc = zc_test_run(cmd, out);
    free(cmd);
    return rc;
}

/* The corpus documents' names, sorted; NULL-terminated, the caller frees
 * with free_names. */
static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

__attribute__((unused)) static char **corpus_names(size_t *n)
{
    DIR *d = opendir(CORPUS_DIR);
    assert_non_null(d);
    char **names = calloc(256, sizeof *names);
    assert_non_null(names);
    size_t k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && k < 255)
        if (strstr(e->d_name, ".txt"))
            names[k++] = strdup(e->d_name);
    closedir(d);
    qsort(names, k, sizeof *names, cmp_name);
    assert_true(k > 0);
    *n = k;
    return names;
}

__attribute__((unused)) static void free_names(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

/* Copy every corpus document into dir, `copies` times (copy i of a.txt is
 * c<i>_a.txt), so a folder has enough documents to keep threads busy. */
__attribute__((unused)) static size_t copy_corpus(const char *dir, int copies)
{
    size_t n;
    char **names = corpus_names(&n);
    size_t made = 0;
    for (size_t i = 0; i < n; i++) {
        char *src = fmt("%s/%s", CORPUS_DIR, names[i]);
        size_t len;
        char *bytes = zc_test_read_file(src, &len);
        for (int c = 0; c < copies; c++) {
            char *dst = fmt("%s/c%02d_%s", dir, c, names[i]);
            zc_test_write_file(dst, bytes, len);
            free(dst);
            made++;
        }
        free(bytes);
        free(src);
    }
    free_names(names);
    return made;
}

/* Small documents: the corpus cut into paragraphs (blank-line or newline
 * separated runs of at least 40 bytes), up to `max` of them, as
 * p0000.txt, p0001.txt, ... Many documents in little time, for the tests
 * that need a run to be interrupted part-way. */
__attribute__((unused)) static size_t paragraph_docs(const char *dir, size_t max)
{
    size_t n, made = 0;
    char **names = corpus_names(&n);
    for (int round = 0; made < max && round < 100; round++) {
        for (size_t i = 0; i < n && made < max; i++) {
            char *src = fmt("%s/%s", CORPUS_DIR, names[i]);
            char *text = zc_test_read_file(src, NULL);
            char *save = NULL;
            for (char *p = strtok_r(text, "\n", &save); p && made < max;
                 p = strtok_r(NULL, "\n", &save)) {
                if (strlen(p) < 40)
                    continue;
                char *dst = fmt("%s/p%04zu.txt", dir, made++);
                char *body = fmt("%s\n", p);
                zc_test_write_file(dst, body, strlen(body));
                free(body);
                free(dst);
            }
            free(text);
            free(src);
        }
    }
    free_names(names);
    assert_int_equal(made, max);
    return made;
}

__attribute__((unused)) static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

__attribute__((unused)) static char *slurp(const char *path)
{
    return zc_test_read_file(path, NULL);
}

#endif

/* test_support.c - small helpers shared by the cmocka programs. */
#include "test_support.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

/* Everything left in f, NUL-terminated; *len (if not NULL) its length. */
static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            char *bigger = realloc(buf, cap + 1);
            assert_non_null(bigger);
            buf = bigger;
        }
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *zc_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = read_stream(f, len);
    fclose(f);
    return buf;
}

void zc_test_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot create %s", path);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *zc_test_tmpdir(void)
{
    char tmpl[] = "/tmp/zhclaim-test-XXXXXX";
    if (!mkdtemp(tmpl))
        fail_msg("mkdtemp failed");
    return strdup(tmpl);
}

void zc_test_remove_tree(const char *path)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fail_msg("cannot remove %s", path);
}

int zc_test_run(const char *command, char **out)
{
    FILE *p = popen(command, "r");
    if (!p)
        return -1;
    char *buf = read_stream(p, NULL);
    int status = pclose(p);
    if (out)
        *out = buf;
    else
        free(buf);
    if (status == -1 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static char *vfmt(const char *format, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, format, ap);
    assert_true(n >= 0);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    vsnprintf(s, (size_t)n + 1, format, again);
    va_end(again);
    return s;
}

char *fmt(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *s = vfmt(format, ap);
    va_end(ap);
    return s;
}

int run(char **out, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *cmd = vfmt(format, ap);
    va_end(ap);
    int rc = zc_test_run(cmd, out);
    free(cmd);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **corpus_names(size_t *n)
{
    DIR *d = opendir(CORPUS_DIR);
    assert_non_null(d);
    size_t cap = 16, k = 0;
    char **names = malloc(cap * sizeof *names);
    assert_non_null(names);
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        if (k + 1 == cap) {
            cap *= 2;
            char **bigger = realloc(names, cap * sizeof *names);
            assert_non_null(bigger);
            names = bigger;
        }
        names[k] = strdup(e->d_name);
        assert_non_null(names[k]);
        k++;
    }
    closedir(d);
    names[k] = NULL;
    qsort(names, k, sizeof *names, cmp_name);
    assert_true(k > 0);
    *n = k;
    return names;
}

void free_names(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

size_t copy_corpus(const char *dir, int copies)
{
    size_t n, made = 0;
    char **names = corpus_names(&n);
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

size_t paragraph_docs(const char *dir, size_t max)
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

size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

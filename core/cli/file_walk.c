/* file_walk.c - finding the documents under the paths given. */
#include "file_walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const default_include[] = {"*.txt", "*.text", "*.md"};

typedef struct visited_t {
    dev_t dev;
    ino_t ino;
} visited_t;

typedef struct walk_state_t {
    const zc_walk_options_t *opts;
    zc_walk_list_t *list;
    visited_t *seen;
    size_t n_seen;
    size_t cap_seen;
} walk_state_t;

static int add_entry(zc_walk_list_t *list, const char *path, const char *problem)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        zc_walk_entry_t *e = realloc(list->entries, cap * sizeof *e);
        if (!e)
            return -1;
        list->entries = e;
        list->cap = cap;
    }
    zc_walk_entry_t *e = &list->entries[list->n];
    e->path = strdup(path);
    e->problem = problem ? strdup(problem) : NULL;
    if (!e->path || (problem && !e->problem)) {
        free(e->path);
        free(e->problem);
        return -1;
    }
    list->n++;
    return 0;
}

static int matches_any(const char *name, const char *const *globs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0)
            return 1;
    return 0;
}

static int wanted(const walk_state_t *w, const char *name)
{
    const zc_walk_options_t *o = w->opts;
    const char *const *inc = o && o->n_include ? o->include : default_include;
    size_t n_inc = o && o->n_include ? o->n_include
                                     : sizeof default_include / sizeof *default_include;
    if (!matches_any(name, inc, n_inc))
        return 0;
    return !(o && matches_any(name, o->exclude, o->n_exclude));
}

/* Returns 1 when the folder was seen before (a link loop or a second
 * link to it), else records it. -1 when memory ran out. */
static int seen_before(walk_state_t *w, const struct stat *st)
{
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
            return 1;
    if (w->n_seen == w->cap_seen) {
        size_t cap = w->cap_seen ? w->cap_seen * 2 : 16;
        visited_t *v = realloc(w->seen, cap * sizeof *v);
        if (!v)
            return -1;
        w->seen = v;
        w->cap_seen = cap;
    }
    w->seen[w->n_seen++] = (visited_t){st->st_dev, st->st_ino};
    return 0;
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_path(walk_state_t *w, const char *path, int is_root);

static int walk_dir(walk_state_t *w, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        char why[300];
        snprintf(why, sizeof why, "cannot open folder: %s", strerror(errno));
        return add_entry(w->list, path, why);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    const struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files are not reports */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **g = realloc(names, cap * sizeof *g);
            if (!g) {
                rc = -1;
                break;
            }
            names = g;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            rc = -1;
            break;
        }
        snprintf(names[n], len, "%s%s%s", path,
                 path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        n++;
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, cmp_strings);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            rc = walk_path(w, names[i], 0);
        free(names[i]);
    }
    free(names);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int walk_path(walk_state_t *w, const char *path, int is_root)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        char why[300];
        /* A dangling link inside a folder is noise unless it looks like a
         * document; a missing root is always an error. */
        if (!is_root && !wanted(w, base_name(path)))
            return 0;
        snprintf(why, sizeof why, "%s", strerror(errno));
        return add_entry(w->list, path, why);
    }
    if (S_ISDIR(st.st_mode)) {
        int seen = seen_before(w, &st);
        if (seen < 0)
            return -1;
        return seen ? 0 : walk_dir(w, path);
    }
    if (!is_root && !wanted(w, base_name(path)))
        return 0;
    if (!S_ISREG(st.st_mode))
        return add_entry(w->list, path, "not a regular file");
    return add_entry(w->list, path, NULL);
}

int zc_walk(const char *root, const zc_walk_options_t *opts, zc_walk_list_t *list)
{
    walk_state_t w = {.opts = opts, .list = list};
    int rc = walk_path(&w, root, 1);
    free(w.seen);
    return rc;
}

void zc_walk_list_free(zc_walk_list_t *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->entries[i].path);
        free(list->entries[i].problem);
    }
    free(list->entries);
    memset(list, 0, sizeof *list);
}

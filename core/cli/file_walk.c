/* file_walk.c - finding the documents under the paths given. */
#include "file_walk.h"

#include "zhclaim/zhclaim.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct dir_id_t {
    dev_t dev;
    ino_t ino;
} dir_id_t;

typedef struct id_set_t {
    dir_id_t *ids;
    size_t n;
    size_t cap;
} id_set_t;

/* The files listed so far: a hash set, since a corpus may hold very many. */
typedef struct file_set_t {
    dir_id_t *slots;
    unsigned char *used; /* used[i]: slots[i] holds a file */
    size_t n;
    size_t cap;      /* a power of two, or 0 */
} file_set_t;

/* One state for every root of a run, so that a folder or file reached from
 * two roots (`extract d d/sub`) is listed once. */
typedef struct walk_state_t {
    const zc_walk_options_t *opts;
    zc_walk_list_t *list;
    id_set_t seen;      /* every folder walked */
    id_set_t ancestors; /* the folders above the current one: a stack */
    file_set_t files;   /* every file listed */
} walk_state_t;

static int add_entry(zc_walk_list_t *list, const char *path, const char *problem,
                     int is_note, long long size)
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
    e->is_note = is_note;
    e->size = size;
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
    if (o && o->n_include) {
        if (!matches_any(name, o->include, o->n_include))
            return 0;
    } else {
        int any = 0;
        for (size_t i = 0; !any && zc_document_glob(i); i++)
            any = fnmatch(zc_document_glob(i), name, 0) == 0;
        if (!any)
            return 0;
    }
    return !(o && matches_any(name, o->exclude, o->n_exclude));
}

static int id_in(const id_set_t *s, const struct stat *st)
{
    /* Linear: folders nest a few levels deep, and a corpus has few
     * folders next to its many files. */
    for (size_t i = 0; i < s->n; i++)
        if (s->ids[i].dev == st->st_dev && s->ids[i].ino == st->st_ino)
            return 1;
    return 0;
}

static int id_push(id_set_t *s, const struct stat *st)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        dir_id_t *v = realloc(s->ids, cap * sizeof *v);
        if (!v)
            return -1;
        s->ids = v;
        s->cap = cap;
    }
    s->ids[s->n++] = (dir_id_t){st->st_dev, st->st_ino};
    return 0;
}

static size_t file_hash(dev_t dev, ino_t ino)
{
    unsigned long long h = (unsigned long long)ino * 0x9e3779b97f4a7c15ull;
    h ^= (unsigned long long)dev + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
    return (size_t)(h ^ (h >> 29));
}

/* Add st's file to the set. Returns 1 when it was new, 0 when it was
 * there already, -1 when memory ran out. */
static int file_add(file_set_t *s, const struct stat *st)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        file_set_t g = {calloc(cap, sizeof *g.slots), calloc(cap, 1), 0, cap};
        if (!g.slots || !g.used) {
            free(g.slots);
            free(g.used);
            return -1;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->used[i])
                continue;
            size_t k = file_hash(s->slots[i].dev, s->slots[i].ino) & (cap - 1);
            while (g.used[k])
                k = (k + 1) & (cap - 1);
            g.slots[k] = s->slots[i];
            g.used[k] = 1;
        }
        g.n = s->n;
        free(s->slots);
        free(s->used);
        *s = g;
    }
    size_t k = file_hash(st->st_dev, st->st_ino) & (s->cap - 1);
    for (; s->used[k]; k = (k + 1) & (s->cap - 1))
        if (s->slots[k].dev == st->st_dev && s->slots[k].ino == st->st_ino)
            return 0;
    s->slots[k] = (dir_id_t){st->st_dev, st->st_ino};
    s->used[k] = 1;
    s->n++;
    return 1;
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
        return add_entry(w->list, path, why, 0, 0);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    size_t plen = strlen(path);
    const char *sep = plen && path[plen - 1] == '/' ? "" : "/";
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
        size_t len = plen + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            rc = -1;
            break;
        }
        snprintf(names[n], len, "%s%s%s", path, sep, e->d_name);
        n++;
    }
    closedir(d);
    /* Sorted by byte value, so the order (and the output) never depends
     * on the file system or the locale. */
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
        /* A path beyond PATH_MAX cannot be opened at all: whatever is under
         * it, or it, is lost to the run, which must say so and fail. */
        if (errno == ENAMETOOLONG) {
            snprintf(why, sizeof why, "path of %zu bytes, longer than PATH_MAX (%d); not read",
                     strlen(path), (int)PATH_MAX);
            return add_entry(w->list, path, why, 0, 0);
        }
        if (errno == ELOOP && !is_root && !wanted(w, base_name(path)))
            return add_entry(w->list, path, "symbolic link loop, not followed", 1, 0);
        /* A dangling link inside a folder is noise unless it looks like a
         * document; a missing root is always an error. */
        if (!is_root && !wanted(w, base_name(path)))
            return 0;
        if (errno == ELOOP)
            snprintf(why, sizeof why, "symbolic link loop (%s)", strerror(errno));
        else
            snprintf(why, sizeof why, "%s", strerror(errno));
        return add_entry(w->list, path, why, 0, 0);
    }
    if (S_ISDIR(st.st_mode)) {
        if (id_in(&w->ancestors, &st))
            return add_entry(w->list, path,
                             "symbolic link loop (to a folder above it), not followed", 1, 0);
        if (id_in(&w->seen, &st))
            return add_entry(w->list, path,
                             "folder already walked through another path, not walked again",
                             1, 0);
        if (id_push(&w->seen, &st) != 0 || id_push(&w->ancestors, &st) != 0)
            return -1;
        int rc = walk_dir(w, path);
        w->ancestors.n--;
        return rc;
    }
    if (!is_root && !wanted(w, base_name(path)))
        return 0;
    if (!S_ISREG(st.st_mode))
        return add_entry(w->list, path, "not a regular file", 0, 0);
    int added = file_add(&w->files, &st);
    if (added < 0)
        return -1;
    if (added == 0)
        return add_entry(w->list, path, "file already listed through another path, not read again",
                         1, 0);
    return add_entry(w->list, path, NULL, 0, (long long)st.st_size);
}

int zc_walk(const char *const *roots, size_t n_roots, const zc_walk_options_t *opts,
            zc_walk_list_t *list)
{
    walk_state_t w = {.opts = opts, .list = list};
    int rc = 0;
    for (size_t i = 0; i < n_roots && rc == 0; i++)
        rc = walk_path(&w, roots[i], 1);
    free(w.seen.ids);
    free(w.ancestors.ids);
    free(w.files.slots);
    free(w.files.used);
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

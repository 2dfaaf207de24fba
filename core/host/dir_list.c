/* dir_list.c - a folder's entries, filtered and sorted (dir_list.h). */
#include "dir_list.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void zc_dir_list_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

zc_status_t zc_dir_list(const char *dir, zc_dir_filter_fn keep, void *user,
                        char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return ZC_ERR_NOT_FOUND;
    char **list = NULL;
    size_t count = 0, cap = 0;
    zc_status_t st = ZC_OK;
    const struct dirent *e;
    while (st == ZC_OK && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (keep && !keep(dir, name, user))
            continue;
        if (count == cap) {
            size_t grown_cap = cap ? cap * 2 : 16;
            char **grown = realloc(list, grown_cap * sizeof *grown);
            if (!grown) {
                st = ZC_ERR_NOMEM;
                break;
            }
            list = grown;
            cap = grown_cap;
        }
        list[count] = strdup(name);
        if (!list[count])
            st = ZC_ERR_NOMEM;
        else
            count++;
    }
    closedir(d);
    if (st != ZC_OK) {
        zc_dir_list_free(list, count);
        return st;
    }
    if (count > 1)
        qsort(list, count, sizeof *list, cmp_names);
    *names = list;
    *n = count;
    return ZC_OK;
}

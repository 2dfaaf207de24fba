/* dir_list.h - a folder's entries, filtered and sorted. */
#ifndef ZC_CORE_DIR_LIST_H
#define ZC_CORE_DIR_LIST_H

#include <stddef.h>

#include "zhclaim/plugin.h"

/* Whether to list entry name of folder dir. */
typedef int (*zc_dir_filter_fn)(const char *dir, const char *name, void *user);

/* The names (not paths) of dir's entries other than . and .. that keep
 * accepts (NULL: all), sorted by strcmp so that nothing depends on the
 * file system's order. *names and its strings are the caller's
 * (zc_dir_list_free). A folder that cannot be opened is ZC_ERR_NOT_FOUND,
 * a failed allocation ZC_ERR_NOMEM; either way *names is NULL and *n 0. */
zc_status_t zc_dir_list(const char *dir, zc_dir_filter_fn keep, void *user,
                        char ***names, size_t *n);
void zc_dir_list_free(char **names, size_t n);

#endif

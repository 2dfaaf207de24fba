/* doc_failure.c - why a document failed (see doc_failure.h). */
#include "doc_failure.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *zc_doc_failure_reason(const char *message, const char *doc)
{
    size_t k = strlen(doc);
    if (strncmp(message, doc, k) == 0 && message[k] == ':' && message[k + 1] == ' ')
        return message + k + 2;
    return message;
}

void zc_doc_failure_read(const char *path, const zc_error_t *err, size_t max_bytes,
                         char *out, size_t cap, size_t *n_bytes)
{
    if (err->status != ZC_ERR_LIMIT) {
        snprintf(out, cap, "%s", zc_doc_failure_reason(err->message, path));
        return;
    }
    /* The reader stops at the limit: the size is the file's, as the user
     * set the limit against it. */
    struct stat sb;
    if (stat(path, &sb) == 0 && (uintmax_t)sb.st_size > (uintmax_t)max_bytes) {
        snprintf(out, cap, "larger than --max-bytes (%lld > %zu bytes)",
                 (long long)sb.st_size, max_bytes);
        *n_bytes = (size_t)sb.st_size;
    } else {
        snprintf(out, cap, "larger than --max-bytes (grew past %zu bytes while read)",
                 max_bytes);
    }
}

void zc_doc_failure_plugins(const zc_result_t *res, char *out, size_t cap)
{
    size_t used = (size_t)snprintf(out, cap, "plugin failed: ");
    for (size_t i = 0; i < res->n_failures && used < cap; i++) {
        int k = snprintf(out + used, cap - used, "%s%s (%s)", i ? ", " : "",
                         res->failures[i].plugin, zc_status_name(res->failures[i].status));
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

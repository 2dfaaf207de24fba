/* rules_files.c - reading a rules file from the engine's rules folders. */
#include "rules_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine_internal.h"
#include "decode.h"
#include "utf8.h"

/* Rules files are UTF-8: a word or unit in GBK would be matched against
 * nothing and copied into records as invalid JSON. Returns 0, or -1 with
 * err naming path:line, the column and the byte. */
static int check_rules_utf8(const char *path, const unsigned char *s, size_t n,
                            char *err, size_t err_len)
{
    size_t line = 1, line_start = 0, k;
    int32_t cp;
    for (size_t i = 0; i < n; i += k) {
        k = zc_utf8_next(s + i, n - i, &cp);
        if (k == 0) {
            if (err && err_len)
                snprintf(err, err_len,
                         "%s:%zu: not UTF-8 (byte 0x%02X at column %zu); rules files must be UTF-8",
                         path, line, s[i], i - line_start + 1);
            return -1;
        }
        if (s[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    return 0;
}

zc_status_t zc_engine_rules_read(const zc_engine_t *engine, const char *name,
                                 char **data, size_t *len, char *err,
                                 size_t err_len)
{
    /* Rules names are relative and stay inside the rules directories. */
    if (!name || !*name || name[0] == '/' || strstr(name, "..")) {
        if (err && err_len)
            snprintf(err, err_len, "bad rules file name '%s'", name ? name : "");
        return ZC_ERR_INVALID;
    }
    for (size_t i = 0; i < engine->n_rules_dirs; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", engine->rules_dirs[i], name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        unsigned char *bytes;
        size_t n;
        zc_error_t e;
        zc_status_t rc = zc_read_file(path, &bytes, &n, &e);
        if (rc != ZC_OK) {
            if (err && err_len)
                snprintf(err, err_len, "%s", e.message);
            return rc;
        }
        if (check_rules_utf8(path, bytes, n, err, err_len) != 0) {
            free(bytes);
            return ZC_ERR_DECODE;
        }
        *data = (char *)bytes;
        if (len)
            *len = n;
        return ZC_OK;
    }
    if (err && err_len) {
        size_t used = (size_t)snprintf(err, err_len, "rules file %s not found in", name);
        for (size_t i = 0; i < engine->n_rules_dirs && used < err_len; i++)
            used += (size_t)snprintf(err + used, err_len - used, " %s",
                                     engine->rules_dirs[i]);
    }
    return ZC_ERR_NOT_FOUND;
}

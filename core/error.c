/* error.c - status names and error messages. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

zc_status_t zc_error_set(zc_error_t *err, zc_status_t status, const char *fmt,
                         ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

const char *zc_status_name(zc_status_t status)
{
    switch (status) {
    case ZC_OK: return "ok";
    case ZC_ERR_NOMEM: return "out of memory";
    case ZC_ERR_IO: return "i/o error";
    case ZC_ERR_DECODE: return "decode error";
    case ZC_ERR_INVALID: return "invalid input";
    case ZC_ERR_PATTERN: return "pattern error";
    case ZC_ERR_LIMIT: return "limit reached";
    case ZC_ERR_PLUGIN: return "plugin error";
    case ZC_ERR_NOT_FOUND: return "not found";
    }
    return "unknown status";
}

const char *zc_approx_symbol(zc_approx_t approx)
{
    static const char *const symbols[] = {"=", "~", ">", ">=", "<", "<="};
    if ((unsigned)approx < sizeof symbols / sizeof symbols[0])
        return symbols[approx];
    return "=";
}

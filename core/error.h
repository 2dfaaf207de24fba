/* error.h - filling a zc_error_t. */
#ifndef ZC_CORE_ERROR_H
#define ZC_CORE_ERROR_H

#include "zhclaim/zhclaim.h"

/* Set err (which may be NULL) to status and a printf-style message; returns
 * status so a caller can `return zc_error_set(err, ...)`. */
zc_status_t zc_error_set(zc_error_t *err, zc_status_t status, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

#endif

/*
 * rules_files.h - a rules file by name from the engine's rules folders (the
 * first that has it), checked to be UTF-8. The engine reads noise.txt with
 * it and the host serves plugins' rules_read with it.
 */
#ifndef ZC_CORE_RULES_FILES_H
#define ZC_CORE_RULES_FILES_H

#include <stddef.h>

#include "zhclaim/zhclaim.h"

/* *data (malloc'd, the caller's) and *len; a relative name only. On failure
 * err (when given) says why, naming file:line for bytes that are not UTF-8. */
zc_status_t zc_engine_rules_read(const zc_engine_t *engine, const char *name,
                                 char **data, size_t *len, char *err,
                                 size_t err_len);

#endif

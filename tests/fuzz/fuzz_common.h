/*
 * fuzz_common.h - what the fuzz targets share: an engine opened on the
 * build tree's plugins and a chosen rules folder, its messages dropped
 * (a fuzzer's log would otherwise be nothing but refused records).
 */
#ifndef ZC_FUZZ_COMMON_H
#define ZC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "zhclaim/zhclaim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Open an engine on ZC_FUZZ_PLUGIN_DIR with rules from rules_dirs (tried in
 * order), running only the plugins named (NULL: all). NULL on failure. */
zc_engine_t *zc_fuzz_engine(const char *only, const char *const *rules_dirs,
                            size_t n_rules_dirs);

/* Write size bytes to path (replacing it); abort()s on failure, since a
 * target that cannot write its input tests nothing. */
void zc_fuzz_write_file(const char *path, const uint8_t *data, size_t size);

/* A fresh folder under TMPDIR for a target's rules files; abort()s on
 * failure. The caller's, to free(). */
char *zc_fuzz_temp_dir(const char *tag);

/* Check what every result must satisfy, abort() when it does not: spans in
 * the document's bytes, non-empty, in order, texts present. */
void zc_fuzz_check_result(const zc_result_t *r, size_t n_bytes);

#endif
